import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from './retry';
import { DEFAULT_TIMINGS, timingsFromEnv, UNKNOWN_OUTCOME_WAIT_MS, withTimings } from './timings';

describe('outbox timings', () => {
  it('defaults: a 5-minute unknown-outcome wait, the client’s own request timeout', () => {
    expect(UNKNOWN_OUTCOME_WAIT_MS).toBe(300_000);
    expect(DEFAULT_TIMINGS.requestTimeoutMs).toBeUndefined();
    expect(withTimings({ backoff: { baseMs: 10 } as never }).backoff).toEqual({
      ...DEFAULT_BACKOFF,
      baseMs: 10,
    });
  });

  it('a test build (mode e2e) can shorten them; any other build ignores the variable', () => {
    const raw = JSON.stringify({
      unknownOutcomeWaitMs: 5_000,
      requestTimeoutMs: 2_000,
      duplicateCheckTries: 3,
      backoff: { baseMs: 200, maxMs: 2_000 },
    });
    expect(timingsFromEnv('e2e', raw)).toEqual({
      unknownOutcomeWaitMs: 5_000,
      requestTimeoutMs: 2_000,
      duplicateCheckTries: 3,
      backoff: { ...DEFAULT_BACKOFF, baseMs: 200, maxMs: 2_000 },
    });
    expect(timingsFromEnv('production', raw)).toEqual({});
    expect(timingsFromEnv(undefined, raw)).toEqual({});
  });

  it('bad values are ignored, not half-applied', () => {
    expect(timingsFromEnv('e2e', '{not json')).toEqual({});
    expect(
      timingsFromEnv('e2e', JSON.stringify({ unknownOutcomeWaitMs: -1, requestTimeoutMs: 'x' })),
    ).toEqual({});
  });
});
