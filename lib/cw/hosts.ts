// Host patterns in one place: used by the manifest (wxt.config.ts), the router's sender check and
// permission requests. Cloud web UIs and their `api-` API hosts share these parent domains.
export const CLOUD_HOST_SUFFIXES = ['.myconnectwise.net', '.connectwisedev.com'] as const;

export const CLOUD_HOST_PATTERNS = CLOUD_HOST_SUFFIXES.map((s) => `https://*${s}/*`);

/** Loopback counts as a CW site only in the e2e build (tests and the demo run the CW sandbox there). */
export const LOOPBACK_PATTERNS = ['http://127.0.0.1/*', 'http://localhost/*'];

export const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isCloudHostname(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return CLOUD_HOST_SUFFIXES.some((s) => h.endsWith(s) && h.length > s.length);
}

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The match pattern that grants an on-prem host (ports are not part of match patterns). */
export function originPattern(scheme: 'http' | 'https', hostname: string): string {
  return `${scheme}://${hostname}/*`;
}
