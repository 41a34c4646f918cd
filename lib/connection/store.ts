import type { CwCredentials } from '../cw/auth';
import { CwClient } from '../cw/client';
import { buildClientId } from '../cw/client-id';
import { type ConnectionRecord, db } from '../db/schema';
import { AppError } from '../errors';
import type { PublicConnection } from '../messages/options-to-bg';
import { connectionScope, type Scope } from './scope';

const SECRET_ID = 'cw:primary';

export async function loadConnection(): Promise<
  { record: ConnectionRecord; creds: CwCredentials } | undefined
> {
  const d = db();
  const [record, secret] = await Promise.all([d.connections.get('primary'), d.secrets.get(SECRET_ID)]);
  if (!record || !secret?.publicKey) return undefined;
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
    await d.connections.put(record);
    await d.secrets.put({ id: SECRET_ID, ...keys });
  });
}

export async function deleteConnection(): Promise<void> {
  const d = db();
  await d.transaction('rw', d.connections, d.secrets, async () => {
    await d.connections.delete('primary');
    await d.secrets.delete(SECRET_ID);
  });
}

export function toPublic(
  record: ConnectionRecord,
  keys: { publicKey: string; privateKey: string },
): PublicConnection {
  return {
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
      'FlowPilot is not connected to ConnectWise. Open the options page to connect.',
    );
  return { client: clientFor(conn), record: conn.record };
}
