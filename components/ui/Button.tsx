import type { JSX } from 'preact';

type Props = JSX.HTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  /** Shows a busy state and blocks double clicks; the label stays, so the accessible name does not change. */
  busy?: boolean;
  type?: 'button' | 'submit';
  disabled?: boolean;
};

export function Button({
  variant = 'secondary',
  busy = false,
  type = 'button',
  class: cls,
  disabled,
  ...rest
}: Props) {
  return (
    <button
      {...rest}
      type={type}
      class={`fp-btn fp-btn--${variant}${cls ? ` ${cls}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    />
  );
}
