import { describe, expect, it } from 'vitest';
import { unknownWait } from './unknown-outcome';

const MIN = 60_000;
const LIMIT = 5 * MIN;
const T = 1_800_000_000_000;

describe('unknownWait: both clocks must be past the limit', () => {
  it('the first lookup anchors CW’s clock; nothing is over yet', () => {
    expect(unknownWait({ unknownSince: T }, T + 1_000, T + 1_000, LIMIT)).toEqual({
      since: T,
      sinceCw: T + 1_000,
      leftMs: LIMIT + 1_000,
    });
  });

  it('over once both have moved the limit (plus the Date header’s second)', () => {
    const p = { unknownSince: T, unknownSinceCw: T };
    expect(unknownWait(p, T + LIMIT + 1_000, T + LIMIT, LIMIT).leftMs).toBe(0);
    expect(unknownWait(p, T + LIMIT, T + LIMIT, LIMIT).leftMs).toBe(1_000);
  });

  it('a forward step of the local clock does not shorten it: CW’s clock still counts', () => {
    const p = { unknownSince: T, unknownSinceCw: T };
    expect(unknownWait(p, T + 10_000, T + 60 * MIN, LIMIT).leftMs).toBe(LIMIT + 1_000 - 10_000);
  });

  it('a backward step re-anchors the local count at now (longer, never shorter)', () => {
    const w = unknownWait({ unknownSince: T, unknownSinceCw: T }, T + LIMIT + 1_000, T - 60 * MIN, LIMIT);
    expect(w.since).toBe(T - 60 * MIN);
    expect(w.leftMs).toBe(LIMIT);
  });

  it('without a Date header from CW, the local clock alone decides', () => {
    expect(unknownWait({ unknownSince: T }, undefined, T + LIMIT, LIMIT)).toEqual({
      since: T,
      sinceCw: undefined,
      leftMs: 0,
    });
  });
});
