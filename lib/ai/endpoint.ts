// What an AI endpoint URL may be, and which origin (and host permission) it stands for. Pure: used by
// the background (before any request, and to bind the API key to its endpoint) and by the options page
// (which host permission to ask for inside the Save/Test click).

/** Plain http is for a model server on this computer only; these are the hosts the manifest can grant. */
export const LOCAL_AI_HOSTNAMES = ['localhost', '127.0.0.1'] as const;

/** Optional host permissions for a local model server in production builds (issue 14 §3). */
export const LOCAL_AI_PATTERNS = LOCAL_AI_HOSTNAMES.map((h) => `http://${h}/*`);

export type AiUrlCheck =
  | { ok: true; url: URL; origin: string; local: boolean }
  | { ok: false; message: string };

const HTTP_LOCAL_ONLY =
  'Plain http:// is only for a model server on this computer (http://localhost or http://127.0.0.1); use https:// for any other host.';

export function checkAiBaseUrl(baseUrl: string): AiUrlCheck {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return { ok: false, message: 'The AI endpoint base URL is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'The AI endpoint must be an https:// URL.' };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Remove the user name and password from the AI endpoint URL.' };
  }
  const local = (LOCAL_AI_HOSTNAMES as readonly string[]).includes(url.hostname);
  if (url.protocol === 'http:' && !local) return { ok: false, message: HTTP_LOCAL_ONLY };
  return { ok: true, url, origin: url.origin, local };
}

/** The origin an endpoint's key belongs to, or undefined when the URL is not a usable endpoint. */
export function aiOrigin(baseUrl: string): string | undefined {
  const c = checkAiBaseUrl(baseUrl);
  return c.ok ? c.origin : undefined;
}

/**
 * The host permission the worker needs to call this endpoint (its fetch is cross-origin): the https
 * host, or the local http host (optional in production builds, granted in the e2e build). Match
 * patterns carry no port, so one grant covers every local server on that host.
 */
export function aiHostPermission(baseUrl: string): string | undefined {
  const c = checkAiBaseUrl(baseUrl);
  if (!c.ok) return undefined;
  return `${c.url.protocol}//${c.url.hostname}/*`;
}
