// The posting feature inside the background worker: the one Outbox of this worker, its wake-ups
// (alarm recreated at every start, online event, short timers while the worker lives) and the
// operations behind the posting messages. Everything durable is in IndexedDB; the module variables
// are only this worker lifetime's handles.

import { browser } from 'wxt/browser';
import { logActivity } from '../activity/log';
import { pruneActivity } from '../activity/retention';
import { ticketWebUrl as atTicketWebUrl } from '../autotask/map';
import { broadcast } from '../background/broadcast';
import { connectedPsa, connectedWriter } from '../connection/psa';
import { connectionScope, inScope } from '../connection/scope';
import { clientFor, connectedClient, currentScope, isAutotask, loadConnection } from '../connection/store';
import type { CwClient } from '../cw/client';
import { cond } from '../cw/conditions';
import { db, type PostRecord, type SessionRecord } from '../db/schema';
import { AppError } from '../errors';
import { ticketNo } from '../psa/words';
import { getSettings } from '../settings/store';
import { ticketWebUrl } from '../ticket/cw-map';
import { parseTicketKey, type TicketRef } from '../ticket/types';
import { explainFailure } from './explain';
import { markBlocked, type PostView, toPostView } from './history';
import { type DiscardResult, Outbox, type PostData } from './outbox';
import {
  attributionMemberId,
  type BoardStatusLike,
  buildPlan,
  defaultNoteKind,
  type NoteKind,
  PlanError,
  type PlanPart,
  preselectStatus,
  type SessionOutcome,
  timeFor,
} from './plan';
import { prunePosts } from './retention';
import { timingsFromEnv } from './timings';

export const OUTBOX_ALARM = 'flowpilot-outbox';

let outbox: Outbox | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function schedule(at: number) {
  // Short waits (backoff, Retry-After, Auto Push undo) run on a timer while the worker is alive; the
  // one-minute alarm wakes a stopped worker for anything longer.
  const delay = at - Date.now();
  if (delay > 60_000 || at >= timerAt) return;
  if (timer) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(
    () => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      void getOutbox().drain();
    },
    Math.max(0, delay),
  );
}

export function getOutbox(): Outbox {
  outbox ??= new Outbox({
    db,
    // The connected PSA's writer (ConnectWise's client, or Autotask's writer; issue 15).
    client: connectedWriter,
    // Items of another CW tenant wait for it; never sent to this one (issue 10 §3).
    scope: currentScope,
    concurrency: 4,
    schedule,
    // A test build may shorten the waits (WXT_FP_OUTBOX_TIMINGS, e2e mode only; see timings.ts).
    timings: timingsFromEnv(
      import.meta.env.MODE,
      import.meta.env.WXT_FP_OUTBOX_TIMINGS as string | undefined,
    ),
    onChange: (c) =>
      broadcast({
        type: 'outbox/changed',
        ticketKey: c.ticketKey,
        postId: c.postId,
        state: c.state,
        ...(c.notice ? { notice: c.notice, ...(c.link ? { link: c.link } : {}) } : {}),
      }),
    log: (e) => logActivity(e),
  });
  return outbox;
}

/** Called once per worker start from entrypoints/background.ts. */
export function startOutbox(): void {
  const ob = getOutbox();
  void browser.alarms.create(OUTBOX_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== OUTBOX_ALARM) return;
    void ob.drain();
    void pruneActivity().catch(() => undefined);
    void prunePosts().catch(() => undefined);
  });
  globalThis.addEventListener?.('online', () => void ob.drain());
  void ob
    .recoverInterrupted()
    .then(() => ob.drain())
    .catch(() => undefined);
}

// ——— operations behind the messages ———

export interface PostContext {
  ticket: TicketRef;
  /** A project ticket that is a project issue (CW charges its time as ProjectIssue). */
  projectIssue: boolean;
  ticketUrl: string;
  statuses: { id: number; name: string; closed: boolean; timeEntryNotAllowed: boolean }[];
  currentStatusId?: number;
  preselectedStatusId?: number;
  defaultNoteKind: NoteKind;
  noteVisibility: 'internal' | 'internalExternal';
  autoTimeEntry: boolean;
  autoPush: boolean;
  billableOption: 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault';
  workTypeId?: number;
  workRoleId?: number;
  workTypes: { id: number; name: string }[];
  workRoles: { id: number; name: string }[];
  member?: { id: number; name?: string };
  technicianName?: string;
  session?: {
    id: string;
    outcome?: SessionOutcome;
    internalText?: string;
    customerText?: string;
    actualMinutes: number;
    postedMinutes: number;
  };
  problems: string[];
}

/** The ticket's latest session on this connection: another tenant's ticket with the same number is not it. */
async function latestSession(ticketKey: string): Promise<SessionRecord | undefined> {
  const [recs, scope] = await Promise.all([
    db().sessions.where('ticketKey').equals(ticketKey).toArray(),
    currentScope(),
  ]);
  return recs
    .filter((r) => r.state !== 'abandoned' && inScope(r, scope))
    .sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

function sessionTime(s: SessionRecord | undefined) {
  if (!s?.startedAt) return undefined;
  return { startedAt: s.startedAt, endedAt: s.endedAt ?? s.updatedAt, activeMs: s.activeMs ?? 0 };
}

async function signedIn() {
  const [settings, techs] = await Promise.all([getSettings(), db().technicians.toArray()]);
  const memberId = attributionMemberId(techs, settings.signedInTechnicianId);
  const tech = techs.find((t) => t.id === settings.signedInTechnicianId);
  return { settings, memberId, tech };
}

function requireTicket(key: string): TicketRef {
  const ref = parseTicketKey(key);
  if (!ref) throw new AppError('validation', 'Not a ticket.');
  return ref;
}

/** What the dialog needs from the PSA: the ticket's statuses and status, time-entry lists, its link. */
interface PostBasics {
  statuses: BoardStatusLike[];
  currentStatusId?: number;
  projectIssue: boolean;
  workTypes: { id: number; name: string }[];
  workRoles: { id: number; name: string }[];
  ticketUrl: string;
  problems: string[];
}

/**
 * Autotask (issue 15): the ticket status picklist (5 Complete is the closed one; time is allowed in
 * every status), the roles the signed-in technician's resource holds, no work types (billing codes
 * are not loaded), the ticket's page under the zone's web URL.
 */
async function autotaskPostBasics(ticket: TicketRef, memberId: number | undefined): Promise<PostBasics> {
  const [{ connector }, rec] = await Promise.all([connectedPsa(), db().connections.get('primary')]);
  const problems: string[] = [];
  const [statuses, roles] = await Promise.all([
    connector.statuses(ticket).catch((e: Error) => {
      problems.push(`Statuses: ${e.message}`);
      return [];
    }),
    connector
      .timeEntryOptions(memberId)
      .then((o) => o.roles)
      .catch(() => []),
  ]);
  return {
    statuses: statuses.map((st) => ({
      id: st.id,
      name: st.name,
      closedStatus: st.closed,
      inactive: !st.active,
      timeEntryNotAllowed: !st.timeEntryAllowed,
    })),
    projectIssue: false,
    workTypes: [],
    workRoles: roles,
    ticketUrl: atTicketWebUrl(rec?.autotask?.zone.webUrl ?? `${rec?.scheme}://${rec?.site}/`, ticket.id),
    problems,
  };
}

async function cwPostBasics(ticket: TicketRef): Promise<PostBasics> {
  const { client, record } = await connectedClient();
  const problems: string[] = [];
  const base = ticket.kind === 'project' ? 'project/tickets' : 'service/tickets';
  const t = await client.get<{ board?: { id?: number }; status?: { id?: number }; isIssueFlag?: boolean }>(
    `${base}/${ticket.id}`,
    {
      fields:
        ticket.kind === 'project' ? ['id', 'board', 'status', 'isIssueFlag'] : ['id', 'board', 'status'],
    },
  );
  const [statuses, workTypes, workRoles] = await Promise.all([
    t.board?.id
      ? client
          .listAll<BoardStatusLike>(`service/boards/${t.board.id}/statuses`, {
            fields: [
              'id',
              'name',
              'closedStatus',
              'inactive',
              'escalationStatus',
              'timeEntryNotAllowed',
              'sortOrder',
            ],
            orderBy: 'sortOrder asc',
          })
          .catch((e: Error) => {
            problems.push(`Statuses: ${e.message}`);
            return [];
          })
      : Promise.resolve([]),
    listNames(client, 'time/workTypes').catch(() => []),
    listNames(client, 'time/workRoles').catch(() => []),
  ]);
  return {
    statuses,
    ...(t.status?.id ? { currentStatusId: t.status.id } : {}),
    projectIssue: ticket.kind === 'project' && t.isIssueFlag === true,
    workTypes,
    workRoles,
    ticketUrl: ticketWebUrl(`${record.scheme}://${record.site}`, ticket),
    problems,
  };
}

export async function preparePost(ticketKey: string, now = Date.now()): Promise<PostContext> {
  const ticket = requireTicket(ticketKey);
  const { settings, memberId, tech } = await signedIn();
  const { statuses, currentStatusId, projectIssue, workTypes, workRoles, ticketUrl, problems } = isAutotask(
    await db().connections.get('primary'),
  )
    ? await autotaskPostBasics(ticket, memberId)
    : await cwPostBasics(ticket);
  const session = await latestSession(ticketKey);
  const outcome: SessionOutcome | undefined =
    session?.state === 'resolved' ? 'resolved' : session?.state === 'escalated' ? 'escalated' : undefined;
  const time = sessionTime(session);
  const posted = time ? timeFor(time, settings.timeRounding, settings.minimumBillableMinutes) : undefined;
  const pre = preselectStatus(statuses, outcome, settings);
  const ctx: PostContext = {
    ticket,
    projectIssue,
    ticketUrl,
    statuses: statuses
      .filter((s) => !s.inactive)
      .map((s) => ({
        id: s.id,
        name: s.name,
        closed: Boolean(s.closedStatus),
        timeEntryNotAllowed: Boolean(s.timeEntryNotAllowed),
      })),
    defaultNoteKind: defaultNoteKind(settings.noteVisibility, outcome),
    noteVisibility: settings.noteVisibility,
    autoTimeEntry: settings.autoTimeEntry,
    autoPush: settings.autoPush,
    billableOption: settings.billableOption,
    workTypes,
    workRoles,
    problems,
  };
  if (currentStatusId) ctx.currentStatusId = currentStatusId;
  if (pre) ctx.preselectedStatusId = pre.id;
  if (settings.workTypeId) ctx.workTypeId = settings.workTypeId;
  if (settings.workRoleId) ctx.workRoleId = settings.workRoleId;
  if (memberId) ctx.member = { id: memberId, name: tech?.memberName ?? tech?.name };
  if (tech) ctx.technicianName = tech.name;
  if (session && posted) {
    ctx.session = {
      id: session.id,
      outcome,
      internalText: session.doc?.internalText,
      customerText: session.doc?.customerText,
      actualMinutes: Math.round(posted.actualMinutes * 10) / 10,
      postedMinutes: posted.postedMinutes,
    };
  }
  void now;
  return ctx;
}

async function listNames(client: CwClient, path: string): Promise<{ id: number; name: string }[]> {
  const rows = await client.listAll<{ id: number; name: string; inactiveFlag?: boolean }>(path, {
    fields: ['id', 'name', 'inactiveFlag'],
    conditions: cond.eq('inactiveFlag', false),
  });
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

export interface PostRequest {
  ticketKey: string;
  noteKind: NoteKind;
  text: string;
  customerText?: string;
  timeEntry: boolean;
  /** Typed duration when the ticket has no session timing. */
  minutes?: number;
  postedMinutes?: number;
  workTypeId?: number;
  workRoleId?: number;
  billableOption?: 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault';
  status?: { id: number; name?: string };
  /** Auto Push undo window. */
  holdMs?: number;
  /** How long to wait for CW before answering "saved, will retry". */
  waitMs?: number;
  /** From the dialog's context: the project ticket is a project issue. */
  projectIssue?: boolean;
  /**
   * Resubmitting after a post failed part-way: that post's remainder is discarded first (items that
   * may have landed are looked up), and only the parts not on the ticket are planned again.
   */
  replacesPostId?: string;
  /** The panel's submission: a repeat joins its post (PostMeta.submissionId). */
  submissionId?: string;
  /**
   * The ticket's number as the panel shows it (Autotask's T20261129.0004): the answer, Post History
   * and the Activity log name the ticket by it. Kept only for an Autotask connection.
   */
  ticketNumber?: string;
}

export interface PostResult {
  post: PostView;
  /** For the toast: success, queued, or the precise reason and what to do. */
  message: string;
  outcome: 'sent' | 'queued' | 'failed' | 'held';
  /** Held (Auto Push): how long Undo may be offered; it ends before the hold does, with a margin. */
  undoMs?: number;
}

/** Parts of a replaced post that must not be written again: on the ticket, or still on their way. */
function partsToSkip(d: DiscardResult): PlanPart[] {
  return d.items.filter((i) => i.outcome !== 'cancelled').map((i) => i.part);
}

function alreadyThere(d: DiscardResult | undefined): string {
  if (!d) return '';
  const landed = d.items.filter((i) => i.outcome === 'landed').map((i) => i.label);
  const open = d.items
    .filter((i) => i.outcome === 'sending' || i.outcome === 'unchecked')
    .map((i) => i.label);
  return [
    landed.length ? ` Already on the ticket: ${landed.join(', ')}.` : '',
    open.length
      ? ` Not sent again (may already be on the ticket; FlowPilot is checking): ${open.join(', ')}.`
      : '',
  ].join('');
}

export async function submitPost(req: PostRequest, now = Date.now()): Promise<PostResult> {
  const ticket = requireTicket(req.ticketKey);
  // This path is on the click-to-"Posted" clock (issue 12 §3): one batch of reads in parallel, then the
  // write-ahead transaction, and the create leaves as soon as that commits (Outbox.enqueue, sendWith).
  const [{ settings, memberId, tech }, conn, cw, session] = await Promise.all([
    signedIn(),
    db().connections.get('primary'),
    loadConnection(), // ConnectWise's keys (undefined for Autotask)
    latestSession(req.ticketKey),
  ]);
  const outcome: SessionOutcome | undefined =
    session?.state === 'resolved' ? 'resolved' : session?.state === 'escalated' ? 'escalated' : undefined;
  const time =
    req.minutes !== undefined
      ? { startedAt: now - req.minutes * 60_000, minutes: req.minutes }
      : sessionTime(session);
  const ob = getOutbox();
  // The earlier attempt's remainder would block this ticket's queue: discard it (looking up whatever
  // may have landed), then plan only the parts that are not on the ticket, each decided on its own.
  const replaced = req.replacesPostId ? await ob.discard(req.replacesPostId) : undefined;
  let plan: ReturnType<typeof buildPlan>;
  try {
    plan = buildPlan({
      ticket,
      settings,
      noteKind: req.noteKind,
      text: req.text,
      customerText: req.customerText,
      outcome,
      timeEntry: req.timeEntry,
      time,
      postedMinutes: req.postedMinutes,
      workTypeId: req.workTypeId,
      workRoleId: req.workRoleId,
      billableOption: req.billableOption,
      timeNotes:
        session?.data && typeof session.data === 'object'
          ? (session.data as { ticketSummary?: string }).ticketSummary
          : undefined,
      status: req.status,
      memberId,
      projectIssue: req.projectIssue,
      skip: replaced ? partsToSkip(replaced) : undefined,
    });
  } catch (e) {
    // A resubmit of a post whose every part landed meanwhile (a late look-up found them): report the
    // earlier post as sent rather than an error; nothing is written again. (A part the resubmit left
    // out, e.g. a refused time entry turned off, still gets "Nothing to post".)
    if (
      e instanceof PlanError &&
      e.code === 'empty' &&
      req.replacesPostId &&
      replaced?.items.length &&
      replaced.items.every((i) => i.outcome === 'landed')
    ) {
      const r = await resultOf(req.replacesPostId);
      return { ...r, message: `${r.message}${alreadyThere(replaced)}` };
    }
    if (e instanceof PlanError) throw new AppError('validation', `${e.message}${alreadyThere(replaced)}`);
    throw e;
  }
  const post = await ob.enqueue(
    plan,
    {
      technicianId: tech?.id,
      technicianName: tech?.name,
      memberId,
      sessionId: session?.id,
      ticketUrl: !conn
        ? undefined
        : isAutotask(conn)
          ? atTicketWebUrl(conn.autotask?.zone.webUrl ?? `${conn.scheme}://${conn.site}/`, ticket.id)
          : ticketWebUrl(`${conn.scheme}://${conn.site}`, ticket),
      holdMs: req.holdMs,
      scope: conn ? connectionScope(conn) : undefined,
      psa: conn?.psa,
      submissionId: req.submissionId,
      // ConnectWise's number is its id: its messages keep "#1001" whatever a caller sends.
      ticketNumber: isAutotask(conn) ? req.ticketNumber : undefined,
    },
    // ConnectWise: the create starts with the write-ahead (Autotask posts go through drain as before).
    { sendWith: cw && !req.holdMs ? clientFor(cw) : undefined },
  );
  if (req.holdMs) {
    return {
      post: toPostView(post),
      outcome: 'held',
      message: `Posting to ticket ${ticketNo(ticket.id, post.ticketNumber)} in ${Math.round(req.holdMs / 1000)} s.`,
      undoMs: Math.max(0, req.holdMs - UNDO_MARGIN_MS),
    };
  }
  // Started by enqueue ("sending"): the outbox drains after it. Otherwise it queues behind the ticket's
  // earlier writes, or waits for the throttle or the connection.
  if (post.state !== 'sending') void ob.drain();
  const settled = await ob.waitForPost(post.id, req.waitMs ?? 15_000);
  if (!settled) throw new AppError('notFound', 'The post is gone.');
  // The record the outbox settled it with: answering needs no read of its own.
  const r = await resultFor(settled);
  return { ...r, message: `${r.message}${alreadyThere(replaced)}` };
}

async function resultOf(postId: string): Promise<PostResult> {
  const rec = await db().posts.get(postId);
  if (!rec) throw new AppError('notFound', 'The post is gone.');
  return resultFor(rec);
}

async function resultFor(rec: PostRecord): Promise<PostResult> {
  const post = toPostView(rec);
  // The ticket as its technicians know it: "#1001" on ConnectWise, its number on Autotask.
  const ticket = ticketNo(rec.ticketId, rec.ticketNumber);
  if (post.state === 'sent') return { post, outcome: 'sent', message: `Posted to ticket ${ticket}.` };
  const failed = (rec.data as PostData).items.find((i) => i.state === 'failed');
  if (post.state === 'failed' && failed?.lastError) {
    return {
      post,
      outcome: 'failed',
      message: explainFailure({ kind: failed.kind }, failed.lastError, (rec.data as PostData).psa),
    };
  }
  await markBlocked(db(), [post]);
  if (post.blockedBy) {
    return {
      post,
      outcome: 'queued',
      message: `Saved — waiting behind an earlier post to ticket ${ticket} that failed. Retry or discard that post in Post History; this one follows.`,
    };
  }
  return { post, outcome: 'queued', message: 'Saved — will retry' };
}

export async function postHistory(ticketKey: string, limit: number): Promise<PostView[]> {
  const [rows, scope] = await Promise.all([
    db().posts.where('ticketKey').equals(ticketKey).toArray(),
    currentScope(),
  ]);
  return rows
    .filter((r) => inScope(r, scope))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit)
    .map(toPostView);
}

/** The post with its items' editable text, for "Edit and retry". */
export async function postDetail(postId: string) {
  const rec = await db().posts.get(postId);
  if (!rec) throw new AppError('notFound', 'That post no longer exists.');
  const items = await db().outbox.where('postId').equals(postId).sortBy('seq');
  return {
    post: toPostView(rec),
    editable: items.flatMap((r): { outboxId: string; kind: 'note' | 'timeEntry'; text: string }[] => {
      const item = (r.payload as { item: import('./plan').PlanItem }).item;
      if (r.state === 'sent' || r.state === 'cancelled') return [];
      if (item.kind === 'note') return [{ outboxId: r.id, kind: item.kind, text: item.text }];
      if (item.kind === 'timeEntry') return [{ outboxId: r.id, kind: item.kind, text: item.notes }];
      return [];
    }),
  };
}

/** Auto Push holds the post this long before sending, so Undo can still cancel all of it. */
export const AUTO_PUSH_UNDO_MS = 8_000;
/** Undo disappears this long before the hold ends: a click needs a round trip to the worker. */
const UNDO_MARGIN_MS = 1_500;

/**
 * Auto Push: after Resolve/Escalate, post the session's documentation without the dialog, held for an
 * undo window. Null when Auto Push is off, the session has no documentation, or it was already posted.
 */
export function autoPush(
  ticketKey: string,
  holdMs = AUTO_PUSH_UNDO_MS,
  /** As in PostRequest: the ticket's number the panel shows. */
  ticketNumber?: string,
): Promise<PostResult | null> {
  // Two tabs on one ticket both ask when the session closes. Calls for a ticket run one after the
  // other (one worker, one JS context), so the second sees the first's post and does nothing.
  // This map only orders in-flight calls; it holds no state worth keeping across a worker restart.
  const run = (autoPushQueue.get(ticketKey) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => autoPushOnce(ticketKey, holdMs, ticketNumber));
  autoPushQueue.set(ticketKey, run);
  void run
    .finally(() => {
      if (autoPushQueue.get(ticketKey) === run) autoPushQueue.delete(ticketKey);
    })
    .catch(() => undefined);
  return run;
}

const autoPushQueue = new Map<string, Promise<unknown>>();

async function autoPushOnce(
  ticketKey: string,
  holdMs: number,
  ticketNumber: string | undefined,
): Promise<PostResult | null> {
  const settings = await getSettings();
  if (!settings.autoPush) return null;
  const session = await latestSession(ticketKey);
  if (!session?.doc || (session.state !== 'resolved' && session.state !== 'escalated')) return null;
  const earlier = await db().posts.where('ticketKey').equals(ticketKey).toArray();
  if (earlier.some((p) => (p.data as PostData | undefined)?.sessionId === session.id)) return null;
  const ctx = await preparePost(ticketKey);
  const status = ctx.statuses.find((s) => s.id === ctx.preselectedStatusId);
  return submitPost({
    ticketKey,
    noteKind: ctx.defaultNoteKind,
    text: session.doc.internalText,
    customerText: session.doc.customerText,
    timeEntry: settings.autoTimeEntry,
    status: status ? { id: status.id, name: status.name } : undefined,
    projectIssue: ctx.projectIssue,
    holdMs,
    // The panel's, else the one the session kept (a tab that had none still names the ticket by it).
    ticketNumber: ticketNumber ?? session.ticketNumber,
  });
}
