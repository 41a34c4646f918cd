// When to try an outbox item again. Pure: the outbox passes in the error, the attempt number and a
// random source, and gets back whether to retry, when, and what the user should read.

import { CwError } from '../cw/errors';
import type { ErrorInfo } from '../messages/protocol';

export interface Classified {
  retryable: boolean;
  /** The write may have reached CW (timeout / reset after sending): look for the ref before resending. */
  outcomeUnknown: boolean;
  /** From a 429's Retry-After (or CW's "try again in N seconds"). */
  retryAfterMs?: number;
  info: ErrorInfo;
}

/** Kinds that are not CW answers but mean "try later" (no connection saved yet, worker stopping). */
const RETRYABLE_APP_KINDS = new Set(['notConnected', 'cancelled', 'unavailable']);

export function classifyError(e: unknown): Classified {
  if (e instanceof CwError) {
    const info = e.toInfo();
    // A cancelled request was aborted by us (worker shutting down): its outcome is unknown too.
    const retryable = e.retryable || e.kind === 'cancelled';
    return {
      retryable,
      outcomeUnknown: Boolean(e.outcomeUnknown) || e.kind === 'cancelled',
      retryAfterMs: e.retryAfterSec !== undefined ? e.retryAfterSec * 1000 : undefined,
      info: { ...info, retryable },
    };
  }
  const kind =
    typeof (e as { kind?: unknown })?.kind === 'string' ? (e as { kind: string }).kind : 'internal';
  const message = e instanceof Error && e.message ? e.message : 'Unexpected error while posting.';
  const retryable = RETRYABLE_APP_KINDS.has(kind);
  return { retryable, outcomeUnknown: false, info: { kind, message, retryable } };
}

/** Retryable by HTTP status alone (for callers without a CwError): 429 and 5xx yes, other 4xx no. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1: share of the delay that is randomised ("equal jitter" at 0.5). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 10 * 60_000, jitter: 0.5 };

/** Longest Retry-After we honour as given; a server asking for more is re-polled at this interval. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Delay before attempt `attempt + 1`, after `attempt` failures (attempt ≥ 1). Exponential from
 * `baseMs`, capped at `maxMs`, with the last `jitter` share randomised so a backlog of items doesn't
 * retry in lock-step. A Retry-After is a floor: never earlier than the server asked.
 */
export function backoffMs(
  attempt: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const n = Math.max(1, Math.floor(attempt));
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(n - 1, 30));
  const jittered = Math.round(exp * (1 - opts.jitter) + exp * opts.jitter * random());
  if (retryAfterMs !== undefined && retryAfterMs >= 0) {
    const floor = Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
    // Small spread above the floor, so items throttled together don't all come back at once.
    return floor + Math.round(Math.min(1_000, floor * 0.1) * random());
  }
  return jittered;
}

export interface RetryDecision {
  state: 'pending' | 'failed';
  nextAttemptAt: number;
  outcomeUnknown: boolean;
  error: ErrorInfo;
}

/** What to do with an item after a failed attempt number `attempts` (1 = first try failed). */
export function decideAfterFailure(
  e: unknown,
  attempts: number,
  now: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): RetryDecision {
  const c = classifyError(e);
  if (!c.retryable) return { state: 'failed', nextAttemptAt: 0, outcomeUnknown: false, error: c.info };
  return {
    state: 'pending',
    nextAttemptAt: now + backoffMs(attempts, opts, random, c.retryAfterMs),
    outcomeUnknown: c.outcomeUnknown,
    error: c.info,
  };
}
