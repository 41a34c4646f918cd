// @vitest-environment node
// Issue 9 §3.4 and §3.6: which failures are retried. A write that may have landed is never "failed"
// because a lookup failed (an SSO page, a 503); permanent refusals fail at once with a clear reason;
// 408, 429 and 5xx are retried, 409 a few times.
import { describe, expect, it } from 'vitest';
import {
  MINUTE,
  noteOnly,
  outboxKit,
  sandboxViews,
  useContractSandbox,
} from '../../tests/support/outbox-kit';
import { toPostView } from './history';

// Started once, reset before each test; every request must stay inside the OpenAPI subset.
const sb = useContractSandbox();

const v = () => sandboxViews(sb);

describe('§3.4 a "maybe landed" write stays retryable while its lookup fails', () => {
  it('commit-then-reset, then the lookup gets an SSO page: pending (unknown), then found once CW answers', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', reset: 'after-commit' });
    sb.faults.add({ method: 'GET', path: '/notes$', html: true, times: 2 });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    t.advance(MINUTE);
    await t.outbox.drain();
    let [note] = await t.items(post.id);
    expect(note!.state).toBe('pending');
    expect(note!.payload).toMatchObject({ unknownOutcome: true });
    expect(note!.lastError).toMatchObject({ kind: 'notJson' });
    t.advance(10 * MINUTE);
    await t.outbox.drain();
    await t.outbox.drain();
    [note] = await t.items(post.id);
    expect(note!.state).toBe('sent');
    expect(v().notesWith(note!.ref)).toHaveLength(1);
    expect(v().posts('/notes')).toHaveLength(1);
  });

  it('a lookup refused for auth: failed (a person must act), still marked as maybe landed', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', reset: 'after-commit' });
    sb.faults.add({ method: 'GET', path: '/notes$', status: 401 });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    t.advance(MINUTE);
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(note!.state).toBe('failed');
    expect(note!.payload).toMatchObject({ unknownOutcome: true });
    // Discard looks first: the note did land, so it is reported as on the ticket, not cancelled.
    const result = await t.outbox.discard(post.id);
    expect(result.items.map((i) => i.outcome)).toEqual(['landed']);
    expect((await t.items(post.id))[0]!.state).toBe('sent');
    expect(v().notesWith(note!.ref)).toHaveLength(1);
  });
});

describe('§3.6 only transient statuses are retried', () => {
  it.each([
    [302, /redirect/i],
    [405, /does not allow/i],
    [410, /gone/i],
    [413, /too large/i],
    [415, /format/i],
    [418, /unexpected status 418/i],
  ])('HTTP %i fails at once with a clear reason', async (status, reason) => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', status, body: {} });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(note!.state).toBe('failed');
    expect((note!.lastError as { message: string }).message).toMatch(reason);
    expect((await t.database.posts.get(post.id))?.state).toBe('failed');
    t.advance(60 * MINUTE);
    await t.outbox.drain();
    expect(v().posts('/notes')).toHaveLength(1);
  });

  it.each([408, 500, 502, 503, 504])('HTTP %i is retried', async (status) => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', status });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    expect((await t.items(post.id))[0]!.state).toBe('pending');
    t.advance(MINUTE);
    await t.outbox.drain();
    expect((await t.items(post.id))[0]!.state).toBe('sent');
  });

  it('409 is retried a few times, then fails', async () => {
    const t = outboxKit(sb);
    sb.faults.add({ method: 'POST', path: '/notes$', status: 409, times: 0 });
    const post = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    expect((await t.items(post.id))[0]!.state).toBe('pending');
    for (let i = 0; i < 6; i++) {
      t.advance(10 * MINUTE);
      await t.outbox.drain();
    }
    const [note] = await t.items(post.id);
    expect(note!.state).toBe('failed');
    expect(note!.attempts).toBe(3);
    expect(toPostView((await t.database.posts.get(post.id))!).lastError).toMatch(/conflict/i);
  });
});
