// Company, contact and device details seen in earlier ticket contexts (issue 12 §5). They are reachable
// only after the ticket itself has been read (CW's ticket carries their ids, not their details), so a
// cold context costs two round trips. A technician works many tickets of the same customers: with these
// kept for a while, the context is complete after its first wave and the second wave only checks them
// (stale-while-revalidate: a changed phone number or device replaces the shown one a moment later).
// Memory only, in the worker; a stop of the worker just makes the next context cold again.

export const DETAIL_TTL_MS = 10 * 60_000;

export type DetailKind = 'company' | 'contact' | 'configuration';

/** One connection's view (the loader's dependency): another connection never sees these. */
export interface DetailStore {
  get<T>(kind: DetailKind, id: number): T | undefined;
  set(kind: DetailKind, id: number, value: unknown): void;
}

export class DetailCache {
  private readonly entries = new Map<string, { at: number; value: unknown }>();

  constructor(
    private readonly ttlMs = DETAIL_TTL_MS,
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  view(scope: string): DetailStore {
    const key = (kind: DetailKind, id: number) => `${scope}|${kind}:${id}`;
    return {
      get: <T>(kind: DetailKind, id: number) => {
        const k = key(kind, id);
        const hit = this.entries.get(k);
        if (!hit) return undefined;
        if (this.now() - hit.at >= this.ttlMs) {
          this.entries.delete(k);
          return undefined;
        }
        return hit.value as T;
      },
      set: (kind, id, value) => {
        const k = key(kind, id);
        // Re-inserted at the end: the map's order is the eviction order (least recently stored first).
        this.entries.delete(k);
        this.entries.set(k, { at: this.now(), value });
        while (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next().value;
          if (oldest === undefined) break;
          this.entries.delete(oldest);
        }
      },
    };
  }

  clear(): void {
    this.entries.clear();
  }
}
