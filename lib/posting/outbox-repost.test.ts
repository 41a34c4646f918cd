// @vitest-environment node
// A post discarded while its last attempt may still land, then posted again: when CW applies the
// discarded attempt late, the ticket keeps one copy, not the re-post beside the late one. The re-post
// of the same write carries the discarded item's reference, so the by-reference checks see both copies.
import { describe, expect, it } from 'vitest';
import {
  lateCommitted,
  MINUTE,
  noteOnly,
  outboxKit,
  PAST_UNKNOWN_WAIT,
  quickClient,
  sandboxViews,
  slowNoteCommit,
  until,
  useContractSandbox,
} from '../../tests/support/outbox-kit';

const sb = useContractSandbox();

const v = () => sandboxViews(sb);
const TEXT = 'Problem: Outlook not syncing.\nResolution: cleared cached credentials.';
const committed = lateCommitted(sb);
const copies = (text = TEXT) => sb.state.notes.filter((n) => n.ticketId === 1001 && n.text.startsWith(text));

/** A note whose POST timed out while CW had not committed it yet, then discarded (nothing found). */
async function discardedWhileInDoubt(t: ReturnType<typeof outboxKit>) {
  slowNoteCommit(sb);
  const post = await t.outbox.enqueue(noteOnly());
  await t.outbox.drain();
  const [note] = await t.items(post.id);
  expect(note!.lastError).toMatchObject({ kind: 'timeout' });
  const discarded = await t.outbox.discard(post.id);
  expect(discarded.items.map((i) => i.outcome)).toEqual(['cancelled']);
  expect(committed()).toBe(false);
  return { post, note: note! };
}

describe('a discarded post whose attempt lands late, posted again meanwhile', () => {
  it('the same note posted again after the discard: one copy once the late one lands', async () => {
    const t = outboxKit(sb, quickClient(sb));
    const { note } = await discardedWhileInDoubt(t);
    const again = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    const [repost] = await t.items(again.id);
    expect(repost!.state).toBe('sent');
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    expect(copies()).toHaveLength(1);
    expect(copies()[0]!.id).toBe((repost!.payload as { cwId?: number }).cwId);
    // The discarded post stays discarded: the technician's re-post is the one on the ticket.
    expect((await t.items(note.postId))[0]!.state).toBe('cancelled');
    expect((await t.items(again.id))[0]!.state).toBe('sent');
    expect(t.log.at(-1)?.detail).toMatch(/· 1 duplicate removed$/);
  });

  it('the late copy lands before the re-post is sent: the re-post is not written a second time', async () => {
    const t = outboxKit(sb, quickClient(sb));
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

  it('Post to Ticket again from the failed post (replacesPostId): one copy', async () => {
    const t = outboxKit(sb, quickClient(sb));
    slowNoteCommit(sb);
    const first = await t.outbox.enqueue(noteOnly());
    await t.outbox.drain();
    // The resubmit discards the earlier post first (service.submitPost), then enqueues a new one
    // naming it; the note text was edited meanwhile.
    const discarded = await t.outbox.discard(first.id);
    expect(discarded.items.map((i) => i.outcome)).toEqual(['cancelled']);
    const again = await t.outbox.enqueue(noteOnly({ text: `${TEXT}\nAlso re-created the profile.` }), {
      replacesPostId: first.id,
    });
    await t.outbox.drain();
    await until(committed);
    t.advance(PAST_UNKNOWN_WAIT);
    await t.outbox.drain();
    expect(copies()).toHaveLength(1);
    expect(copies()[0]!.text).toContain('Also re-created the profile.');
    expect((await t.items(again.id))[0]!.state).toBe('sent');
  });

  it('a different note posted after the discard is a post of its own: both stay', async () => {
    const t = outboxKit(sb, quickClient(sb));
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
});
