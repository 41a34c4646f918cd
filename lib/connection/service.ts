import { credentialProblem } from '../cw/auth';
import { buildClientId } from '../cw/client-id';
import { CwError } from '../cw/errors';
import { originPattern } from '../cw/hosts';
import { probeConnection } from '../cw/probe';
import { normalizeSite } from '../cw/site';
import type { ConnectionRecord } from '../db/schema';
import { AppError } from '../errors';
import type { ConnectInput, PublicConnection } from '../messages/options-to-bg';
import { deleteConnection, loadConnection, saveConnection, toPublic } from './store';

/**
 * Connect: test first, save only when everything passes. A failing new key pair (rotation) leaves
 * the working connection untouched because nothing is written before the probe succeeds.
 */
export async function connect(input: ConnectInput, now = Date.now()): Promise<PublicConnection> {
  const site = normalizeSite(input.site);
  if (!site.ok) throw new AppError('badSite', site.message);
  const problem = credentialProblem(input);
  if (problem) throw new AppError('validation', problem);

  const creds = {
    companyId: input.companyId.trim(),
    publicKey: input.publicKey.trim(),
    privateKey: input.privateKey.trim(),
    clientId: input.clientIdOverride || buildClientId(),
  };
  const probe = await probeConnection(site.site, creds).catch((e: unknown) => {
    throw forConnect(e);
  });
  if (probe.missingPermissions.length) {
    throw new CwError(
      'forbidden',
      `Connected, but the API member's security role is missing: ${probe.missingPermissions.join(', ')}. Nothing was saved.`,
    );
  }
  const record: ConnectionRecord = {
    id: 'primary',
    displayName: input.displayName.trim() || probe.companyName || site.site.host,
    site: site.site.host,
    scheme: site.site.scheme,
    companyId: creds.companyId,
    companyName: probe.companyName,
    codebase: probe.codebase,
    apiBase: probe.apiBase,
    cloud: site.site.cloud,
    serverVersion: probe.serverVersion,
    missingPermissions: probe.missingPermissions,
    clientIdOverride: input.clientIdOverride || undefined,
    grantedOrigin: site.site.cloud ? undefined : originPattern(site.site.scheme, site.site.hostname),
    connectedAt: now,
    lastTestedAt: now,
  };
  const keys = { publicKey: creds.publicKey, privateKey: creds.privateKey };
  await saveConnection(record, keys);
  return toPublic(record, keys);
}

/**
 * The CW client's 5xx message promises a retry, which is true for posts (the outbox retries) but not
 * for Connect: nothing is retried and nothing was saved, so say that instead.
 */
function forConnect(e: unknown): unknown {
  if (!(e instanceof CwError) || e.kind !== 'server') return e;
  const code = e.status ? ` (${e.status})` : '';
  return new CwError(
    'server',
    `ConnectWise had a server error${code}. Nothing was saved; try again in a few minutes.`,
    { status: e.status, cwCode: e.cwCode },
  );
}

export async function getConnection(): Promise<PublicConnection | null> {
  const conn = await loadConnection();
  return conn ? toPublic(conn.record, conn.creds) : null;
}

export async function testConnection(now = Date.now()) {
  const conn = await loadConnection();
  if (!conn) throw new AppError('notConnected', 'FlowPilot is not connected to ConnectWise yet.');
  const site = normalizeSite(`${conn.record.scheme}://${conn.record.site}`);
  if (!site.ok) throw new AppError('badSite', site.message);
  const probe = await probeConnection(site.site, conn.creds).catch((e: unknown) => {
    throw forConnect(e);
  });
  const record: ConnectionRecord = {
    ...conn.record,
    serverVersion: probe.serverVersion,
    apiBase: probe.apiBase,
    codebase: probe.codebase,
    missingPermissions: probe.missingPermissions,
    lastTestedAt: now,
  };
  await saveConnection(record, conn.creds);
  return { serverVersion: probe.serverVersion, testedAt: now, missingPermissions: probe.missingPermissions };
}

export async function disconnect(): Promise<{ disconnected: boolean }> {
  const had = await loadConnection();
  await deleteConnection();
  return { disconnected: Boolean(had) };
}
