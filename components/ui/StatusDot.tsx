export type DotState = 'ok' | 'warn' | 'error' | 'idle';

const COLOR: Record<DotState, string> = { ok: 'green', warn: 'amber', error: 'red', idle: 'grey' };

/** A coloured dot next to a status word; the word carries the meaning, the dot repeats it visually. */
export function StatusDot({ state }: { state: DotState }) {
  return (
    <span
      class={`fp-dot fp-dot--${state}`}
      data-testid="status-dot"
      data-color={COLOR[state]}
      role="img"
      aria-label={`${COLOR[state]} status dot`}
    />
  );
}
