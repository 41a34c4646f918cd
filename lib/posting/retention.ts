// Post History retention: like the activity log, posts are capped by age and by count, so a busy
// site never grows IndexedDB without bound. Only finished posts go: sent or discarded, with nothing
// left to send and no reference check still owed. Anything unsent stays until someone acts on it.
// Runs on the outbox alarm (lib/posting/service.ts).

import { db, type FlowPilotDb, type OutboxRecord, type PostRecord } from '../db/schema';

export const POST_RETENTION = { maxAgeMs: 90 * 24 * 3_600_000, maxPosts: 20_000 } as const;

const FINISHED_POSTS = ['sent', 'cancelled'] as const;

function finished(items: readonly OutboxRecord[]): boolean {
  return items.every((i) => (i.state === 'sent' || i.state === 'cancelled') && i.checkAt === undefined);
}

/** Deletes finished posts (and their outbox items) older than the age cap, then the oldest beyond the count cap. */
export async function prunePosts(
  now = Date.now(),
  opts: { maxAgeMs: number; maxPosts: number } = POST_RETENTION,
  database: FlowPilotDb = db(),
): Promise<number> {
  const cutoff = now - opts.maxAgeMs;
  const range = (state: string, hi: number) =>
    database.posts.where('[state+createdAt]').between([state, -Infinity], [state, hi], true, false);
  // Counted and read through the [state+createdAt] index: only the posts that go are materialised.
  const total = (await Promise.all(FINISHED_POSTS.map((s) => range(s, Infinity).count()))).reduce(
    (a, b) => a + b,
    0,
  );
  const overCount = Math.max(0, total - opts.maxPosts);
  const byId = new Map<string, PostRecord>();
  for (const s of FINISHED_POSTS) {
    for (const p of await range(s, cutoff).toArray()) byId.set(p.id, p);
    if (overCount) for (const p of await range(s, Infinity).limit(overCount).toArray()) byId.set(p.id, p);
  }
  const oldestFirst = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
  const candidates = oldestFirst.filter((p, i) => p.createdAt < cutoff || i < overCount);
  let removed = 0;
  for (const post of candidates) {
    const gone = await database.transaction('rw', database.posts, database.outbox, async () => {
      const items = await database.outbox.where('postId').equals(post.id).toArray();
      const current = await database.posts.get(post.id);
      if (!current || !(FINISHED_POSTS as readonly string[]).includes(current.state) || !finished(items))
        return false;
      await database.outbox.bulkDelete(items.map((r) => r.id));
      await database.posts.delete(post.id);
      return true;
    });
    if (gone) removed++;
  }
  return removed;
}
