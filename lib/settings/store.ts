import { db } from '../db/schema';
import { Settings } from './schema';

const KEY = 'flowpilot';

/** The saved settings, completed with defaults; a corrupt record falls back to defaults, never throws. */
export async function getSettings(): Promise<Settings> {
  const rec = await db().settings.get(KEY);
  const parsed = Settings.safeParse(rec?.value ?? {});
  return parsed.success ? parsed.data : Settings.parse({});
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const current = await getSettings();
  const next = Settings.parse({ ...current, ...patch, ai: { ...current.ai, ...(patch.ai ?? {}) } });
  await db().settings.put({ key: KEY, value: next });
  return next;
}
