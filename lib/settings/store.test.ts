import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { db } from '../db/schema';
import { getSettings, getStoredSettings, saveSettings } from './store';

// The managed area is wxt's fake browser storage: what Chrome fills from policy, set here by the test.
const setPolicy = (p: Record<string, unknown>) => fakeBrowser.storage.managed.set(p);

beforeEach(async () => {
  fakeBrowser.reset();
  await db().settings.clear();
});

describe('settings under a managed policy', () => {
  it('without a policy, saves and reads as before', async () => {
    await saveSettings({ noteVisibility: 'internalExternal' });
    expect((await getSettings()).noteVisibility).toBe('internalExternal');
  });

  it('a locked setting is in force, refuses a change by name, and a team import keeps the policy value', async () => {
    await setPolicy({ settings: { noteVisibility: { default: 'internal', locked: true } } });
    expect((await getSettings()).noteVisibility).toBe('internal');
    await expect(saveSettings({ noteVisibility: 'internalExternal' })).rejects.toThrow(
      'Note Visibility is set by your organization',
    );
    // Sending the locked value unchanged (the whole form) is fine, and other fields still save.
    const s = await saveSettings({ noteVisibility: 'internal', autoPush: true });
    expect(s.autoPush).toBe(true);
    const t = await saveSettings(
      { noteVisibility: 'internalExternal', timeRounding: '30' },
      { skipLocked: true },
    );
    expect(t.noteVisibility).toBe('internal');
    expect(t.timeRounding).toBe('30');
  });

  it('applies live: a policy change or removal is seen by the next read, and the user’s own value returns', async () => {
    await saveSettings({ noteVisibility: 'internalExternal' });
    await setPolicy({ settings: { noteVisibility: { default: 'internal', locked: true } } });
    expect((await getSettings()).noteVisibility).toBe('internal');
    // The lock is not written into the user's record.
    expect((await getStoredSettings()).stored.noteVisibility).toBe('internalExternal');
    await fakeBrowser.storage.managed.remove('settings');
    expect((await getSettings()).noteVisibility).toBe('internalExternal');
    await saveSettings({ noteVisibility: 'internal' });
    expect((await getSettings()).noteVisibility).toBe('internal');
  });

  it('a policy default applies until the technician changes that setting, then their choice stays', async () => {
    await setPolicy({
      settings: { autoTimeEntry: { default: false }, billableOption: { default: 'NoCharge' } },
    });
    expect((await getSettings()).autoTimeEntry).toBe(false);
    // Saving the whole form without touching these keeps following the policy's defaults.
    await saveSettings({ autoTimeEntry: false, billableOption: 'NoCharge', autoPush: true });
    await setPolicy({
      settings: { autoTimeEntry: { default: true }, billableOption: { default: 'DoNotBill' } },
    });
    expect((await getSettings()).autoTimeEntry).toBe(true);
    expect((await getSettings()).billableOption).toBe('DoNotBill');
    await saveSettings({ billableOption: 'Billable' });
    await setPolicy({ settings: { billableOption: { default: 'NoCharge' } } });
    expect((await getSettings()).billableOption).toBe('Billable');
  });
});
