// @vitest-environment node
// A post discarded while its last attempt may still land, then posted again: when CW applies the
// discarded attempt late, the ticket keeps one copy, not the re-post beside the late one. The re-post
// of the same write carries the discarded item's reference, so the by-reference checks see both copies.
import { describe, expect, it } from 'vitest';
import {
  MINUTE,
  noteOnly,
  outboxKit,
  PAST_UNKNOWN_WAIT,
  quickClient,
  slowNoteCommit,
  until,
  useLateCommitSandbox,
} from '../../tests/support/outbox-kit';
import { refTag } from './reference';

const { sb, v, committed } = useLateCommitSandbox();
const TEXT = 'Problem: Outlook not syncing.\nResolution: cleared cached credentials.';
const copies = (text = TEXT) => sb.state.notes.filter((n) => n.ticketId === 1001 && n.text.startsWith(text));

/**
 * A note whose POST timed out while CW had not committed it yet, then discarded (nothing found). Only
 * that POST goes through a client that gives up after 200 ms; everything after it has the usual
 * timeout, and CW commits 2 s after the POST arrived, so a loaded machine cannot turn it around.
 */
async function discardedWhileInDoubt(t: ReturnType<typeof outboxKit>) {
  slowNoteCommit(sb, 2_000);
  const quick = t.make(quickClient(sb));
  const post = await quick.enqueue(noteOnly());
  await quick.drain();
  const [note] = await t.items(post.id);
  expect(note!.lastError).toMatchObject({ kind: 'timeout' });
  const discarded = await t.outbox.discard(post.id);
  expect(discarded.items.map((i) => i.outcome)).toEqual(['cancelled']);
  expect(committed()).toBe(false);
  return { post, note: note! };
}

describe('a discarded post whose attempt lands late, posted again meanwhile', () => {
  it('the same note posted again after the discard: one copy once the late one lands', async () => {
    const t = outboxKit(sb);
    const { note } = await discardedWhileInDoubt(t);
    const again = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    const [repost] = await t.items(again.id);
    expect(repost!.state).toBe('sent');
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    await t.outbox.drain(); // the re-post's check, run again for the late copy
    expect(copies()).toHaveLength(1);
    expect(copies()[0]!.id).toBe((repost!.payload as { cwId?: number }).cwId);
    // The discarded post stays discarded: the technician's re-post is the one on the ticket.
    expect((await t.items(note.postId))[0]!.state).toBe('cancelled');
    expect((await t.items(again.id))[0]!.state).toBe('sent');
    expect(t.log.at(-1)?.detail).toMatch(/· 1 duplicate removed$/);
  });

  it('the late copy lands before the re-post is sent: the re-post is not written a second time', async () => {
    const t = outboxKit(sb);
    await discardedWhileInDoubt(t);
    await until(committed);
    // Held by Auto Push while the discarded attempt's late check finds the copy.
    const again = await t.outbox.enqueue(noteOnly(), { holdMs: 20 * MINUTE });
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    t.advance(20 * MINUTE);
    await t.outbox.drain();
    expect(copies()).toHaveLength(1);
    expect(v().posts('/notes')).toHaveLength(1);
    expect((await t.items(again.id))[0]!.state).toBe('sent');
  });

  it('an edited note posted again is another write: both stay, the discarded one landed after all', async () => {
    // Keeping one copy would lose the edit (or the older text): the technician sees both in Post History.
    const t = outboxKit(sb);
    const { note } = await discardedWhileInDoubt(t);
    const again = await t.outbox.enqueue(noteOnly({ text: `${TEXT}\nAlso re-created the profile.` }));
    await t.outbox.drain();
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    expect(copies()).toHaveLength(2);
    expect((await t.items(again.id))[0]!.ref).not.toBe(note.ref);
    expect((await t.items(note.postId))[0]!.state).toBe('sent');
    expect(t.log.map((e) => e.detail)).toContainEqual(expect.stringMatching(/landed after all/));
  });

  it('the re-post and the discarded item checked in one lookup: one DELETE, one duplicate counted', async () => {
    const t = outboxKit(sb);
    await discardedWhileInDoubt(t);
    // The re-post's check after its create fails once, so it is still owed when the discarded one's is.
    sb.faults.add({ method: 'GET', path: '/notes$', status: 500 });
    const again = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    await t.outbox.drain();
    expect(copies()).toHaveLength(1);
    expect(sb.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    const [repost] = await t.items(again.id);
    expect((repost!.payload as { check?: { removed: number } }).check?.removed).toBe(1);
  });

  it('posted again while the discarded item’s late lookup is on its way: it is not also marked landed', async () => {
    const t = outboxKit(sb);
    const { note } = await discardedWhileInDoubt(t);
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    sb.faults.add({ method: 'GET', path: '/notes$', latencyMs: 150 });
    const looked = v().gets('/notes').length;
    const draining = t.outbox.drain();
    await until(() => v().gets('/notes').length > looked);
    const again = await t.outbox.enqueue(noteOnly());
    await draining;
    for (let i = 0; i < 3; i++) {
      t.advance(MINUTE);
      await t.outbox.drain();
    }
    expect(copies()).toHaveLength(1);
    // One live holder of the reference: the re-post; the discarded one stays discarded.
    expect((await t.items(note.postId))[0]!.state).toBe('cancelled');
    const [repost] = await t.items(again.id);
    expect(repost).toMatchObject({ state: 'sent', ref: note.ref });
    expect((repost!.payload as { cwId?: number }).cwId).toBe(copies()[0]!.id);
  });

  it('a different note posted after the discard is a post of its own: both stay', async () => {
    const t = outboxKit(sb);
    const { note } = await discardedWhileInDoubt(t);
    const other = await t.outbox.enqueue(noteOnly({ text: 'Called the user back; waiting for a reboot.' }));
    await t.outbox.drain();
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    expect(copies()).toHaveLength(1);
    expect(copies('Called the user back')).toHaveLength(1);
    // The discarded one did land after all: Post History says so.
    expect((await t.items(note.postId))[0]!.state).toBe('sent');
    expect((await t.items(other.id))[0]!.state).toBe('sent');
  });

  it('two sent items that ever shared a reference never delete each other’s copy', async () => {
    // One live holder per reference is the rule (inheritFrom); should it ever be broken, the checks
    // must not leave the ticket with none. Forced here: the second note is rewritten to the first's ref.
    const t = outboxKit(sb);
    const a = await t.outbox.enqueue(noteOnly({ text: 'First note.' }));
    const b = await t.outbox.enqueue(noteOnly({ text: 'Second note.' }));
    await t.outbox.drain();
    const [ra] = await t.items(a.id);
    const [rb] = await t.items(b.id);
    const cwB = sb.state.notes.find((n) => n.text.includes(refTag(rb!.ref)))!;
    cwB.text = cwB.text.replace(refTag(rb!.ref), refTag(ra!.ref));
    const now = t.clock.now;
    await t.database.outbox.bulkPut([
      { ...ra!, checkAt: now },
      { ...rb!, ref: ra!.ref, checkAt: now },
    ]);
    await t.outbox.drain();
    expect(v().notesWith(ra!.ref)).toHaveLength(2);
    expect(sb.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });
});
