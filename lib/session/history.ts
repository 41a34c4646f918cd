// Session history: one ticket's earlier sessions (panel) and every session in this browser (options,
// Sessions tab), read one page at a time through an index like Post History, plus CSV/JSON export.

import Dexie from 'dexie';
import { inScope, type Scope } from '../connection/scope';
import { csvCell } from '../csv/cell';
import type { FlowPilotDb, SessionRecord } from '../db/schema';
import { parseTicketKey } from '../ticket/types';
import { stretchActiveMs } from './away';
import { activeMsAt, type Session, type SessionState, spansOf } from './model';

export interface SessionSummary {
  id: string;
  ticketKey: string;
  ticketId: number;
  /** Autotask's ticket number (T20261129.0004) when the session kept it; name it with ticketNo(). */
  ticketNumber?: string;
  ticketSummary: string;
  company?: string;
  state: SessionState;
  startedAt: number;
  endedAt?: number;
  activeMs: number;
  technician?: string;
  /** The resolution, the escalation reason, or nothing (open, abandoned). */
  outcome?: string;
  /** The generated documentation (resolved/escalated). */
  documentation?: string;
  /** Away time inside the session, by answer (ms of active time). */
  away: { keptMs: number; droppedMs: number; unansweredMs: number };
}

export function toSummary(rec: SessionRecord, now: number): SessionSummary {
  const s = rec.data as Session;
  const end = s.endedAt ?? now;
  const away = { keptMs: 0, droppedMs: 0, unansweredMs: 0 };
  for (const a of s.away ?? []) {
    const ms = stretchActiveMs(spansOf(s), a, end);
    if (a.answer === 'keep') away.keptMs += ms;
    else if (a.answer === 'drop') away.droppedMs += ms;
    else away.unansweredMs += ms;
  }
  const out: SessionSummary = {
    id: s.id,
    ticketKey: s.ticketKey,
    ticketId: parseTicketKey(s.ticketKey)?.id ?? 0,
    ticketSummary: s.ticketSummary,
    state: s.state,
    startedAt: s.startedAt,
    activeMs: activeMsAt(s, end),
    away,
  };
  if (s.ticketNumber) out.ticketNumber = s.ticketNumber;
  if (s.company?.name) out.company = s.company.name;
  if (s.endedAt !== undefined) out.endedAt = s.endedAt;
  if (s.technician?.name) out.technician = s.technician.name;
  if (s.outcome?.kind === 'resolved') out.outcome = s.outcome.resolution;
  if (s.outcome?.kind === 'escalated') out.outcome = s.outcome.reason;
  if (rec.doc?.internalText) out.documentation = rec.doc.internalText;
  return out;
}

const CLOSED: SessionState[] = ['resolved', 'escalated', 'abandoned'];

/** The ticket's earlier (closed) sessions, newest first. A ticket has few: read through its index, then sort. */
export async function ticketSessions(
  database: FlowPilotDb,
  /** The connected tenant's: ticket #1001 of another CW is another ticket (issue 10 §3). */
  scope: Scope | undefined,
  ticketKey: string,
  offset: number,
  limit: number,
  now = Date.now(),
): Promise<{ items: SessionSummary[]; hasMore: boolean }> {
  const recs = await database.sessions
    .where('[ticketKey+state]')
    .anyOf(CLOSED.map((st) => [ticketKey, st]))
    .toArray();
  const page = recs
    .filter((r) => inScope(r, scope))
    .sort((a, b) => (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt))
    .slice(offset, offset + limit + 1);
  return { items: page.slice(0, limit).map((r) => toSummary(r, now)), hasMore: page.length > limit };
}

export interface SessionFilter {
  state?: SessionState;
  ticketId?: number;
  /** The ticket's number where it is not the id (Autotask's T20261129.0004), in any case. */
  ticketNumber?: string;
  /** Part of the company name, any case. */
  company?: string;
  /** Inclusive epoch-ms bounds on the session's start. */
  from?: number;
  to?: number;
}

/**
 * Newest first. Ticket (id or number), else state, else start time picks the index; the company is a
 * filter on top.
 */
export async function listSessionsPage(
  database: FlowPilotDb,
  /** Only the connected tenant's sessions are listed or exported (issue 10 §3). */
  scope: Scope | undefined,
  f: SessionFilter,
  offset: number,
  limit: number,
  now = Date.now(),
): Promise<{ items: SessionSummary[]; hasMore: boolean }> {
  const lo = f.from ?? Dexie.minKey;
  const hi = f.to ?? Dexie.maxKey;
  const company = f.company?.trim().toLowerCase();
  const matches = (r: SessionRecord) => {
    if (!inScope(r, scope)) return false;
    const s = r.data as Session;
    if (company && !s.company?.name?.toLowerCase().includes(company)) return false;
    if (f.state && r.state !== f.state) return false;
    const at = r.startedAt ?? r.createdAt;
    return (f.from === undefined || at >= f.from) && (f.to === undefined || at <= f.to);
  };
  let rows: SessionRecord[];
  if (f.ticketId !== undefined || f.ticketNumber) {
    // One ticket has few sessions: read them all through its index, then sort.
    const all = await (f.ticketId !== undefined
      ? database.sessions.where('ticketKey').anyOf(`service:${f.ticketId}`, `project:${f.ticketId}`)
      : // Kept upper case as Autotask writes it (startSession): "t2026…" as typed finds it too.
        database.sessions.where('ticketNumber').equals(f.ticketNumber!.trim().toUpperCase())
    ).toArray();
    rows = all
      .filter(matches)
      .sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))
      .slice(offset, offset + limit + 1);
  } else {
    const byIndex = f.state
      ? database.sessions.where('[state+startedAt]').between([f.state, lo], [f.state, hi], true, true)
      : database.sessions.where('startedAt').between(lo, hi, true, true);
    const ordered = byIndex.reverse();
    rows = await ordered
      .filter(matches)
      .offset(offset)
      .limit(limit + 1)
      .toArray();
  }
  return { items: rows.slice(0, limit).map((r) => toSummary(r, now)), hasMore: rows.length > limit };
}

const minutes = (ms: number) => Math.round(ms / 60_000);
const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

const CSV_COLUMNS = [
  'startedAt',
  'endedAt',
  'ticketId',
  'ticketSummary',
  'company',
  'state',
  'technician',
  'activeMinutes',
  'awayKeptMinutes',
  'awayDroppedMinutes',
  'awayUnansweredMinutes',
  'outcome',
  // Last, so the columns before it stay where spreadsheets built on earlier exports expect them.
  'ticketNumber',
];

export function sessionsToCsv(rows: readonly SessionSummary[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        iso(r.startedAt),
        iso(r.endedAt),
        r.ticketId,
        r.ticketSummary,
        r.company,
        r.state,
        r.technician,
        minutes(r.activeMs),
        minutes(r.away.keptMs),
        minutes(r.away.droppedMs),
        minutes(r.away.unansweredMs),
        r.outcome,
        r.ticketNumber,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Everything in the summary, dates as ISO text (assistant conversations are not exported). */
export function sessionsToJson(rows: readonly SessionSummary[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      ...r,
      startedAt: iso(r.startedAt),
      endedAt: r.endedAt === undefined ? undefined : iso(r.endedAt),
      activeMinutes: minutes(r.activeMs),
    })),
    null,
    2,
  );
}
