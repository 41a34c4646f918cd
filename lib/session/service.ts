import { connectionScope, inScope, type Scope } from '../connection/scope';
import { isAutotask } from '../connection/store';
import { db, type SessionRecord } from '../db/schema';
import { getSettings } from '../settings/store';
import { buildSessionDoc, type SessionDoc } from './artifacts';
import type { AwayAnswer } from './away';
import {
  abandon,
  activeMsAt,
  answerAwayStretch,
  applyLaneOp,
  escalate,
  isOpen,
  type LaneOp,
  pause,
  resolve,
  resume,
  type Session,
  SessionRuleError,
  startSession,
  touch,
} from './model';
import { findPlaybook, playbookLane } from './playbooks';

// Background-only session store. Every change is one read-modify-write inside a Dexie transaction, so
// two tabs acting at once are serialised and nothing typed is lost; callers broadcast afterwards.

/** What the panel gets: the session plus what it needs to run the timer and show the documentation. */
export interface SessionView {
  session: Session;
  /** How long without input before the machine counts as away (the idle setting). */
  idleMs: number;
  doc?: SessionDoc;
}

const newId = () => crypto.randomUUID();

async function idleMs(): Promise<number> {
  return (await getSettings()).idleAutoPauseMinutes * 60_000;
}

/**
 * The saved connection's scope (lib/connection/scope.ts; undefined when not connected), and whether it
 * is Autotask's: only Autotask's tickets have a number apart from their id.
 */
async function connectionNow(): Promise<{ scope: Scope | undefined; autotask: boolean }> {
  const record = await db().connections.get('primary');
  return { scope: record ? connectionScope(record) : undefined, autotask: isAutotask(record) };
}

/** ConnectWise's number is its id: a ticket number sent for it is not kept ("from #1407" stays). */
function withoutTicketNumbers(c: SessionChange): SessionChange {
  if (c.kind !== 'lane') return c;
  const { op } = c;
  if (op.op === 'add' && op.fromTicketNumber !== undefined) {
    const { fromTicketNumber: _, ...rest } = op;
    return { kind: 'lane', op: rest };
  }
  if (op.op === 'restore' && op.item.fromTicketNumber !== undefined) {
    const { fromTicketNumber: _, ...item } = op.item;
    return { kind: 'lane', op: { ...op, item } };
  }
  return c;
}

export function toRecord(s: Session, doc?: SessionDoc, scope?: Scope): SessionRecord {
  const rec: SessionRecord = {
    id: s.id,
    ticketKey: s.ticketKey,
    state: s.state,
    createdAt: s.startedAt,
    updatedAt: s.updatedAt,
    data: s,
    startedAt: s.startedAt,
    activeMs: activeMsAt(s, s.updatedAt),
  };
  if (s.endedAt !== undefined) rec.endedAt = s.endedAt;
  if (doc) rec.doc = doc;
  if (scope !== undefined) rec.scope = scope;
  // Indexed: the Sessions tab's filter finds the ticket's sessions by it.
  if (s.ticketNumber) rec.ticketNumber = s.ticketNumber;
  return rec;
}

const view = (rec: SessionRecord, idle: number): SessionView => ({
  session: rec.data as Session,
  idleMs: idle,
  ...(rec.doc ? { doc: rec.doc } : {}),
});

// Sessions belong to one CW tenant (issue 10 §3): ticket #1001 of another connection is another ticket.
async function openRecord(ticketKey: string, scope: Scope | undefined): Promise<SessionRecord | undefined> {
  const recs = await db()
    .sessions.where('[ticketKey+state]')
    .anyOf([
      [ticketKey, 'active'],
      [ticketKey, 'paused'],
    ])
    .filter((r) => inScope(r, scope))
    .toArray();
  return recs.sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/**
 * The ticket's open session, or else its most recently closed one (so the panel can still show the
 * documentation after a reload).
 */
export async function getSessionForTicket(ticketKey: string): Promise<SessionView | null> {
  const [idle, { scope }] = await Promise.all([idleMs(), connectionNow()]);
  return db().transaction('r', db().sessions, async () => {
    const open = await openRecord(ticketKey, scope);
    if (open) return view(open, idle);
    const last = (await db().sessions.where('ticketKey').equals(ticketKey).toArray())
      .filter((r) => inScope(r, scope))
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    return last ? view(last, idle) : null;
  });
}

export interface StartInput {
  ticketKey: string;
  ticketSummary: string;
  /**
   * The ticket's number as the panel shows it (Autotask's T20261129.0004): the Sessions tab, its
   * exports and the Activity log name the ticket by it. Kept only for an Autotask connection.
   */
  ticketNumber?: string;
  problem: string;
  playbookId?: string;
  company?: { id?: number; name?: string };
  ticketType?: string;
  ticketSubType?: string;
  /** A first Suggested fix item ("Use this fix" on a similar ticket before any session was open). */
  fix?: { text: string; fromTicket: number; fromTicketNumber?: string };
}

/** The technician signed in on this browser, who runs the session. */
async function signedInTechnician(): Promise<Session['technician']> {
  const { signedInTechnicianId } = await getSettings();
  if (!signedInTechnicianId) return undefined;
  const t = await db().technicians.get(signedInTechnicianId);
  return t ? { id: t.id, name: t.name } : undefined;
}

/** Starts a session, or returns the ticket's open one: there is never more than one per ticket. */
export async function startSessionFor(input: StartInput, now = Date.now()): Promise<SessionView> {
  const [idle, { scope, autotask }] = await Promise.all([idleMs(), connectionNow()]);
  const pb = input.playbookId ? findPlaybook(input.playbookId) : undefined;
  if (input.playbookId && !pb) throw new SessionRuleError('That playbook does not exist.');
  const technician = await signedInTechnician();
  return db().transaction('rw', db().sessions, async () => {
    const open = await openRecord(input.ticketKey, scope);
    if (open) return view(open, idle);
    let s = startSession({
      id: newId(),
      ticketKey: input.ticketKey,
      ticketSummary: input.ticketSummary,
      // ConnectWise's number is its id: its sessions keep "#1001" whatever a caller sends.
      ...(autotask && input.ticketNumber ? { ticketNumber: input.ticketNumber } : {}),
      problem: input.problem || pb?.problem || input.ticketSummary,
      now,
      ...(pb ? { lane: playbookLane(pb, newId, now), playbookId: pb.id } : {}),
      technician,
      company: input.company,
      ticketType: input.ticketType,
      ticketSubType: input.ticketSubType,
    });
    if (input.fix) {
      const { fromTicketNumber, ...fix } = input.fix;
      const op: LaneOp = {
        op: 'add',
        section: 'fixes',
        source: 'similar',
        ...fix,
        ...(autotask && fromTicketNumber ? { fromTicketNumber } : {}),
      };
      s = { ...applyLaneOp(s, op, { newId: newId(), now }), rev: 1 };
    }
    const rec = toRecord(s, undefined, scope);
    await db().sessions.add(rec);
    return view(rec, idle);
  });
}

export type SessionChange =
  | { kind: 'lane'; op: LaneOp }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'touch' }
  | { kind: 'resolve'; rootCause: string; resolution: string }
  | { kind: 'escalate'; reason: string; escalateTo?: string }
  | { kind: 'abandon' }
  | { kind: 'away'; awayId: string; answer: AwayAnswer };

function apply(s: Session, c: SessionChange, now: number): Session {
  switch (c.kind) {
    case 'lane':
      return applyLaneOp(s, c.op, { newId: newId(), now });
    case 'pause':
      return pause(s, now);
    case 'resume':
      return resume(s, now);
    case 'touch':
      return touch(s, now);
    case 'resolve':
      return resolve(s, c, now);
    case 'escalate':
      return escalate(s, c, now);
    case 'abandon':
      return abandon(s, now);
    case 'away':
      return answerAwayStretch(s, c.awayId, c.answer, now);
  }
}

/** Applies one change and saves it at once. `changed` is false when nothing needed saving. */
export async function changeSession(
  sessionId: string,
  change: SessionChange,
  now = Date.now(),
): Promise<SessionView & { changed: boolean }> {
  const [idle, { scope, autotask }] = await Promise.all([idleMs(), connectionNow()]);
  const { includeDiagnosticSteps } = await getSettings();
  return db().transaction('rw', db().sessions, async () => {
    const rec = await db().sessions.get(sessionId);
    if (!rec) throw new SessionRuleError('That session no longer exists. Reload the page.');
    if (!inScope(rec, scope))
      throw new SessionRuleError('That session belongs to another ConnectWise connection. Reload the page.');
    const before = rec.data as Session;
    if (!isOpen(before)) {
      throw new SessionRuleError(`The session is ${before.state}; it can't be changed any more.`);
    }
    const after = apply(before, autotask ? change : withoutTicketNumbers(change), now);
    if (after === before) return { ...view(rec, idle), changed: false };
    const next: Session = { ...after, rev: before.rev + 1, updatedAt: now };
    const doc = buildSessionDoc(next, { includeDiagnosticSteps });
    const out = toRecord(next, doc, rec.scope);
    await db().sessions.put(out);
    return { ...view(out, idle), changed: true };
  });
}

/** Closed sessions, newest first (history; abandoned ones included, they post nothing). */
export async function listSessions(limit = 50): Promise<SessionRecord[]> {
  return db().sessions.orderBy('updatedAt').reverse().limit(limit).toArray();
}

/**
 * Applies a time-only change (away stretches from the machine's idle state) to every open session it
 * concerns, in one transaction. Returns the sessions that changed, for the broadcast.
 */
export async function updateOpenSessions(fn: (s: Session) => Session, now = Date.now()): Promise<Session[]> {
  const { includeDiagnosticSteps } = await getSettings();
  return db().transaction('rw', db().sessions, async () => {
    const open = await db().sessions.where('state').anyOf('active', 'paused').toArray();
    const changed: Session[] = [];
    for (const rec of open) {
      const before = rec.data as Session;
      const after = fn(before);
      if (after === before) continue;
      const next: Session = { ...after, rev: before.rev + 1, updatedAt: now };
      await db().sessions.put(toRecord(next, buildSessionDoc(next, { includeDiagnosticSteps }), rec.scope));
      changed.push(next);
    }
    return changed;
  });
}
