// @vitest-environment node
// Connect / Test Connection for Autotask against the sandbox (issue 15 §2): saved only when the probe
// passes; each failure in words a technician understands; the secret never in what the page gets.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AutotaskSandbox, startAutotaskSandbox } from '../../tests/autotask-sandbox/index.ts';
import { db } from '../db/schema';
import { connectAutotask, getAutotaskConnection, testAutotaskConnection } from './autotask-service';
import { currentScope, deleteConnection } from './store';

let sb: AutotaskSandbox;
beforeAll(async () => {
  sb = await startAutotaskSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  sb.reset();
  await deleteConnection();
});

const input = (over: Partial<{ userName: string; secret: string; integrationCode: string }> = {}) => ({
  displayName: '',
  ...sb.credentials,
  ...over,
});
const lookup = () => ({ zoneLookupUrl: sb.zoneLookupUrl, now: 1000 });

describe('Autotask Connect', () => {
  it('finds the zone, probes, saves; the page gets no secret, and the usage is shown', async () => {
    const conn = await connectAutotask(input(), lookup());
    expect(conn).toMatchObject({
      psa: 'autotask',
      userName: sb.credentials.userName,
      webUrl: sb.zone.webUrl,
      missingPermissions: [],
      secretLast4: sb.credentials.secret.slice(-4),
      apiUsage: { limit: 10_000 },
    });
    expect(conn.displayName).toContain('Autotask');
    expect(JSON.stringify(conn)).not.toContain(sb.credentials.secret);
    expect(JSON.stringify(await db().connections.get('primary'))).not.toContain(sb.credentials.secret);
    expect(await currentScope()).toMatch(
      /^autotask:flowpilot\.api@flowpilotdemo\.example@http:\/\/127\.0\.0\.1:/,
    );
    expect(await getAutotaskConnection()).toMatchObject({ psa: 'autotask', lastTestedAt: 1000 });
    expect(sb.contractViolations).toEqual([]);
  });

  it('each failure says what is wrong, and nothing is saved', async () => {
    await expect(connectAutotask(input({ secret: 'wrong' }), lookup())).rejects.toMatchObject({
      kind: 'auth',
    });
    await expect(
      connectAutotask(input({ userName: 'nobody@nowhere.example' }), lookup()),
    ).rejects.toMatchObject({ kind: 'unknownUser' });
    await expect(connectAutotask(input({ integrationCode: 'NOPE' }), lookup())).rejects.toMatchObject({
      kind: 'badIntegrationCode',
    });
    await expect(connectAutotask(input({ secret: '  ' }), lookup())).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/secret/),
    });
    await expect(connectAutotask(input(sb.restrictedUsers.noResources), lookup())).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringMatching(/Resources \(read\).*Nothing was saved/),
    });
    expect(await db().connections.count()).toBe(0);
    expect(await db().secrets.count()).toBe(0);
  });

  it('Test Connection probes again: warnings and hourly usage', async () => {
    await connectAutotask(input(), lookup());
    sb.limits.setCount(7_500);
    const t = await testAutotaskConnection(2000);
    expect(t.lastTestedAt).toBe(2000);
    expect(t.apiUsage?.used).toBeGreaterThanOrEqual(7_500);
  });
});
