import { isCloudHostname, isLoopbackHostname } from '../cw/hosts';
import { db } from '../db/schema';
import { isE2eMode } from '../platform/build-variants';

/** Loopback is a CW site only in the e2e build, which the tests and the demo use with the sandbox. */
export const LOOPBACK_IS_CW = isE2eMode(import.meta.env.MODE);

/** Pure part: cloud hosts, loopback (e2e only) and the connected on-prem host. */
export function isCwPageUrlSync(
  url: string,
  onPremHost: string | undefined,
  loopbackIsCw = LOOPBACK_IS_CW,
): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'https:' && isCloudHostname(u.hostname)) return true;
  if (loopbackIsCw && isLoopbackHostname(u.hostname)) return true;
  return onPremHost !== undefined && u.protocol === 'https:' && u.hostname === onPremHost;
}

export async function isCwPageUrl(url: string): Promise<boolean> {
  if (isCwPageUrlSync(url, undefined)) return true;
  const conn = await db().connections.get('primary');
  const onPrem = conn && !conn.cloud ? conn.site.split(':')[0] : undefined;
  return isCwPageUrlSync(url, onPrem);
}
