// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../tests/cw-sandbox/index';
import { db } from '../db/schema';
import { connect, disconnect, getConnection, testConnection } from './service';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await disconnect();
  sandbox.faults.clear();
});

const input = () => ({
  displayName: 'Sandbox',
  site: `http://${sandbox.site}/v4_6_release/ConnectWise.aspx`,
  companyId: 'FLOWPILOT',
  ...sandbox.keys,
});

describe('connection service (real sandbox, IndexedDB)', () => {
  it('connects, keeps the keys in the background table, and sends only the last 4 of the private key', async () => {
    const conn = await connect(input(), 1000);
    expect(conn).toMatchObject({ site: sandbox.site, displayName: 'Sandbox', lastTestedAt: 1000 });
    expect(conn.privateKeyLast4).toBe(sandbox.keys.privateKey.slice(-4));
    expect(JSON.stringify(conn)).not.toContain(sandbox.keys.privateKey);
    expect((await db().secrets.get('cw:primary'))?.privateKey).toBe(sandbox.keys.privateKey);
    expect(JSON.stringify(await db().connections.get('primary'))).not.toContain(sandbox.keys.privateKey);
  });

  it('saves nothing when the test fails', async () => {
    await expect(connect({ ...input(), privateKey: 'wrong' })).rejects.toMatchObject({ kind: 'auth' });
    await expect(connect({ ...input(), site: 'https://bad host' })).rejects.toMatchObject({
      kind: 'badSite',
    });
    await expect(connect({ ...input(), companyId: 'nobody' })).rejects.toMatchObject({
      kind: 'unknownCompany',
    });
    await expect(connect({ ...input(), ...sandbox.restrictedKeys.noMembers! })).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('Members (read)'),
    });
    sandbox.faults.add({ path: '^/system/info', status: 429, retryAfter: 30 });
    await expect(connect(input())).rejects.toMatchObject({ kind: 'throttled', retryAfterSec: 30 });
    expect(await getConnection()).toBeNull();
  });

  it('a failing new key pair (rotation) leaves the working connection in place', async () => {
    await connect(input());
    await expect(
      connect({ ...input(), publicKey: 'NewPub', privateKey: 'NewPrivWrong' }),
    ).rejects.toMatchObject({
      kind: 'auth',
    });
    expect((await getConnection())?.publicKey).toBe(sandbox.keys.publicKey);
    const t = await testConnection(5000);
    expect(t).toMatchObject({ testedAt: 5000, missingPermissions: [] });
    expect(t.serverVersion).toMatch(/2026\.4/);
  });

  it('Connect never promises a retry it will not make, and the unknown-company message matches the hint', async () => {
    sandbox.faults.add({ path: '^/system/info', status: 503 });
    const err = (await connect(input()).then(
      () => undefined,
      (e: unknown) => e,
    )) as { kind: string; message: string };
    expect(err).toMatchObject({ kind: 'server' });
    expect(err.message).not.toMatch(/will be retried/i);
    expect(err.message).toMatch(/Nothing was saved/);
    const unknown = (await connect({ ...input(), companyId: 'nobody' }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    // The hint says "the company you type on the login screen (not the company's full name)".
    expect(unknown.message).not.toMatch(/company name/i);
    expect(unknown.message).toContain('company ID');
  });

  it('disconnect removes the keys', async () => {
    await connect(input());
    expect(await disconnect()).toEqual({ disconnected: true });
    expect(await db().secrets.count()).toBe(0);
    expect(await getConnection()).toBeNull();
  });
});
