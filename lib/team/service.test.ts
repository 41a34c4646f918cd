// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../tests/cw-sandbox/index';
import { connect, disconnect, getConnection } from '../connection/service';
import { addTechnician, listTechnicians } from '../mapping/roster';
import { getSettings, saveSettings } from '../settings/store';
import { exportTeamSetup, importTeamSetup } from './service';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

describe('team setup export/import (sandbox, IndexedDB)', () => {
  it('round-trips; a wrong passphrase or a failing connection test changes nothing', async () => {
    await connect({
      displayName: 'Admin CW',
      site: sandbox.site,
      companyId: sandbox.companyId,
      ...sandbox.keys,
    });
    const [ana] = await addTechnician({ name: 'Ana Lee', email: 'ana@x.com' });
    await saveSettings({ timeRounding: '30', autoPush: true, signedInTechnicianId: ana!.id });
    const { text } = await exportTeamSetup('a good passphrase');
    expect(text).not.toContain(sandbox.keys.privateKey);

    // A technician's browser with its own (different) state.
    await disconnect();
    await addTechnician({ name: 'Local Only', email: 'local@x.com' });
    await saveSettings({ timeRounding: 'exact', autoPush: false });

    await expect(importTeamSetup(text, 'wrong passphrase')).rejects.toMatchObject({
      kind: 'team/wrongPassphrase',
    });
    sandbox.faults.add({ path: '^/system/info', status: 401 });
    await expect(importTeamSetup(text, 'a good passphrase')).rejects.toMatchObject({ kind: 'auth' });
    expect(await getConnection()).toBeNull();
    expect((await listTechnicians()).map((t) => t.name)).toEqual(['Ana Lee', 'Local Only']);
    expect((await getSettings()).timeRounding).toBe('exact');

    const r = await importTeamSetup(text, 'a good passphrase');
    expect(r.connection).toMatchObject({ displayName: 'Admin CW', site: sandbox.site });
    expect(r.technicians.map((t) => t.name)).toEqual(['Ana Lee']);
    const s = await getSettings();
    expect(s).toMatchObject({ timeRounding: '30', autoPush: true });
    // "Who are you?" is asked on each browser: the admin's choice does not travel.
    expect(s.signedInTechnicianId).toBeUndefined();
  }, 30_000); // four PBKDF2 runs (600 000 iterations each): well past vitest’s 5 s default on a loaded machine
});
