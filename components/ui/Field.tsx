import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  help?: ComponentChildren;
  error?: string;
  children: ComponentChildren;
}

/**
 * A label, a control and its help text. The control must carry `id` and
 * `aria-describedby={helpId(id)}` so the help is read with it.
 */
export function Field({ id, label, help, error, children }: Props) {
  return (
    <div class="fp-field">
      <label for={id}>{label}</label>
      {children}
      {help && (
        <p class="fp-help" id={helpId(id)}>
          {help}
        </p>
      )}
      {error && (
        <p class="fp-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export const helpId = (id: string) => `${id}-help`;
