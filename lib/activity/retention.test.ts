import { describe, expect, it } from 'vitest';
import { FlowPilotDb } from '../db/schema';
import { listActivity, pruneActivity } from './retention';

const DAY = 24 * 3_600_000;
let n = 0;

async function seeded(count: number, start: number, step: number) {
  const database = new FlowPilotDb(`activity-test-${++n}`);
  await database.activity.bulkAdd(
    Array.from({ length: count }, (_, i) => ({
      at: start + i * step,
      kind: i % 2 ? 'post.note' : 'connection.test',
      actor: 'tech',
      outcome: i % 3 ? ('ok' as const) : ('error' as const),
    })),
  );
  return database;
}

describe('activity retention', () => {
  it('drops entries older than the age cap', async () => {
    const now = 200 * DAY;
    const database = await seeded(200, 0, DAY); // one per day, days 0..199
    const removed = await pruneActivity(now, { maxAgeMs: 90 * DAY, maxEntries: 20_000 }, database);
    expect(removed).toBe(110);
    expect(await database.activity.count()).toBe(90);
    expect((await database.activity.orderBy('at').first())?.at).toBe(110 * DAY);
  });

  it('keeps only the newest entries beyond the count cap', async () => {
    const database = await seeded(50, 1000, 1);
    expect(await pruneActivity(2000, { maxAgeMs: DAY, maxEntries: 20 }, database)).toBe(30);
    const left = await database.activity.orderBy('at').toArray();
    expect(left).toHaveLength(20);
    expect(left[0]?.at).toBe(1030);
  });

  it('pages newest first with filters', async () => {
    const database = await seeded(30, 0, 10);
    const p1 = await listActivity({ offset: 0, limit: 10 }, database);
    expect(p1.items.map((a) => a.at)).toEqual([290, 280, 270, 260, 250, 240, 230, 220, 210, 200]);
    expect(p1.hasMore).toBe(true);
    const p3 = await listActivity({ offset: 20, limit: 10 }, database);
    expect(p3.hasMore).toBe(false);
    const posts = await listActivity({ offset: 0, limit: 100, kind: 'post.' }, database);
    expect(posts.items).toHaveLength(15);
    expect(posts.items.every((a) => a.kind === 'post.note')).toBe(true);
    const errors = await listActivity({ offset: 0, limit: 100, outcome: 'error' }, database);
    expect(errors.items).toHaveLength(10);
  });
});
