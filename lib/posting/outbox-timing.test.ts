// @vitest-environment node
// Issue 9 §3.1, §3.7, §3.8, §3.9: when the outbox may send again. A write whose outcome is unknown is
// resent only after a lookup made past the server-side limit finds nothing; failed lookups back off;
// 429s are honoured with a floor, persisted and not cleared by "Retry now"; clock steps neither stall
// the queue nor shorten the unknown-outcome wait. FlowPilot's clock is injected; CW's (the sandbox's
// Date header) moves with it through advance(), or alone when a test steps only the local clock.
import { describe, expect, it } from 'vitest';
import { STATUS_IDS } from '../../tests/cw-sandbox/index';
import {
  MINUTE,
  noteOnly,
  outboxKit,
  PAST_UNKNOWN_WAIT,
  quickClient,
  sandboxClient,
  slowNoteCommit,
  T0,
  until,
  useLateCommitSandbox,
} from '../../tests/support/outbox-kit';
import type { CwClient } from '../cw/client';
import type { CwWriter } from './outbox';

// Started once, reset before each test; every request must stay inside the OpenAPI subset.
const { sb, v, committed } = useLateCommitSandbox();
const slowCw = () => slowNoteCommit(sb);

describe('§3.1 unknown outcome: resend only after the server-side limit', () => {
  it('a commit that lands after the client gave up is found later, not posted again', async () => {
    const t = outboxKit(sb, quickClient(sb));
    slowCw();
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(note!.lastError).toMatchObject({ kind: 'timeout' });
    // The retry's lookup runs before CW has committed: it finds nothing and must not resend.
    t.advance(MINUTE);
    await t.outbox.drain();
    expect(v().posts('/notes')).toHaveLength(1);
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(v().posts('/notes')).toHaveLength(1);
    expect((await t.items(post.id))[0]!.state).toBe('sent');
  });

  it('an item left "sending" by a stopped worker waits the same limit, then is checked again', async () => {
    const t = outboxKit(sb);
    slowCw();
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
    const post = await first.enqueue(noteOnly());
    void first.drain();
    await until(() => v().posts('/notes').length === 1);

    const second = t.make();
    expect(await second.recoverInterrupted()).toBe(1);
    t.advance(25_000); // past the old 20 s grace
    await second.drain();
    expect(v().posts('/notes')).toHaveLength(1);
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await second.drain();
    const [note] = await t.items(post.id);
    expect(note!.state).toBe('sent');
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(v().posts('/notes')).toHaveLength(1);
  });

  it('nothing found before the limit: looks again, no resend; after it: exactly one resend', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', reset: 'before' });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    for (let i = 0; i < 3; i++) {
      t.advance(MINUTE);
      await t.outbox.drain();
    }
    expect(v().posts('/notes')).toHaveLength(1);
    expect(v().gets('/notes').length).toBeGreaterThanOrEqual(2);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(v().posts('/notes')).toHaveLength(2);
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(note!.state).toBe('sent');
  });
});

describe('status changes after an unknown outcome', () => {
  it('a status change CW applies late never overwrites a later status change on the same ticket', async () => {
    const t = outboxKit(sb, quickClient(sb));
    // The first PATCH gets no answer (the client gives up after 200 ms); CW applies it 1.5 s after
    // it arrived, as CW may until its server-side limit.
    sb.faults.add({ method: 'PATCH', path: '^/service/tickets/1001$', lateCommitMs: 1_500 });
    const status = (id: number, name: string) => noteOnly({ text: '', status: { id, name } });
    const ticket = () => sb.state.tickets.find((x) => x.id === 1001)!.status.id;
    const first = await t.outbox.enqueue(status(STATUS_IDS.helpDesk.inProgress, 'In Progress'));
    const later = await t.outbox.enqueue(status(STATUS_IDS.helpDesk.waitingOnClient, 'Waiting on Client'));
    await t.outbox.drain();
    expect((await t.items(first.id))[0]!.lastError).toMatchObject({ kind: 'timeout' });
    // Resent at once (a PATCH is idempotent): the ticket shows it without waiting for the limit.
    t.advance(MINUTE);
    await t.outbox.drain();
    expect((await t.database.posts.get(first.id))?.state).toBe('sent');
    expect(ticket()).toBe(STATUS_IDS.helpDesk.inProgress);
    // The later change waits: CW may still apply the unanswered first PATCH.
    expect((await t.database.posts.get(later.id))?.state).toBe('pending');
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    expect((await t.database.posts.get(later.id))?.state).toBe('sent');
    expect(ticket()).toBe(STATUS_IDS.helpDesk.waitingOnClient);
    const patches = sb.requests
      .filter((r) => r.method === 'PATCH')
      .map((r) => (r.body as { value: { id: number } }[])[0]!.value.id);
    expect(patches).toEqual([
      STATUS_IDS.helpDesk.inProgress,
      STATUS_IDS.helpDesk.inProgress,
      STATUS_IDS.helpDesk.waitingOnClient,
    ]);
    // The bound is dropped once over: a third status change goes out without waiting.
    const third = await t.outbox.enqueue(status(STATUS_IDS.helpDesk.resolved, 'Resolved'));
    await t.outbox.drain();
    expect((await t.database.posts.get(third.id))?.state).toBe('sent');
    expect(ticket()).toBe(STATUS_IDS.helpDesk.resolved);
  });
});

describe('after an outage', () => {
  it('a send that failed when CW went away is resent as soon as CW is back and the ref is not there', async () => {
    const t = outboxKit(sb);
    // CW answered a moment ago (FlowPilot now knows CW's clock), then every connection drops.
    await sandboxClient(sb).get('system/info');
    await t.outbox.enqueue(noteOnly({ ticket: { kind: 'service', id: 1004 } }));
    await t.outbox.drain();
    sb.faults.add({ path: '.', reset: 'before', times: 0 });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    for (let i = 0; i < 6; i++) {
      t.advance(5 * MINUTE);
      await t.outbox.drain();
    }
    sb.faults.clear();
    t.advance(5 * MINUTE); // past the backoff the failed lookups built up
    await t.outbox.drain();
    // Half an hour on CW's clock since the failed send: no further wait once the lookup finds nothing.
    const [note] = await t.items(post.id);
    expect(note!.state).toBe('sent');
    expect(v().notesWith(note!.ref)).toHaveLength(1);
  });
});

describe('§3.7 failing lookups back off', () => {
  it('each failed lookup counts: the waits grow instead of hitting CW every 1.5 s', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', reset: 'before' });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    sb.faults.add({ method: 'GET', path: '/notes$', status: 503, times: 0 });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [before] = await t.items(post.id);
      t.advance(Math.max(0, before!.nextAttemptAt - t.clock.now));
      await t.outbox.drain();
      const [after] = await t.items(post.id);
      waits.push(after!.nextAttemptAt - t.clock.now);
    }
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
    expect(waits.at(-1)).toBeGreaterThanOrEqual(16_000);
    expect(sb.requests.filter((r) => r.method === 'GET' && r.status === 503)).toHaveLength(5);
  });
});

describe('§3.8 throttling', () => {
  it.each([
    ['Retry-After: 0', 0],
    ['Retry-After: a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
  ])('429 with %s still waits a floor and the backoff', async (_name, retryAfter) => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', status: 429, retryAfter: retryAfter as number });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(note!.nextAttemptAt - t.clock.now).toBeGreaterThanOrEqual(1_000);
    await t.outbox.drain();
    expect(v().posts('/notes')).toHaveLength(1);
  });

  it('"Retry now" on another post does not lift the throttle', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', status: 429, retryAfter: 30 });
    await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    const other = await t.outbox.enqueue(noteOnly({ ticket: { kind: 'service', id: 1004 } }));
    await t.outbox.retry(other.id);
    await t.outbox.drain();
    expect(v().posts('/notes')).toHaveLength(1);
    t.advance(31_000);
    await t.outbox.drain();
    expect(v().posts('/notes')).toHaveLength(3);
  });

  it('CW down for maintenance (503 with Retry-After): every post of the connection waits it out', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', status: 503, retryAfter: 120 });
    await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    await t.outbox.enqueue(noteOnly({ ticket: { kind: 'service', id: 1004 } }));
    t.advance(60_000); // past any plain backoff, within the 2 minutes CW asked for
    await t.outbox.drain();
    expect(v().posts('/notes')).toHaveLength(1);
    t.advance(61_000);
    await t.outbox.drain();
    expect(v().posts('/notes')).toHaveLength(3);
  });

  it('the throttle survives a worker restart', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', status: 429, retryAfter: 30 });
    await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    await t.outbox.enqueue(noteOnly({ ticket: { kind: 'service', id: 1004 } }));
    const next = t.make();
    await next.recoverInterrupted();
    await next.drain();
    expect(v().posts('/notes')).toHaveLength(1);
    t.advance(31_000);
    await next.drain();
    expect(v().posts('/notes')).toHaveLength(3);
  });
});

describe('§3.9 clock steps', () => {
  it('a backward step does not stall the queue', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', status: 500 });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    t.clock.now = T0 - 60 * MINUTE; // the machine's clock was an hour fast and got corrected
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(note!.state).toBe('sent');
    expect(v().notesWith(note!.ref)).toHaveLength(1);
  });

  it('a forward step does not shorten the unknown-outcome wait', async () => {
    const t = outboxKit(sb, quickClient(sb));
    slowCw();
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    t.clock.now += 60 * MINUTE; // only FlowPilot's clock jumps; CW's has moved a few hundred ms
    await t.outbox.drain();
    expect(v().posts('/notes')).toHaveLength(1);
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(note!.state).toBe('sent');
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(v().posts('/notes')).toHaveLength(1);
  });
});
