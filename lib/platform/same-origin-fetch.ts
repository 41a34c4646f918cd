// fetch that never follows a redirect to another origin (issue 10 §4). With the default
// `redirect: 'follow'`, a 307/308 to another host re-sends the body and headers such as Azure's
// `api-key` and CW's `clientId` there. Every CW and AI request goes through this.
//
// Browser quirk: in Chromium (and Firefox) a `redirect: 'manual'` response is an opaque redirect
// (type 'opaqueredirect', status 0, no Location header), so the target cannot be checked and the
// redirect is refused whatever its target. Where the runtime shows the Location header (Node, which the
// contract tests and scripts use), same-origin redirects are followed, at most MAX_REDIRECTS times.

export const MAX_REDIRECTS = 5;

export class RedirectRefused extends Error {
  constructor(
    readonly from: string,
    /** The redirect's target, when the runtime lets us see it. */
    readonly to: string | undefined,
    readonly status: number,
  ) {
    super(
      to
        ? `Redirected from ${new URL(from).origin} to ${new URL(to).origin}; not followed.`
        : `Redirected from ${new URL(from).origin} to an address the browser does not reveal; not followed.`,
    );
    this.name = 'RedirectRefused';
  }
}

/** The refusal behind an error, also when a library wrapped it (ofetch's FetchError keeps it as cause). */
export function redirectRefusalOf(e: unknown): RedirectRefused | undefined {
  if (e instanceof RedirectRefused) return e;
  return e instanceof Error && e.cause !== undefined ? redirectRefusalOf(e.cause) : undefined;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Like fetch, but redirects are followed only within the request's own origin (see the top). */
export async function fetchSameOrigin(
  input: RequestInfo | URL,
  init: RequestInit = {},
  fetchImpl: FetchLike = (i, o) => fetch(i, o),
): Promise<Response> {
  let url = urlOf(input);
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  for (let hop = 0; ; hop++) {
    const res = await fetchImpl(url, { ...init, method, body, redirect: 'manual' });
    if (res.type === 'opaqueredirect') throw new RedirectRefused(url, undefined, res.status);
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!location) return res;
    await res.body?.cancel().catch(() => undefined);
    const next = new URL(location, url);
    if (next.origin !== new URL(url).origin || hop >= MAX_REDIRECTS) {
      throw new RedirectRefused(url, next.href, res.status);
    }
    // 303, and 301/302 after a POST, continue as a GET without the body (what browsers do).
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    url = next.href;
  }
}
