import { describe, expect, it } from 'vitest';
import { AtError } from '../autotask/errors';
import { CwError, classifyHttpFailure } from '../cw/errors';
import { AppError } from '../errors';
import {
  backoffMs,
  classifyError,
  classifyLookupError,
  DEFAULT_BACKOFF,
  decideAfterFailure,
  isRetryableStatus,
  MAX_CONFLICT_ATTEMPTS,
  MIN_RETRY_DELAY_MS,
} from './retry';

const http = (status: number, retryAfter: string | null = null, body = '{}') =>
  classifyHttpFailure({
    status,
    method: 'POST',
    path: 'service/tickets/1001/notes',
    retryAfter,
    contentType: 'application/json',
    bodyText: body,
  });

describe('classifyError', () => {
  it.each([
    [500, true],
    [502, true],
    [503, true],
    [429, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, true],
  ])('HTTP %i → retryable %s', (status, retryable) => {
    const c = classifyError(http(status));
    expect(c.retryable).toBe(retryable);
    expect(c.info.retryable).toBe(retryable);
    expect(c.outcomeUnknown).toBe(false);
    expect(isRetryableStatus(status)).toBe(retryable);
  });

  it('network errors and timeouts are retryable; after a write the outcome is unknown', () => {
    const reset = classifyError(new CwError('network', 'reset', { outcomeUnknown: true }));
    expect(reset).toMatchObject({ retryable: true, outcomeUnknown: true });
    const timeout = classifyError(new CwError('timeout', 'slow', { outcomeUnknown: true }));
    expect(timeout).toMatchObject({ retryable: true, outcomeUnknown: true });
    const readTimeout = classifyError(new CwError('timeout', 'slow'));
    expect(readTimeout).toMatchObject({ retryable: true, outcomeUnknown: false });
  });

  it('carries Retry-After from a 429 (header, or the message when the header is missing)', () => {
    expect(classifyError(http(429, '2')).retryAfterMs).toBe(2000);
    const fromBody = http(
      429,
      null,
      '{"error":"ConnectWiseAPI","message":"Too many requests. Please try again in 30 seconds."}',
    );
    expect(classifyError(fromBody).retryAfterMs).toBe(30_000);
  });

  it('keeps the precise text of a non-retryable error', () => {
    const e = http(
      400,
      null,
      '{"code":"TimeEntryApi","message":"Please update the status of this ticket before entering time."}',
    );
    const c = classifyError(e);
    expect(c.retryable).toBe(false);
    expect(c.info.cwCode).toBe('TimeEntryApi');
    expect(c.info.message).toContain('Please update the status');
  });

  it('not connected is retryable (the connection may come back); unknown bugs are not', () => {
    expect(classifyError(new AppError('notConnected', 'x')).retryable).toBe(true);
    expect(classifyError(new TypeError('boom')).retryable).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from the base up to the cap, with jitter in the upper half', () => {
    const lo = [1, 2, 3, 4, 5].map((a) => backoffMs(a, DEFAULT_BACKOFF, () => 0));
    const hi = [1, 2, 3, 4, 5].map((a) => backoffMs(a, DEFAULT_BACKOFF, () => 1));
    expect(hi).toEqual([2000, 4000, 8000, 16000, 32000]);
    expect(lo).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoffMs(30, DEFAULT_BACKOFF, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffMs(1000, DEFAULT_BACKOFF, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
    const mid = backoffMs(3, DEFAULT_BACKOFF, () => 0.5);
    expect(mid).toBe(6000);
  });

  it('never retries earlier than Retry-After, even on the first attempt', () => {
    expect(backoffMs(1, DEFAULT_BACKOFF, () => 0, 30_000)).toBe(30_000);
    expect(backoffMs(1, DEFAULT_BACKOFF, () => 1, 2_000)).toBe(2_200);
  });

  it('a Retry-After of 0 (or a date in the past) never means "at once": the backoff and a floor still apply', () => {
    // Issue 9 §3.8: max(Retry-After, backoff), never under the floor.
    expect(backoffMs(1, DEFAULT_BACKOFF, () => 1, 0)).toBe(2_000);
    expect(backoffMs(3, DEFAULT_BACKOFF, () => 0, 0)).toBe(4_000);
    expect(backoffMs(1, { baseMs: 10, maxMs: 100, jitter: 0.5 }, () => 0, 0)).toBe(MIN_RETRY_DELAY_MS);
    expect(backoffMs(1, { baseMs: 10, maxMs: 100, jitter: 0.5 }, () => 0)).toBe(MIN_RETRY_DELAY_MS);
  });
});

describe('classifyError: statuses the CW client calls "server" but are not (issue 9 §3.6)', () => {
  it.each([
    [301, /redirect/i],
    [302, /redirect/i],
    [405, /does not allow/i],
    [410, /gone/i],
    [413, /too large/i],
    [415, /format/i],
    [418, /unexpected status 418/i],
  ])('HTTP %i is permanent: %s', (status, reason) => {
    const c = classifyError(http(status));
    expect(c.retryable).toBe(false);
    expect(c.info.retryable).toBe(false);
    expect(c.info.message).toMatch(reason);
  });

  it('408 is retried', () => {
    expect(classifyError(http(408)).retryable).toBe(true);
  });
});

describe('decideAfterFailure', () => {
  it('409 is retried a few times, then fails', () => {
    const now = 1_000_000;
    for (let a = 1; a < MAX_CONFLICT_ATTEMPTS; a++)
      expect(decideAfterFailure(http(409), a, now).state).toBe('pending');
    expect(decideAfterFailure(http(409), MAX_CONFLICT_ATTEMPTS, now).state).toBe('failed');
  });

  it('schedules retryable failures and fails the rest', () => {
    const now = 1_000_000;
    expect(decideAfterFailure(http(503), 1, now, DEFAULT_BACKOFF, () => 1)).toMatchObject({
      state: 'pending',
      nextAttemptAt: now + 2000,
    });
    expect(decideAfterFailure(http(429, '5'), 1, now, DEFAULT_BACKOFF, () => 0)).toMatchObject({
      state: 'pending',
      nextAttemptAt: now + 5000,
    });
    const failed = decideAfterFailure(http(403), 1, now);
    expect(failed.state).toBe('failed');
    expect(failed.error.kind).toBe('forbidden');
  });
});

describe('a redirect FlowPilot refused (issue 10 §4)', () => {
  const refused = new CwError(
    'redirect',
    'ConnectWise answered with a redirect to https://elsewhere.example.',
  );
  it('is a refusal for writes and for reference lookups alike: a person has to fix the site', () => {
    expect(classifyError(refused)).toMatchObject({ retryable: false, outcomeUnknown: false });
    expect(classifyLookupError(refused).retryable).toBe(false);
  });
});

describe('Autotask failures (issue 15)', () => {
  it('retries what Autotask did not do (thread limit, hourly threshold, server, network), not refusals', () => {
    const thread = classifyError(new AtError('throttled', 'busy', { status: 500, limit: 'thread' }));
    expect(thread.retryable).toBe(true);
    const threshold = classifyError(
      new AtError('throttled', 'hourly', { status: 429, limit: 'threshold', retryAfterSec: 60 }),
    );
    expect(threshold).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    expect(classifyError(new AtError('validation', 'no role', { status: 500 })).retryable).toBe(false);
    expect(classifyError(new AtError('auth', 'wrong secret', { status: 401 })).retryable).toBe(false);
    const reset = classifyError(new AtError('network', 'reset', { outcomeUnknown: true }));
    expect(reset).toMatchObject({ retryable: true, outcomeUnknown: true });
  });

  it('a lookup is retried unless access itself is broken', () => {
    expect(classifyLookupError(new AtError('server', 'oops', { status: 503 })).retryable).toBe(true);
    expect(classifyLookupError(new AtError('unknownUser', 'who?')).retryable).toBe(false);
    expect(classifyLookupError(new AtError('badIntegrationCode', 'code')).retryable).toBe(false);
  });
});
