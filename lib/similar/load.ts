import type { CwClient } from '../cw/client';
import { CwError } from '../cw/errors';
import { clipText } from '../session/artifacts';
import type { Session } from '../session/model';
import { ticketWebUrl } from '../ticket/cw-map';
import { parseTicketKey, type TicketContext, ticketKey } from '../ticket/types';
import { resolutionNoteRequest, similarSearchRequest } from './query';
import { type Candidate, queryProfile, rankSimilar, type SimilarQuery, type Tier } from './rank';

// "Similar resolved tickets" for one linked ticket: at most one CW ticket search plus one batch of
// parallel Resolution-note reads for the rows shown (≤ 1 + 5 requests), merged with FlowPilot's own
// resolved sessions in this browser. CW failing is not an error here: the result says why the CW part is
// missing, in words for the technician, and still lists the sessions.

export const SIMILAR_TIMEOUT_MS = 10_000;
const RESOLUTION_CHARS = 4_000;

export interface SimilarTicket {
  source: 'cw' | 'autotask' | 'flowpilot';
  ticketId: number;
  /** The PSA's ticket number when it is not the id (Autotask's T20261129.0004). */
  number?: string;
  summary: string;
  company?: string;
  /** When it was closed/resolved (ISO). */
  closedAt?: string;
  resolvedBy?: string;
  /** The Resolution note (CW), the resolution or latest resolution-type note (Autotask), or the session's resolution (FlowPilot). */
  resolution?: string;
  /** PSA rows: no Resolution note / resolution on the ticket, or it could not be read. */
  resolutionMissing?: 'none' | 'unreadable';
  webUrl: string;
  /** The words it shares with the linked ticket. */
  shared: string[];
  tier: Tier;
}

export type SimilarProblemKind = 'forbidden' | 'slow' | 'unavailable' | 'failed';

export interface SimilarResult {
  ticketKey: string;
  items: SimilarTicket[];
  /** Requests sent to CW for this answer. */
  requests: number;
  /** Why CW's tickets are missing; FlowPilot's own sessions are still listed. */
  problem?: { kind: SimilarProblemKind; message: string };
  fetchedAt: number;
}

interface CwRow {
  id: number;
  summary?: string;
  company?: { id?: number; name?: string };
  type?: { name?: string };
  subType?: { name?: string };
  status?: { name?: string };
  closedDate?: string;
  closedBy?: string;
  owner?: { name?: string };
  _info?: { lastUpdated?: string };
}

interface CwNoteRow {
  id: number;
  text?: string;
  member?: { name?: string };
  createdBy?: string;
  dateCreated?: string;
}

type Row = Candidate &
  (
    | { source: 'cw'; row: CwRow }
    // number: the Autotask number the session kept (none on ConnectWise).
    | { source: 'flowpilot'; number?: string; resolvedBy?: string; resolution?: string }
  );

export function problemFor(e: unknown): { kind: SimilarProblemKind; message: string } {
  const kind = e instanceof CwError ? e.kind : undefined;
  if (kind === 'forbidden')
    return {
      kind: 'forbidden',
      message:
        'The API member is not allowed to read closed tickets in ConnectWise, so similar tickets from ConnectWise can’t be shown. An administrator can allow it in the member’s security role (Service Desk › Service Tickets).',
    };
  if (kind === 'timeout')
    return {
      kind: 'slow',
      message: 'ConnectWise is answering slowly; similar tickets are not shown. Refresh to try again.',
    };
  if (kind === 'network' || kind === 'server' || kind === 'throttled' || kind === 'notJson')
    return {
      kind: 'unavailable',
      message: 'ConnectWise can’t be reached right now; similar tickets are not shown. Refresh to try again.',
    };
  return {
    kind: 'failed',
    message: `Similar tickets could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
  };
}

/** FlowPilot's resolved sessions as candidates (other tickets only). */
export function sessionCandidates(sessions: readonly Session[], self: string): Row[] {
  const out: Row[] = [];
  for (const s of sessions) {
    const ref = parseTicketKey(s.ticketKey);
    if (!ref || s.ticketKey === self || s.state !== 'resolved' || s.outcome?.kind !== 'resolved') continue;
    out.push({
      source: 'flowpilot',
      ticketId: ref.id,
      ...(s.ticketNumber ? { number: s.ticketNumber } : {}),
      summary: s.ticketSummary,
      companyId: s.company?.id,
      companyName: s.company?.name,
      type: s.ticketType,
      subType: s.ticketSubType,
      closedAt: s.endedAt ?? s.updatedAt,
      resolvedBy: s.technician?.name,
      resolution: s.outcome.resolution,
    });
  }
  return out;
}

const cwCandidate = (r: CwRow): Row => ({
  source: 'cw',
  ticketId: r.id,
  summary: r.summary ?? '',
  companyId: r.company?.id,
  companyName: r.company?.name,
  type: r.type?.name,
  subType: r.subType?.name,
  closedAt: r.closedDate ?? r._info?.lastUpdated,
  row: r,
});

export interface LoadSimilarOptions {
  client: CwClient;
  /** The linked ticket (the first context wave is enough). */
  context: TicketContext;
  /** Sessions in this browser; resolved ones of other tickets are merged in. */
  sessions: readonly Session[];
  webOrigin: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  now?: () => number;
}

export async function loadSimilar(opts: LoadSimilarOptions): Promise<SimilarResult> {
  const { client, context, signal } = opts;
  const timeoutMs = opts.timeoutMs ?? SIMILAR_TIMEOUT_MS;
  const key = ticketKey(context.ref);
  const query: SimilarQuery = {
    summary: context.summary,
    description: context.initialDescription,
    companyId: context.company?.id,
    type: context.type,
    subType: context.subType,
  };
  const profile = queryProfile(query);
  let requests = 0;
  let problem: SimilarResult['problem'];
  let cwRows: Row[] = [];
  const search = similarSearchRequest(profile, context.ref);
  if (search) {
    try {
      requests++;
      const rows = await client.get<CwRow[]>(search.path, search.query, { signal, timeoutMs });
      cwRows = (Array.isArray(rows) ? rows : []).map(cwCandidate);
    } catch (e) {
      if (e instanceof CwError && e.kind === 'cancelled') throw e;
      problem = problemFor(e);
    }
  }
  const ranked = rankSimilar(
    query,
    [...cwRows, ...sessionCandidates(opts.sessions, key)],
    undefined,
    profile,
  );

  // One batch of parallel reads: the Resolution note of each CW ticket shown.
  const notes = await Promise.all(
    ranked.map(async ({ candidate: c }) => {
      if (c.source !== 'cw') return undefined;
      requests++;
      const r = resolutionNoteRequest(c.ticketId);
      try {
        const rows = await client.get<CwNoteRow[]>(r.path, r.query, { signal, timeoutMs });
        return { note: Array.isArray(rows) ? rows[0] : undefined };
      } catch (e) {
        if (e instanceof CwError && e.kind === 'cancelled') throw e;
        return { failed: true as const };
      }
    }),
  );

  const items = ranked.map(({ candidate: c, tier, shared }, i): SimilarTicket => {
    const item: SimilarTicket = {
      source: c.source,
      ticketId: c.ticketId,
      summary: c.summary,
      webUrl: ticketWebUrl(opts.webOrigin, { kind: 'service', id: c.ticketId }),
      shared,
      tier,
    };
    if (c.companyName) item.company = c.companyName;
    if (c.closedAt !== undefined) item.closedAt = new Date(c.closedAt).toISOString();
    if (c.source === 'flowpilot') {
      if (c.number) item.number = c.number;
      if (c.resolvedBy) item.resolvedBy = c.resolvedBy;
      if (c.resolution) item.resolution = clipText(c.resolution, RESOLUTION_CHARS);
      return item;
    }
    const read = notes[i];
    const note = read && 'note' in read ? read.note : undefined;
    const by = note?.member?.name ?? note?.createdBy ?? c.row.closedBy ?? c.row.owner?.name;
    if (by) item.resolvedBy = by;
    if (note?.text?.trim()) item.resolution = clipText(note.text.trim(), RESOLUTION_CHARS);
    else item.resolutionMissing = read && 'failed' in read ? 'unreadable' : 'none';
    return item;
  });

  const result: SimilarResult = { ticketKey: key, items, requests, fetchedAt: (opts.now ?? Date.now)() };
  if (problem) result.problem = problem;
  return result;
}
