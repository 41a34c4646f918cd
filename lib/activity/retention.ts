// Activity log retention and reading (options page, Activity tab). The log is capped both by age and
// by count so a busy site never grows IndexedDB without bound; pruning runs on the outbox alarm.

import { type ActivityRecord, db, type FlowPilotDb } from '../db/schema';

export const ACTIVITY_RETENTION = { maxAgeMs: 90 * 24 * 3_600_000, maxEntries: 20_000 } as const;

/** Deletes entries older than the age cap, then the oldest beyond the count cap. Returns how many. */
export async function pruneActivity(
  now = Date.now(),
  opts: { maxAgeMs: number; maxEntries: number } = ACTIVITY_RETENTION,
  database: FlowPilotDb = db(),
): Promise<number> {
  const old = await database.activity
    .where('at')
    .below(now - opts.maxAgeMs)
    .delete();
  const count = await database.activity.count();
  if (count <= opts.maxEntries) return old;
  const extra = await database.activity
    .orderBy('at')
    .limit(count - opts.maxEntries)
    .primaryKeys();
  await database.activity.bulkDelete(extra);
  return old + extra.length;
}

export interface ActivityQuery {
  offset: number;
  limit: number;
  kind?: string;
  outcome?: 'ok' | 'error';
}

/** Newest first, one page, read through the `at` index (never the whole table). */
export async function listActivity(
  q: ActivityQuery,
  database: FlowPilotDb = db(),
): Promise<{ items: ActivityRecord[]; hasMore: boolean }> {
  let c = database.activity.orderBy('at').reverse();
  if (q.kind || q.outcome) {
    c = c.filter((a) => (!q.kind || a.kind.startsWith(q.kind)) && (!q.outcome || a.outcome === q.outcome));
  }
  const rows = await c
    .offset(q.offset)
    .limit(q.limit + 1)
    .toArray();
  return { items: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
