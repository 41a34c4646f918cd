// Time rounding for time entries, defined once (README "Time rounding"):
// - '15' / '30': the active duration rounded UP to the next 15/30-minute block, minimum one block;
//   an exact multiple stays as it is (15:00 → 15 min, 15:01 → 30 min).
// - 'exact': the minutes actually worked, to the nearest minute, minimum 1.
// - 'none': the real start and end times of the session; CW applies its own rounding rules.
// Durations are counted in whole seconds so a stray millisecond never adds a block.

export const ROUNDING_MODES = ['15', '30', 'exact', 'none'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export const ROUNDING_LABELS: Record<RoundingMode, string> = {
  '15': '15 min',
  '30': '30 min',
  exact: 'Exact',
  none: 'None',
};

export interface PostedTime {
  start: Date;
  end: Date;
  /** Minutes that will be posted (end − start). */
  postedMinutes: number;
  /** Active minutes actually worked (pauses excluded), for showing side by side. */
  actualMinutes: number;
}

export function activeSeconds(activeMs: number): number {
  return Math.max(0, Math.round(activeMs / 1000));
}

export function roundedMinutes(activeMs: number, mode: Exclude<RoundingMode, 'none'>): number {
  const secs = activeSeconds(activeMs);
  if (mode === 'exact') return Math.max(1, Math.round(secs / 60));
  const block = Number(mode) * 60;
  return Math.max(1, Math.ceil(secs / block)) * Number(mode);
}

/**
 * The time entry for a session: rounded modes start at the session start and last the rounded
 * duration; 'none' uses the session's real start and end (wall clock, pauses included).
 */
export function postedTime(
  session: { startedAt: number; endedAt: number; activeMs: number },
  mode: RoundingMode,
): PostedTime {
  const actualMinutes = activeSeconds(session.activeMs) / 60;
  const start = new Date(Math.floor(session.startedAt / 1000) * 1000);
  if (mode === 'none') {
    const end = new Date(Math.max(start.getTime() + 60_000, Math.floor(session.endedAt / 1000) * 1000));
    return {
      start,
      end,
      postedMinutes: Math.round((end.getTime() - start.getTime()) / 60_000),
      actualMinutes,
    };
  }
  const postedMinutes = roundedMinutes(session.activeMs, mode);
  return { start, end: new Date(start.getTime() + postedMinutes * 60_000), postedMinutes, actualMinutes };
}
