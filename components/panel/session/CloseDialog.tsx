import type { ComponentChildren } from 'preact';
import { ModalForm } from '@/components/ui/ModalForm';

interface Props {
  title: string;
  confirmLabel: string;
  busy: boolean;
  error?: string;
  /** The error's id, for the field it is about (`aria-describedby`). */
  errorId?: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** A confirmation: open on Cancel, the safe choice. */
  safeFocus?: boolean;
  children: ComponentChildren;
}

/** The Resolve / Escalate dialog: a native modal <dialog> (focus trap and Escape come with it). */
export function CloseDialog({
  title,
  confirmLabel,
  busy,
  error,
  errorId,
  onConfirm,
  onCancel,
  safeFocus,
  children,
}: Props) {
  const titleId = `fp-s-dialog-${confirmLabel.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <ModalForm class="fp-s-dialog" labelledBy={titleId} onSubmit={onConfirm} onCancel={onCancel}>
      <h2 id={titleId}>{title}</h2>
      {children}
      {error && (
        <p role="alert" class="fp-s-error" id={errorId}>
          {error}
        </p>
      )}
      <div class="fp-s-actions">
        <button type="submit" class="fp-s-primary" disabled={busy} aria-busy={busy || undefined}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} autoFocus={safeFocus}>
          Cancel
        </button>
      </div>
    </ModalForm>
  );
}
