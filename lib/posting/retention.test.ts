import { describe, expect, it } from 'vitest';
import { FlowPilotDb, type OutboxRecord, type OutboxState, type PostRecord } from '../db/schema';
import { prunePosts } from './retention';

const DAY = 24 * 3_600_000;
let n = 0;

function post(id: string, state: OutboxState, createdAt: number, items: Partial<OutboxRecord>[]) {
  const rec: PostRecord = {
    id,
    ticketKey: 'service:1001',
    ticketId: 1001,
    summary: 'x',
    state,
    createdAt,
    updatedAt: createdAt,
    data: { items: [] },
  };
  const outbox: OutboxRecord[] = items.map((it, i) => ({
    id: `${id}-${i}`,
    ticketKey: 'service:1001',
    seq: createdAt + i,
    kind: 'note',
    payload: {},
    ref: 'abcdefg',
    state: 'sent',
    attempts: 1,
    nextAttemptAt: 0,
    postId: id,
    createdAt,
    updatedAt: createdAt,
    ...it,
  }));
  return { rec, outbox };
}

async function seeded(posts: ReturnType<typeof post>[]) {
  const database = new FlowPilotDb(`posts-retention-${++n}`);
  await database.posts.bulkAdd(posts.map((p) => p.rec));
  await database.outbox.bulkAdd(posts.flatMap((p) => p.outbox));
  return database;
}

describe('post retention (issue 9 §3: prune like the activity log, never anything unsent)', () => {
  it('drops sent and discarded posts (and their items) older than the age cap; keeps everything unsent', async () => {
    const now = 200 * DAY;
    const database = await seeded([
      post('old-sent', 'sent', 10 * DAY, [{ state: 'sent' }, { state: 'cancelled' }]),
      post('old-cancelled', 'cancelled', 20 * DAY, [{ state: 'cancelled' }]),
      post('old-failed', 'failed', 10 * DAY, [{ state: 'sent' }, { state: 'failed' }]),
      post('old-pending', 'pending', 10 * DAY, [{ state: 'pending' }]),
      post('old-sending', 'sending', 10 * DAY, [{ state: 'sending' }]),
      // Sent, but its duplicate check has not run yet: still work to do.
      post('old-unchecked', 'sent', 10 * DAY, [{ state: 'sent', checkAt: 10 * DAY }]),
      post('new-sent', 'sent', 150 * DAY, [{ state: 'sent' }]),
    ]);
    const removed = await prunePosts(now, { maxAgeMs: 90 * DAY, maxPosts: 20_000 }, database);
    expect(removed).toBe(2);
    expect((await database.posts.toCollection().primaryKeys()).sort()).toEqual(
      ['new-sent', 'old-failed', 'old-pending', 'old-sending', 'old-unchecked'].sort(),
    );
    expect(await database.outbox.where('postId').anyOf(['old-sent', 'old-cancelled']).count()).toBe(0);
    expect(await database.outbox.count()).toBe(6);
  });

  it('keeps only the newest sent posts beyond the count cap; unsent posts do not count against it', async () => {
    const database = await seeded([
      ...Array.from({ length: 30 }, (_, i) => post(`s${i}`, 'sent', 1000 + i, [{ state: 'sent' }])),
      post('f', 'failed', 1, [{ state: 'failed' }]),
    ]);
    expect(await prunePosts(2000, { maxAgeMs: DAY, maxPosts: 10 }, database)).toBe(20);
    const left = await database.posts.orderBy('createdAt').primaryKeys();
    expect(left).toEqual(['f', ...Array.from({ length: 10 }, (_, i) => `s${20 + i}`)]);
    expect(await database.outbox.count()).toBe(11);
  });
});
