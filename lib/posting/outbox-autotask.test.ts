// @vitest-environment node
// The outbox posting to Autotask through its writer (issue 15): the same write-ahead, order,
// reference lookup and confirm-after-success as for ConnectWise, against the Autotask sandbox.
// Autotask has no API to delete a note, so a resent note's copy is reported (with its id), while a
// resent time entry's copy is deleted.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { THREAD_LIMIT_MESSAGE } from '../../tests/autotask-sandbox/errors.ts';
import {
  type AutotaskSandbox,
  NOTE_TYPE,
  PUBLISH,
  ROLES,
  SANDBOX_NOTE_CHOICES,
  SPECIAL_RESOURCES,
  SPECIAL_TICKETS,
  STATUS,
  startAutotaskSandbox,
} from '../../tests/autotask-sandbox/index.ts';
import { hookedDb } from '../../tests/support/outbox-kit';
import { AtClient, type AtRequestOptions } from '../autotask/client';
import { EndpointLimiter } from '../autotask/limiter';
import { autotaskPostingWriter, noteTitle } from '../autotask/posting';
import { type AutotaskNoteSettings, AutotaskPsa } from '../autotask/psa';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { toPostView } from './history';
import { type ActivityEntry, Outbox, type OutboxChange, type PostData } from './outbox';
import { buildPlan, type PlanInput } from './plan';
import { refTag } from './reference';

let sb: AutotaskSandbox;
beforeAll(async () => {
  sb = await startAutotaskSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());
afterEach(() => expect(sb.contractViolations).toEqual([]));

const TICKET = SPECIAL_TICKETS.standard;
const SCOPE = 'autotask:test';
const NOTES: AutotaskNoteSettings = SANDBOX_NOTE_CHOICES;

/** What Chromium does on a reused socket reset after commit: the POST goes twice, the caller sees the second. */
class ResendingClient extends AtClient {
  constructor(private readonly match: RegExp) {
    super(clientOptions());
  }
  override async create(path: string, body: Record<string, unknown>, o?: AtRequestOptions) {
    if (this.match.test(path)) await super.create(path, body, o);
    return super.create(path, body, o);
  }
}

function clientOptions() {
  return {
    credentials: sb.credentials,
    zoneLookupUrl: sb.zoneLookupUrl,
    limiter: new EndpointLimiter(),
    backoff: { baseMs: 5, maxMs: 20, attempts: 4 },
    timeoutMs: 5_000,
  };
}

function kit(
  opts: {
    client?: AtClient;
    notes?: AutotaskNoteSettings | null;
    clock?: { now: number };
    log?: ActivityEntry[];
  } = {},
) {
  const client = opts.client ?? new AtClient(clientOptions());
  const psa = new AutotaskPsa({
    client,
    ...(opts.notes === null ? {} : { noteSettings: opts.notes ?? NOTES }),
  });
  const writer = autotaskPostingWriter({ psa, client, scope: SCOPE });
  const database = hookedDb();
  const changes: OutboxChange[] = [];
  const outbox = new Outbox({
    db: () => database,
    client: async () => writer,
    random: () => 0.5,
    onChange: (c) => void changes.push(c),
    ...(opts.clock ? { now: () => opts.clock!.now } : {}),
    ...(opts.log ? { log: (e: ActivityEntry) => void opts.log!.push(e) } : {}),
  });
  return {
    outbox,
    database,
    changes,
    items: (postId: string) => database.outbox.where('postId').equals(postId).sortBy('seq'),
  };
}

function plan(over: Partial<PlanInput> = {}) {
  const now = Date.now();
  return buildPlan({
    ticket: { kind: 'service', id: TICKET },
    settings: { ...DEFAULT_SETTINGS, workTypeId: undefined, workRoleId: ROLES.technician2 },
    noteKind: 'resolution',
    text: 'Outlook not syncing\nCleared cached credentials; mail flows again.',
    time: { startedAt: now - 3_600_000, endedAt: now, activeMs: 22 * 60_000 },
    status: { id: STATUS.complete, name: 'Complete' },
    memberId: SPECIAL_RESOURCES.jsmith,
    ...over,
  });
}

const notesWith = (ref: string) =>
  sb.state.ticketNotes.filter((n) => String(n.description ?? '').includes(refTag(ref)));
const entriesWith = (ref: string) =>
  sb.state.timeEntries.filter((n) => String(n.summaryNotes ?? '').includes(refTag(ref)));
const writes = () =>
  sb.requests
    .filter((r) => r.apiPath && !/\/query$/i.test(r.apiPath) && r.method !== 'GET')
    .map((r) => `${r.method} ${r.apiPath}`);

describe('outbox → Autotask', () => {
  it('posts note, time entry and status once, in order, with the tenant’s note type, publish value and a held role', async () => {
    const t = kit();
    const post = await t.outbox.enqueue(plan(), { psa: 'autotask', scope: SCOPE });
    await t.outbox.drain();
    const [note, time, status] = await t.items(post.id);
    expect([note?.state, time?.state, status?.state]).toEqual(['sent', 'sent', 'sent']);
    expect(writes()).toEqual([`POST /Tickets/${TICKET}/Notes`, 'POST /TimeEntries', 'PATCH /Tickets']);
    const [n] = notesWith(note!.ref);
    expect(notesWith(note!.ref)).toHaveLength(1);
    expect(n).toMatchObject({
      ticketID: TICKET,
      title: 'Outlook not syncing',
      noteType: NOTE_TYPE.taskSummary,
      publish: PUBLISH.internal,
    });
    expect(entriesWith(time!.ref)).toHaveLength(1);
    expect(entriesWith(time!.ref)[0]).toMatchObject({
      resourceID: SPECIAL_RESOURCES.jsmith,
      roleID: ROLES.technician2,
      ticketID: TICKET,
    });
    expect(sb.state.tickets.find((x) => x.id === TICKET)?.status).toBe(STATUS.complete);
    // Confirm after success: one reference query per created kind, nothing deleted.
    expect(sb.requests.filter((r) => /^\/(TicketNotes|TimeEntries)\/query$/i.test(r.apiPath))).toHaveLength(
      2,
    );
  });

  it('a role the resource does not hold is not sent: its default role is', async () => {
    const t = kit();
    const post = await t.outbox.enqueue(
      plan({ settings: { ...DEFAULT_SETTINGS, workRoleId: ROLES.pm }, status: undefined, text: '' }),
      { scope: SCOPE },
    );
    await t.outbox.drain();
    const [time] = await t.items(post.id);
    expect(time?.state).toBe('sent');
    const jsmith = sb.state.resources.find((r) => r.id === SPECIAL_RESOURCES.jsmith);
    expect(jsmith?.defaultServiceDeskRoleID).toBeDefined();
    expect(entriesWith(time!.ref)[0]?.roleID).toBe(jsmith?.defaultServiceDeskRoleID);
  });

  it('a reset after Autotask committed the note: found by its reference, not sent twice', async () => {
    sb.faults.add({ method: 'POST', path: '/Notes$', reset: 'after-commit', times: 1 });
    const t = kit();
    const post = await t.outbox.enqueue(plan({ timeEntry: false, status: undefined }), { scope: SCOPE });
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(note?.state).toBe('sent');
    expect(notesWith(note!.ref)).toHaveLength(1);
    expect(sb.requests.filter((r) => r.method === 'POST' && /\/Notes$/.test(r.apiPath))).toHaveLength(1);
  });

  it('a resent note is reported with its id (Autotask cannot delete notes); a resent time entry is deleted', async () => {
    const t = kit({ client: new ResendingClient(/Notes$|^TimeEntries$/) });
    const post = await t.outbox.enqueue(plan({ status: undefined }), { psa: 'autotask', scope: SCOPE });
    await t.outbox.drain();
    const [note, time] = await t.items(post.id);
    expect(entriesWith(time!.ref)).toHaveLength(1);
    expect(writes().filter((w) => w.startsWith('DELETE'))).toEqual([
      expect.stringMatching(/^DELETE \/TimeEntries\/\d+$/),
    ]);
    const copies = notesWith(note!.ref);
    expect(copies).toHaveLength(2);
    const saved = (await t.database.posts.get(post.id))!;
    const items = (saved.data as PostData).items;
    const left = copies.map((c) => c.id as number).filter((id) => id !== items[0]!.cwId);
    expect(items[0]).toMatchObject({ state: 'sent', duplicateLeft: left });
    expect(items[1]).toMatchObject({ state: 'sent', duplicatesRemoved: 1 });
    const notice = `A duplicate of this note is on ticket #${TICKET} (note ${left[0]}). Autotask does not let FlowPilot delete notes. Remove it in Autotask.`;
    expect(toPostView(saved).notices).toContainEqual({ text: notice, removeInCw: true });
    // The toast: the change that carries the notice, once.
    expect(t.changes.filter((c) => c.notice)).toEqual([expect.objectContaining({ notice })]);
  });

  it('the ticket number given with the post names the ticket in its notice, its log lines and Post History', async () => {
    const log: ActivityEntry[] = [];
    const t = kit({ client: new ResendingClient(/Notes$/), log });
    const number = String(sb.state.tickets.find((x) => x.id === TICKET)?.ticketNumber);
    expect(number).toMatch(/^T\d{8}\.\d{4}$/);
    // As the panel may have it (typed or read off the page): kept as Autotask writes it.
    const post = await t.outbox.enqueue(plan({ timeEntry: false, status: undefined }), {
      psa: 'autotask',
      scope: SCOPE,
      ticketNumber: ` ${number.toLowerCase()} `,
    });
    expect(post.ticketNumber).toBe(number);
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    const [left] = notesWith(note!.ref)
      .map((c) => c.id as number)
      .filter((id) => id !== (note!.payload as { cwId?: number }).cwId);
    const notice = `A duplicate of this note is on ticket ${number} (note ${left}). Autotask does not let FlowPilot delete notes. Remove it in Autotask.`;
    expect(t.changes.filter((c) => c.notice)).toEqual([expect.objectContaining({ notice })]);
    const view = toPostView((await t.database.posts.get(post.id))!);
    expect(view).toMatchObject({ ticketId: TICKET, ticketNumber: number });
    expect(view.notices).toContainEqual({ text: notice, removeInCw: true });
    // The Activity log: the ticket by its number, never the id a technician has not seen.
    expect(log.map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^ticket ${number.replace('.', '\\.')} · ref `)),
      ]),
    );
    expect(log.some((e) => e.detail?.includes(`#${TICKET}`))).toBe(false);
  });

  it('without the note settings a note fails with what to do, and is kept for a retry', async () => {
    const t = kit({ notes: null });
    const post = await t.outbox.enqueue(plan({ timeEntry: false, status: undefined }), { scope: SCOPE });
    await t.outbox.drain();
    const [note] = await t.items(post.id);
    expect(note?.state).toBe('failed');
    expect(note?.lastError).toMatchObject({ message: expect.stringMatching(/note type/) });
    expect(
      sb.state.ticketNotes.filter((n) => String(n.description ?? '').includes('FlowPilot ref')),
    ).toHaveLength(0);
  });
});

describe('note titles', () => {
  it('are the note’s first line, shortened; never empty', () => {
    expect(noteTitle('\n  First line \nsecond')).toBe('First line');
    expect(noteTitle('')).toBe('FlowPilot note');
    expect(noteTitle('x'.repeat(300))).toHaveLength(100);
  });
});

// The same faults as ConnectWise's outbox tests, on Autotask (issue 15 "exactly once under the same
// faults"): each ends with every part of the post on the ticket exactly once.
describe('outbox → Autotask under faults', () => {
  const MIN = 60_000;
  const once = async (t: ReturnType<typeof kit>, postId: string) => {
    const [note, time] = await t.items(postId);
    expect(notesWith(note!.ref)).toHaveLength(1);
    expect(entriesWith(time!.ref)).toHaveLength(1);
    expect(sb.state.tickets.find((x) => x.id === TICKET)?.status).toBe(STATUS.complete);
    expect((await t.items(postId)).map((i) => i.state)).toEqual(['sent', 'sent', 'sent']);
  };

  it('a thread-limit refusal that outlasts the client’s retries (any status) waits, then posts once', async () => {
    const clock = { now: Date.now() };
    sb.faults.add({
      method: 'POST',
      path: '^/TimeEntries$',
      status: 500,
      body: { errors: [THREAD_LIMIT_MESSAGE] },
      times: 4,
    });
    const t = kit({ clock });
    const post = await t.outbox.enqueue(plan(), { psa: 'autotask', scope: SCOPE });
    await t.outbox.drain();
    const [, time] = await t.items(post.id);
    expect(time).toMatchObject({
      state: 'pending',
      lastError: expect.objectContaining({ kind: 'throttled' }),
    });
    clock.now += 15 * MIN;
    await t.outbox.drain();
    await once(t, post.id);
  });

  /** Time passes for FlowPilot and for Autotask alike (the outbox waits on both clocks). */
  const advance = (clock: { now: number }, ms: number) => {
    clock.now += ms;
    sb.clock.offsetMs += ms;
  };

  it('a reset before Autotask saw the note: looked up past the unknown-outcome wait, then sent once', async () => {
    const clock = { now: Date.now() };
    sb.faults.add({ method: 'POST', path: '/Notes$', reset: 'before', times: 1 });
    const t = kit({ clock });
    const post = await t.outbox.enqueue(plan(), { psa: 'autotask', scope: SCOPE });
    await t.outbox.drain();
    expect((await t.items(post.id))[0]?.state).toBe('pending');
    advance(clock, 15 * MIN);
    await t.outbox.drain();
    await once(t, post.id);
    expect(sb.requests.filter((r) => r.method === 'POST' && /\/Notes$/.test(r.apiPath))).toHaveLength(2);
  });

  it('a late answer after Autotask committed (the client gave up): found by its reference, never sent twice', async () => {
    const clock = { now: Date.now() };
    sb.faults.add({ method: 'POST', path: '^/TimeEntries$', slowCommitMs: 1_000, times: 1 });
    const t = kit({ clock, client: new AtClient({ ...clientOptions(), timeoutMs: 300 }) });
    const post = await t.outbox.enqueue(plan(), { psa: 'autotask', scope: SCOPE });
    await t.outbox.drain();
    // The timeout is an unknown outcome: the lookup right after finds the committed entry.
    await once(t, post.id);
    advance(clock, 15 * MIN);
    await t.outbox.drain();
    expect(sb.requests.filter((r) => r.method === 'POST' && r.apiPath === '/TimeEntries')).toHaveLength(1);
    expect(sb.requests.some((r) => r.method === 'GET' || /\/query$/i.test(r.apiPath))).toBe(true);
  });
});
