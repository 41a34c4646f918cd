import { isCloudHostname, isLoopbackHostname } from '../cw/hosts';
import { type ConnectionRecord, db } from '../db/schema';
import { isE2eMode } from '../platform/build-variants';
import { isAutotaskPageSync } from './autotask-pages';

/** Loopback is a CW site only in the e2e build, which the tests and the demo use with the sandbox. */
export const LOOPBACK_IS_CW = isE2eMode(import.meta.env.MODE);

/**
 * Pure part: cloud hosts, loopback (e2e only) and the connected on-prem site. `onPremSite` is the
 * saved site with its port (`cw.example.com:8443`): another port on the same host is another server.
 */
export function isCwPageUrlSync(
  url: string,
  onPremSite: string | undefined,
  loopbackIsCw = LOOPBACK_IS_CW,
): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'https:' && isCloudHostname(u.hostname)) return true;
  if (loopbackIsCw && isLoopbackHostname(u.hostname)) return true;
  return onPremSite !== undefined && u.protocol === 'https:' && u.host === onPremSite;
}

export type PanelSite = Pick<ConnectionRecord, 'site' | 'scheme' | 'cloud'> &
  Partial<Pick<ConnectionRecord, 'psa'>>;

/**
 * May the panel run on this page (and the page report its ticket)? Once connected: only the connected
 * site — a cloud site with its region's hosts (`na.myconnectwise.net`, `api-na.…`, `*.na.…`), an
 * on-prem or loopback site on its exact host and port — never every `*.myconnectwise.net` page. Before
 * anything is connected the panel has nothing to give away, so any CW site may show "not connected".
 * Connected to Autotask: only the zone's web host (lib/background/autotask-pages.ts).
 */
export function isPanelHostSync(
  url: string,
  connected: PanelSite | undefined,
  loopbackIsCw = LOOPBACK_IS_CW,
): boolean {
  if (!connected) return isCwPageUrlSync(url, undefined, loopbackIsCw);
  // Autotask (issue 15): the zone's web host only; a CW connection never accepts Autotask pages.
  if (connected.psa === 'autotask') return isAutotaskPageSync(url, connected, loopbackIsCw);
  const u = parse(url);
  if (!u || u.protocol !== `${connected.scheme}:`) return false;
  const site = connected.site.toLowerCase();
  if (isLoopbackHostname(u.hostname) && !loopbackIsCw) return false;
  if (!connected.cloud) return u.host === site;
  if (u.port !== '' || !isCloudHostname(u.hostname)) return false;
  const h = u.hostname;
  return h === site || h === `api-${site}` || h.endsWith(`.${site}`);
}

export async function isPanelHost(url: string): Promise<boolean> {
  return isPanelHostSync(url, await db().connections.get('primary'));
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
