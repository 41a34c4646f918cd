import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { POLICY_SETTING_KEYS, POLICY_SETTINGS, type PolicySettingKey } from './keys';
import type { ManagedPolicy } from './parse';

// Policy precedence, as pure functions. For each setting, in order:
//   1. locked by policy        → the policy's value (or FlowPilot's default when it gives none);
//   2. the technician chose it → their stored value;
//   3. a policy default        → that default;
//   4. otherwise               → the stored value (FlowPilot's default unless someone chose).
// Locks and defaults are not written into the stored settings, so removing a key from the policy
// gives the user back their own value and the control.

type Rules = ManagedPolicy['settings'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Records saved before FlowPilot tracked choices: a value that differs from the default was chosen. */
export function inferUserSet(stored: Settings): Set<PolicySettingKey> {
  return new Set(
    POLICY_SETTING_KEYS.filter(
      (k) => !same(POLICY_SETTINGS[k].get(stored), POLICY_SETTINGS[k].get(DEFAULT_SETTINGS)),
    ),
  );
}

function ruleValue(k: PolicySettingKey, rules: Rules): unknown {
  const r = rules[k];
  return r && 'value' in r && r.value !== undefined ? r.value : POLICY_SETTINGS[k].get(DEFAULT_SETTINGS);
}

export function effectiveSettings(stored: Settings, userSet: ReadonlySet<string>, rules: Rules): Settings {
  let out = stored;
  for (const k of POLICY_SETTING_KEYS) {
    const r = rules[k];
    if (!r) continue;
    if (r.locked) out = POLICY_SETTINGS[k].set(out, ruleValue(k, rules));
    else if (!userSet.has(k) && r.value !== undefined) out = POLICY_SETTINGS[k].set(out, r.value);
  }
  return out;
}

export function lockedKeys(rules: Rules): PolicySettingKey[] {
  return POLICY_SETTING_KEYS.filter((k) => rules[k]?.locked);
}

/** The policy settings whose value differs between two complete settings objects. */
export function changedKeys(before: Settings, after: Settings): PolicySettingKey[] {
  return POLICY_SETTING_KEYS.filter(
    (k) => !same(POLICY_SETTINGS[k].get(before), POLICY_SETTINGS[k].get(after)),
  );
}

/** Copies the given policy settings from `from` into `into` (the user's own values into the record). */
export function copyKeys(into: Settings, from: Settings, keys: readonly PolicySettingKey[]): Settings {
  let out = into;
  for (const k of keys) out = POLICY_SETTINGS[k].set(out, POLICY_SETTINGS[k].get(from));
  return out;
}
