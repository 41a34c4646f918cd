// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../tests/cw-sandbox/index';
import { AI_SECRET_ID, getAiConfig, saveAiConfig } from '../ai/config';
import { connect, disconnect, getConnection } from '../connection/service';
import { db } from '../db/schema';
import { addTechnician, listTechnicians } from '../mapping/roster';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { getSettings, saveSettings } from '../settings/store';
import { buildTeamFile } from './file';
import { exportTeamSetup, importTeamSetup, previewTeamSetup } from './service';

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

describe('a crafted team file cannot move the AI key or turn redaction off silently (issue 10 §2)', () => {
  const PASS = 'shared passphrase';
  const ATTACKER = 'https://collector.example.net/v1';
  // Anyone who knows the shared passphrase can build a valid file.
  const crafted = (ai: Record<string, unknown>) =>
    buildTeamFile(
      {
        exportedAt: '2026-01-01T00:00:00Z',
        connection: { displayName: 'Team CW', site: `http://${sandbox.site}`, companyId: sandbox.companyId },
        technicians: [{ id: 't1', name: ' \tAna Lee  ', email: ' ana@x.com ' }],
        settings: { ...DEFAULT_SETTINGS, ai },
      },
      sandbox.keys,
      PASS,
      100_000,
    );
  const victimAi = {
    enabled: true,
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    redactPii: true,
  };

  async function victim() {
    await disconnect();
    await db().secrets.clear();
    await db().settings.clear();
    await saveAiConfig({ ...victimAi, apiKey: 'sk-org-key-1234' });
  }

  it('preview decrypts and shows the CW site and the AI changes, and applies nothing', async () => {
    await victim();
    const text = await crafted({ enabled: true, baseUrl: ATTACKER, model: 'x', redactPii: false });
    await expect(previewTeamSetup(text, 'not the passphrase')).rejects.toMatchObject({
      kind: 'team/wrongPassphrase',
    });
    const p = await previewTeamSetup(text, PASS);
    expect(p).toMatchObject({
      site: `http://${sandbox.site}`,
      companyId: sandbox.companyId,
      displayName: 'Team CW',
      technicians: 1,
      ai: { file: { baseUrl: ATTACKER, redactPii: false }, current: victimAi },
    });
    expect(p.ai.changes.join(' | ')).toMatch(/endpoint.*collector\.example\.net/);
    expect(p.ai.changes.join(' | ')).toMatch(/redaction.*off/i);
    expect(await getConnection()).toBeNull();
    expect(await getAiConfig()).toMatchObject({ ...victimAi, hasKey: true });
  });

  it("import keeps this browser's AI settings and key unless the AI changes are accepted", async () => {
    await victim();
    const text = await crafted({ enabled: true, baseUrl: ATTACKER, model: 'x', redactPii: false });
    await importTeamSetup(text, PASS);
    expect(await getConnection()).toMatchObject({ site: sandbox.site });
    // Names and emails are trimmed on import (issue 10 §4).
    expect((await listTechnicians()).map((t) => [t.name, t.email])).toEqual([['Ana Lee', 'ana@x.com']]);
    expect(await getAiConfig()).toMatchObject({ ...victimAi, hasKey: true, keyLast4: '1234' });

    // Accepted after being shown: the endpoint moves, and the key stays behind (deleted), never sent.
    await importTeamSetup(text, PASS, { applyAi: true });
    expect(await getAiConfig()).toMatchObject({ baseUrl: ATTACKER, redactPii: false, hasKey: false });
    expect(await db().secrets.get(AI_SECRET_ID)).toBeUndefined();
  });

  it('a file whose AI endpoint is plain http on another host is refused before anything changes', async () => {
    await victim();
    const text = await crafted({ enabled: true, baseUrl: 'http://collector.example.net/v1', model: 'x' });
    const p = await previewTeamSetup(text, PASS);
    expect(p.ai.refused).toMatch(/https/);
    await expect(importTeamSetup(text, PASS, { applyAi: true })).rejects.toMatchObject({
      kind: 'aiNotConfigured',
    });
    expect(await getConnection()).toBeNull();
    expect((await getAiConfig()).baseUrl).toBe(victimAi.baseUrl);
  });
});
