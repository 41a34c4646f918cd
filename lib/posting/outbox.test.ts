// @vitest-environment node
// The outbox against the real sandbox over HTTP, with fake-indexeddb and an injected clock: the fault
// matrix (500s, 429 Retry-After, timeouts, commit-then-reset, a worker stopped mid-send) must end with
// every write on the ticket exactly once, in order note → time entry → status.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../tests/cw-sandbox/index';
import { STATUS_IDS } from '../../tests/cw-sandbox/seed-constants';
import { traceIdbAndFetch } from '../../tests/support/idb-trace';
import { gate, until } from '../../tests/support/outbox-kit';
import { CwClient } from '../cw/client';
import { FlowPilotDb } from '../db/schema';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { type CwWriter, Outbox, type OutboxDeps, type PostData } from './outbox';
import { buildPlan, type PlanInput } from './plan';
import { refTag } from './reference';

let sb: Sandbox;
let n = 0;
const T0 = Date.UTC(2026, 10, 20, 14, 0, 0);

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => sb.reset());

function client(timeoutMs = 5_000, scope?: string): CwClient {
  return new CwClient({
    scope,
    apiBase: `${sb.url}/v2026_4/apis/3.0`,
    companyId: sb.companyId,
    publicKey: sb.keys.publicKey,
    privateKey: sb.keys.privateKey,
    clientId: sb.clientId,
    timeoutMs,
  });
}

function setup(over: Partial<OutboxDeps> = {}) {
  const database = new FlowPilotDb(`outbox-test-${++n}`);
  const clock = { now: T0 };
  const changes: string[] = [];
  const log: { kind: string; outcome: string; detail?: string }[] = [];
  const make = (extra: Partial<OutboxDeps> = {}) =>
    new Outbox({
      db: () => database,
      client: async () => client(),
      now: () => clock.now,
      random: () => 0.5,
      onChange: (c) => changes.push(`${c.postId.slice(0, 4)}:${c.state}`),
      log: (e) => log.push(e),
      ...over,
      ...extra,
    });
  return { database, clock, changes, log, outbox: make(), make };
}

function plan(over: Partial<PlanInput> = {}) {
  return buildPlan({
    ticket: { kind: 'service', id: 1001 },
    settings: { ...DEFAULT_SETTINGS, workTypeId: 1, workRoleId: 1 },
    noteKind: 'internalAnalysis',
    text: 'Problem: Outlook not syncing.\nResolution: cleared cached credentials.',
    time: { startedAt: T0 - 3_600_000, endedAt: T0, activeMs: 22 * 60_000 },
    status: { id: STATUS_IDS.helpDesk.resolved, name: 'Resolved' },
    memberId: 101,
    ...over,
  });
}

const notesWith = (ref: string) => sb.state.notes.filter((x) => x.text.includes(refTag(ref)));
const entriesWith = (ref: string) =>
  sb.state.timeEntries.filter((x) => (x.notes ?? '').includes(refTag(ref)));
const writes = () => sb.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.apiPath}`);

async function refs(o: { database: FlowPilotDb }, postId: string) {
  const items = await o.database.outbox.where('postId').equals(postId).sortBy('seq');
  return items;
}

describe('outbox against the sandbox', () => {
  it('posts note → time entry → status, attributed, with the rounded time and no duplicate note text', async () => {
    const t = setup();
    const notesBefore = sb.state.notes.length;
    const post = await t.outbox.enqueue(plan(), { technicianName: 'John Smith' });
    // Write-ahead: stored before anything was sent.
    expect(await t.database.outbox.count()).toBe(3);
    expect(sb.requests).toHaveLength(0);
    await t.outbox.drain();

    const [note, time] = await refs(t, post.id);
    expect(writes()).toEqual([
      'POST /service/tickets/1001/notes',
      'POST /time/entries',
      'PATCH /service/tickets/1001',
    ]);
    const posted = notesWith(note!.ref);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      ticketId: 1001,
      internalAnalysisFlag: true,
      resolutionFlag: false,
      detailDescriptionFlag: false,
      member: { id: 101 },
    });
    expect(posted[0]!.text).toContain('cleared cached credentials');
    // The time entry wrote no note of its own.
    expect(sb.state.notes.length).toBe(notesBefore + 1);
    const entry = entriesWith(time!.ref);
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({
      member: { id: 101 },
      chargeToId: 1001,
      timeStart: '2026-11-20T13:00:00Z',
      timeEnd: '2026-11-20T13:30:00Z',
    });
    expect(sb.state.tickets.find((x) => x.id === 1001)?.status?.id).toBe(STATUS_IDS.helpDesk.resolved);

    const saved = await t.database.posts.get(post.id);
    expect(saved?.state).toBe('sent');
    expect((saved!.data as PostData).items.map((i) => i.state)).toEqual(['sent', 'sent', 'sent']);
    expect((saved!.data as PostData).items[0]!.cwId).toBe(posted[0]!.id);
    expect(t.log.map((l) => `${l.kind}:${l.outcome}`)).toEqual([
      'post.note:ok',
      'post.timeEntry:ok',
      'post.status:ok',
    ]);
    // Never the note body in the activity log.
    expect(JSON.stringify(t.log)).not.toContain('Outlook');
  });

  it('500 twice: retries with backoff, later items wait, each write lands once', async () => {
    const t = setup();
    sb.faults.add({ method: 'POST', path: '/notes$', status: 500, times: 2 });
    const post = await t.outbox.enqueue(plan());
    await t.outbox.drain();
    let [note] = await refs(t, post.id);
    expect(note).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: T0 + 1500 });
    expect(writes()).toEqual(['POST /service/tickets/1001/notes']);

    await t.outbox.drain(); // not due yet: nothing is sent
    expect(writes()).toHaveLength(1);
    t.clock.now += 1500;
    await t.outbox.drain();
    [note] = await refs(t, post.id);
    expect(note).toMatchObject({ state: 'pending', attempts: 2, nextAttemptAt: t.clock.now + 3000 });
    t.clock.now += 3000;
    await t.outbox.drain();
    expect(notesWith(note!.ref)).toHaveLength(1);
    expect(writes()).toEqual([
      'POST /service/tickets/1001/notes',
      'POST /service/tickets/1001/notes',
      'POST /service/tickets/1001/notes',
      'POST /time/entries',
      'PATCH /service/tickets/1001',
    ]);
    expect((await t.database.posts.get(post.id))?.state).toBe('sent');
  });

  it('429 with Retry-After: waits at least that long, then sends once', async () => {
    const t = setup();
    sb.faults.add({ method: 'POST', path: '/notes$', status: 429, retryAfter: 2 });
    const post = await t.outbox.enqueue(plan({ timeEntry: false, status: undefined }));
    await t.outbox.drain();
    const [note] = await refs(t, post.id);
    expect(note!.nextAttemptAt).toBeGreaterThanOrEqual(T0 + 2000);
    expect((note!.lastError as { kind: string }).kind).toBe('throttled');
    t.clock.now += 1999;
    await t.outbox.drain();
    expect(writes()).toHaveLength(1);
    t.clock.now = note!.nextAttemptAt;
    await t.outbox.drain();
    expect(notesWith(note!.ref)).toHaveLength(1);
    expect(writes()).toHaveLength(2);
  });

  it('commit then reset: finds the ref on the ticket instead of posting twice', async () => {
    const t = setup();
    sb.faults.add({ method: 'POST', path: '/notes$', reset: 'after-commit' });
    sb.faults.add({ method: 'POST', path: '/time/entries$', reset: 'after-commit' });
    const post = await t.outbox.enqueue(plan());
    // Each reset is followed at once by a lookup of the ref (a lookup is harmless; only a resend
    // waits), so the post settles in this one drain without a second POST.
    await t.outbox.drain();
    const [note, time] = await refs(t, post.id);
    expect(note).toMatchObject({ state: 'sent', payload: expect.objectContaining({ recovered: true }) });
    expect(notesWith(note!.ref)).toHaveLength(1);
    expect(entriesWith(time!.ref)).toHaveLength(1);
    expect(writes().filter((w) => w.endsWith('/notes'))).toHaveLength(1);
    expect(writes().filter((w) => w === 'POST /time/entries')).toHaveLength(1);
    const saved = await t.database.posts.get(post.id);
    expect(saved?.state).toBe('sent');
    expect((saved!.data as PostData).items[0]!.cwId).toBe(notesWith(note!.ref)[0]!.id);
    expect(sb.state.tickets.find((x) => x.id === 1001)?.status?.id).toBe(STATUS_IDS.helpDesk.resolved);
  });

  it('timeout while CW is slow: looks before resending, posts once', async () => {
    const t = setup({ client: async () => client(300) });
    sb.faults.add({ method: 'POST', path: '/notes$', latencyMs: 600 });
    const post = await t.outbox.enqueue(plan({ timeEntry: false, status: undefined }));
    await t.outbox.drain();
    const [note] = await refs(t, post.id);
    expect((note!.lastError as { kind: string }).kind).toBe('timeout');
    // Real backoff is ≥ 1 s; here the server commits 300 ms after the client gave up.
    await new Promise((r) => setTimeout(r, 450));
    t.clock.now += 60_000;
    await t.outbox.drain();
    expect(notesWith(note!.ref)).toHaveLength(1);
    expect(writes().filter((w) => w.endsWith('/notes'))).toHaveLength(1);
  });

  it('worker stopped mid-send: the next worker treats "sending" as unknown and does not duplicate', async () => {
    const t = setup();
    let hung!: () => void;
    const stopped = new Promise<void>((r) => (hung = r));
    // The first worker's request reaches CW, then the worker dies before it can record the answer.
    const dying: CwWriter = {
      get: (p, q) => client().get(p, q),
      post: async (p, b) => {
        await client().post(p, b);
        hung();
        return new Promise(() => undefined);
      },
      patch: (p, o) => client().patch(p, o),
      delete: (p, o) => client().delete(p, o),
    };
    const first = t.make({ client: async () => dying });
    const post = await first.enqueue(plan({ timeEntry: false }));
    void first.drain();
    await stopped;
    const [note] = await refs(t, post.id);
    expect(note!.state).toBe('sending');

    const second = t.make();
    expect(await second.recoverInterrupted()).toBe(1);
    // The recovered item is looked up at once (harmless); it is there, so nothing is sent again.
    // (A resend, had it not been there, would wait for the server-side limit: outbox-timing.test.ts.)
    await second.drain();
    expect(notesWith(note!.ref)).toHaveLength(1);
    expect(writes().filter((w) => w.endsWith('/notes'))).toHaveLength(1);
    expect(sb.state.tickets.find((x) => x.id === 1001)?.status?.id).toBe(STATUS_IDS.helpDesk.resolved);
    expect((await t.database.posts.get(post.id))?.state).toBe('sent');
  });

  it('a repeated submission (the panel asking again after the worker stopped) joins its post: one write-ahead, one note', async () => {
    const t = setup();
    const meta = { submissionId: 'sub-0001-abcdef' };
    const first = await t.outbox.enqueue(plan({ timeEntry: false, status: undefined }), meta);
    // The restarted worker gets the same submission again, also while another repeat is in flight.
    const again = t.make();
    const [a, b] = await Promise.all([
      again.enqueue(plan({ timeEntry: false, status: undefined }), meta),
      again.enqueue(plan({ timeEntry: false, status: undefined }), meta),
    ]);
    expect([a.id, b.id]).toEqual([first.id, first.id]);
    expect(await t.database.posts.count()).toBe(1);
    expect(await t.database.outbox.count()).toBe(1);
    // Another submission of the same text is a post of its own (the dialog asks before a duplicate).
    const other = await again.enqueue(plan({ timeEntry: false, status: undefined }), {
      submissionId: 'sub-0002-abcdef',
    });
    expect(other.id).not.toBe(first.id);
    await again.drain();
    expect(writes().filter((w) => w.endsWith('/notes'))).toHaveLength(2);
  });

  it('a submission id is one ticket’s: the same id for another ticket is not a repeat of it', async () => {
    const t = setup();
    const meta = { submissionId: 'sub-0003-abcdef' };
    const first = await t.outbox.enqueue(plan({ timeEntry: false, status: undefined }), meta);
    const other = await t.outbox.enqueue(
      plan({ ticket: { kind: 'service', id: 1002 }, timeEntry: false, status: undefined }),
      meta,
    );
    expect(other.id).not.toBe(first.id);
    expect(other.ticketKey).toBe('service:1002');
  });

  it('closed ticket refusing time: fails with CW’s reason, the status waits, nothing is retried blindly', async () => {
    const t = setup();
    const post = await t.outbox.enqueue(plan({ ticket: { kind: 'service', id: 1003 }, status: { id: 101 } }));
    await t.outbox.drain();
    const [note, time, status] = await refs(t, post.id);
    expect(note!.state).toBe('sent');
    expect(time!.state).toBe('failed');
    expect(time!.lastError).toMatchObject({ kind: 'validation', cwCode: 'TimeEntryApi', retryable: false });
    expect(status!.state).toBe('pending');
    t.clock.now += 3_600_000;
    await t.outbox.drain();
    expect(writes()).toEqual(['POST /service/tickets/1003/notes', 'POST /time/entries']);
    expect((await t.database.posts.get(post.id))?.state).toBe('failed');

    // Discard the rest of the post: later posts on the ticket no longer wait.
    await t.outbox.discard(post.id);
    const next = await t.outbox.enqueue(
      plan({ ticket: { kind: 'service', id: 1003 }, timeEntry: false, status: undefined }),
    );
    await t.outbox.drain();
    expect((await t.database.posts.get(next.id))?.state).toBe('sent');
    const discarded = await t.database.posts.get(post.id);
    // The note did land; the refused time entry and the waiting status were discarded.
    expect((discarded!.data as PostData).items.map((i) => i.state)).toEqual([
      'sent',
      'cancelled',
      'cancelled',
    ]);
    expect(discarded?.state).toBe('sent');
  });

  it('member without time rights: 403 with the member named; edit and retry sends the corrected post once', async () => {
    const t = setup();
    const post = await t.outbox.enqueue(
      plan({ memberId: 109, status: undefined, text: '', timeNotes: 'Printer' }),
    );
    await t.outbox.drain();
    const [time] = await refs(t, post.id);
    expect(time).toMatchObject({
      state: 'failed',
      lastError: expect.objectContaining({ kind: 'forbidden' }),
    });
    expect((time!.lastError as { message: string }).message).toContain('kjones');

    await t.outbox.editAndRetry(post.id, time!.id, 'Printer (retried)');
    await t.outbox.drain();
    // Still the same member → still refused; the item stays failed, not duplicated.
    expect(entriesWith(time!.ref)).toHaveLength(0);
  });

  it('per-ticket order across posts and bounded concurrency across tickets', async () => {
    const t = setup({ concurrency: 2 });
    sb.faults.latencyMs = 40;
    let inFlight = 0;
    let peak = 0;
    // The first POST waits until a second one is in flight (or 3 s pass): on a busy machine one lane
    // could otherwise finish before the other starts and the overlap would go unseen. It proves nothing
    // by itself: a third lane, if there were one, would still show up as a peak of 3.
    const overlap = gate();
    let firstPost = true;
    const counting: CwWriter = {
      get: (p, q) => client().get(p, q),
      post: async (p, b) => {
        peak = Math.max(peak, ++inFlight);
        try {
          if (firstPost) {
            firstPost = false;
            await Promise.race([overlap.wait, new Promise((r) => setTimeout(r, 3_000))]);
          } else overlap.open();
          return await client().post(p, b);
        } finally {
          inFlight--;
        }
      },
      patch: (p, o) => client().patch(p, o),
      delete: (p, o) => client().delete(p, o),
    };
    const o = t.make({ client: async () => counting, concurrency: 2 });
    const posts = [];
    for (const id of [1001, 1004, 1006, 1001]) {
      posts.push(
        await o.enqueue(plan({ ticket: { kind: 'service', id }, timeEntry: false, status: undefined })),
      );
    }
    await o.drain();
    expect(peak).toBe(2);
    for (const p of posts) expect((await t.database.posts.get(p.id))?.state).toBe('sent');
    const first = (await refs(t, posts[0]!.id))[0]!;
    const last = (await refs(t, posts[3]!.id))[0]!;
    expect(last.seq).toBeGreaterThan(first.seq);
    expect(notesWith(last.ref)[0]!.id).toBeGreaterThan(notesWith(first.ref)[0]!.id);
  }, 15_000);
});

describe('tenant scope (issue 10 §3)', () => {
  const A = 'flowpilot@http://tenant-a.example';
  const B = 'flowpilot@http://tenant-b.example';
  const scoped = (scope: string | undefined) => client(5_000, scope);

  it('an item of another connection is held, never sent; the same ticket number of this one is not blocked by it', async () => {
    const now = { scope: B as string | undefined };
    const t = setup({ scope: async () => now.scope, client: async () => scoped(now.scope) });
    const held = await t.outbox.enqueue(
      plan({ text: 'Tenant A only: VPN secret', timeEntry: false, status: undefined }),
      {
        scope: A,
      },
    );
    const mine = await t.outbox.enqueue(
      plan({ text: 'Tenant B note', timeEntry: false, status: undefined }),
      {
        scope: B,
      },
    );
    await t.outbox.drain();
    expect(sb.state.notes.filter((x) => x.text.includes('Tenant A only'))).toEqual([]);
    expect(sb.state.notes.filter((x) => x.text.includes('Tenant B note'))).toHaveLength(1);
    expect(await t.database.outbox.where('postId').equals(held.id).first()).toMatchObject({
      state: 'pending',
      attempts: 0,
      scope: A,
    });
    expect((await t.database.posts.get(mine.id))?.scope).toBe(B);

    // Back on tenant A: it goes out, once.
    now.scope = A;
    await t.outbox.drain();
    expect(sb.state.notes.filter((x) => x.text.includes('Tenant A only'))).toHaveLength(1);
  });

  it('a 429 from tenant A does not pause tenant B after a switch, and A is paused again when it comes back', async () => {
    const now = { scope: A as string | undefined };
    const t = setup({ scope: async () => now.scope, client: async () => scoped(now.scope) });
    /** A note alone on ticket `id`, saved for the connection `scope` (sent by a click when `clicked`). */
    const note = (o: Outbox, id: number, text: string, scope: string, clicked = false) =>
      o.enqueue(
        plan({ ticket: { kind: 'service', id }, text, timeEntry: false, status: undefined }),
        { scope },
        clicked ? { sendWith: scoped(scope) } : {},
      );
    const state = async (postId: string) => (await t.database.posts.get(postId))?.state;
    sb.faults.add({ method: 'POST', path: '/notes$', status: 429, retryAfter: 60 });
    const a = await note(t.outbox, 1001, 'Tenant A throttled', A);
    await t.outbox.drain();
    expect(writes()).toHaveLength(1); // refused with Retry-After: 60
    // The admin connects tenant B: its post goes out at once, by a click and by a drain alike.
    now.scope = B;
    const clicked = await note(t.outbox, 1007, 'Tenant B clicked', B, true);
    await until(async () => (await state(clicked.id)) === 'sent');
    const drained = await note(t.outbox, 1008, 'Tenant B drained', B);
    await t.outbox.drain();
    expect(await state(drained.id)).toBe('sent');
    // A worker restart reads the stored pause: still tenant B's turn, not paused.
    const restarted = t.make();
    const afterRestart = await note(restarted, 1009, 'Tenant B after restart', B);
    await restarted.drain();
    expect(await state(afterRestart.id)).toBe('sent');
    expect(sb.state.notes.filter((x) => x.text.includes('Tenant B'))).toHaveLength(3);
    // Nothing of A was sent meanwhile; back on A within its Retry-After, A is still paused.
    now.scope = A;
    const second = await note(restarted, 1010, 'Tenant A second', A);
    await restarted.drain();
    expect(await state(second.id)).toBe('pending');
    expect(sb.state.notes.filter((x) => x.text.includes('Tenant A'))).toEqual([]);
    expect(writes().filter((w) => w === 'POST /service/tickets/1001/notes')).toHaveLength(1);
    expect(await state(a.id)).not.toBe('sent');
  });

  it('a connection switched between picking and sending holds the item (the client says whose it is)', async () => {
    const t = setup({ scope: async () => A, client: async () => scoped(B) });
    await t.outbox.enqueue(plan({ text: 'Switched underneath', timeEntry: false, status: undefined }), {
      scope: A,
    });
    await t.outbox.drain();
    expect(sb.state.notes.filter((x) => x.text.includes('Switched underneath'))).toEqual([]);
    expect(writes()).toEqual([]);
  });
});

describe('a post started at once (issue 12 §3: a click’s post costs the create and nothing more)', () => {
  it('the write-ahead transaction stores the first write as "sending" and the create leaves right after it commits', async () => {
    const t = setup();
    const c = client();
    const tr = traceIdbAndFetch();
    let post: Awaited<ReturnType<Outbox['enqueue']>>;
    try {
      post = await t.outbox.enqueue(plan({ text: 'Started at once' }), {}, { sendWith: c });
      // The request left inside enqueue: before it returned, with one write transaction before it.
      expect(tr.events).toContain('fetch:POST');
    } finally {
      tr.restore();
    }
    const before = tr.events.slice(0, tr.events.indexOf('fetch:POST'));
    expect(before.filter((e) => e === 'idb:readwrite')).toHaveLength(1);
    expect(before.at(-1)).toBe('idb:readwrite');
    // Committed before the request left: a worker stopped now would look it up, never resend blindly.
    expect(post.state).toBe('sending');
    const [first] = await refs(t, post.id);
    expect(first).toMatchObject({ state: 'sending', attempts: 1 });

    // The rest of the post follows in order, each write once, and the check after the create runs.
    await until(async () => (await t.database.posts.get(post.id))?.state === 'sent');
    await until(async () => (await t.database.outbox.where('checkAt').above(0).count()) === 0);
    expect(writes()).toEqual([
      'POST /service/tickets/1001/notes',
      'POST /time/entries',
      'PATCH /service/tickets/1001',
    ]);
    expect(notesWith(first!.ref)).toHaveLength(1);
  });

  it('not its ticket’s next write, held, throttled or a status change: it queues as before', async () => {
    const t = setup();
    const c = client();
    const earlier = await t.outbox.enqueue(
      plan({ text: 'Earlier post', timeEntry: false, status: undefined }),
    );
    const behind = await t.outbox.enqueue(
      plan({ text: 'Behind it', timeEntry: false, status: undefined }),
      {},
      { sendWith: c },
    );
    const held = await t.outbox.enqueue(
      plan({ ticket: { kind: 'service', id: 1004 }, text: 'Held', timeEntry: false, status: undefined }),
      { holdMs: 8_000 },
      { sendWith: c },
    );
    const status = await t.outbox.enqueue(
      plan({ ticket: { kind: 'service', id: 1006 }, text: '', timeEntry: false }),
      {},
      { sendWith: c },
    );
    expect([behind.state, held.state, status.state]).toEqual(['pending', 'pending', 'pending']);
    await new Promise((r) => setTimeout(r, 50));
    expect(writes()).toEqual([]);

    // In order: the earlier post before the one behind it.
    await t.outbox.drain();
    const noteTexts = sb.state.notes.map((n) => n.text);
    expect(noteTexts.findIndex((x) => x.includes('Earlier post'))).toBeLessThan(
      noteTexts.findIndex((x) => x.includes('Behind it')),
    );
    expect((await t.database.posts.get(earlier.id))?.state).toBe('sent');
    expect((await t.database.posts.get(behind.id))?.state).toBe('sent');

    // Throttled (a 429 a moment ago): nothing starts before the throttle ends.
    sb.reset();
    const u = setup();
    sb.faults.add({ method: 'POST', path: '/notes$', status: 429, retryAfter: 30 });
    await u.outbox.enqueue(plan({ text: 'Refused', timeEntry: false, status: undefined }));
    await u.outbox.drain();
    expect(writes()).toEqual(['POST /service/tickets/1001/notes']);
    const later = await u.outbox.enqueue(
      plan({
        ticket: { kind: 'service', id: 1007 },
        text: 'While throttled',
        timeEntry: false,
        status: undefined,
      }),
      {},
      { sendWith: c },
    );
    expect(later.state).toBe('pending');
    await new Promise((r) => setTimeout(r, 50));
    expect(writes()).toEqual(['POST /service/tickets/1001/notes']);
  });

  it('a worker stopped after the write-ahead, before the answer: the next worker looks it up and does not resend blindly', async () => {
    const t = setup();
    let reached!: () => void;
    const sent = new Promise<void>((r) => (reached = r));
    // The request never reaches CW (the worker died first), and no answer ever comes.
    const dying: CwWriter = {
      get: (p, q) => client().get(p, q),
      post: () => {
        reached();
        return new Promise(() => undefined);
      },
      patch: (p, o) => client().patch(p, o),
      delete: (p, o) => client().delete(p, o),
    };
    const post = await t.outbox.enqueue(
      plan({ text: 'Never answered', timeEntry: false }),
      {},
      { sendWith: dying },
    );
    await sent;
    const second = t.make();
    expect(await second.recoverInterrupted()).toBe(1);
    await second.drain();
    const [note] = await refs(t, post.id);
    // Not found by the look-up: it waits for the server-side limit before sending again.
    expect(note).toMatchObject({
      state: 'pending',
      payload: expect.objectContaining({ unknownOutcome: true }),
    });
    expect(writes()).toEqual([]);
  });
});
