import type { SettingsPatch } from '../messages/options-to-bg';
import type { Settings } from './schema';
import { saveSettings } from './store';

/** Applies a settings patch from a page: `null` clears an optional choice, absent fields stay as they are. */
export function patchToPartial(patch: SettingsPatch): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = v === null ? undefined : v;
  }
  return out as Partial<Settings>;
}

export async function applySettingsPatch(patch: SettingsPatch): Promise<Settings> {
  return saveSettings(patchToPartial(patch));
}
