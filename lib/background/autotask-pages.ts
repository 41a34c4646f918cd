import { browser } from 'wxt/browser';
import { isLoopbackHostname } from '../cw/hosts';
import { type ConnectionRecord, db } from '../db/schema';
import { AUTOTASK_PAGE_PATHS } from '../detect/autotask/url';
import { CONNECTED_PSA_KEY } from '../panel/connected-psa';
import { isE2eMode } from '../platform/build-variants';
import { registerAutotaskContentScript } from '../platform/content-scripts';

// Autotask's pages get FlowPilot only while the connection is Autotask and its host permission is
// granted: the content script (entrypoints/autotask.content) is registered at run time for the zone's web
// host (`webUrl` of zoneInformation, e.g. ww18.autotask.net), in all frames because Autotask's shell
// shows the ticket inside an iframe. Loopback (the sandbox) only in the e2e build, and only on
// Autotask's UI paths, so the CW sandbox's pages on another port are not touched.

/** The sandbox on loopback is an Autotask site only in the e2e build (as for CW: cw-pages.ts). */
const LOOPBACK_ALLOWED = isE2eMode(import.meta.env.MODE);

export type AutotaskSite = Pick<ConnectionRecord, 'psa' | 'site' | 'scheme'>;

function siteUrl(site: AutotaskSite): URL | undefined {
  try {
    return new URL(`${site.scheme}://${site.site}/`);
  } catch {
    return undefined;
  }
}

/** Match patterns for the connected Autotask's UI pages (pure). Empty when none may be served. */
export function autotaskPagePatterns(
  site: AutotaskSite | undefined,
  loopbackAllowed = LOOPBACK_ALLOWED,
): string[] {
  if (site?.psa !== 'autotask') return [];
  const u = siteUrl(site);
  if (!u) return [];
  if (isLoopbackHostname(u.hostname))
    return loopbackAllowed ? AUTOTASK_PAGE_PATHS.map((p) => `${u.protocol}//${u.hostname}${p}`) : [];
  return u.protocol === 'https:' ? [`https://${u.hostname}/*`] : [];
}

/**
 * May a panel (or the content script of any frame) run on this page of an Autotask connection? Only the
 * zone's web host, exactly (scheme, host and port); loopback only in the e2e build.
 */
export function isAutotaskPageSync(
  url: string,
  site: AutotaskSite | undefined,
  loopbackAllowed = LOOPBACK_ALLOWED,
): boolean {
  if (site?.psa !== 'autotask') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== `${site.scheme}:` || u.host !== site.site.toLowerCase()) return false;
  return loopbackAllowed || (u.protocol === 'https:' && !isLoopbackHostname(u.hostname));
}

/** Content scripts of sub-frames are accepted only from the connected Autotask's pages. */
export async function isAutotaskPage(url: string): Promise<boolean> {
  return isAutotaskPageSync(url, await db().connections.get('primary'));
}

/**
 * Mirrors the connected PSA for CW's content script (lib/panel/connected-psa.ts) and registers (or
 * removes) the Autotask content script for the saved connection: on connect and
 * disconnect, when a host permission is granted or removed, and at every worker start (Chrome may drop
 * dynamic registrations on update). Never throws.
 */
export async function syncAutotaskPages(): Promise<void> {
  const record = await db()
    .connections.get('primary')
    .catch(() => undefined);
  await browser.storage.local
    .set({ [CONNECTED_PSA_KEY]: record ? (record.psa ?? 'connectwise') : 'none' })
    .catch(() => undefined);
  await registerAutotaskContentScript(autotaskPagePatterns(record)).catch(() => undefined);
}
