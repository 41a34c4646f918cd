// Connect / Test Connection for Autotask (issue 15 §2; the background half of phase B step 7): test
// first, save only when everything passes, like ConnectWise's (lib/connection/service.ts). The zone
// is looked up from the API user name and cached on the record; the probe reads a ticket, resources
// and the ticket status picklist and names what is missing. The secret and the tracking identifier
// never leave the background: the public view carries only the secret's last 4 characters.

import { type AtCredentials, credentialProblem } from '../autotask/auth';
import { AtClient } from '../autotask/client';
import { AtError } from '../autotask/errors';
import { AutotaskPsa } from '../autotask/psa';
import { memoryZoneCache } from '../autotask/zone';
import type { ConnectionRecord } from '../db/schema';
import { AppError } from '../errors';
import type { AutotaskPublicConnection } from '../messages/options-to-bg';
import type { PsaProbe } from '../psa/types';
import { loadAutotaskConnection, recordZoneCache, saveAutotaskConnection } from './store';

export interface AutotaskConnectInput extends AtCredentials {
  displayName: string;
}

export type { AutotaskPublicConnection };

function toPublic(record: ConnectionRecord, creds: AtCredentials): AutotaskPublicConnection {
  const usage = record.autotask?.apiUsage;
  return {
    psa: 'autotask',
    displayName: record.displayName,
    userName: record.autotask?.userName ?? '',
    secretLast4: creds.secret.slice(-4),
    integrationCodeLast4: creds.integrationCode.slice(-4),
    serverLabel: record.serverVersion,
    webUrl: record.autotask?.zone.webUrl ?? '',
    apiBase: record.apiBase,
    missingPermissions: record.missingPermissions,
    warnings: record.autotask?.warnings ?? [],
    ...(usage ? { apiUsage: usage } : {}),
    connectedAt: record.connectedAt,
    lastTestedAt: record.lastTestedAt,
  };
}

/** What the probe found for the record: its warnings and the hourly usage, stamped (the last usage stays when it could not be read). */
function usageAt(probe: PsaProbe, now: number) {
  return {
    warnings: probe.warnings,
    ...(probe.apiUsage ? { apiUsage: { ...probe.apiUsage, measuredAt: now } } : {}),
  };
}

/** Autotask's 5xx "we will retry" wording is for posts; nothing is retried or saved on Connect. */
function forConnect(e: unknown): unknown {
  if (!(e instanceof AtError) || e.kind !== 'server') return e;
  return new AtError(
    'server',
    `Autotask had a server error (${e.status ?? '5xx'}). Nothing was saved; try again in a few minutes.`,
    {
      status: e.status,
    },
  );
}

export async function connectAutotask(
  input: AutotaskConnectInput,
  opts: { zoneLookupUrl?: string; now?: number } = {},
): Promise<AutotaskPublicConnection> {
  const creds: AtCredentials = {
    userName: input.userName.trim(),
    secret: input.secret.trim(),
    integrationCode: input.integrationCode.trim(),
  };
  const problem = credentialProblem(creds);
  if (problem) throw new AppError('validation', problem);
  const cache = memoryZoneCache();
  const client = new AtClient({
    credentials: creds,
    zoneCache: cache,
    ...(opts.zoneLookupUrl ? { zoneLookupUrl: opts.zoneLookupUrl } : {}),
  });
  const probe = await new AutotaskPsa({ client }).probe().catch((e: unknown) => {
    throw forConnect(e);
  });
  if (probe.missingPermissions.length) {
    throw new AtError(
      'forbidden',
      `Connected, but the API user's security level cannot read: ${probe.missingPermissions.join(', ')}. Nothing was saved.`,
    );
  }
  const zone = await client.zone();
  const now = opts.now ?? Date.now();
  const web = zone.webUrl ? new URL(zone.webUrl) : new URL(zone.apiBase);
  const record: ConnectionRecord = {
    id: 'primary',
    psa: 'autotask',
    displayName: input.displayName.trim() || probe.serverLabel,
    site: web.host,
    scheme: web.protocol === 'http:' ? 'http' : 'https',
    companyId: creds.userName,
    codebase: '',
    apiBase: zone.apiBase,
    cloud: true,
    serverVersion: probe.serverLabel,
    missingPermissions: [],
    connectedAt: now,
    lastTestedAt: now,
    autotask: {
      userName: creds.userName,
      zone,
      ...(opts.zoneLookupUrl ? { zoneLookupUrl: opts.zoneLookupUrl } : {}),
      ...usageAt(probe, now),
    },
  };
  await saveAutotaskConnection(record, creds);
  return toPublic(record, creds);
}

export async function getAutotaskConnection(): Promise<AutotaskPublicConnection | null> {
  const conn = await loadAutotaskConnection();
  return conn ? toPublic(conn.record, conn.creds) : null;
}

/** Test Connection: the probe again, with what is missing, warnings and the hourly usage. */
export async function testAutotaskConnection(now = Date.now()): Promise<AutotaskPublicConnection> {
  const conn = await loadAutotaskConnection();
  if (!conn) throw new AppError('notConnected', 'FlowPilot is not connected to Autotask yet.');
  const { userName, zone, zoneLookupUrl } = conn.record.autotask;
  const client = new AtClient({
    credentials: conn.creds,
    zoneCache: recordZoneCache(userName, zone),
    ...(zoneLookupUrl ? { zoneLookupUrl } : {}),
  });
  const probe = await new AutotaskPsa({ client }).probe().catch((e: unknown) => {
    throw forConnect(e);
  });
  const record: ConnectionRecord = {
    ...conn.record,
    // The zone as the probe found it (looked up again after a 401 when the database moved).
    autotask: { ...conn.record.autotask, zone: await client.zone(), ...usageAt(probe, now) },
    serverVersion: probe.serverLabel,
    missingPermissions: probe.missingPermissions,
    lastTestedAt: now,
  };
  await saveAutotaskConnection(record, conn.creds);
  return toPublic(record, conn.creds);
}
