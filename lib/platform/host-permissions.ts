import { browser } from 'wxt/browser';
import { AUTOTASK_HOST_PATTERN } from '../autotask/hosts';

// Optional host permissions FlowPilot asked for (an on-prem CW site, an AI endpoint's host) are given
// back when nothing uses them any more: after Disconnect, a site change or an AI endpoint change.

/**
 * Only what FlowPilot itself requests: exact hosts (`https://cw.example.com/*`) and Autotask's cloud
 * pattern; never another wildcard the user granted.
 */
const OWN_PATTERN = /^(https?):\/\/[^/*]+\/\*$/;
const own = (o: string) => OWN_PATTERN.test(o) || o === AUTOTASK_HOST_PATTERN;

/** Granted origins that are neither required by the manifest nor still needed. Pure. */
export function unneededOrigins(
  granted: readonly string[],
  required: readonly string[],
  needed: readonly (string | undefined)[],
): string[] {
  const keep = new Set([...required, ...needed.filter((n): n is string => !!n)]);
  return granted.filter((o) => own(o) && !keep.has(o));
}

export async function pruneHostPermissions(needed: readonly (string | undefined)[]): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  const required = browser.runtime.getManifest().host_permissions ?? [];
  const extra = unneededOrigins(origins, required, needed);
  if (extra.length) await browser.permissions.remove({ origins: extra });
  return extra;
}
