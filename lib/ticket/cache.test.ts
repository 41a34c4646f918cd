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

describe('ContextCache peek and forget', () => {
  it('peeks without loading, and forgets only the entry it was given', async () => {
    let t = 0;
    const cache = new ContextCache<string>(1000, () => t);
    const ref = { kind: 'service', id: 3 } as const;
    expect(cache.peek('s', ref)).toBeUndefined();
    const first = cache.get('s', ref, () => Promise.resolve('a')).promise;
    expect(cache.peek('s', ref)).toBe(first);
    const second = cache.get('s', ref, () => Promise.resolve('b'), { refresh: true }).promise;
    cache.forget('s', ref, first); // an older answer finishing late does not drop the newer one
    expect(cache.peek('s', ref)).toBe(second);
    cache.forget('s', ref, second);
    expect(cache.peek('s', ref)).toBeUndefined();
    cache.get('s', ref, () => Promise.resolve('c'));
    t = 1000;
    expect(cache.peek('s', ref)).toBeUndefined();
  });
});
