// Away time: stretches when the machine was idle or locked (the browser's idle API) or the browser was
// not running, while a session was open. Pure arithmetic over epoch-ms intervals; the background owns
// the clock and the events (lib/background/idle.ts). A stretch counts as work only when the technician
// answers "Keep this time"; unanswered or dropped, the active time inside it is not counted.

/** An active stretch of the session: from Start/Resume to Pause/close (open while running). */
export interface Span {
  from: number;
  to?: number;
}

export type AwayCause = 'idle' | 'locked' | 'browser';
export type AwayAnswer = 'keep' | 'drop';

export interface AwayStretch {
  id: string;
  /** When the machine went idle (the idle event time minus the detection interval), or locked. */
  from: number;
  /** When the machine was active again; undefined while still away. */
  to?: number;
  cause: AwayCause;
  answer?: AwayAnswer;
  answeredAt?: number;
}

/** A stretch with less active time than this is not worth a question (and is not counted). */
export const ASK_MIN_MS = 60_000;

type Interval = readonly [number, number];

/** Sorted, merged intervals (empty ones dropped). */
export function union(intervals: readonly Interval[]): [number, number][] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const clip = (s: { from: number; to?: number }, now: number): Interval => [
  s.from,
  Math.min(s.to ?? now, now),
];

/** Milliseconds of active spans that fall inside the given intervals, up to `now`. */
export function activeWithin(spans: readonly Span[], intervals: readonly Interval[], now: number): number {
  const active = union(spans.map((s) => clip(s, now)));
  let ms = 0;
  for (const [a, b] of union(intervals)) {
    for (const [c, d] of active) ms += Math.max(0, Math.min(b, d) - Math.max(a, c));
  }
  return ms;
}

/** Active time inside one stretch: what "Keep this time" adds back. */
export function stretchActiveMs(spans: readonly Span[], stretch: AwayStretch, now: number): number {
  return activeWithin(spans, [clip(stretch, now)], now);
}

/** Active time not counted at `now`: inside stretches that are unanswered (open ones included) or dropped. */
export function uncountedMs(spans: readonly Span[], away: readonly AwayStretch[], now: number): number {
  const notKept = away.filter((a) => a.answer !== 'keep').map((a) => clip(a, now));
  return activeWithin(spans, notKept, now);
}

export const isAwayNow = (away: readonly AwayStretch[] | undefined) =>
  !!away?.some((a) => a.to === undefined);

/** Stretches to ask about: over, unanswered, with at least a minute of active time inside. Oldest first. */
export function pendingAway(
  spans: readonly Span[],
  away: readonly AwayStretch[],
  now: number,
): AwayStretch[] {
  return away
    .filter((a) => a.to !== undefined && !a.answer && stretchActiveMs(spans, a, now) >= ASK_MIN_MS)
    .sort((x, y) => x.from - y.from);
}

/** Starts a stretch at `from`, unless one is already open (idle then locked is one stretch). */
export function openAway(
  away: readonly AwayStretch[],
  from: number,
  cause: AwayCause,
  id: string,
): AwayStretch[] {
  if (isAwayNow(away)) return [...away];
  // Never start before the end of the previous stretch: the detection interval can reach back into it.
  const after = Math.max(from, ...away.map((a) => a.to ?? Number.NEGATIVE_INFINITY));
  return [...away, { id, from: after, cause }];
}

/**
 * Records a stretch already over: FlowPilot was not running from `from` to `to` (browser closed, computer
 * asleep). Nothing when a stretch is still open (it covers this time) or what is left is under a minute.
 */
export function addAway(
  away: readonly AwayStretch[],
  from: number,
  to: number,
  cause: AwayCause,
  id: string,
): AwayStretch[] {
  if (isAwayNow(away)) return [...away];
  const after = Math.max(from, ...away.map((a) => a.to ?? Number.NEGATIVE_INFINITY));
  if (to - after < ASK_MIN_MS) return [...away];
  return [...away, { id, from: after, to, cause }];
}

/** Ends the open stretch at `to` (the machine is active again). */
export function closeAway(away: readonly AwayStretch[], to: number): AwayStretch[] {
  return away.map((a) => (a.to === undefined ? { ...a, to: Math.max(a.from, to) } : a));
}

export function answerAway(
  away: readonly AwayStretch[],
  id: string,
  answer: AwayAnswer,
  now: number,
): AwayStretch[] | undefined {
  if (!away.some((a) => a.id === id && a.to !== undefined)) return undefined;
  return away.map((a) => (a.id === id ? { ...a, answer, answeredAt: now } : a));
}

// ---- words ------------------------------------------------------------------------------------

export interface TimeFormat {
  /** IANA zone for tests; the technician's own zone by default. */
  timeZone?: string;
  locale?: string;
}

function parts(ms: number, f: TimeFormat) {
  const opts: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(f.timeZone ? { timeZone: f.timeZone } : {}),
  };
  const p = Object.fromEntries(
    new Intl.DateTimeFormat(f.locale ?? 'en-US', opts)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return {
    day: `${p.month} ${p.day}`,
    dayKey: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}`,
  };
}

/** "14:02–14:47", or with the days when it crosses midnight: "Nov 27, 23:40 – Nov 28, 00:25". */
export function formatRange(from: number, to: number, f: TimeFormat = {}): string {
  const a = parts(from, f);
  const b = parts(to, f);
  return a.dayKey === b.dayKey ? `${a.time}–${b.time}` : `${a.day}, ${a.time} – ${b.day}, ${b.time}`;
}

/** Minutes, rounded: "45 min", "1 h 05 min". */
export function formatMinutes(ms: number): string {
  const min = Math.round(ms / 60_000);
  const h = Math.floor(min / 60);
  return h > 0 ? `${h} h ${String(min % 60).padStart(2, '0')} min` : `${min} min`;
}

/** The question the panel asks: "You were away 14:02–14:47 (45 min)." */
export function awayQuestion(a: AwayStretch, f: TimeFormat = {}): string {
  const to = a.to ?? a.from;
  const what =
    a.cause === 'browser' ? 'FlowPilot was not running (browser closed or computer asleep)' : 'You were away';
  return `${what} ${formatRange(a.from, to, f)} (${formatMinutes(to - a.from)}).`;
}

/** One line of the documentation's time line: "Away 14:02–14:47 (45 min): kept". */
export function awayLine(a: AwayStretch, f: TimeFormat = {}): string {
  const to = a.to ?? a.from;
  const what = a.answer === 'keep' ? 'kept' : a.answer === 'drop' ? 'dropped' : 'not answered, not counted';
  const label = a.cause === 'browser' ? 'Not running' : 'Away';
  return `${label} ${formatRange(a.from, to, f)} (${formatMinutes(to - a.from)}): ${what}`;
}
