import { aiHostPermission } from '../ai/endpoint';
import { AUTOTASK_HOST_PATTERN } from '../autotask/hosts';
import { db } from '../db/schema';
import { pruneHostPermissions } from '../platform/host-permissions';
import { getSettings } from '../settings/store';

/**
 * The optional hosts still in use: the connected on-prem CW site or Autotask's cloud hosts, and the saved
 * AI endpoint's host.
 */
export async function neededHostOrigins(): Promise<(string | undefined)[]> {
  const [conn, { ai }] = await Promise.all([db().connections.get('primary'), getSettings()]);
  return [
    conn?.grantedOrigin,
    conn?.psa === 'autotask' ? AUTOTASK_HOST_PATTERN : undefined,
    ai.baseUrl ? aiHostPermission(ai.baseUrl) : undefined,
  ];
}

/** After Disconnect, a site change or an AI endpoint change. Never fails the action it follows. */
export async function releaseUnusedHosts(): Promise<void> {
  await pruneHostPermissions(await neededHostOrigins()).catch(() => undefined);
}
