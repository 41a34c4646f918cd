// @vitest-environment node
// Confirm after success (issue 9 §2). Chromium resends a POST by itself when a kept-alive socket is
// reset before the answer, and fetch then resolves with the second answer: CW holds two records and no
// error is seen. Node's fetch never does that, so ResendingClient plays Chromium here (the e2e tests do
// it with real Chromium). After each created note and time entry the outbox looks the reference up
// and removes surplus copies; what it cannot remove it names.
import { describe, expect, it } from 'vitest';
import {
  gate,
  MINUTE,
  outboxKit,
  plan,
  sandboxClient,
  sandboxViews,
  T0,
  until,
  useContractSandbox,
} from '../../tests/support/outbox-kit';
import { CwClient, type RequestOptions } from '../cw/client';
import { toPostView } from './history';
import type { PostData } from './outbox';

// Started once, reset before each test; every request must stay inside the OpenAPI subset.
const sb = useContractSandbox();

const v = () => sandboxViews(sb);

/** What Chromium does on a reused socket reset after commit: the POST goes twice, the caller sees the second. */
class ResendingClient extends CwClient {
  constructor(
    private readonly match: RegExp,
    keys = sb.keys,
  ) {
    super({
      apiBase: `${sb.url}/v2026_4/apis/3.0`,
      companyId: sb.companyId,
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      clientId: sb.clientId,
    });
  }
  override async post<T>(path: string, body: unknown, opts?: RequestOptions): Promise<T> {
    if (this.match.test(path)) await super.post(path, body, opts);
    return super.post<T>(path, body, opts);
  }
}

describe('confirm after success', () => {
  it('a resent note and time entry: the copies the create did not answer are deleted; history and activity say so', async () => {
    const client = new ResendingClient(/notes$|time\/entries$/);
    const t = outboxKit(sb, { client: async () => client });
    const post = await t.outbox.enqueue(plan(), { technicianName: 'John Smith' });
    await t.outbox.drain();
    const [note, time] = await t.items(post.id);
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(v().entriesWith(time!.ref)).toHaveLength(1);
    // The kept copy is the one whose id the create answered (the second request's).
    const notePosts = v().posts('/notes');
    expect(notePosts).toHaveLength(2);
    const saved = (await t.database.posts.get(post.id))!;
    const items = (saved.data as PostData).items;
    expect(v().notesWith(note!.ref)[0]!.id).toBe(items[0]!.cwId);
    expect(v().entriesWith(time!.ref)[0]!.id).toBe(items[1]!.cwId);
    expect(items[0]).toMatchObject({ state: 'sent', duplicatesRemoved: 1 });
    expect(items[1]).toMatchObject({ state: 'sent', duplicatesRemoved: 1 });
    expect(toPostView(saved).notices).toEqual([
      { text: 'Internal Analysis note: 1 duplicate removed' },
      { text: '30 min time (actual 22 min): 1 duplicate removed' },
    ]);
    // Order: every write of the post first (status last), then the checks' deletes.
    expect(v().writes()).toEqual([
      'POST /service/tickets/1001/notes',
      'POST /service/tickets/1001/notes',
      'POST /time/entries',
      'POST /time/entries',
      'PATCH /service/tickets/1001',
      expect.stringMatching(/^DELETE \/service\/tickets\/1001\/notes\/\d+$/),
      expect.stringMatching(/^DELETE \/time\/entries\/\d+$/),
    ]);
    const removed = t.log.filter((l) => l.detail?.includes('1 duplicate removed'));
    expect(removed.map((l) => l.kind)).toEqual(['post.note', 'post.timeEntry']);
    expect(JSON.stringify(t.log)).not.toContain('Outlook');
  });

  it('"Posted" when the create answers: the post is sent while its check is still waiting for CW', async () => {
    const lookups = gate();
    class SlowLookups extends ResendingClient {
      override async get<T>(path: string, q?: Parameters<CwClient['get']>[1], o?: RequestOptions) {
        await lookups.wait;
        return super.get<T>(path, q, o);
      }
    }
    const client = new SlowLookups(/notes$/);
    const t = outboxKit(sb, { client: async () => client });
    const post = await t.outbox.enqueue(plan({ timeEntry: false }));
    const draining = t.outbox.drain();
    const settled = await t.outbox.waitForPost(post.id, 5_000);
    expect(settled?.state).toBe('sent');
    // Note and status are on CW; the duplicate is still there because the check has not run yet.
    const [note] = await t.items(post.id);
    expect(v().notesWith(note!.ref)).toHaveLength(2);
    expect(v().writes()).toEqual([
      'POST /service/tickets/1001/notes',
      'POST /service/tickets/1001/notes',
      'PATCH /service/tickets/1001',
    ]);
    lookups.open();
    await draining;
    await t.outbox.drain();
    expect(v().notesWith(note!.ref)).toHaveLength(1);
  });

  it('delete refused (403): one duplicate stays, the history names it with the ticket, the change carries a notice once', async () => {
    const keys = sb.restrictedKeys.noDelete!;
    const client = new ResendingClient(/notes$/, keys);
    const t = outboxKit(sb, { client: async () => client });
    const post = await t.outbox.enqueue(plan({ timeEntry: false, status: undefined }), {
      ticketUrl: 'https://cw.example/ticket/1001',
    });
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    const onCw = v().notesWith(note!.ref);
    expect(onCw).toHaveLength(2);
    const saved = (await t.database.posts.get(post.id))!;
    const item = (saved.data as PostData).items[0]!;
    const left = onCw.find((n) => n.id !== item.cwId)!;
    expect(item.duplicateLeft).toEqual([left.id]);
    const view = toPostView(saved);
    expect(view.state).toBe('sent');
    const said = `A duplicate of this note is on ticket #1001 (note ${left.id}). Remove it in ConnectWise.`;
    expect(view.notices).toEqual([{ text: said, removeInCw: true }]);
    expect(view.ticketUrl).toBe('https://cw.example/ticket/1001');
    expect(t.changes.filter((c) => c.notice)).toEqual([
      expect.objectContaining({ postId: post.id, notice: said, link: 'https://cw.example/ticket/1001' }),
    ]);
    expect(t.log.at(-1)).toMatchObject({ kind: 'post.note', outcome: 'error' });
    expect(t.log.at(-1)?.detail).toContain(`duplicate left: note ${left.id}`);
    // Nothing more happens later: no retry of a refused delete.
    t.advance(60 * MINUTE);
    await t.outbox.drain();
    expect(
      v()
        .writes()
        .filter((w) => w.startsWith('DELETE')),
    ).toHaveLength(1);
  });

  it('a delete that keeps failing (500) is retried with backoff, then named like a refused one', async () => {
    const client = new ResendingClient(/time\/entries$/);
    const t = outboxKit(sb, { client: async () => client });
    sb.faults.add({ method: 'DELETE', path: '^/time/entries/', status: 500, times: 0 });
    const post = await t.outbox.enqueue(plan({ text: '', status: undefined, timeNotes: 'Printer' }));
    await t.outbox.drain();
    for (let i = 0; i < 12; i++) {
      t.advance(15 * MINUTE);
      await t.outbox.drain();
    }
    const [time] = await t.items(post.id);
    const onCw = v().entriesWith(time!.ref);
    expect(onCw).toHaveLength(2);
    const deletes = v()
      .writes()
      .filter((w) => w.startsWith('DELETE'));
    expect(deletes.length).toBeGreaterThan(1);
    expect(deletes.length).toBeLessThan(12);
    const view = toPostView((await t.database.posts.get(post.id))!);
    const left = onCw.find((e) => e.id !== view.items[0]!.cwId)!;
    expect(view.notices.map((n) => n.text)).toEqual([
      `A duplicate of this time entry is on ticket #1001 (time entry ${left.id}). Remove it in ConnectWise.`,
    ]);
  });

  it('a worker stopped between the create and the check finishes the check after it restarts', async () => {
    const never = new Promise<never>(() => undefined);
    class DiesBeforeCheck extends ResendingClient {
      override get<T>(): Promise<T> {
        return never;
      }
    }
    const t = outboxKit(sb);
    const first = t.make({ client: async () => new DiesBeforeCheck(/notes$/) });
    const post = await first.enqueue(plan({ timeEntry: false, status: undefined }));
    void first.drain();
    await until(async () => (await t.database.posts.get(post.id))?.state === 'sent');
    const [note] = await t.items(post.id);
    expect(v().notesWith(note!.ref)).toHaveLength(2);

    const second = t.make();
    await second.recoverInterrupted();
    await second.drain();
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    const item = ((await t.database.posts.get(post.id))!.data as PostData).items[0]!;
    expect(item.duplicatesRemoved).toBe(1);
    expect(v().notesWith(note!.ref)[0]!.id).toBe(item.cwId);
  });

  it('the check runs while the worker keeps waking the outbox: a wake-up for a due check never keeps the write pass going (soak)', async () => {
    // Wake-ups as the worker schedules them (lib/posting/service.ts): one timer that calls drain().
    // In Chromium a 0 ms timer fires before IndexedDB answers a read. A check that was due asked for
    // a wake-up "now"; it fired during the next write pass's first read, so the write pass (drains
    // coalesce into it) went round again, asked again, and so on: the check pass, which only runs
    // after the write pass, never ran. The hook below fires a due wake-up at the next read, as the
    // browser does (fake-indexeddb answers faster than Node's 1 ms minimum timer).
    let stopped = false;
    let wakeNow = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timerAt = Number.POSITIVE_INFINITY;
    const clock = { now: T0 };
    const wake = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      wakeNow = false;
      timerAt = Number.POSITIVE_INFINITY;
      if (!stopped) void o.drain();
    };
    const schedule = (at: number) => {
      if (stopped || at >= timerAt) return;
      if (timer) clearTimeout(timer);
      timerAt = at;
      wakeNow = at <= clock.now;
      timer = setTimeout(wake, Math.max(0, at - clock.now));
    };
    const client = new ResendingClient(/notes$/);
    const t = outboxKit(
      sb,
      { client: async () => client, schedule, now: () => clock.now },
      {
        beforeRead: () => {
          // Fires while the read is outstanding, before its answer (a macrotask in fake-indexeddb).
          if (wakeNow) queueMicrotask(wake);
          wakeNow = false;
        },
      },
    );
    const o = t.outbox;
    try {
      const post = await o.enqueue(plan({ timeEntry: false, status: undefined }));
      const [note] = await t.items(post.id);
      void o.drain();
      // Another wake-up while the first pass runs (a timer, the alarm or a new post does that).
      void o.drain();
      await until(() => sb.requests.some((r) => r.method === 'DELETE'), 10_000);
      expect(v().notesWith(note!.ref)).toHaveLength(1);
    } finally {
      stopped = true;
      if (timer) clearTimeout(timer);
    }
  }, 20_000);

  it('matches the full reference only: notes with the same text, or a longer ref, are never touched', async () => {
    const client = new ResendingClient(/notes$/);
    const t = outboxKit(sb, { client: async () => client });
    const p = plan({ timeEntry: false, status: undefined, text: 'Same text as a tech typed' });
    const post = await t.outbox.enqueue(p);
    const [note] = await t.items(post.id);
    const direct = sandboxClient(sb);
    const decoys = [
      'Same text as a tech typed',
      `Same text as a tech typed\n\nFlowPilot ref ${note!.ref}x`,
      `Same text as a tech typed\n\nFlowPilot ref ${note!.ref.slice(0, 6)}`,
    ];
    for (const text of decoys) {
      await direct.post('service/tickets/1001/notes', { text, internalAnalysisFlag: true });
    }
    await t.outbox.drain();
    expect(
      v()
        .notesWith(note!.ref)
        .filter((n) => n.text.endsWith(note!.ref)),
    ).toHaveLength(1);
    for (const text of decoys) expect(sb.state.notes.filter((n) => n.text === text)).toHaveLength(1);
    expect(
      v()
        .writes()
        .filter((w) => w.startsWith('DELETE')),
    ).toHaveLength(1);
  });

  it('a sent item with exactly one copy costs one lookup and no delete', async () => {
    const t = outboxKit(sb);
    const post = await t.outbox.enqueue(plan());
    await t.outbox.drain();
    const items = (await t.database.posts.get(post.id))!.data as PostData;
    expect(items.items.map((i) => i.duplicatesRemoved ?? 0)).toEqual([0, 0, 0]);
    expect(v().gets('/notes')).toHaveLength(1);
    expect(v().gets('/time/entries')).toHaveLength(1);
    expect(
      v()
        .writes()
        .filter((w) => w.startsWith('DELETE')),
    ).toHaveLength(0);
  });
});
