import { describe, expect, it } from 'vitest';
import { DetailCache } from './detail-cache';

describe('DetailCache', () => {
  it('keeps a detail for the TTL, then forgets it', () => {
    let t = 0;
    const view = new DetailCache(1000, 10, () => t).view('s');
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
    const view = new DetailCache(60_000, 2).view('s');
    view.set('configuration', 1, 1);
    view.set('configuration', 2, 2);
    view.set('configuration', 1, 1); // stored again: now the newest
    view.set('configuration', 3, 3);
    expect(view.get('configuration', 2)).toBeUndefined();
    expect(view.get('configuration', 1)).toBe(1);
    expect(view.get('configuration', 3)).toBe(3);
  });
});
