// When to try an outbox item again. Pure: the outbox passes in the error, the attempt number and a
// random source, and gets back whether to retry, when, and what the user should read.
// Retried: network errors, timeouts, 408, 429 and 5xx (and 409 a few times). Every other answer is a
// refusal a person has to look at; retrying it would only block the ticket's later posts.

import { AtError } from '../autotask/errors';
import { CwError } from '../cw/errors';
import type { ErrorInfo } from '../messages/protocol';

export interface Classified {
  retryable: boolean;
  /** The write may have reached CW (timeout / reset after sending): look for the ref before resending. */
  outcomeUnknown: boolean;
  /** From a 429's Retry-After (or CW's "try again in N seconds"). */
  retryAfterMs?: number;
  /** A 409: retried, but only MAX_CONFLICT_ATTEMPTS times. */
  conflict?: boolean;
  info: ErrorInfo;
}

/** Kinds that are not CW answers but mean "try later" (no connection saved yet, worker stopping). */
const RETRYABLE_APP_KINDS = new Set(['notConnected', 'cancelled', 'unavailable']);

/** CW "record in use": usually gone a moment later, but not worth more than a few tries. */
export const MAX_CONFLICT_ATTEMPTS = 3;

/**
 * Statuses the CW client files under "server" although they are not server trouble (it has no better
 * kind for them). A retry cannot change any of these answers.
 */
function unexpectedStatus(status: number): string | undefined {
  if (status >= 500 || status === 408) return undefined;
  if (status >= 300 && status < 400)
    return `ConnectWise answered with a redirect (${status}) instead of saving. Check the site in FlowPilot options (a proxy or a moved server may be in the way).`;
  if (status === 405)
    return 'ConnectWise does not allow this request (405). The CW version may not support it; tell your FlowPilot admin.';
  if (status === 410) return 'ConnectWise says the record is gone (410). Check that the ticket still exists.';
  if (status === 413)
    return 'ConnectWise refused the request as too large (413). Shorten the note and retry.';
  if (status === 415)
    return 'ConnectWise refused the request format (415). Tell your FlowPilot admin; retrying will not help.';
  return `ConnectWise answered with an unexpected status ${status}. Retrying will not help; check the post in Post History.`;
}

export function classifyError(e: unknown): Classified {
  if (e instanceof CwError) {
    const info = e.toInfo();
    const unexpected = e.kind === 'server' && e.status !== undefined ? unexpectedStatus(e.status) : undefined;
    if (unexpected) {
      return {
        retryable: false,
        outcomeUnknown: false,
        info: { ...info, message: unexpected, retryable: false },
      };
    }
    const conflict = e.kind === 'conflict';
    // A cancelled request was aborted by us (worker shutting down): its outcome is unknown too.
    const retryable = e.retryable || e.kind === 'cancelled' || conflict;
    return {
      retryable,
      outcomeUnknown: Boolean(e.outcomeUnknown) || e.kind === 'cancelled',
      retryAfterMs: e.retryAfterSec !== undefined ? e.retryAfterSec * 1000 : undefined,
      ...(conflict ? { conflict } : {}),
      info: { ...info, retryable },
    };
  }
  if (e instanceof AtError) {
    // Autotask answers validation failures with 500 + errors[]; the client has already filed those
    // under 'validation' and the like, so 'server' here is server trouble worth a retry. Thread-limit
    // refusals the client could not wait out are 'throttled' whatever their status (issue 15).
    const retryable = e.retryable || e.kind === 'cancelled';
    return {
      retryable,
      outcomeUnknown: Boolean(e.outcomeUnknown) || e.kind === 'cancelled',
      retryAfterMs: e.retryAfterSec !== undefined ? e.retryAfterSec * 1000 : undefined,
      info: { ...e.toInfo(), retryable },
    };
  }
  const kind =
    typeof (e as { kind?: unknown })?.kind === 'string' ? (e as { kind: string }).kind : 'internal';
  const message = e instanceof Error && e.message ? e.message : 'Unexpected error while posting.';
  const retryable = RETRYABLE_APP_KINDS.has(kind);
  return { retryable, outcomeUnknown: false, info: { kind, message, retryable } };
}

/** Lookups only read: anything but "a person must fix access" is worth another try later. */
const LOOKUP_NEEDS_A_PERSON = new Set([
  'auth',
  'missingClientId',
  'forbidden',
  'notFound',
  'redirect',
  // Autotask: the zone lookup does not know the API user; the tracking identifier is refused.
  'unknownUser',
  'badIntegrationCode',
]);

/** A failed reference lookup (or duplicate check): retryable unless access itself is broken. */
export function classifyLookupError(e: unknown): Classified {
  const c = classifyError(e);
  const kind = c.info.kind;
  const retryable =
    !LOOKUP_NEEDS_A_PERSON.has(kind) && (e instanceof CwError || e instanceof AtError || c.retryable);
  return { ...c, retryable, outcomeUnknown: false, info: { ...c.info, retryable } };
}

/** Retryable by HTTP status alone (for callers without a CwError): 408, 409, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status === 409 || status >= 500;
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

/** No retry is ever sooner than this, whatever a Retry-After (0, or a date in the past) says. */
export const MIN_RETRY_DELAY_MS = 1_000;

/**
 * Delay before attempt `attempt + 1`, after `attempt` failures (attempt ≥ 1). Exponential from
 * `baseMs`, capped at `maxMs`, with the last `jitter` share randomised so a backlog of items doesn't
 * retry in lock-step. A Retry-After is a floor: max(Retry-After, backoff), never under the minimum.
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
  let wait = jittered;
  if (retryAfterMs !== undefined && retryAfterMs > 0) {
    const floor = Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
    // Small spread above the floor, so items throttled together don't all come back at once.
    wait = Math.max(wait, floor + Math.round(Math.min(1_000, floor * 0.1) * random()));
  }
  return Math.max(MIN_RETRY_DELAY_MS, wait);
}

/** The longest wait the outbox ever schedules; a wait longer than this means the clock stepped back. */
export function longestWaitMs(opts: BackoffOptions): number {
  return Math.max(opts.maxMs, MAX_RETRY_AFTER_MS + 1_000);
}

export interface RetryDecision {
  state: 'pending' | 'failed';
  nextAttemptAt: number;
  outcomeUnknown: boolean;
  /** Set when the answer was a 429: how long every request should wait. */
  throttleMs?: number;
  error: ErrorInfo;
}

/** What to do with an item after a failed attempt number `attempts` (1 = first try failed). */
export function decideAfterFailure(
  e: unknown,
  attempts: number,
  now: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
  classified: Classified = classifyError(e),
): RetryDecision {
  const c = classified;
  const giveUp = !c.retryable || (c.conflict === true && attempts >= MAX_CONFLICT_ATTEMPTS);
  if (giveUp) {
    return {
      state: 'failed',
      nextAttemptAt: 0,
      outcomeUnknown: c.outcomeUnknown,
      error: { ...c.info, retryable: false },
    };
  }
  const wait = backoffMs(attempts, opts, random, c.retryAfterMs);
  return {
    state: 'pending',
    nextAttemptAt: now + wait,
    outcomeUnknown: c.outcomeUnknown,
    ...(c.retryAfterMs !== undefined ? { throttleMs: wait } : {}),
    error: c.info,
  };
}
