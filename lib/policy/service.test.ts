// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type Sandbox, startSandbox } from '../../tests/cw-sandbox/index';
import { connect, getConnection } from '../connection/service';
import { db } from '../db/schema';
import { currentAttribution } from '../mapping/attribution';
import { saveSettings } from '../settings/store';
import { connectInputUnderPolicy } from './guards';
import { applyPolicy } from './service';
import { policyView } from './view';

// The background's policy run against the real CW sandbox, with wxt's fake managed storage area
// standing in for what Chrome fills from the policy file.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  fakeBrowser.reset();
  // A build without the optional profile-email permission (like Firefox): the choice is made by hand.
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'FlowPilot',
    version: '0',
  });
  sandbox.reset();
  const d = db();
  await Promise.all([d.connections.clear(), d.secrets.clear(), d.technicians.clear(), d.settings.clear()]);
});

const fullPolicy = () => ({
  site: sandbox.site,
  companyId: sandbox.companyId,
  publicKey: sandbox.keys.publicKey,
  privateKey: sandbox.keys.privateKey,
  displayName: 'Acme by policy',
  technicians: [
    { name: 'John Smith', email: 'John.Smith@flowpilotmsp.com' },
    { name: 'Alex Kim', email: 'alex.kim@flowpilotmsp.com' },
  ],
  settings: { noteVisibility: { default: 'internal', locked: true } },
});

describe('applying the managed policy', () => {
  it('connects with the policy keys through Connect’s probes, maps the roster, attributes once a technician is chosen', async () => {
    await fakeBrowser.storage.managed.set(fullPolicy());
    expect(await applyPolicy()).toBe(true);
    const conn = await getConnection();
    expect(conn).toMatchObject({ displayName: 'Acme by policy', site: sandbox.site, managed: true });
    // The same probes as a typed Connect: companyinfo, system/info and the permission reads.
    const paths = sandbox.requests.map((r) => r.path);
    expect(paths.some((p) => p.includes('/login/companyinfo/'))).toBe(true);
    expect(paths.some((p) => p.endsWith('/system/info'))).toBe(true);

    const techs = await db().technicians.toArray();
    expect(techs.map((t) => [t.name, t.managed, t.memberId]).sort()).toEqual([
      ['Alex Kim', true, 103],
      ['John Smith', true, 101],
    ]);
    // Nobody chosen yet (no profile email here): the options page asks once.
    expect((await policyView()).technicianNeeded).toBe(true);
    const john = techs.find((t) => t.name === 'John Smith')!;
    await saveSettings({ signedInTechnicianId: john.id });
    expect(await currentAttribution()).toMatchObject({
      kind: 'member',
      member: { id: 101, identifier: 'jsmith' },
    });
    expect((await policyView()).technicianNeeded).toBe(false);

    // A second run with the same policy changes nothing and sends nothing.
    const before = sandbox.requests.length;
    expect(await applyPolicy()).toBe(false);
    expect(sandbox.requests.length).toBe(before);
  });

  it('a policy that replaces a hand-typed connection wins; rejected keys leave it and name the policy keys', async () => {
    await connect({
      displayName: 'Typed',
      site: sandbox.site,
      companyId: sandbox.companyId,
      ...sandbox.keys,
    });
    await fakeBrowser.storage.managed.set({ ...fullPolicy(), privateKey: 'WrongPrivateKey0' });
    expect(await applyPolicy()).toBe(true); // the problem is new
    expect((await getConnection())?.displayName).toBe('Typed');
    const view = await policyView();
    expect(view.problems).toHaveLength(1);
    expect(view.problems[0]?.key).toContain('privateKey');
    // Not retried on every worker start…
    const before = sandbox.requests.length;
    await applyPolicy();
    expect(sandbox.requests.length).toBe(before);
    // …until the policy changes (live) or the admin presses Retry.
    await fakeBrowser.storage.managed.set(fullPolicy());
    expect(await applyPolicy()).toBe(true);
    expect(await getConnection()).toMatchObject({ displayName: 'Acme by policy', managed: true });
    expect((await policyView()).problems).toEqual([]);
  });

  it('a bad site is named by its key and nothing is sent; removing the policy gives the connection back', async () => {
    await fakeBrowser.storage.managed.set({ ...fullPolicy(), site: 'cw example com' });
    await applyPolicy();
    const view = await policyView();
    expect(view.problems.map((p) => p.key)).toEqual(['site']);
    expect(await getConnection()).toBeNull();

    await fakeBrowser.storage.managed.set(fullPolicy());
    await applyPolicy();
    expect((await getConnection())?.managed).toBe(true);
    await fakeBrowser.storage.managed.clear();
    await applyPolicy();
    const conn = await getConnection();
    expect(conn?.site).toBe(sandbox.site); // still connected…
    expect(conn?.managed).toBeUndefined(); // …and the user's to change
    expect((await db().technicians.toArray()).every((t) => !t.managed)).toBe(true);
    expect((await policyView()).managed).toBe(false);
  });

  it('a technician dropped from the policy roster is removed, and so is their sign-in on this browser', async () => {
    await fakeBrowser.storage.managed.set(fullPolicy());
    await applyPolicy();
    const alex = (await db().technicians.toArray()).find((t) => t.name === 'Alex Kim')!;
    await saveSettings({ signedInTechnicianId: alex.id });
    await fakeBrowser.storage.managed.set({ ...fullPolicy(), technicians: [fullPolicy().technicians[0]] });
    expect(await applyPolicy()).toBe(true);
    expect((await db().technicians.toArray()).map((t) => t.name)).toEqual(['John Smith']);
    expect(await currentAttribution()).toEqual({ kind: 'none' });
  });

  it('without the private key (team file or typed), the policy fills and locks the rest of a typed Connect', async () => {
    const { privateKey: _omit, ...partial } = fullPolicy();
    await fakeBrowser.storage.managed.set(partial);
    await applyPolicy();
    expect(await getConnection()).toBeNull();
    const view = await policyView();
    expect(view.fullConnection).toBe(false);
    expect(view.connectionKeys).toEqual(['site', 'companyId', 'publicKey', 'displayName']);
    expect(view.connectionValues).toEqual({
      site: sandbox.site,
      companyId: sandbox.companyId,
      publicKey: sandbox.keys.publicKey,
      displayName: 'Acme by policy',
    });
    expect(JSON.stringify(view)).not.toContain(sandbox.keys.privateKey);
    const typed = await connectInputUnderPolicy({
      displayName: 'Mine',
      site: 'other.example.com',
      companyId: 'other',
      publicKey: 'other',
      privateKey: sandbox.keys.privateKey,
    });
    expect(typed).toMatchObject({
      site: sandbox.site,
      companyId: sandbox.companyId,
      displayName: 'Acme by policy',
    });
    expect((await connect(typed)).site).toBe(sandbox.site);
  });
});
