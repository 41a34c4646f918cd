import type { JSX } from 'preact';

type Props = JSX.HTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  /**
   * Shows a busy state and blocks double clicks; the label stays, so the accessible name does not change.
   * A busy button stays focusable (aria-disabled, clicks ignored) even when `disabled` is also set: natively
   * disabling the focused button would drop keyboard focus to <body>.
   */
  busy?: boolean;
  type?: 'button' | 'submit';
  disabled?: boolean;
  /** Render `disabled` as aria-disabled (focusable, clicks ignored), for a button that is pressed and then
   * becomes unavailable (Save with nothing left to save), so focus does not drop to <body>. */
  focusableWhenDisabled?: boolean;
};

/** Swallows the click (and so the form submission a submit button would start). */
const ignore = (e: Event) => {
  e.preventDefault();
  e.stopImmediatePropagation();
};

export function Button({
  variant = 'secondary',
  busy = false,
  type = 'button',
  class: cls,
  disabled = false,
  focusableWhenDisabled = false,
  onClick,
  ...rest
}: Props) {
  const soft = busy || (disabled && focusableWhenDisabled);
  return (
    <button
      {...rest}
      type={type}
      class={`fp-btn fp-btn--${variant}${cls ? ` ${cls}` : ''}`}
      disabled={disabled && !soft}
      aria-disabled={soft || undefined}
      aria-busy={busy || undefined}
      onClick={soft ? ignore : onClick}
    />
  );
}
