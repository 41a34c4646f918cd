// Autotask pages with `pageDetails.nextPageUrl` (and `prevPageUrl`). For a POST query the next page is
// fetched by POSTing the same body to that URL (PAUL: a GET answers 405, an empty body 500); the URL
// carries only the position. The credentials go with the request, so the URL is rebased onto the
// origin of the current request: a page link can never send them elsewhere.

export interface PageDetails {
  count?: number;
  requestCount?: number;
  prevPageUrl?: string | null;
  nextPageUrl?: string | null;
}

export interface QueryPage<T> {
  items: T[];
  pageDetails: PageDetails;
}

export function rebasePageUrl(link: string | null | undefined, currentUrl: string): string | undefined {
  if (!link) return undefined;
  try {
    const cur = new URL(currentUrl);
    const next = new URL(link, cur);
    return `${cur.origin}${next.pathname}${next.search}`;
  } catch {
    return undefined;
  }
}

/** Reads a query answer defensively: `items` must be an array, `pageDetails` may be missing. */
export function readPage<T>(body: unknown): QueryPage<T> {
  const o = (body ?? {}) as { items?: unknown; pageDetails?: unknown };
  const items = Array.isArray(o.items) ? (o.items as T[]) : [];
  const pd = o.pageDetails && typeof o.pageDetails === 'object' ? (o.pageDetails as PageDetails) : {};
  return { items, pageDetails: pd };
}
