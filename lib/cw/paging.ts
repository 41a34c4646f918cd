/** Parses an RFC 5988 `Link` header into rel → URL. */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (!m) continue;
    const rel = /rel\s*=\s*"?([^";]+)"?/i.exec(m[2] ?? '');
    if (rel?.[1]) for (const r of rel[1].trim().split(/\s+/)) out[r.toLowerCase()] = m[1]!;
  }
  return out;
}

/**
 * The next page's URL, only if it stays on the same origin as the current request (the keys go with
 * it). CW's links can carry the web host instead of the api- host, so the path+query is rebased.
 */
export function nextPageUrl(linkHeader: string | null, currentUrl: string): string | undefined {
  const next = parseLinkHeader(linkHeader).next;
  if (!next) return undefined;
  try {
    const cur = new URL(currentUrl);
    const n = new URL(next, cur);
    return `${cur.origin}${n.pathname}${n.search}`;
  } catch {
    return undefined;
  }
}
