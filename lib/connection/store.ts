import type { AtCredentials } from '../autotask/auth';
import { AtClient } from '../autotask/client';
import type { AtZone, ZoneCache } from '../autotask/zone';
import type { CwCredentials } from '../cw/auth';
import { CwClient } from '../cw/client';
import { buildClientId } from '../cw/client-id';
import { type ConnectionRecord, db } from '../db/schema';
import { AppError } from '../errors';
import type { PublicConnection } from '../messages/options-to-bg';
import { connectionScope, type Scope } from './scope';

const SECRET_ID = 'cw:primary';
const AUTOTASK_SECRET_ID = 'autotask:primary';

/** Autotask records name their PSA; everything else (older records too) is ConnectWise. */
export const isAutotask = (r: Pick<ConnectionRecord, 'psa'> | undefined): boolean => r?.psa === 'autotask';

/** The saved ConnectWise connection; undefined when none, or when the saved one is Autotask's. */
export async function loadConnection(): Promise<
  { record: ConnectionRecord; creds: CwCredentials } | undefined
> {
  const d = db();
  const [record, secret] = await Promise.all([d.connections.get('primary'), d.secrets.get(SECRET_ID)]);
  if (!record || isAutotask(record) || !secret?.publicKey) return undefined;
  return {
    record,
    creds: {
      companyId: record.companyId,
      publicKey: secret.publicKey,
      privateKey: secret.privateKey,
      clientId: record.clientIdOverride || buildClientId(),
    },
  };
}

export async function saveConnection(
  record: ConnectionRecord,
  keys: { publicKey: string; privateKey: string },
): Promise<void> {
  const d = db();
  await d.transaction('rw', d.connections, d.secrets, async () => {
    await d.connections.put({ ...record, psa: 'connectwise' });
    await d.secrets.put({ id: SECRET_ID, ...keys });
    // One connection per browser: the other PSA's secret goes with the switch.
    await d.secrets.delete(AUTOTASK_SECRET_ID);
  });
}

/** The saved Autotask connection with its credentials; undefined when none (or it is ConnectWise). */
export async function loadAutotaskConnection(): Promise<
  | {
      record: ConnectionRecord & { autotask: NonNullable<ConnectionRecord['autotask']> };
      creds: AtCredentials;
    }
  | undefined
> {
  const d = db();
  const [record, secret] = await Promise.all([
    d.connections.get('primary'),
    d.secrets.get(AUTOTASK_SECRET_ID),
  ]);
  if (!record || !isAutotask(record) || !record.autotask || !secret?.integrationCode) return undefined;
  return {
    record: record as ConnectionRecord & { autotask: NonNullable<ConnectionRecord['autotask']> },
    creds: {
      userName: record.autotask.userName,
      secret: secret.privateKey,
      integrationCode: secret.integrationCode,
    },
  };
}

export async function saveAutotaskConnection(record: ConnectionRecord, creds: AtCredentials): Promise<void> {
  const d = db();
  await d.transaction('rw', d.connections, d.secrets, async () => {
    await d.connections.put({ ...record, psa: 'autotask' });
    await d.secrets.put({
      id: AUTOTASK_SECRET_ID,
      privateKey: creds.secret,
      integrationCode: creds.integrationCode,
    });
    await d.secrets.delete(SECRET_ID);
  });
}

export async function deleteConnection(): Promise<void> {
  const d = db();
  await d.transaction('rw', d.connections, d.secrets, async () => {
    await d.connections.delete('primary');
    await d.secrets.delete(SECRET_ID);
    await d.secrets.delete(AUTOTASK_SECRET_ID);
  });
}

/**
 * The zone cache kept on the connection record: a zone found again after a 401 (the database moved)
 * is stored, so the next worker does not start from the old one. The scope stays the one saved at
 * Connect (records made then keep belonging to it).
 */
export function recordZoneCache(userName: string, zone: AtZone): ZoneCache {
  let current: AtZone | undefined = zone;
  const same = (u: string) => u.trim().toLowerCase() === userName.trim().toLowerCase();
  return {
    get: (u) => (same(u) ? current : undefined),
    set: (u, z) => {
      if (!same(u)) return;
      current = z;
      void db()
        .connections.where('id')
        .equals('primary')
        .modify((r: ConnectionRecord) => {
          if (r.autotask && same(r.autotask.userName)) r.autotask = { ...r.autotask, zone: z };
        })
        .catch(() => undefined);
    },
    delete: (u) => {
      if (same(u)) current = undefined;
    },
  };
}

/** The Autotask client for the saved connection (zone from the record; found again after a 401). */
export async function connectedAutotaskClient(): Promise<{ client: AtClient; record: ConnectionRecord }> {
  const conn = await loadAutotaskConnection();
  if (!conn)
    throw new AppError(
      'notConnected',
      'FlowPilot is not connected to Autotask. Open the options page to connect.',
    );
  const { userName, zone, zoneLookupUrl } = conn.record.autotask;
  return {
    client: new AtClient({
      credentials: conn.creds,
      zoneCache: recordZoneCache(userName, zone),
      ...(zoneLookupUrl ? { zoneLookupUrl } : {}),
    }),
    record: conn.record,
  };
}

export function toPublic(
  record: ConnectionRecord,
  keys: { publicKey: string; privateKey: string },
): PublicConnection {
  return {
    psa: 'connectwise',
    displayName: record.displayName,
    site: record.site,
    companyId: record.companyId,
    companyName: record.companyName,
    publicKey: keys.publicKey,
    privateKeyLast4: keys.privateKey.slice(-4),
    clientIdOverride: record.clientIdOverride,
    serverVersion: record.serverVersion,
    codebase: record.codebase,
    apiBase: record.apiBase,
    cloud: record.cloud,
    lastTestedAt: record.lastTestedAt,
    connectedAt: record.connectedAt,
    missingPermissions: record.missingPermissions,
    grantedOrigin: record.grantedOrigin,
    ...(record.managed ? { managed: true } : {}),
  };
}

/** The saved connection's scope (lib/connection/scope.ts), or undefined when not connected. */
export async function currentScope(): Promise<Scope | undefined> {
  const record = await db().connections.get('primary');
  return record ? connectionScope(record) : undefined;
}

/** The CW client for a loaded connection (bound to its scope). */
export function clientFor(conn: { record: ConnectionRecord; creds: CwCredentials }): CwClient {
  return new CwClient({ ...conn.creds, apiBase: conn.record.apiBase, scope: connectionScope(conn.record) });
}

/** The CW client for the saved connection; every CW-using feature starts here. */
export async function connectedClient(): Promise<{ client: CwClient; record: ConnectionRecord }> {
  const conn = await loadConnection();
  if (!conn)
    throw new AppError(
      'notConnected',
      (await db().connections.get('primary'))?.psa === 'autotask'
        ? 'FlowPilot is connected to Autotask; this part works with ConnectWise only so far.'
        : 'FlowPilot is not connected to ConnectWise. Open the options page to connect.',
    );
  return { client: clientFor(conn), record: conn.record };
}
