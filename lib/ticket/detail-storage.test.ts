// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type SessionArea, sessionDetailBacking } from './detail-storage';

function fakeArea(initial: Record<string, unknown> = {}): SessionArea & { items: Record<string, unknown> } {
  const items = { ...initial };
  return {
    items,
    async get() {
      return structuredClone(items);
    },
    async set(more) {
      Object.assign(items, structuredClone(more));
    },
    async remove(keys) {
      for (const k of keys) delete items[k];
    },
  };
}

describe('sessionDetailBacking', () => {
  it('stores one key per detail under its own prefix and loads only those, well-formed', async () => {
    const area = fakeArea({ 'other.key': 1, 'flowpilot.detail|s|company:9': { junk: true } });
    const b = sessionDetailBacking(area);
    await b.save({ 's|company:1': { at: 5, value: { phone: 'a' } } }, []);
    expect(area.items['flowpilot.detail|s|company:1']).toEqual({ at: 5, value: { phone: 'a' } });
    expect(await b.load()).toEqual({ 's|company:1': { at: 5, value: { phone: 'a' } } });
  });

  it('removes what was dropped, and clear() removes only its own keys', async () => {
    const area = fakeArea({ 'other.key': 1 });
    const b = sessionDetailBacking(area);
    await b.save({ 's|company:1': { at: 1, value: 1 }, 's|company:2': { at: 1, value: 2 } }, []);
    await b.save({}, ['s|company:1']);
    expect(Object.keys(await b.load())).toEqual(['s|company:2']);
    await b.clear();
    expect(area.items).toEqual({ 'other.key': 1 });
  });
});
