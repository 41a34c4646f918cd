// Zone discovery (docs/reference/autotask-api.md §1): `GET …/zoneInformation?user=<API user name>` on
// any zone host answers where that user's database lives: `url` (REST base without version), `webUrl`
// (the UI host), `ci` (database id). Called without credentials (APG, DJA); not thread-limited.

export const DEFAULT_ZONE_LOOKUP = 'https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation';
export const API_VERSION_PATH = 'V1.0';

export interface AtZone {
  zoneName?: string;
  /** The REST base with version, no trailing slash: `https://webservices18.autotask.net/ATServicesRest/V1.0`. */
  apiBase: string;
  /** Where people open tickets, e.g. `https://ww18.autotask.net/`. */
  webUrl?: string;
  /** The database id. */
  ci?: number;
}

/**
 * The REST base for a zone `url`: the returned URL kept as it is (its path case is UNCONFIRMED to
 * matter, so it is never rebuilt) + `V1.0`. A doubled slash inside the path, seen in an older zone
 * answer (KT), is collapsed. Undefined when it is not an http(s) URL.
 */
export function apiBaseFromZoneUrl(zoneUrl: string): string | undefined {
  let u: URL;
  try {
    u = new URL(zoneUrl.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const path = u.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  // Some answers may already carry the version; never append it twice.
  const base = /\/v1\.0$/i.test(path) ? path : `${path}/${API_VERSION_PATH}`;
  return `${u.origin}${base}`;
}

/** The lookup URL for a user name (the user name is URL-encoded: it usually contains @). */
export function zoneLookupUrl(userName: string, lookup = DEFAULT_ZONE_LOOKUP): string {
  const u = new URL(lookup);
  u.searchParams.set('user', userName.trim());
  return u.toString();
}

/** Reads a zoneInformation answer; undefined when it is not one. */
export function parseZoneAnswer(body: unknown): AtZone | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const o = body as Record<string, unknown>;
  const apiBase = typeof o.url === 'string' ? apiBaseFromZoneUrl(o.url) : undefined;
  if (!apiBase) return undefined;
  return {
    apiBase,
    zoneName: typeof o.zoneName === 'string' ? o.zoneName : undefined,
    webUrl: typeof o.webUrl === 'string' ? o.webUrl : undefined,
    ci: typeof o.ci === 'number' ? o.ci : undefined,
  };
}

/** Where a resolved zone is kept between calls (the connection record in phase B; memory by default). */
export interface ZoneCache {
  get(userName: string): AtZone | undefined;
  set(userName: string, zone: AtZone): void;
  delete(userName: string): void;
}

export function memoryZoneCache(): ZoneCache {
  const m = new Map<string, AtZone>();
  const key = (u: string) => u.trim().toLowerCase();
  return {
    get: (u) => m.get(key(u)),
    set: (u, z) => void m.set(key(u), z),
    delete: (u) => void m.delete(key(u)),
  };
}
