import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { db } from '../db/schema';
import type { HandlerContext } from '../messages/router';
import { getSettings } from '../settings/store';
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

  it('logs a failed action with its message (never keys)', async () => {
    await expect(optionsHandlers['connection/test']!({}, ctx)).rejects.toMatchObject({
      kind: 'notConnected',
    });
    const [row] = await db().activity.toArray();
    expect(row).toMatchObject({ kind: 'connection/test', outcome: 'error' });
    expect(row?.detail).toContain('not connected');
  });
});
