// The FlowPilot session as pure data + pure transitions. The background owns storage and clocks; it
// passes `now` and new ids in, so every rule here is deterministic and unit-tested.

import {
  type AwayAnswer,
  type AwayCause,
  type AwayStretch,
  addAway,
  answerAway,
  closeAway,
  openAway,
  type Span,
  uncountedMs,
} from './away';

export type SessionState = 'active' | 'paused' | 'resolved' | 'escalated' | 'abandoned';
/** The longest problem statement a session keeps (the message schema enforces it too). */
export const PROBLEM_MAX_CHARS = 4000;

export const OPEN_STATES: readonly SessionState[] = ['active', 'paused'];

export const LANE_SECTIONS = ['facts', 'questions', 'checks', 'fixes'] as const;
export type LaneSection = (typeof LANE_SECTIONS)[number];

/** Section titles as the panel and the documentation show them. */
export const SECTION_TITLES: Record<LaneSection, string> = {
  facts: 'What we know',
  questions: 'Questions',
  checks: 'Diagnostic checks',
  fixes: 'Suggested fix',
};

export const CHECK_RESULTS = ['pending', 'pass', 'fail'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export type ItemSource = 'manual' | 'playbook' | 'ai' | 'similar';

export interface LaneItem {
  id: string;
  text: string;
  /** Questions: the answer, once known. */
  answer?: string;
  /** Diagnostic checks: the outcome. */
  result?: CheckResult;
  /** Diagnostic checks: what was seen. */
  note?: string;
  done: boolean;
  source: ItemSource;
  /** "Use this fix" from a similar resolved ticket: that ticket's id ("from #N"). */
  fromTicket?: number;
  /** That ticket's Autotask number where it has one ("from T20261101.0007"; name it with ticketNo()). */
  fromTicketNumber?: string;
  createdAt: number;
  updatedAt: number;
}

export type Lane = Record<LaneSection, LaneItem[]>;

export type SessionOutcome =
  | { kind: 'resolved'; rootCause: string; resolution: string }
  | { kind: 'escalated'; reason: string; escalateTo?: string }
  | { kind: 'abandoned' };

export interface Session {
  id: string;
  ticketKey: string;
  /** Ticket summary when the session started (for history lists and documentation). */
  ticketSummary: string;
  /**
   * The ticket's number as its technicians know it, where it is not the id (Autotask's
   * T20261129.0004, upper case); absent on ConnectWise and when the panel did not know it yet. Name the
   * ticket with ticketNo() (lib/psa/words.ts).
   */
  ticketNumber?: string;
  problem: string;
  playbookId?: string;
  state: SessionState;
  lane: Lane;
  startedAt: number;
  endedAt?: number;
  /** Active time of finished active stretches; the running stretch is added by `activeMsAt`. */
  accumulatedMs: number;
  /** Start of the running active stretch (state 'active' only). */
  activeSince?: number;
  /** Active stretches (Start/Resume → Pause/close), to match away time against time that was running. */
  spans?: Span[];
  /** The machine was idle/locked or the browser closed while the session was open (lib/session/away.ts). */
  away?: AwayStretch[];
  /** Last thing the tech did in the panel. Time no longer pauses on it: the machine's idleness decides. */
  lastActivityAt: number;
  pausedAt?: number;
  /** 'idle' only on sessions saved before away time replaced the panel's idle auto-pause. */
  pauseReason?: 'manual' | 'idle';
  /** Who ran it: the technician signed in on this browser when it started. */
  technician?: { id?: string; name: string };
  /** The ticket's company and type when it started (session history, similar tickets). */
  company?: { id?: number; name?: string };
  ticketType?: string;
  ticketSubType?: string;
  outcome?: SessionOutcome;
  /** Bumped on every saved change, so a tab can ignore an older broadcast. */
  rev: number;
  updatedAt: number;
}

/** A refused change (illegal transition, unknown item, closed session): the message is for the user. */
export class SessionRuleError extends Error {
  readonly kind = 'sessionRule';
  constructor(message: string) {
    super(message);
    this.name = 'SessionRuleError';
  }
  toInfo() {
    return { kind: this.kind, message: this.message };
  }
}

export const isOpen = (s: Pick<Session, 'state'>) => s.state === 'active' || s.state === 'paused';

export function emptyLane(): Lane {
  return { facts: [], questions: [], checks: [], fixes: [] };
}

export interface NewItemInput {
  text: string;
  answer?: string;
  result?: CheckResult;
  note?: string;
  source?: ItemSource;
  fromTicket?: number;
  fromTicketNumber?: string;
}

export function makeItem(section: LaneSection, input: NewItemInput, id: string, now: number): LaneItem {
  const text = input.text.trim();
  if (!text) throw new SessionRuleError('An item needs some text.');
  const item: LaneItem = {
    id,
    text,
    done: false,
    source: input.source ?? 'manual',
    createdAt: now,
    updatedAt: now,
  };
  if (input.fromTicket !== undefined) item.fromTicket = input.fromTicket;
  const fromNumber = input.fromTicket !== undefined ? input.fromTicketNumber?.trim() : undefined;
  if (fromNumber) item.fromTicketNumber = fromNumber;
  if (section === 'questions' && input.answer?.trim()) item.answer = input.answer.trim();
  if (section === 'checks') {
    item.result = input.result ?? 'pending';
    if (input.note?.trim()) item.note = input.note.trim();
  }
  return item;
}

export function startSession(args: {
  id: string;
  ticketKey: string;
  ticketSummary: string;
  /** Autotask's ticket number (kept trimmed, upper case as Autotask writes it). */
  ticketNumber?: string;
  problem: string;
  now: number;
  lane?: Lane;
  playbookId?: string;
  technician?: Session['technician'];
  company?: Session['company'];
  ticketType?: string;
  ticketSubType?: string;
}): Session {
  const s: Session = {
    id: args.id,
    ticketKey: args.ticketKey,
    ticketSummary: args.ticketSummary,
    problem: args.problem.trim(),
    state: 'active',
    lane: args.lane ?? emptyLane(),
    startedAt: args.now,
    accumulatedMs: 0,
    activeSince: args.now,
    spans: [{ from: args.now }],
    lastActivityAt: args.now,
    rev: 1,
    updatedAt: args.now,
  };
  // Upper case as Autotask writes it: the Sessions tab's filter looks it up so (lib/session/history.ts).
  const number = args.ticketNumber?.trim().toUpperCase();
  if (number) s.ticketNumber = number;
  if (args.playbookId) s.playbookId = args.playbookId;
  if (args.technician) s.technician = args.technician;
  if (args.company && (args.company.id !== undefined || args.company.name)) s.company = args.company;
  if (args.ticketType) s.ticketType = args.ticketType;
  if (args.ticketSubType) s.ticketSubType = args.ticketSubType;
  return s;
}

// ---- time -------------------------------------------------------------------------------------

/** The active stretches, also for sessions saved before spans were recorded. */
export function spansOf(s: Session): Span[] {
  if (s.spans) return s.spans;
  return s.activeSince !== undefined ? [{ from: s.activeSince }] : [];
}

/** Running time at `now`, pauses excluded, away time included. */
function rawActiveMs(s: Session, now: number): number {
  if (s.state !== 'active' || s.activeSince === undefined) return s.accumulatedMs;
  return s.accumulatedMs + Math.max(0, now - s.activeSince);
}

/**
 * Active time at `now`: paused time is excluded, and so is time the machine was away unless the tech
 * answered "Keep this time" (an open away stretch stops the clock until the machine is active again).
 */
export function activeMsAt(s: Session, now: number): number {
  const end = s.endedAt !== undefined ? Math.min(now, s.endedAt) : now;
  return Math.max(0, rawActiveMs(s, end) - uncountedMs(spansOf(s), s.away ?? [], end));
}

function closeSpan(s: Session, now: number): Span[] {
  return spansOf(s).map((x) => (x.to === undefined ? { ...x, to: Math.max(x.from, now) } : x));
}

/** The machine went idle or locked at `from` (or the browser was closed): a stretch starts. */
export function markAway(s: Session, from: number, cause: AwayCause, id: string): Session {
  if (s.state !== 'active') return s;
  const away = openAway(s.away ?? [], from, cause, id);
  return away.length === (s.away ?? []).length ? s : { ...s, away };
}

/** FlowPilot was not running from `from` to `to` (browser closed, computer asleep) while the session ran. */
export function markNotRunning(s: Session, from: number, to: number, id: string): Session {
  if (s.state !== 'active') return s;
  const away = addAway(s.away ?? [], from, to, 'browser', id);
  return away.length === (s.away ?? []).length ? s : { ...s, away };
}

/** The machine is active again at `to`: the open stretch ends and waits for the tech's answer. */
export function markBack(s: Session, to: number): Session {
  if (!s.away?.some((a) => a.to === undefined)) return s;
  return { ...s, away: closeAway(s.away, to) };
}

/** "Keep this time" / "Drop it" for one stretch. */
export function answerAwayStretch(s: Session, id: string, answer: AwayAnswer, now: number): Session {
  if (!isOpen(s))
    throw new SessionRuleError(`The session is ${s.state}; its time can't be changed any more.`);
  const away = answerAway(s.away ?? [], id, answer, now);
  if (!away) throw new SessionRuleError('That away time is no longer waiting for an answer.');
  return { ...s, away };
}

// ---- lifecycle ----------------------------------------------------------------------------------

const ALLOWED: Record<SessionState, readonly SessionState[]> = {
  active: ['paused', 'resolved', 'escalated', 'abandoned'],
  paused: ['active', 'resolved', 'escalated', 'abandoned'],
  resolved: [],
  escalated: [],
  abandoned: [],
};

export function canTransition(from: SessionState, to: SessionState): boolean {
  return ALLOWED[from].includes(to);
}

const STATE_WORDS: Record<SessionState, string> = {
  active: 'active',
  paused: 'paused',
  resolved: 'resolved',
  escalated: 'escalated',
  abandoned: 'abandoned',
};

function assertTransition(s: Session, to: SessionState): void {
  if (!canTransition(s.state, to)) {
    throw new SessionRuleError(
      isOpen(s)
        ? `The session is already ${STATE_WORDS[s.state]}.`
        : `The session is ${STATE_WORDS[s.state]}; it can't be changed any more.`,
    );
  }
}

export function pause(s: Session, now: number): Session {
  assertTransition(s, 'paused');
  return {
    ...s,
    state: 'paused',
    accumulatedMs: rawActiveMs(s, now),
    activeSince: undefined,
    spans: closeSpan(s, now),
    pausedAt: now,
    pauseReason: 'manual',
  };
}

export function resume(s: Session, now: number): Session {
  assertTransition(s, 'active');
  const { pausedAt: _p, pauseReason: _r, ...rest } = s;
  return {
    ...rest,
    state: 'active',
    activeSince: now,
    spans: [...spansOf(s), { from: now }],
    lastActivityAt: now,
  };
}

function close(
  s: Session,
  to: 'resolved' | 'escalated' | 'abandoned',
  outcome: SessionOutcome,
  now: number,
): Session {
  assertTransition(s, to);
  const { activeSince: _a, pausedAt: _p, pauseReason: _r, ...rest } = s;
  const closed: Session = {
    ...rest,
    state: to,
    accumulatedMs: rawActiveMs(s, now),
    spans: closeSpan(s, now),
    endedAt: now,
    outcome,
  };
  // Still away when closing (another tab, a script): that stretch ends here, unanswered.
  if (s.away) closed.away = closeAway(s.away, now);
  return closed;
}

export function resolve(s: Session, input: { rootCause: string; resolution: string }, now: number): Session {
  const resolution = input.resolution.trim();
  if (!resolution) throw new SessionRuleError('Describe the resolution before resolving.');
  return close(s, 'resolved', { kind: 'resolved', rootCause: input.rootCause.trim(), resolution }, now);
}

export function escalate(s: Session, input: { reason: string; escalateTo?: string }, now: number): Session {
  const reason = input.reason.trim();
  if (!reason) throw new SessionRuleError('Say why the ticket is being escalated.');
  const escalateTo = input.escalateTo?.trim();
  return close(s, 'escalated', { kind: 'escalated', reason, ...(escalateTo ? { escalateTo } : {}) }, now);
}

export function abandon(s: Session, now: number): Session {
  return close(s, 'abandoned', { kind: 'abandoned' }, now);
}

// ---- lane edits ---------------------------------------------------------------------------------

export type LaneOp =
  | ({ op: 'add'; section: LaneSection } & NewItemInput)
  | {
      op: 'edit';
      id: string;
      patch: { text?: string; answer?: string; result?: CheckResult; note?: string; done?: boolean };
    }
  | { op: 'move'; id: string; delta: -1 | 1 }
  | { op: 'remove'; id: string }
  /** Undo of a removal: the item as it was, back at its index (nothing happens if it is already there). */
  | { op: 'restore'; section: LaneSection; index: number; item: LaneItem }
  | { op: 'problem'; text: string };

export function findItem(lane: Lane, id: string): { section: LaneSection; index: number } | undefined {
  for (const section of LANE_SECTIONS) {
    const index = lane[section].findIndex((i) => i.id === id);
    if (index >= 0) return { section, index };
  }
  return undefined;
}

/**
 * Applies one lane edit. A paused session stays paused: the tech resumes explicitly, so the timer never
 * restarts by surprise.
 */
export function applyLaneOp(s: Session, op: LaneOp, ctx: { newId: string; now: number }): Session {
  if (!isOpen(s))
    throw new SessionRuleError(`The session is ${s.state}; its lane can't be changed any more.`);
  const lane: Lane = { ...s.lane };
  let problem = s.problem;
  if (op.op === 'problem') {
    problem = op.text.trim();
  } else if (op.op === 'add') {
    lane[op.section] = [...lane[op.section], makeItem(op.section, op, ctx.newId, ctx.now)];
  } else if (op.op === 'restore') {
    if (findItem(lane, op.item.id)) return s;
    const items = [...lane[op.section]];
    items.splice(Math.max(0, Math.min(op.index, items.length)), 0, op.item);
    lane[op.section] = items;
  } else {
    const at = findItem(lane, op.id);
    if (!at) throw new SessionRuleError('That item is no longer in the lane.');
    const items = [...lane[at.section]];
    const item = items[at.index] as LaneItem;
    if (op.op === 'remove') {
      items.splice(at.index, 1);
    } else if (op.op === 'move') {
      const to = at.index + op.delta;
      if (to < 0 || to >= items.length) return s; // already at the edge: nothing to save
      items.splice(at.index, 1);
      items.splice(to, 0, item);
    } else {
      const next: LaneItem = { ...item, updatedAt: ctx.now };
      const p = op.patch;
      if (p.text !== undefined) {
        if (!p.text.trim()) throw new SessionRuleError('An item needs some text.');
        next.text = p.text.trim();
      }
      if (p.answer !== undefined) setOptional(next, 'answer', p.answer);
      if (p.note !== undefined) setOptional(next, 'note', p.note);
      if (p.result !== undefined) next.result = p.result;
      if (p.done !== undefined) next.done = p.done;
      items[at.index] = next;
    }
    lane[at.section] = items;
  }
  return { ...s, lane, problem, lastActivityAt: s.state === 'active' ? ctx.now : s.lastActivityAt };
}

function setOptional(item: LaneItem, key: 'answer' | 'note', value: string): void {
  const v = value.trim();
  if (v) item[key] = v;
  else delete item[key];
}

/** Records panel activity (lastActivityAt). Time does not depend on it: the machine's idleness does. */
export function touch(s: Session, now: number): Session {
  return s.state === 'active' ? { ...s, lastActivityAt: now } : s;
}

/** "1 h 05 min", "12 min", "45 s" — short and unambiguous in a note or the timer's label. */
export function formatDuration(ms: number): string {
  const totalSec = Math.max(0, Math.floor(ms / 1000));
  if (totalSec < 60) return `${totalSec} s`;
  const totalMin = Math.floor(totalSec / 60);
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

/** The running timer: "0:07:42". */
export function formatClock(ms: number): string {
  const totalSec = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const sec = totalSec % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}
