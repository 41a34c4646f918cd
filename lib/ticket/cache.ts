import { type TicketContext, type TicketRef, ticketKey } from './types';

// A short per-ticket cache in the worker's memory. Losing it when MV3 stops the worker only costs a
// reload; it exists so SPA back/forward and several panels on one ticket do not refetch. Concurrent
// requests for the same ticket share one load.

export const CONTEXT_TTL_MS = 60_000;

interface Entry {
  at: number;
  promise: Promise<TicketContext>;
}

export class ContextCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = CONTEXT_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50,
  ) {}

  /** `scope` separates connections, so a new site or key pair never sees another one's tickets. */
  get(
    scope: string,
    ref: TicketRef,
    load: () => Promise<TicketContext>,
    opts: { refresh?: boolean } = {},
  ): { promise: Promise<TicketContext>; cached: boolean } {
    const key = `${scope}|${ticketKey(ref)}`;
    const hit = this.entries.get(key);
    if (hit && !opts.refresh && this.now() - hit.at < this.ttlMs)
      return { promise: hit.promise, cached: true };
    const promise = load();
    const entry = { at: this.now(), promise };
    this.entries.set(key, entry);
    // A failed load is not cached: the next ask tries again.
    promise.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return { promise, cached: false };
  }

  clear(): void {
    this.entries.clear();
  }
}
