import type { ComponentChildren } from 'preact';
import { SetByOrg } from './SetByOrg';

interface Props {
  id: string;
  label: string;
  help?: ComponentChildren;
  /** Shown under the control; the control sets aria-invalid and lists it in aria-describedby. */
  error?: string;
  /** Set by the organization's policy: says so in the help (the caller makes the control read-only). */
  managed?: boolean;
  children: ComponentChildren;
}

/**
 * A label, a control and its help text. The control must carry `id` and
 * `aria-describedby={describedBy(id, error)}` so the help (and any error) is read with it.
 */
export function Field({ id, label, help, error, managed, children }: Props) {
  return (
    <div class="fp-field">
      <label for={id}>{label}</label>
      {children}
      {error && (
        <p class="fp-field__error" id={errorId(id)}>
          {error}
        </p>
      )}
      {(help || managed) && (
        <p class="fp-help" id={helpId(id)}>
          {managed && <SetByOrg />}
          {help}
        </p>
      )}
    </div>
  );
}

export const helpId = (id: string) => `${id}-help`;
export const errorId = (id: string) => `${id}-error`;

/** aria-describedby for a Field's control: its error first (when there is one), then its help. */
export function describedBy(id: string, error?: string, help = true): string | undefined {
  return [error ? errorId(id) : '', help ? helpId(id) : ''].filter(Boolean).join(' ') || undefined;
}
