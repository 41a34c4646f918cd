// @vitest-environment node
// Issue 9 §3.2, §3.3, §3.5: state written from stale snapshots, Undo that silently cancels only part
// of a post, and storage or lane failures that turn a landed write into "failed" or let two drains run.
// Each scenario forces the interleaving with gates and IndexedDB hooks instead of sleeps.
import { describe, expect, it } from 'vitest';
import {
  gate,
  MINUTE,
  noteOnly,
  outboxKit,
  PAST_UNKNOWN_WAIT,
  plan,
  sandboxClient,
  sandboxViews,
  until,
  useContractSandbox,
} from '../../tests/support/outbox-kit';
import type { CwClient } from '../cw/client';
import type { CwWriter, PostData } from './outbox';

// Started once, reset before each test; every request must stay inside the OpenAPI subset.
const sb = useContractSandbox();

const v = () => sandboxViews(sb);

/** A note whose first send was reset before CW saw it: pending, outcome unknown, nothing on CW. */
async function unknownNote(t: ReturnType<typeof outboxKit>) {
  sb.faults.add({ method: 'POST', path: '/notes$', reset: 'before' });
  const post = await t.outbox.enqueue(noteOnly());
  await t.outbox.drain();
  const [note] = await t.items(post.id);
  expect(note).toMatchObject({
    state: 'pending',
    payload: expect.objectContaining({ unknownOutcome: true }),
  });
  expect(v().notesWith(note!.ref)).toHaveLength(0);
  return { post, note: note! };
}

describe('§3.2 compare-and-set: a change made while the outbox works is never overwritten', () => {
  it('Discard during the reference lookup: nothing is posted', async () => {
    const t = outboxKit(sb);
    const { post, note } = await unknownNote(t);
    t.advance(PAST_UNKNOWN_WAIT);
    sb.faults.add({ method: 'GET', path: '/notes$', latencyMs: 300 });
    const looked = v().gets('/notes').length;
    const draining = t.outbox.drain();
    await until(() => v().gets('/notes').length > looked);
    await t.outbox.discard(post.id);
    await draining;
    await t.outbox.drain();
    expect(v().notesWith(note.ref)).toHaveLength(0);
    expect((await t.items(post.id))[0]!.state).toBe('cancelled');
  });

  it('Discard at the Auto Push hold boundary, while the send is being prepared: nothing is posted', async () => {
    const t = outboxKit(sb);
    const ready = gate();
    const asked = gate();
    const o = t.make({
      client: async () => {
        asked.open();
        await ready.wait;
        return sandboxClient(sb);
      },
    });
    const post = await o.enqueue(noteOnly(), { holdMs: 5_000 });
    t.advance(5_000);
    const draining = o.drain();
    await asked.wait;
    await o.discard(post.id);
    ready.open();
    await draining;
    expect(v().posts('/notes')).toHaveLength(0);
    expect((await t.items(post.id))[0]!.state).toBe('cancelled');
  });

  it('"Retry now" read before the drain marked the item sending cannot write pending over it', async () => {
    // The retry's read of the post's items is held until the drain has marked the item "sending" and
    // sent it; then a worker stop. The next worker must see "sending" (outcome unknown), not "pending".
    let holdRetryRead = false;
    const t = outboxKit(
      sb,
      {},
      {
        afterRead: async (table, req) => {
          if (!holdRetryRead || table !== 'outbox' || !('query' in req) || req.query.index.name !== 'postId')
            return;
          holdRetryRead = false;
          await until(() => v().posts('/notes').length > 1, 3_000).catch(() => undefined);
        },
      },
    );
    sb.faults.add({ method: 'POST', path: '/notes$', status: 500 });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    t.advance(MINUTE);
    sb.faults.add({ method: 'POST', path: '/notes$', latencyMs: 400 });
    const never = new Promise<never>(() => undefined);
    const dying: CwWriter = Object.assign(Object.create(sandboxClient(sb)) as CwClient, {
      post: async (p: string, b: unknown) => {
        void sandboxClient(sb)
          .post(p, b)
          .catch(() => undefined);
        return never;
      },
    });
    const first = t.make({ client: async () => dying });
    holdRetryRead = true;
    void first.drain();
    await first.retry(post.id);
    // The first worker is gone; its POST is still in flight at CW.
    const second = t.make();
    await second.recoverInterrupted();
    await second.drain();
    // The first worker's POST reaches CW's database only now (after its latency).
    await until(() => sb.requests.some((r) => r.method === 'POST' && r.fault && r.status === 201));
    t.advance(PAST_UNKNOWN_WAIT);
    await second.drain();
    const [note] = await t.items(post.id);
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(note!.state).toBe('sent');
  });

  it('an edit made during the reference lookup is what gets posted', async () => {
    const t = outboxKit(sb);
    const { post, note } = await unknownNote(t);
    t.advance(PAST_UNKNOWN_WAIT);
    sb.faults.add({ method: 'GET', path: '/notes$', latencyMs: 300 });
    const looked = v().gets('/notes').length;
    const draining = t.outbox.drain();
    await until(() => v().gets('/notes').length > looked);
    await t.outbox.editAndRetry(post.id, note.id, 'Edited while FlowPilot was looking');
    await draining;
    await t.outbox.drain();
    const onCw = v().notesWith(note.ref);
    expect(onCw).toHaveLength(1);
    expect(onCw[0]!.text).toContain('Edited while FlowPilot was looking');
  });
});

describe('§3.3 Undo reports what it could not cancel', () => {
  it('a note already being sent is named; the time entry and status are cancelled', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', latencyMs: 300 });
    const post = await t.outbox.enqueue(plan(), { holdMs: 5_000 });
    t.advance(5_000);
    const draining = t.outbox.drain();
    await until(() => v().posts('/notes').length > 0);
    const result = await t.outbox.discard(post.id);
    await draining;
    expect(result.items.map((i) => [i.label, i.outcome])).toEqual([
      ['Internal Analysis note', 'sending'],
      ['30 min time (actual 22 min)', 'cancelled'],
      ['status → Resolved', 'cancelled'],
    ]);
    const [note, time] = await t.items(post.id);
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(v().entriesWith(time!.ref)).toHaveLength(0);
    expect(v().writes()).toEqual(['POST /service/tickets/1001/notes']);
  });

  it('a held post discarded in time: everything cancelled, nothing sent', async () => {
    const t = outboxKit(sb);
    const post = await t.outbox.enqueue(plan(), { holdMs: 5_000 });
    const result = await t.outbox.discard(post.id);
    expect(result.items.every((i) => i.outcome === 'cancelled')).toBe(true);
    t.advance(5_000);
    await t.outbox.drain();
    expect(v().writes()).toEqual([]);
  });
});

describe('§3.5 after a 2xx nothing is "failed"; one drain at a time', () => {
  it('IndexedDB failing to record the 2xx: the item is never failed and is not sent twice', async () => {
    let failNextSent = true;
    const t = outboxKit(
      sb,
      {},
      {
        beforeMutate: (table, req) => {
          if (table !== 'outbox' || req.type !== 'put' || !failNextSent) return;
          if ((req.values as { state?: string }[]).some((r) => r.state === 'sent')) {
            failNextSent = false;
            throw new Error('QuotaExceededError: the disk is full');
          }
        },
      },
    );
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    const [after] = await t.items(post.id);
    expect(after!.state).not.toBe('failed');
    // A later worker (or drain) settles it from CW's side without a second POST.
    const next = t.make();
    await next.recoverInterrupted();
    t.advance(PAST_UNKNOWN_WAIT);
    await next.drain();
    const [note] = await t.items(post.id);
    expect(note!.state).toBe('sent');
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(v().posts('/notes')).toHaveLength(1);
  });

  it('a lane that throws does not end the drain while another lane is mid-lookup (no second drain, no duplicate)', async () => {
    let failTicket: string | undefined;
    const t = outboxKit(
      sb,
      {},
      {
        beforeRead: (table, req) => {
          if (table !== 'outbox' || !failTicket) return;
          const range = 'query' in req ? req.query.range : undefined;
          const lower = range?.lower as unknown[] | undefined;
          if (Array.isArray(lower) && lower[0] === failTicket) throw new Error('IndexedDB read failed');
        },
      },
    );
    const { note } = await unknownNote(t);
    await t.outbox.enqueue(noteOnly({ ticket: { kind: 'service', id: 1004 } }));
    t.advance(PAST_UNKNOWN_WAIT);
    sb.faults.add({ method: 'GET', path: '/notes$', latencyMs: 300 });
    // CW is slow to commit too, so neither lookup can see the other's write.
    sb.faults.add({ method: 'POST', path: '^/service/tickets/1001/notes$', latencyMs: 600, times: 0 });
    failTicket = 'service:1004';
    const looked = v().gets('/notes').length;
    const first = t.outbox.drain().catch(() => undefined);
    await until(() => v().gets('/notes').length > looked);
    const second = t.outbox.drain().catch(() => undefined);
    await Promise.all([first, second]);
    failTicket = undefined;
    // Whatever was still in flight has answered (the slow lookup and anything sent after it).
    const answered = () => sb.requests.every((r) => r.status !== 0 || r.reset);
    await until(answered);
    await t.outbox.drain();
    await until(answered);
    expect(v().notesWith(note.ref)).toHaveLength(1);
    // The reset send and exactly one resend after the lookup found nothing.
    expect(v().posts('/service/tickets/1001/notes')).toHaveLength(2);
  });
});

describe('post data stays consistent with the items', () => {
  it('every change leaves the post summary equal to its items', async () => {
    const t = outboxKit(sb);
    const post = await t.outbox.enqueue(plan());
    await t.outbox.drain();
    const items = await t.items(post.id);
    const data = (await t.database.posts.get(post.id))!.data as PostData;
    expect(data.items.map((i) => i.state)).toEqual(items.map((i) => i.state));
  });
});

describe('issue 12 §3: the click learns of a landed write from CW’s answer, not from its bookkeeping', () => {
  it('told "sent" even when recording the answer fails; the write is settled later, exactly once', async () => {
    let failRecord = false;
    const t = outboxKit(
      sb,
      {},
      {
        beforeMutate: (table, req) => {
          if (failRecord && table === 'outbox' && req.type === 'put') throw new Error('QuotaExceededError');
        },
      },
    );
    sb.faults.latencyMs = 200;
    const post = await t.outbox.enqueue(noteOnly(), {}, { sendWith: sandboxClient(sb) });
    failRecord = true; // the create is on its way; the transaction recording its answer will fail
    const settled = await t.outbox.waitForPost(post.id, 10_000);
    expect(settled?.state).toBe('sent');
    const [note] = await t.items(post.id);
    expect(note?.state).toBe('sending'); // storage never heard
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    // A later pass (here: the next worker's) settles it by looking it up, and sends nothing again.
    failRecord = false;
    sb.faults.latencyMs = 0;
    const next = t.make();
    await next.recoverInterrupted();
    t.advance(PAST_UNKNOWN_WAIT);
    await next.drain();
    await until(async () => (await t.items(post.id))[0]?.state === 'sent');
    expect(v().posts('/notes')).toHaveLength(1);
    expect(v().notesWith(note!.ref)).toHaveLength(1);
  });
});
