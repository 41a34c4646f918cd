import { describe, expect, it } from 'vitest';
import { type DetailBacking, DetailCache, type DetailEntry } from './detail-cache';

describe('DetailCache', () => {
  it('keeps a detail for the TTL, then forgets it', () => {
    let t = 0;
    const view = new DetailCache({ ttlMs: 1000, maxEntries: 10, now: () => t }).view('s');
    view.set('company', 1, { phone: 'a' });
    t = 999;
    expect(view.get('company', 1)).toEqual({ phone: 'a' });
    t = 1000;
    expect(view.get('company', 1)).toBeUndefined();
  });

  it('one connection never sees another one’s details, nor one kind another kind', () => {
    const cache = new DetailCache();
    cache.view('a').set('company', 7, 'A');
    expect(cache.view('b').get('company', 7)).toBeUndefined();
    expect(cache.view('a').get('contact', 7)).toBeUndefined();
    expect(cache.view('a').get('company', 7)).toBe('A');
  });

  it('drops the least recently stored beyond its size', () => {
    const view = new DetailCache({ ttlMs: 60_000, maxEntries: 2 }).view('s');
    view.set('configuration', 1, 1);
    view.set('configuration', 2, 2);
    view.set('configuration', 1, 1); // stored again: now the newest
    view.set('configuration', 3, 3);
    expect(view.get('configuration', 2)).toBeUndefined();
    expect(view.get('configuration', 1)).toBe(1);
    expect(view.get('configuration', 3)).toBe(3);
  });
});

/** A backing in memory, recording its writes. */
function memoryBacking(initial: Record<string, DetailEntry> = {}) {
  const store = new Map(Object.entries(initial));
  const saves: { changed: string[]; removed: string[] }[] = [];
  let release: (() => void) | undefined;
  const backing: DetailBacking & { store: typeof store; saves: typeof saves; hold(): void } = {
    store,
    saves,
    hold() {
      const gate = new Promise<void>((r) => {
        release = r;
      });
      this.load = async () => {
        await gate;
        return Object.fromEntries(store);
      };
    },
    async load() {
      return Object.fromEntries(store);
    },
    async save(changed, removed) {
      saves.push({ changed: Object.keys(changed), removed: [...removed] });
      for (const [k, v] of Object.entries(changed)) store.set(k, v);
      for (const k of removed) store.delete(k);
    },
    async clear() {
      store.clear();
    },
  };
  return { backing, release: () => release?.() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('DetailCache with a backing (kept past a worker stop)', () => {
  it('a new cache (a restarted worker) sees what the last one kept, within the TTL', async () => {
    let t = 1_000;
    const { backing } = memoryBacking();
    const first = new DetailCache({ ttlMs: 500, backing, now: () => t }).view('s');
    first.set('company', 1, { phone: 'a' });
    first.set('contact', 2, { email: 'b' });
    await tick();
    expect(backing.saves).toEqual([{ changed: ['s|company:1', 's|contact:2'], removed: [] }]); // one write

    const second = new DetailCache({ ttlMs: 500, backing, now: () => t }).view('s');
    expect(second.get('company', 1)).toBeUndefined(); // not before it is ready
    await second.ready;
    expect(second.get('company', 1)).toEqual({ phone: 'a' });
    expect(new DetailCache({ backing }).view('other').get('company', 1)).toBeUndefined();

    t = 1_500; // past the TTL: neither shown nor loaded again
    const third = new DetailCache({ ttlMs: 500, backing, now: () => t }).view('s');
    await third.ready;
    expect(third.get('contact', 2)).toBeUndefined();
  });

  it('what this worker stored meanwhile wins over the older kept copy', async () => {
    const { backing, release } = memoryBacking({ 's|company:1': { at: Date.now(), value: 'old' } });
    backing.hold();
    const view = new DetailCache({ backing }).view('s');
    view.set('company', 1, 'new');
    release();
    await view.ready;
    expect(view.get('company', 1)).toBe('new');
  });

  it('clear() forgets the kept copies too, also when a load was still under way', async () => {
    const { backing, release } = memoryBacking({ 's|company:1': { at: Date.now(), value: 'kept' } });
    backing.hold();
    const cache = new DetailCache({ backing });
    const view = cache.view('s');
    cache.clear();
    release();
    await view.ready;
    expect(view.get('company', 1)).toBeUndefined();
    expect(backing.store.size).toBe(0);
  });

  it('an entry dropped for size is dropped from the backing as well', async () => {
    const { backing } = memoryBacking();
    const view = new DetailCache({ maxEntries: 1, backing }).view('s');
    await view.ready;
    view.set('configuration', 1, 1);
    await tick();
    view.set('configuration', 2, 2);
    await tick();
    expect([...backing.store.keys()]).toEqual(['s|configuration:2']);
  });

  it('a failing backing leaves the cache working in memory', async () => {
    const backing: DetailBacking = {
      load: () => Promise.reject(new Error('no storage')),
      save: () => Promise.reject(new Error('quota')),
      clear: () => Promise.reject(new Error('no storage')),
    };
    const view = new DetailCache({ backing }).view('s');
    await view.ready;
    view.set('company', 1, 'x');
    await tick();
    expect(view.get('company', 1)).toBe('x');
  });
});
