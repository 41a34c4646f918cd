import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { db } from '../db/schema';
import { SettingsPatch } from '../messages/options-to-bg';
import type { HandlerContext } from '../messages/router';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { getSettings } from '../settings/store';
import { aiOptionsHandlers } from './ai-handlers';
import { optionsHandlers } from './options-handlers';

const ctx: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/options.html' } };

let sent: unknown[] = [];
beforeEach(async () => {
  sent = [];
  // The fake browser has no tabs messaging; record what the broadcast sends instead.
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
    sent.push(m);
  });
  vi.spyOn(browser.tabs, 'query').mockImplementation((() =>
    Promise.resolve([])) as typeof browser.tabs.query);
  await db().settings.clear();
  await db().activity.clear();
  await db().chats.clear();
});

describe('options handlers: settings', () => {
  it('saves a patch without resetting other fields, clears with null, and logs only what changed', async () => {
    const save = optionsHandlers['settings/save']!;
    await save({ timeRounding: '30', workTypeId: 2, autoPush: false }, ctx);
    let s = await getSettings();
    expect(s).toMatchObject({ timeRounding: '30', workTypeId: 2, autoPush: false, autoTimeEntry: true });
    await save({ workTypeId: null }, ctx);
    s = await getSettings();
    expect(s.workTypeId).toBeUndefined();
    expect(s.timeRounding).toBe('30');
    const log = await db().activity.orderBy('id').toArray();
    expect(log.map((a) => a.detail)).toEqual(['Changed: timeRounding, workTypeId', 'Changed: workTypeId']);
    expect(log.every((a) => a.kind === 'settings/save' && a.outcome === 'ok')).toBe(true);
    // Open panels and pages are told at once.
    expect(sent).toEqual([
      { dir: 'bgToPages', type: 'settings/changed' },
      { dir: 'bgToPages', type: 'settings/changed' },
    ]);
  });

  it('the idle time is the detection interval; "Keep assistant conversations" off deletes saved ones', async () => {
    const message = { role: 'user' as const, content: 'hi', at: 1 };
    await db().chats.put({ sessionId: 's1', messages: [message], dropped: 0, updatedAt: 1 });
    const interval = vi.spyOn(browser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
    const save = optionsHandlers['settings/save']!;
    await save({ idleAutoPauseMinutes: 20 }, ctx);
    // The idle setting is the machine's detection interval for away time.
    expect(interval).toHaveBeenCalledWith(20 * 60);
    expect(await db().chats.count()).toBe(1);
    await save({ keepAssistantChats: false }, ctx);
    expect(await db().chats.count()).toBe(0);
    const [last] = await db().activity.orderBy('id').reverse().toArray();
    expect(last?.detail).toBe('Changed: keepAssistantChats');
  });

  it('a settings patch cannot change the AI endpoint or redaction (only ai/config/save can)', async () => {
    const parsed = SettingsPatch.parse({
      autoPush: true,
      ai: { enabled: true, baseUrl: 'https://elsewhere.example/v1', redactPii: false },
    });
    await optionsHandlers['settings/save']!(parsed, ctx);
    expect((await getSettings()).ai).toEqual(DEFAULT_SETTINGS.ai);
  });

  it('logs a failed action with its message (never keys)', async () => {
    await expect(optionsHandlers['connection/test']!({}, ctx)).rejects.toMatchObject({
      kind: 'notConnected',
    });
    const [row] = await db().activity.toArray();
    expect(row).toMatchObject({ kind: 'connection/test', outcome: 'error' });
    expect(row?.detail).toContain('not connected');
  });
});

describe('host permissions no longer needed are given back (issue 10 §4)', () => {
  const required = ['https://*.myconnectwise.net/*', 'https://*.connectwisedev.com/*'];
  let granted: string[];
  let removed: string[][];
  beforeEach(async () => {
    granted = [...required, 'https://cw.example.com/*', 'https://ai.example.com/*'];
    removed = [];
    vi.spyOn(browser.permissions, 'getAll').mockImplementation(async () => ({ origins: [...granted] }));
    vi.spyOn(browser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => {
      removed.push(origins);
      granted = granted.filter((g) => !origins.includes(g));
      return true;
    });
    vi.spyOn(browser.permissions, 'contains').mockImplementation(async () => false);
    vi.spyOn(browser.runtime, 'getManifest').mockImplementation(
      () => ({ host_permissions: required }) as ReturnType<typeof browser.runtime.getManifest>,
    );
    vi.spyOn(browser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => []);
    await db().connections.clear();
    await db().secrets.clear();
    await db().connections.put({
      id: 'primary',
      displayName: 'On-prem',
      site: 'cw.example.com',
      scheme: 'https',
      companyId: 'x',
      codebase: 'v4_6_release/',
      apiBase: 'https://cw.example.com/v4_6_release/apis/3.0',
      cloud: false,
      serverVersion: 'v2026.4',
      missingPermissions: [],
      grantedOrigin: 'https://cw.example.com/*',
      connectedAt: 1,
      lastTestedAt: 1,
    });
    await db().secrets.put({ id: 'cw:primary', publicKey: 'p', privateKey: 'k' });
  });

  it('an AI endpoint change gives back the old AI host and keeps the CW site', async () => {
    await aiOptionsHandlers['ai/config/save']!(
      { enabled: true, baseUrl: 'https://ai.example.com/v1', model: 'm', redactPii: true },
      ctx,
    );
    expect(removed).toEqual([]);
    await aiOptionsHandlers['ai/config/save']!(
      { enabled: true, baseUrl: 'https://api.openai.com/v1', model: 'm', redactPii: true },
      ctx,
    );
    expect(removed).toEqual([['https://ai.example.com/*']]);
  });

  it('Disconnect keeps this connection’s unsent posts unless asked to discard them (issue 10 §3)', async () => {
    const scope = 'x@https://cw.example.com';
    const item = (id: string) => ({
      id: `o-${id}`,
      ticketKey: 'service:1001',
      seq: 1,
      kind: 'note' as const,
      payload: {
        ticket: { kind: 'service', id: 1001 },
        item: {
          kind: 'note',
          audience: 'internal',
          noteKind: 'internalAnalysis',
          flags: { internalAnalysis: true, resolution: false, description: false },
          text: 'n',
        },
      },
      ref: id,
      state: 'pending' as const,
      attempts: 0,
      nextAttemptAt: 0,
      postId: id,
      createdAt: 1,
      updatedAt: 1,
      scope,
    });
    const postRec = (id: string) => ({
      id,
      ticketKey: 'service:1001',
      ticketId: 1001,
      summary: 'n',
      state: 'pending' as const,
      createdAt: 1,
      updatedAt: 1,
      data: {
        items: [{ outboxId: `o-${id}`, kind: 'note', label: 'n', ref: id, state: 'pending', attempts: 0 }],
      },
      scope,
    });
    await db().outbox.bulkPut([item('p1')]);
    await db().posts.bulkPut([postRec('p1')]);
    const saved = await db().connections.get('primary');
    await optionsHandlers['connection/disconnect']!({}, ctx);
    expect((await db().outbox.get('o-p1'))?.state).toBe('pending');
    await db().connections.put(saved!);
    await optionsHandlers['connection/disconnect']!({ discardUnsent: true }, ctx);
    expect((await db().outbox.get('o-p1'))?.state).toBe('cancelled');
    expect((await db().posts.get('p1'))?.state).toBe('cancelled');
  });

  it('Disconnect gives back the on-prem site', async () => {
    await optionsHandlers['connection/disconnect']!({}, ctx);
    expect(removed.flat()).toContain('https://cw.example.com/*');
  });
});
