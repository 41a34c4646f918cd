// Company, contact and device details seen in earlier ticket contexts (issue 12 §5). They are reachable
// only after the ticket itself has been read (CW's ticket carries their ids, not their details), so a
// cold context costs two round trips. A technician works many tickets of the same customers: with these
// kept for a while, the context is complete after its first wave and the second wave only checks them
// (stale-while-revalidate: a changed phone number or device replaces the shown one a moment later).
// In the worker's memory, mirrored to a backing (lib/ticket/detail-storage.ts: the browser's session
// storage) because Chromium stops an idle worker after 30 s: without it, a technician who reads a ticket
// for a minute would find the next one of the same customer cold again.

export const DETAIL_TTL_MS = 10 * 60_000;

export type DetailKind = 'company' | 'contact' | 'configuration';

/** One connection's view (the loader's dependency): another connection never sees these. */
export interface DetailStore {
  get<T>(kind: DetailKind, id: number): T | undefined;
  set(kind: DetailKind, id: number, value: unknown): void;
  /** Settles when what an earlier worker kept is loaded (get() sees it from then on). */
  ready?: Promise<void>;
}

export interface DetailEntry {
  at: number;
  value: unknown;
}

/** Where kept details outlive the worker (written after each change, read once per worker). */
export interface DetailBacking {
  load(): Promise<Record<string, DetailEntry>>;
  save(changed: Record<string, DetailEntry>, removed: readonly string[]): Promise<void>;
  clear(): Promise<void>;
}

export interface DetailCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
  backing?: DetailBacking;
}

export class DetailCache {
  private readonly entries = new Map<string, DetailEntry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly backing?: DetailBacking;
  private restoring?: Promise<void>;
  /** Bumped by clear(): a restore that started before it must not bring the cleared entries back. */
  private generation = 0;
  private changed: Record<string, DetailEntry> = {};
  private removed = new Set<string>();
  private flushing = false;

  constructor(opts: DetailCacheOptions = {}) {
    this.ttlMs = opts.ttlMs ?? DETAIL_TTL_MS;
    this.maxEntries = opts.maxEntries ?? 500;
    this.now = opts.now ?? Date.now;
    this.backing = opts.backing;
  }

  /** Loads what the backing kept, once per cache (a failing backing just leaves the cache cold). */
  restore(): Promise<void> {
    if (!this.backing) return Promise.resolve();
    this.restoring ??= (async () => {
      const gen = this.generation;
      const kept = await this.backing!.load().catch(() => ({}) as Record<string, DetailEntry>);
      if (gen !== this.generation) return;
      const fresh = Object.entries(kept)
        .filter(([k, e]) => !this.entries.has(k) && this.now() - e.at < this.ttlMs)
        .sort(([, a], [, b]) => a.at - b.at);
      // Older than anything stored in this worker: they go first in the eviction order.
      const mine = [...this.entries];
      this.entries.clear();
      for (const [k, e] of [...fresh, ...mine]) this.entries.set(k, e);
      this.evict();
    })();
    return this.restoring;
  }

  view(scope: string): DetailStore {
    const key = (kind: DetailKind, id: number) => `${scope}|${kind}:${id}`;
    return {
      get: <T>(kind: DetailKind, id: number) => {
        const k = key(kind, id);
        const hit = this.entries.get(k);
        if (!hit) return undefined;
        if (this.now() - hit.at >= this.ttlMs) {
          this.entries.delete(k);
          this.persist(undefined, k);
          return undefined;
        }
        return hit.value as T;
      },
      set: (kind, id, value) => {
        const k = key(kind, id);
        const entry = { at: this.now(), value };
        // Re-inserted at the end: the map's order is the eviction order (least recently stored first).
        this.entries.delete(k);
        this.entries.set(k, entry);
        this.persist(k, undefined, entry);
        this.evict();
      },
      ready: this.restore(),
    };
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.changed = {};
    this.removed.clear();
    void this.backing?.clear().catch(() => undefined);
  }

  private evict() {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
      this.persist(undefined, oldest);
    }
  }

  /** Batches this task's changes into one write (a context stores several details at once). */
  private persist(setKey?: string, removedKey?: string, entry?: DetailEntry) {
    if (!this.backing) return;
    if (setKey && entry) {
      this.changed[setKey] = entry;
      this.removed.delete(setKey);
    }
    if (removedKey) {
      delete this.changed[removedKey];
      this.removed.add(removedKey);
    }
    if (this.flushing) return;
    this.flushing = true;
    setTimeout(() => {
      this.flushing = false;
      const changed = this.changed;
      const removed = [...this.removed];
      this.changed = {};
      this.removed.clear();
      void this.backing!.save(changed, removed).catch(() => undefined);
    }, 0);
  }
}
