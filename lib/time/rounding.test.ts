import { describe, expect, it } from 'vitest';
import { postedTime, roundedMinutes } from './rounding';

const MIN = 60_000;

describe('roundedMinutes', () => {
  it.each([
    [0, 15],
    [1 * MIN, 15],
    [15 * MIN, 15],
    [15 * MIN + 1000, 30],
    [15 * MIN + 400, 15], // sub-second noise never adds a block
    [44 * MIN, 45],
    [61 * MIN, 75],
  ])('15-minute blocks: %i ms → %i min', (ms, want) => expect(roundedMinutes(ms, '15')).toBe(want));

  it.each([
    [0, 30],
    [30 * MIN, 30],
    [30 * MIN + 1000, 60],
    [89 * MIN, 90],
  ])('30-minute blocks: %i ms → %i min', (ms, want) => expect(roundedMinutes(ms, '30')).toBe(want));

  it.each([
    [0, 1],
    [29_000, 1],
    [90_000, 2],
    [17 * MIN + 20_000, 17],
  ])('exact: %i ms → %i min', (ms, want) => expect(roundedMinutes(ms, 'exact')).toBe(want));
});

describe('postedTime', () => {
  const startedAt = Date.UTC(2026, 10, 28, 9, 0, 0, 345);
  it('rounded modes start at the session start and last the rounded duration', () => {
    const t = postedTime({ startedAt, endedAt: startedAt + 60 * MIN, activeMs: 20 * MIN }, '15');
    expect(t.start.toISOString()).toBe('2026-11-28T09:00:00.000Z');
    expect(t.end.toISOString()).toBe('2026-11-28T09:30:00.000Z');
    expect(t.postedMinutes).toBe(30);
    expect(t.actualMinutes).toBe(20);
  });
  it("'none' posts the real start and end, pauses included", () => {
    const t = postedTime({ startedAt, endedAt: startedAt + 47 * MIN, activeMs: 20 * MIN }, 'none');
    expect(t.end.toISOString()).toBe('2026-11-28T09:47:00.000Z');
    expect(t.postedMinutes).toBe(47);
  });
});
