// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { SPECIAL_TICKETS } from '../../tests/cw-sandbox/index';
import { useConnectedSandbox } from '../../tests/support/connected-sandbox';
import { traceIdbAndFetch } from '../../tests/support/idb-trace';
import { until } from '../../tests/support/outbox-kit';
import { db } from '../db/schema';
import { changeSession, startSessionFor } from '../session/service';
import { saveSettings } from '../settings/store';
import { AUTO_PUSH_UNDO_MS, autoPush, getOutbox, preparePost, submitPost } from './service';

const sandbox = useConnectedSandbox();
beforeEach(async () => {
  sandbox().faults.clear();
  await saveSettings({ noteVisibility: 'internal', autoPush: false, autoTimeEntry: false });
});

const notes = (text: string) => sandbox().state.notes.filter((n) => n.text.includes(text));

describe('Auto Push', () => {
  it('two tabs asking at once post the session once', async () => {
    await saveSettings({ autoPush: true, autoTimeEntry: false });
    const ticketKey = 'service:1001';
    const view = await startSessionFor({
      ticketKey,
      ticketSummary: 'Outlook',
      problem: 'Outlook not syncing',
    });
    await changeSession(view.session.id, {
      kind: 'resolve',
      rootCause: 'Corrupt OST',
      resolution: 'Rebuilt the profile',
    });

    const [a, b] = await Promise.all([autoPush(ticketKey, 60_000), autoPush(ticketKey, 60_000)]);
    expect([a, b].filter((r) => r !== null)).toHaveLength(1);
    expect(await db().posts.where('ticketKey').equals(ticketKey).count()).toBe(1);
    // A later call (e.g. a reload of the panel) sees the post and does nothing.
    expect(await autoPush(ticketKey, 60_000)).toBeNull();
    // §3.3: the Undo button goes away before the hold ends, with a margin for the round trip.
    const held = (a ?? b)!;
    expect(held.outcome).toBe('held');
    expect(held.undoMs).toBeGreaterThan(0);
    expect(held.undoMs).toBeLessThanOrEqual(60_000 - 1_000);
    expect(AUTO_PUSH_UNDO_MS).toBeGreaterThanOrEqual(5_000);
  });
});

describe('resubmitting a post from the dialog (replacesPostId)', () => {
  it('§3.10 the internal note landed and the customer note failed: only the customer note is sent again', async () => {
    await saveSettings({ noteVisibility: 'internalExternal' });
    sandbox().faults.add({ method: 'POST', path: '/notes$', bodyMatch: 'Customer view', status: 400 });
    const req = {
      ticketKey: 'service:1004',
      noteKind: 'resolution' as const,
      text: 'Internal view: replaced the toner',
      customerText: 'Customer view: the printer prints again',
      timeEntry: false,
      waitMs: 5_000,
    };
    const first = await submitPost(req);
    expect(first.outcome).toBe('failed');
    expect(notes('Internal view')).toHaveLength(1);
    expect(notes('Customer view')).toHaveLength(0);
    const again = await submitPost({ ...req, replacesPostId: first.post.id });
    expect(again.outcome).toBe('sent');
    expect(notes('Internal view')).toHaveLength(1);
    expect(notes('Customer view')).toHaveLength(1);
    expect(again.message).toContain('Already on the ticket: Internal Analysis note');
  });

  it('§3.4 a note that may have landed is looked up first, never posted twice', async () => {
    // Paths name the ticket: the checks of earlier tests may still be reading other tickets' notes.
    const notesPath = `^/service/tickets/${SPECIAL_TICKETS.quotes}/notes$`;
    sandbox().faults.add({ method: 'POST', path: notesPath, reset: 'after-commit' });
    sandbox().faults.add({ method: 'GET', path: notesPath, status: 401 });
    const req = {
      ticketKey: `service:${SPECIAL_TICKETS.quotes}`,
      noteKind: 'internalAnalysis' as const,
      text: 'Maybe landed note',
      timeEntry: false,
      status: { id: 102, name: 'In Progress' },
      waitMs: 5_000,
    };
    const first = await submitPost(req);
    // The lookup after the reset is refused (401): the post fails, its note "maybe landed".
    await until(async () => (await db().posts.get(first.post.id))?.state === 'failed', 10_000);
    const again = await submitPost({ ...req, replacesPostId: first.post.id });
    expect(notes('Maybe landed note')).toHaveLength(1);
    expect(again.message).toContain('Already on the ticket: Internal Analysis note');
    expect(again.outcome).toBe('sent');
    expect(sandbox().state.tickets.find((t) => t.id === SPECIAL_TICKETS.quotes)?.status.id).toBe(102);
  });
  it('a resubmit of a post that landed meanwhile reports it as sent and writes nothing again', async () => {
    const req = {
      ticketKey: 'service:1008',
      noteKind: 'internalAnalysis' as const,
      text: 'Landed before the resubmit',
      timeEntry: false,
      waitMs: 5_000,
    };
    const first = await submitPost(req);
    expect(first.outcome).toBe('sent');
    const again = await submitPost({ ...req, replacesPostId: first.post.id });
    expect(again.outcome).toBe('sent');
    expect(again.post.id).toBe(first.post.id);
    expect(again.message).toContain('Already on the ticket: Internal Analysis note');
    expect(notes('Landed before the resubmit')).toHaveLength(1);
  });
});

describe('§3.6 a post waiting behind a failed one says so', () => {
  it('the second post on the ticket names the failed one it waits for', async () => {
    sandbox().faults.add({ method: 'POST', path: '^/service/tickets/1007/notes$', status: 405 });
    const ticketKey = 'service:1007';
    const first = await submitPost({
      ticketKey,
      noteKind: 'internalAnalysis',
      text: 'Blocked first',
      timeEntry: false,
      waitMs: 5_000,
    });
    expect(first.outcome).toBe('failed');
    const second = await submitPost({
      ticketKey,
      noteKind: 'internalAnalysis',
      text: 'Waiting second',
      timeEntry: false,
      waitMs: 500,
    });
    expect(second.outcome).toBe('queued');
    expect(second.message).toMatch(/waiting behind an earlier post to ticket #1007 that failed/i);
    expect(second.post.blockedBy).toBe(first.post.id);
  });
});

describe('ConnectWise names its tickets by #id', () => {
  it('a ticket number sent with the post is not kept on a ConnectWise connection: "#1002" stays', async () => {
    const r = await submitPost({
      ticketKey: 'service:1002',
      noteKind: 'internalAnalysis',
      text: 'Named by id',
      timeEntry: false,
      waitMs: 5_000,
      ticketNumber: 'T20261129.0004',
    });
    expect(r.outcome).toBe('sent');
    expect(r.message).toBe('Posted to ticket #1002.');
    expect(r.post.ticketNumber).toBeUndefined();
    expect((await db().posts.get(r.post.id))?.ticketNumber).toBeUndefined();
  });
});

describe('project issues', () => {
  it('the dialog context says the project ticket is an issue, and its time entry is charged as ProjectIssue', async () => {
    const ticketKey = `project:${SPECIAL_TICKETS.projectIssue}`;
    const ctx = await preparePost(ticketKey);
    expect(ctx.projectIssue).toBe(true);
    expect((await preparePost(`project:${SPECIAL_TICKETS.project}`)).projectIssue).toBe(false);
    const r = await submitPost({
      ticketKey,
      noteKind: 'internalAnalysis',
      text: 'Cleared the quota',
      timeEntry: true,
      minutes: 20,
      projectIssue: ctx.projectIssue,
      waitMs: 5_000,
    });
    expect(r.outcome).toBe('sent');
    const entry = sandbox().state.timeEntries.find(
      (e) => e.chargeToId === SPECIAL_TICKETS.projectIssue && /FlowPilot ref/.test(e.notes ?? ''),
    );
    expect(entry?.chargeToType).toBe('ProjectIssue');
    expect(sandbox().contractViolations).toEqual([]);
  });
});

describe('a click’s post (issue 12 §3: nothing but the create between the click and the answer)', () => {
  it('one write-ahead transaction, committed as "sending", then the create leaves: no other request or transaction before it', async () => {
    // Earlier tests' checks after their creates must not be counted here.
    await until(async () => (await db().outbox.where('checkAt').above(0).count()) === 0, 10_000);
    // Dexie binds IDBDatabase.transaction when it opens: reopen after the spy so it sees every one.
    const { events, restore } = traceIdbAndFetch();
    db().close({ disableAutoOpen: false });
    await db().open();
    events.length = 0;
    sandbox().faults.latencyMs = 150;
    let r: Awaited<ReturnType<typeof submitPost>>;
    try {
      const answer = submitPost({
        ticketKey: 'service:1010',
        noteKind: 'internalAnalysis',
        text: 'One round trip note',
        timeEntry: false,
        waitMs: 5_000,
      });
      await until(() =>
        sandbox().requests.some(
          (x) => x.method === 'POST' && JSON.stringify(x.body ?? '').includes('One round trip note'),
        ),
      );
      // While CW holds the create, its write-ahead record is already committed as "sending".
      const sending = (await db().outbox.where('state').equals('sending').toArray()).filter((x) =>
        JSON.stringify(x.payload).includes('One round trip note'),
      );
      expect(sending).toHaveLength(1);
      expect(sending[0]!.attempts).toBe(1);
      r = await answer;
    } finally {
      sandbox().faults.latencyMs = 0;
      restore();
    }
    expect(r.outcome).toBe('sent');
    expect(r.message).toBe('Posted to ticket #1010.');
    const before = events.slice(0, events.indexOf('fetch:POST'));
    expect(before.filter((e) => e.startsWith('fetch:'))).toEqual([]);
    // The write-ahead is the only write before the create. (A read may slip in between on a loaded
    // machine: the outbox's own timers from earlier tests read the queue; no read is on this path.)
    expect(before.filter((e) => e === 'idb:readwrite')).toHaveLength(1);
    expect(notes('One round trip note')).toHaveLength(1);
  });
});

describe('a repeated submission (askRepeatable) after its post was discarded', () => {
  it('posts the note: the discarded post is not "saved, will retry"', async () => {
    // The first ask: CW answers 503, so the post waits for a retry — and the panel never heard back
    // (the worker stopped before it answered). The technician discards that post in Post History,
    // then clicks Post to Ticket again with the same content: the same submission id.
    sandbox().faults.add({ method: 'POST', path: '^/service/tickets/1011/notes$', status: 503 });
    const req = {
      ticketKey: 'service:1011',
      noteKind: 'internalAnalysis' as const,
      text: 'Posted after a discard',
      timeEntry: false,
      waitMs: 5_000,
      submissionId: 'sub-discarded-0001',
    };
    const unheard = await submitPost(req);
    expect(notes('Posted after a discard')).toHaveLength(0);
    const discarded = await getOutbox().discard(unheard.post.id);
    expect(discarded.items.map((i) => i.outcome)).toEqual(['cancelled']);
    const again = await submitPost(req);
    expect(again.outcome).toBe('sent');
    expect(again.post.id).not.toBe(unheard.post.id);
    expect(notes('Posted after a discard')).toHaveLength(1);
    // A further repeat of that click joins the new post: still one note.
    const repeat = await submitPost(req);
    expect(repeat.post.id).toBe(again.post.id);
    expect(notes('Posted after a discard')).toHaveLength(1);
  });
});
