import type { DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { FlowPilotDb, type OutboxRecord, type OutboxState, type PostRecord } from '../db/schema';
import { listPosts, postsToCsv, postsToJson, toPostView } from './history';

let n = 0;
const STATES: OutboxState[] = ['sent', 'failed', 'pending', 'cancelled'];

async function seeded(count: number, before?: (d: FlowPilotDb) => void) {
  const database = new FlowPilotDb(`history-test-${++n}`);
  before?.(database);
  const rows: PostRecord[] = Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    ticketKey: `service:${1000 + (i % 50)}`,
    ticketId: 1000 + (i % 50),
    summary: 'Internal Analysis note',
    state: STATES[i % 4]!,
    createdAt: 1_000_000 + i * 1000,
    updatedAt: 1_000_000 + i * 1000,
    data: {
      items: [
        { outboxId: `o${i}`, kind: 'note', label: 'n', ref: 'abcdefg', state: STATES[i % 4]!, attempts: 1 },
      ],
    },
  }));
  await database.posts.bulkAdd(rows);
  return database;
}

describe('listPosts', () => {
  // The 10 000-row first render is measured in a real browser (scripts/bench-posting.ts); fake-indexeddb
  // is too slow to seed that many rows in a unit test.
  it('pages newest first, by index', async () => {
    const database = await seeded(600);
    const page = await listPosts(database, {}, 0, 50);
    expect(page.items).toHaveLength(50);
    expect(page.items[0]!.id).toBe('p599');
    expect(page.hasMore).toBe(true);
    const last = await listPosts(database, {}, 590, 50);
    expect(last.items.map((p) => p.id).at(-1)).toBe('p0');
    expect(last.hasMore).toBe(false);
  }, 20_000);

  it('filters by state, ticket and date', async () => {
    const database = await seeded(400);
    const failed = await listPosts(database, { state: 'failed' }, 0, 500);
    expect(failed.items).toHaveLength(100);
    expect(failed.items.every((p) => p.state === 'failed')).toBe(true);
    const ticket = await listPosts(database, { ticketId: 1007 }, 0, 500);
    expect(ticket.items.map((p) => p.id)).toEqual([
      'p357',
      'p307',
      'p257',
      'p207',
      'p157',
      'p107',
      'p57',
      'p7',
    ]);
    const range = await listPosts(database, { from: 1_000_000 + 10_000, to: 1_000_000 + 19_000 }, 0, 500);
    expect(range.items).toHaveLength(10);
    const both = await listPosts(
      database,
      { state: 'sent', from: 1_000_000, to: 1_000_000 + 19_000 },
      0,
      500,
    );
    expect(both.items.map((p) => p.id)).toEqual(['p16', 'p12', 'p8', 'p4', 'p0']);
  });

  it('an Autotask post is found by its ticket number, in any case, through the index; old posts by id', async () => {
    let rec!: ReturnType<typeof recorded>;
    const database = await seeded(40, (d) => (rec = recorded(d)));
    // Three posts to Autotask ticket 40265 (T20261129.0004), one of them saved before numbers were kept.
    const at = (id: string, createdAt: number, ticketNumber?: string): PostRecord => ({
      id,
      ticketKey: 'service:40265',
      ticketId: 40265,
      summary: 'Resolution note',
      state: 'sent',
      createdAt,
      updatedAt: createdAt,
      data: { items: [], psa: 'autotask' },
      ...(ticketNumber ? { ticketNumber } : {}),
    });
    await database.posts.bulkAdd([
      at('a1', 2_000_000, 'T20261129.0004'),
      at('a2', 2_000_100),
      at('a3', 2_000_200, 'T20261129.0004'),
      { ...at('b1', 2_000_300, 'T20261129.0005'), ticketKey: 'service:40266', ticketId: 40266 },
    ]);
    rec.reads.length = 0;
    const found = await listPosts(database, { ticketNumber: 't20261129.0004' }, 0, 50);
    expect(found.items.map((p) => [p.id, p.ticketNumber])).toEqual([
      ['a3', 'T20261129.0004'],
      ['a1', 'T20261129.0004'],
    ]);
    // Through the ticketNumber index, not a scan of every post.
    expect(rec.reads.filter((r) => r.startsWith('posts:'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^posts:(query|cursor)\(ticketNumber/)]),
    );
    expect(rec.reads.some((r) => /^posts:(query|cursor)\((primary|createdAt)/.test(r))).toBe(false);
    // With the other filters as for an id; a post without a number is found by its id only.
    expect(
      (await listPosts(database, { ticketNumber: 'T20261129.0004', to: 2_000_100 }, 0, 50)).items,
    ).toHaveLength(1);
    expect(
      (await listPosts(database, { ticketNumber: 'T20261129.0004', state: 'failed' }, 0, 50)).items,
    ).toEqual([]);
    expect(
      (await listPosts(database, { ticketNumber: 'T20261129.0004' }, 1, 1)).items.map((p) => p.id),
    ).toEqual(['a1']);
    expect((await listPosts(database, { ticketId: 40265 }, 0, 50)).items.map((p) => p.id)).toEqual([
      'a3',
      'a2',
      'a1',
    ]);
    expect((await listPosts(database, { ticketNumber: 'T19990101.0001' }, 0, 50)).items).toEqual([]);
    // ConnectWise posts have no number: toPostView adds none.
    expect(
      (await listPosts(database, { ticketId: 1007 }, 0, 50)).items.every((p) => !('ticketNumber' in p)),
    ).toBe(true);
  });
});

/** Every read of the database, as table:operation(index, limit), and how many ran at once at most. */
function recorded(database: FlowPilotDb) {
  const reads: string[] = [];
  const inFlight = { now: 0, max: 0 };
  database.use({
    stack: 'dbcore',
    name: 'record-reads',
    create: (down: DBCore) => ({
      ...down,
      table(name) {
        const t = down.table(name);
        const track = async <T>(what: string, run: () => Promise<T>) => {
          reads.push(`${name}:${what}`);
          inFlight.max = Math.max(inFlight.max, ++inFlight.now);
          try {
            const r = await run();
            // A turn of the event loop after the answer (a real IndexedDB round trip is that slow):
            // reads asked for together overlap here, reads made one after the other never do.
            await new Promise((done) => setTimeout(done, 1));
            return r;
          } finally {
            inFlight.now--;
          }
        };
        return {
          ...t,
          query: (req) =>
            track(`query(${req.query.index.name || 'primary'}, ${req.limit ?? 'all'})`, () => t.query(req)),
          openCursor: (req) => track(`cursor(${req.query.index.name || 'primary'})`, () => t.openCursor(req)),
          count: (req) => track(`count(${req.query.index.name || 'primary'})`, () => t.count(req)),
          get: (req) => track('get', () => t.get(req)),
          getMany: (req) => track('getMany', () => t.getMany(req)),
        };
      },
    }),
  });
  return { reads, inFlight };
}

describe('the first page (issue 12 §2: first rows without reading the whole table)', () => {
  it('reads one page through the createdAt index, never counts or scans all posts', async () => {
    let rec!: ReturnType<typeof recorded>;
    const database = await seeded(300, (d) => (rec = recorded(d)));
    const { reads } = rec;
    reads.length = 0;
    const page = await listPosts(database, {}, 0, 50);
    expect(page.items).toHaveLength(50);
    const posts = reads.filter((r) => r.startsWith('posts:'));
    // One bounded read: the page and one more row (is there a next page?), through the index.
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(/^posts:(query|cursor)\(createdAt/);
    expect(posts[0]).not.toMatch(/, all\)$/);
    expect(reads.some((r) => r.includes('count('))).toBe(false);
  });

  it('a state filter reads through [state+createdAt], bounded', async () => {
    let rec!: ReturnType<typeof recorded>;
    const database = await seeded(300, (d) => (rec = recorded(d)));
    const { reads } = rec;
    reads.length = 0;
    await listPosts(database, { state: 'failed' }, 0, 50);
    const posts = reads.filter((r) => r.startsWith('posts:'));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(/^posts:(query|cursor)\(\[state\+createdAt\]/);
    expect(reads.some((r) => r.includes('count('))).toBe(false);
  });

  it('asks about every waiting post’s ticket at once, not one ticket after the other', async () => {
    let rec!: ReturnType<typeof recorded>;
    const database = await seeded(300, (d) => (rec = recorded(d)));
    // Each ticket has an unfinished write at the head of its queue.
    const open: OutboxRecord[] = Array.from({ length: 50 }, (_, i) => ({
      id: `q${i}`,
      ticketKey: `service:${1000 + i}`,
      seq: 1,
      kind: 'note',
      payload: {},
      ref: 'abcdefg',
      state: 'failed',
      attempts: 1,
      nextAttemptAt: 0,
      postId: `other-${i}`,
      createdAt: 0,
      updatedAt: 0,
    }));
    await database.outbox.bulkAdd(open);
    const { reads, inFlight } = rec;
    reads.length = 0;
    inFlight.max = 0;
    const page = await listPosts(database, {}, 0, 50);
    const waiting = page.items.filter((p) => p.state === 'pending');
    expect(waiting.length).toBeGreaterThan(5);
    expect(waiting.every((p) => p.blockedBy?.startsWith('other-'))).toBe(true);
    const tickets = new Set(waiting.map((p) => p.ticketKey)).size;
    expect(reads.filter((r) => r.startsWith('outbox:'))).toHaveLength(tickets);
    expect(inFlight.max).toBeGreaterThanOrEqual(tickets);
  });
});

describe('export', () => {
  const view = toPostView({
    id: 'p1',
    ticketKey: 'service:1001',
    ticketId: 1001,
    summary: 'Resolution note, "quoted"',
    state: 'failed',
    createdAt: Date.UTC(2026, 10, 20, 14, 0, 0),
    updatedAt: Date.UTC(2026, 10, 20, 14, 0, 0),
    data: {
      technicianName: '=HYPERLINK("x")',
      items: [
        {
          outboxId: 'o',
          kind: 'timeEntry',
          label: 't',
          ref: 'abcdefg',
          state: 'failed',
          attempts: 2,
          lastError: { kind: 'validation', message: 'Closed, status' },
        },
      ],
    },
  });

  it('CSV escapes quotes and commas and neutralises formulas', () => {
    const csv = postsToCsv([view]);
    const [header, row] = csv.trim().split('\r\n');
    expect(header).toBe(
      'createdAt,ticketId,technician,summary,state,attempts,lastError,ticketUrl,ticketNumber',
    );
    expect(row).toBe(
      '2026-11-20T14:00:00.000Z,1001,"\'=HYPERLINK(""x"")","Resolution note, ""quoted""",failed,2,"Closed, status",,',
    );
  });

  it('CSV carries an Autotask ticket number in its last column', () => {
    const row = postsToCsv([{ ...view, ticketNumber: 'T20261129.0004' }])
      .trim()
      .split('\r\n')[1];
    expect(row?.endsWith(',T20261129.0004')).toBe(true);
  });

  it('CSV neutralises a formula hidden behind leading blanks (issue 10 §4)', () => {
    const row = postsToCsv([{ ...view, technicianName: ' \t=HYPERLINK("x")', summary: '\r@SUM(1)' }])
      .trim()
      .split('\r\n')[1];
    expect(row).toContain(`"' \t=HYPERLINK(""x"")"`);
    expect(row).toContain(`"'\r@SUM(1)"`);
  });

  it('JSON round-trips with ISO dates', () => {
    const parsed = JSON.parse(postsToJson([view]));
    expect(parsed[0]).toMatchObject({
      id: 'p1',
      createdAt: '2026-11-20T14:00:00.000Z',
      attempts: 2,
      lastError: 'Closed, status',
    });
  });
});
