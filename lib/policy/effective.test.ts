import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { changedKeys, effectiveSettings, inferUserSet, lockedKeys } from './effective';

const stored = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

describe('effective settings under a policy', () => {
  it('a lock wins over what the user saved; a default applies only until the user chooses', () => {
    const s = stored({ noteVisibility: 'internalExternal', autoPush: true, timeRounding: '30' });
    const userSet = new Set(['noteVisibility', 'autoPush']);
    const e = effectiveSettings(s, userSet, {
      noteVisibility: { value: 'internal', locked: true },
      autoPush: { value: false, locked: false },
      autoTimeEntry: { value: false, locked: false },
    });
    expect(e.noteVisibility).toBe('internal'); // locked
    expect(e.autoPush).toBe(true); // the user's choice beats a default
    expect(e.autoTimeEntry).toBe(false); // untouched: the policy default applies
    expect(e.timeRounding).toBe('30'); // not in the policy: the stored value
  });

  it('a lock without a value locks FlowPilot’s own default; AI settings nest', () => {
    const s = stored({
      autoPush: true,
      ai: { ...DEFAULT_SETTINGS.ai, enabled: true, baseUrl: 'https://x/v1' },
    });
    const e = effectiveSettings(s, new Set(['autoPush', 'aiEnabled']), {
      autoPush: { locked: true },
      aiEnabled: { value: false, locked: true },
    });
    expect(e.autoPush).toBe(false);
    expect(e.ai).toEqual({ ...s.ai, enabled: false });
    expect(lockedKeys({ autoPush: { locked: true }, autoTimeEntry: { locked: false } })).toEqual([
      'autoPush',
    ]);
  });

  it('removing the policy gives back the stored value', () => {
    const s = stored({ noteVisibility: 'internalExternal' });
    const userSet = new Set(['noteVisibility']);
    expect(
      effectiveSettings(s, userSet, { noteVisibility: { value: 'internal', locked: true } }).noteVisibility,
    ).toBe('internal');
    expect(effectiveSettings(s, userSet, {}).noteVisibility).toBe('internalExternal');
  });

  it('records from before choices were tracked: values unlike the defaults count as chosen', () => {
    expect([
      ...inferUserSet(stored({ billableOption: 'NoCharge', ai: { ...DEFAULT_SETTINGS.ai, model: 'm' } })),
    ]).toEqual(['billableOption', 'aiModel']);
    expect(changedKeys(stored(), stored({ workTypeId: 3 }))).toEqual(['workTypeId']);
  });
});
