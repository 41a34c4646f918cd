import type { DetailBacking, DetailEntry } from './detail-cache';

// Kept details (lib/ticket/detail-cache.ts) in the browser's session storage: memory the browser holds
// for the extension, not written to disk, emptied when the browser closes, and readable only by the
// extension's own pages and worker (the default access level, which FlowPilot never widens) — CW's page
// and the content script cannot see it. One key per detail, so a change writes only what changed.

const PREFIX = 'flowpilot.detail|';

/** The part of `browser.storage.session` used here (Chromium 102+, Firefox 115+). */
export interface SessionArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

const isEntry = (v: unknown): v is DetailEntry =>
  typeof v === 'object' && v !== null && typeof (v as DetailEntry).at === 'number' && 'value' in v;

export function sessionDetailBacking(area: SessionArea): DetailBacking {
  return {
    async load() {
      const all = await area.get(null);
      const out: Record<string, DetailEntry> = {};
      for (const [k, v] of Object.entries(all))
        if (k.startsWith(PREFIX) && isEntry(v)) out[k.slice(PREFIX.length)] = v;
      return out;
    },
    async save(changed, removed) {
      const items = Object.fromEntries(Object.entries(changed).map(([k, v]) => [PREFIX + k, v]));
      await Promise.all([
        Object.keys(items).length ? area.set(items) : undefined,
        removed.length ? area.remove(removed.map((k) => PREFIX + k)) : undefined,
      ]);
    },
    async clear() {
      const keys = Object.keys(await area.get(null)).filter((k) => k.startsWith(PREFIX));
      if (keys.length) await area.remove(keys);
    },
  };
}
