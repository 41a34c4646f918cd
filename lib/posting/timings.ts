// Every wait the outbox uses, in one place, with the reason for each. Tests pass their own (scaled
// down); an e2e build may shorten them for the fault soak (WXT_FP_OUTBOX_TIMINGS, see below).

import { type BackoffOptions, DEFAULT_BACKOFF } from './retry';

export interface OutboxTimings {
  /** Per CW request; undefined = the CW client's own timeout (20 s, lib/cw/client.ts). */
  requestTimeoutMs?: number;
  /**
   * How long after a write's outcome became unknown CW may still apply it. Only a lookup made after
   * this (on FlowPilot's clock and on CW's) that finds nothing allows sending the write again.
   */
  unknownOutcomeWaitMs: number;
  backoff: BackoffOptions;
  /** Attempts at deleting a duplicate (or finding it) before FlowPilot asks the technician to do it. */
  duplicateCheckTries: number;
}

/**
 * 5 minutes. CW runs on IIS/ASP.NET: a request is aborted after its executionTimeout (110 s by
 * default) and SQL Server commands time out after 30 s by default, so a write that has not appeared
 * 5 minutes after its request reached CW will not appear later, even with a queue in front of the
 * worker thread. These are platform defaults, not documented CW limits; the margin is deliberate.
 * Long enough to be safe, short enough that a technician sees the post land within minutes.
 */
export const UNKNOWN_OUTCOME_WAIT_MS = 5 * 60_000;

export const DEFAULT_TIMINGS: OutboxTimings = {
  unknownOutcomeWaitMs: UNKNOWN_OUTCOME_WAIT_MS,
  backoff: DEFAULT_BACKOFF,
  duplicateCheckTries: 6,
};

export function withTimings(over: Partial<OutboxTimings> = {}): OutboxTimings {
  return { ...DEFAULT_TIMINGS, ...over, backoff: { ...DEFAULT_TIMINGS.backoff, ...over.backoff } };
}

/**
 * Overrides for a test build only: `WXT_FP_OUTBOX_TIMINGS='{"unknownOutcomeWaitMs":5000,
 * "requestTimeoutMs":2000,"backoff":{"baseMs":200,"maxMs":2000}}' npm run build:e2e`. Ignored (with
 * no effect at all) in any other build mode, so a production build always runs the defaults above.
 */
export function timingsFromEnv(mode: string | undefined, raw: string | undefined): Partial<OutboxTimings> {
  if (mode !== 'e2e' || !raw) return {};
  try {
    const o = JSON.parse(raw) as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
    const out: Partial<OutboxTimings> = {};
    if (num(o.requestTimeoutMs) !== undefined) out.requestTimeoutMs = num(o.requestTimeoutMs);
    if (num(o.unknownOutcomeWaitMs) !== undefined) out.unknownOutcomeWaitMs = num(o.unknownOutcomeWaitMs)!;
    if (num(o.duplicateCheckTries) !== undefined) out.duplicateCheckTries = num(o.duplicateCheckTries)!;
    const b = (o.backoff ?? {}) as Record<string, unknown>;
    const backoff: Partial<BackoffOptions> = {};
    if (num(b.baseMs) !== undefined) backoff.baseMs = num(b.baseMs)!;
    if (num(b.maxMs) !== undefined) backoff.maxMs = num(b.maxMs)!;
    if (num(b.jitter) !== undefined) backoff.jitter = Math.min(1, num(b.jitter)!);
    if (Object.keys(backoff).length) out.backoff = { ...DEFAULT_BACKOFF, ...backoff };
    return out;
  } catch {
    return {};
  }
}
