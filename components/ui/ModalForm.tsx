import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  class: string;
  labelledBy: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}

/**
 * A native modal <dialog> around a form: focus trap and Escape come with it. Escape and the form's
 * submit are routed to the callbacks so the owner, not the browser, decides when it closes.
 */
export function ModalForm({ class: cls, labelledBy, onSubmit, onCancel, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={cls}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </dialog>
  );
}
