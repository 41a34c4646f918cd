import type { ConnectionRecord } from '../db/schema';
import { type TicketContext, type TicketRef, ticketKey } from './types';

// A short per-ticket cache in the worker's memory. Losing it when MV3 stops the worker only costs a
// reload; it exists so SPA back/forward and several panels on one ticket do not refetch. Concurrent
// requests for the same ticket share one load. Also used for other per-ticket answers (similar tickets).

export const CONTEXT_TTL_MS = 60_000;

/** Separates connections in a cache, so a new site or key pair never sees another one's tickets. */
export const cacheScope = (r: Pick<ConnectionRecord, 'apiBase' | 'companyId' | 'connectedAt'>) =>
  `${r.apiBase}|${r.companyId}|${r.connectedAt}`;

interface Entry<T> {
  at: number;
  promise: Promise<T>;
}

export class ContextCache<T = TicketContext> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = CONTEXT_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50,
  ) {}

  /** `scope` separates connections, so a new site or key pair never sees another one's tickets. */
  get(
    scope: string,
    ref: TicketRef,
    load: () => Promise<T>,
    opts: { refresh?: boolean } = {},
  ): { promise: Promise<T>; cached: boolean } {
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

  /** Replaces a ticket's entry with a newer answer (a later check corrected it). */
  put(scope: string, ref: TicketRef, promise: Promise<T>): void {
    this.entries.set(`${scope}|${ticketKey(ref)}`, { at: this.now(), promise });
  }

  /** The fresh entry for a ticket, if any (no load). */
  peek(scope: string, ref: TicketRef): Promise<T> | undefined {
    const hit = this.entries.get(`${scope}|${ticketKey(ref)}`);
    return hit && this.now() - hit.at < this.ttlMs ? hit.promise : undefined;
  }

  /** Forgets one ticket's entry if it is still this promise (a later load is kept). */
  forget(scope: string, ref: TicketRef, promise: Promise<T>): void {
    const key = `${scope}|${ticketKey(ref)}`;
    if (this.entries.get(key)?.promise === promise) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
