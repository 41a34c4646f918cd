import { db } from '../db/schema';
import { AppError } from '../errors';
import { changedKeys, copyKeys, effectiveSettings, inferUserSet, lockedKeys } from '../policy/effective';
import { POLICY_SETTINGS, type PolicySettingKey } from '../policy/keys';
import { readPolicy } from '../policy/read';
import { Settings } from './schema';

const KEY = 'flowpilot';
/** Which settings the user (or an imported team file) chose, so a policy default never overrides them. */
const USER_SET_KEY = 'flowpilot:userSet';

/** What this browser saved (completed with defaults; a corrupt record falls back to defaults). */
export async function getStoredSettings(): Promise<{ stored: Settings; userSet: Set<PolicySettingKey> }> {
  const [rec, userRec] = await Promise.all([db().settings.get(KEY), db().settings.get(USER_SET_KEY)]);
  const parsed = Settings.safeParse(rec?.value ?? {});
  const stored = parsed.success ? parsed.data : Settings.parse({});
  const userSet = Array.isArray(userRec?.value)
    ? new Set((userRec.value as string[]).filter((k): k is PolicySettingKey => k in POLICY_SETTINGS))
    : inferUserSet(stored);
  return { stored, userSet };
}

/** The settings in force: the saved ones under the administrator's policy (lib/policy/effective.ts). */
export async function getSettings(): Promise<Settings> {
  const [{ stored, userSet }, { policy }] = await Promise.all([getStoredSettings(), readPolicy()]);
  return effectiveSettings(stored, userSet, policy.settings);
}

/**
 * Saves what the user changed. A change to a setting the policy locks is refused with a message naming
 * it (or, with `skipLocked`, left out: a team setup import keeps the organization's value).
 */
export async function saveSettings(
  patch: Partial<Settings>,
  opts: { skipLocked?: boolean } = {},
): Promise<Settings> {
  const [{ stored, userSet }, { policy }] = await Promise.all([getStoredSettings(), readPolicy()]);
  const before = effectiveSettings(stored, userSet, policy.settings);
  const wanted = Settings.parse({ ...before, ...patch, ai: { ...before.ai, ...(patch.ai ?? {}) } });
  const locked = new Set(lockedKeys(policy.settings));
  const changed = changedKeys(before, wanted);
  const blocked = changed.filter((k) => locked.has(k));
  if (blocked.length && !opts.skipLocked) {
    const names = blocked.map((k) => POLICY_SETTINGS[k].label).join(', ');
    throw new AppError(
      'policyLocked',
      `${names} ${blocked.length > 1 ? 'are' : 'is'} set by your organization and cannot be changed here.`,
    );
  }
  const mine = changed.filter((k) => !locked.has(k));
  let next = copyKeys(stored, wanted, mine);
  // Not a policy setting: who uses this browser.
  if ('signedInTechnicianId' in patch) next = { ...next, signedInTechnicianId: patch.signedInTechnicianId };
  next = Settings.parse(next);
  const nextUserSet = new Set([...userSet, ...mine]);
  await db().settings.bulkPut([
    { key: KEY, value: next },
    { key: USER_SET_KEY, value: [...nextUserSet] },
  ]);
  return effectiveSettings(next, nextUserSet, policy.settings);
}
