// @vitest-environment node
// One connection per browser, of either PSA (issue 15): an Autotask connection is stored with its
// secret and tracking identifier in the background's secrets table only, scoped to user@zone, and
// turned into the Autotask connector; the ConnectWise paths do not mistake it for theirs.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { autotaskRecord, useAutotaskSandbox } from '../../tests/support/autotask-connection';
import { db } from '../db/schema';
import { connectedPsa } from './psa';
import {
  connectedClient,
  currentScope,
  deleteConnection,
  loadAutotaskConnection,
  loadConnection,
  saveAutotaskConnection,
  saveConnection,
} from './store';

const sb = useAutotaskSandbox();

const atRecord = () => autotaskRecord(sb);

describe('an Autotask connection (issue 15)', () => {
  it('keeps the secret and tracking identifier in the secrets table only', async () => {
    await saveAutotaskConnection(atRecord(), sb.credentials);
    const saved = JSON.stringify(await db().connections.get('primary'));
    expect(saved).not.toContain(sb.credentials.secret);
    expect(saved).not.toContain(sb.credentials.integrationCode);
    expect(await loadAutotaskConnection()).toMatchObject({ creds: sb.credentials });
  });

  it('is scoped to the API user at the zone, and the ConnectWise paths do not take it for theirs', async () => {
    await saveAutotaskConnection(atRecord(), sb.credentials);
    expect(await currentScope()).toBe(
      `autotask:${sb.credentials.userName.toLowerCase()}@${new URL(sb.zone.url).origin}`,
    );
    expect(await loadConnection()).toBeUndefined();
    await expect(connectedClient()).rejects.toMatchObject({ kind: 'notConnected' });
  });

  it('becomes the Autotask connector, which works from the stored zone without a lookup', async () => {
    await saveAutotaskConnection(atRecord(), sb.credentials);
    const { connector, scope } = await connectedPsa();
    expect(connector.kind).toBe('autotask');
    expect(scope).toBe(await currentScope());
    const probe = await connector.probe();
    expect(probe).toMatchObject({ kind: 'autotask', missingPermissions: [] });
    expect(sb.requests.some((r) => /zoneInformation/i.test(r.path))).toBe(false);
  });

  it('stores a zone found again after a 401 (the database moved)', async () => {
    const rec = atRecord();
    const old = `${sb.oldZoneApiBase}`;
    await saveAutotaskConnection(
      { ...rec, autotask: { ...rec.autotask!, zone: { apiBase: old } } },
      sb.credentials,
    );
    const before = await currentScope();
    const { connector } = await connectedPsa();
    await connector.probe();
    await expect
      .poll(async () => (await db().connections.get('primary'))?.autotask?.zone.apiBase)
      .toBe(rec.autotask!.zone.apiBase);
    // Posts and sessions made before the move still belong to this connection.
    expect(await currentScope()).toBe(before);
  });

  it('one connection per browser: saving the other PSA removes the first one’s secret', async () => {
    await saveAutotaskConnection(atRecord(), sb.credentials);
    await saveConnection(
      {
        ...atRecord(),
        psa: undefined,
        autotask: undefined,
        companyId: 'contoso',
        apiBase: 'https://api-na.myconnectwise.net/v2026_4/apis/3.0',
      },
      { publicKey: 'pub', privateKey: 'priv' },
    );
    expect(await db().secrets.get('autotask:primary')).toBeUndefined();
    expect((await db().connections.get('primary'))?.psa).toBe('connectwise');
    expect(await loadConnection()).toBeDefined();
    await saveAutotaskConnection(atRecord(), sb.credentials);
    expect(await db().secrets.get('cw:primary')).toBeUndefined();
    await deleteConnection();
    expect(await db().secrets.count()).toBe(0);
  });
});
