import { describe, expect, it } from 'vitest';
import { ContextCache } from './cache';
import type { TicketContext } from './types';

const ctx = (id: number, n: number) => ({ ref: { kind: 'service', id }, summary: `v${n}` }) as TicketContext;

describe('ContextCache', () => {
  it('serves a fresh entry, reloads after the TTL or on refresh, and shares in-flight loads', async () => {
    let t = 0;
    let loads = 0;
    const cache = new ContextCache(1000, () => t);
    const ref = { kind: 'service', id: 1 } as const;
    const load = () => Promise.resolve(ctx(1, ++loads));
    const a = cache.get('s', ref, load);
    const b = cache.get('s', ref, load);
    expect(a.promise).toBe(b.promise);
    expect([a.cached, b.cached]).toEqual([false, true]);
    expect((await b.promise).summary).toBe('v1');
    t = 999;
    expect((await cache.get('s', ref, load).promise).summary).toBe('v1');
    expect((await cache.get('s', ref, load, { refresh: true }).promise).summary).toBe('v2');
    t = 2500;
    expect((await cache.get('s', ref, load).promise).summary).toBe('v3');
    // Another connection scope never shares entries.
    expect((await cache.get('other', ref, load).promise).summary).toBe('v4');
  });

  it('does not keep failures', async () => {
    const cache = new ContextCache();
    const ref = { kind: 'service', id: 2 } as const;
    await expect(cache.get('s', ref, () => Promise.reject(new Error('boom'))).promise).rejects.toThrow(
      'boom',
    );
    await Promise.resolve();
    expect((await cache.get('s', ref, () => Promise.resolve(ctx(2, 9))).promise).summary).toBe('v9');
  });
});
