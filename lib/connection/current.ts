// The one saved connection, whichever PSA it is (issue 15): what the options page's Connection tab
// reads, tests and removes. ConnectWise keeps its own service (service.ts) and Autotask its own
// (autotask-service.ts); this module only chooses between them.

import { db } from '../db/schema';
import { AppError } from '../errors';
import type {
  AnyPublicConnection,
  AutotaskConnectInput,
  AutotaskPublicConnection,
} from '../messages/options-to-bg';
import { connectAutotask, getAutotaskConnection, testAutotaskConnection } from './autotask-service';
import { getConnection, testConnection } from './service';
import { deleteConnection, isAutotask } from './store';

export async function getAnyConnection(): Promise<AnyPublicConnection | null> {
  return isAutotask(await db().connections.get('primary')) ? getAutotaskConnection() : getConnection();
}

/**
 * Which zone lookup a Connect may use: Autotask's own, or (e2e and demo builds only) the loopback
 * sandbox's. Any other build refuses the field outright: a page must never be able to send the secret
 * to a host of its choosing.
 */
export function zoneLookupProblem(url: string | undefined, e2eBuild: boolean): string | undefined {
  if (url === undefined) return undefined;
  if (!e2eBuild) return 'A custom Autotask zone lookup is only accepted by test builds.';
  const host = URL.canParse(url) ? new URL(url).hostname : '';
  return host === '127.0.0.1' || host === 'localhost'
    ? undefined
    : 'Test builds accept only a loopback zone lookup (the Autotask sandbox).';
}

export async function connectAutotaskFromInput(
  input: AutotaskConnectInput,
  opts: { e2eBuild: boolean; now?: number },
): Promise<AutotaskPublicConnection> {
  const problem = zoneLookupProblem(input.zoneLookupUrl, opts.e2eBuild);
  if (problem) throw new AppError('validation', problem);
  return connectAutotask(
    {
      displayName: input.displayName,
      userName: input.userName,
      secret: input.secret,
      integrationCode: input.integrationCode,
    },
    {
      ...(input.zoneLookupUrl ? { zoneLookupUrl: input.zoneLookupUrl } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    },
  );
}

/** Test Connection for either PSA, in one shape (Autotask adds its warnings and hourly usage). */
export async function testAnyConnection(now = Date.now()) {
  if (!isAutotask(await db().connections.get('primary'))) {
    return { psa: 'connectwise' as const, ...(await testConnection(now)) };
  }
  const c = await testAutotaskConnection(now);
  return {
    psa: 'autotask' as const,
    serverVersion: c.serverLabel,
    testedAt: c.lastTestedAt,
    missingPermissions: c.missingPermissions,
    warnings: c.warnings,
    ...(c.apiUsage ? { apiUsage: c.apiUsage } : {}),
  };
}

/** Removes the saved connection of either PSA with its secrets. */
export async function disconnectAny(): Promise<{ disconnected: boolean }> {
  const had = await db().connections.get('primary');
  await deleteConnection();
  return { disconnected: Boolean(had) };
}
