import { type ActivityRecord, db } from '../db/schema';

/**
 * Appends one row to the activity log (options page, Activity tab). `detail` is a short human line:
 * never API keys, passphrases or note bodies. Logging must never break the action it records.
 */
export async function logActivity(entry: Omit<ActivityRecord, 'id' | 'at'> & { at?: number }): Promise<void> {
  try {
    await db().activity.add({ ...entry, at: entry.at ?? Date.now() });
  } catch {
    // A full or closing database is not a reason to fail a connect or a save.
  }
}

/** Runs `fn`, then logs it as ok/error with its latency; rethrows the error unchanged. */
export async function withActivity<T>(
  kind: string,
  actor: string,
  fn: () => Promise<T>,
  detail?: (r: { ok: true; value: T } | { ok: false; error: unknown }) => string | undefined,
): Promise<T> {
  const started = Date.now();
  try {
    const value = await fn();
    await logActivity({
      kind,
      actor,
      outcome: 'ok',
      latencyMs: Date.now() - started,
      detail: detail?.({ ok: true, value }),
    });
    return value;
  } catch (error) {
    const msg = detail?.({ ok: false, error }) ?? (error instanceof Error ? error.message : undefined);
    await logActivity({ kind, actor, outcome: 'error', latencyMs: Date.now() - started, detail: msg });
    throw error;
  }
}
