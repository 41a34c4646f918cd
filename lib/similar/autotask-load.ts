import type { AtResolvedTicket } from '../autotask/map';
import { isPsaFailure } from '../psa/types';
import { clipText } from '../session/artifacts';
import type { Session } from '../session/model';
import { type TicketContext, ticketKey } from '../ticket/types';
import { autotaskSimilarQuery, resolutionNotesQuery } from './autotask-query';
import type { SimilarProblemKind, SimilarResult, SimilarTicket } from './load';
import { sessionCandidates } from './load';
import { type Candidate, queryProfile, rankSimilar, type SimilarQuery } from './rank';

// "Similar resolved tickets" on Autotask: the same result shape and ranking as ConnectWise's
// (lib/similar/load.ts, rank.ts), read through the Autotask connector. At most three requests per
// answer (cached 10 minutes by lib/similar/service.ts): the Complete tickets (one query, small page);
// the shown tickets' latest resolution-type notes, only for those whose `resolution` is empty and only
// when the admin chose a note type for resolution notes; their company names, only for companies other
// than this ticket's. Autotask failing is not an error here: the result says why, in words, and still
// lists FlowPilot's own resolved sessions.

const RESOLUTION_CHARS = 4_000;

/** What the loader needs from the Autotask connector (lib/autotask/psa.ts AutotaskPsa). */
export interface AutotaskSimilarSource {
  resolvedTickets: (
    query: NonNullable<ReturnType<typeof autotaskSimilarQuery>>,
    signal?: AbortSignal,
  ) => Promise<AtResolvedTicket[]>;
  resolutionNoteType(): number | undefined;
  notes(
    query: ReturnType<typeof resolutionNotesQuery>,
    signal?: AbortSignal,
  ): Promise<{ id: number; ticketID?: number; description?: string | null }[]>;
  companyNames(ids: readonly number[], signal?: AbortSignal): Promise<Map<number, string>>;
  ticketPage(id: number, signal?: AbortSignal): Promise<string>;
}

type Row = Candidate &
  (
    | { source: 'autotask'; number?: string; resolution?: string }
    | { source: 'flowpilot'; number?: string; resolvedBy?: string; resolution?: string }
  );

export function autotaskProblemFor(e: unknown): { kind: SimilarProblemKind; message: string } {
  const kind = isPsaFailure(e) ? e.kind : undefined;
  if (kind === 'forbidden')
    return {
      kind: 'forbidden',
      message:
        'The API user’s security level does not let it read completed tickets in Autotask, so similar tickets from Autotask can’t be shown. An administrator can allow it in that security level.',
    };
  if (kind === 'timeout')
    return {
      kind: 'slow',
      message: 'Autotask is answering slowly; similar tickets are not shown. Refresh to try again.',
    };
  if (kind === 'network' || kind === 'server' || kind === 'throttled' || kind === 'notJson')
    return {
      kind: 'unavailable',
      message: 'Autotask can’t be reached right now; similar tickets are not shown. Refresh to try again.',
    };
  return {
    kind: 'failed',
    message: `Similar tickets could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
  };
}

const isCancel = (e: unknown) => isPsaFailure(e) && e.kind === 'cancelled';

export interface LoadSimilarAutotaskOptions {
  source: AutotaskSimilarSource;
  /** The linked ticket (the first context wave is enough). */
  context: TicketContext;
  /** FlowPilot's sessions on this connection; resolved ones of other tickets are merged in. */
  sessions: readonly Session[];
  signal?: AbortSignal;
  now?: () => number;
}

export async function loadSimilarAutotask(opts: LoadSimilarAutotaskOptions): Promise<SimilarResult> {
  const { source, context, signal } = opts;
  const now = (opts.now ?? Date.now)();
  const key = ticketKey(context.ref);
  // Ticket type is not compared on Autotask: its labels would cost a picklist read per answer.
  const query: SimilarQuery = {
    summary: context.summary,
    description: context.initialDescription,
    companyId: context.company?.id,
  };
  const profile = queryProfile(query);
  let requests = 0;
  let problem: SimilarResult['problem'];
  let atRows: Row[] = [];
  const search = autotaskSimilarQuery(profile, context.ref, now);
  if (search) {
    try {
      requests++;
      atRows = (await source.resolvedTickets(search, signal)).map(
        (t): Row => ({
          source: 'autotask',
          ticketId: t.id,
          summary: t.title ?? '',
          ...(t.ticketNumber ? { number: t.ticketNumber } : {}),
          ...(t.companyID != null ? { companyId: t.companyID } : {}),
          closedAt: t.completedDate ?? t.lastActivityDate ?? undefined,
          ...(t.resolution?.trim() ? { resolution: t.resolution.trim() } : {}),
        }),
      );
    } catch (e) {
      if (isCancel(e)) throw e;
      problem = autotaskProblemFor(e);
    }
  }
  const ranked = rankSimilar(
    query,
    [...atRows, ...(sessionCandidates(opts.sessions, key) as Row[])],
    undefined,
    profile,
  );
  const shown = ranked.map((r) => r.candidate);
  const fromAutotask = shown.filter((c) => c.source === 'autotask');

  // What fixed it, for tickets whose resolution field is empty: their latest resolution-type note.
  const noteType = source.resolutionNoteType();
  const withoutResolution = fromAutotask.filter((c) => !c.resolution).map((c) => c.ticketId);
  const notes = new Map<number, string>();
  let notesFailed = false;
  // Names for companies other than this ticket's (this one's name is known from the context).
  const otherCompanies = [
    ...new Set(
      fromAutotask
        .map((c) => c.companyId)
        .filter((id): id is number => id !== undefined && id !== context.company?.id),
    ),
  ];
  const companies = new Map<number, string>();
  if (context.company?.id !== undefined && context.company.name)
    companies.set(context.company.id, context.company.name);
  await Promise.all([
    (async () => {
      if (!withoutResolution.length || noteType === undefined) return;
      requests++;
      try {
        const rows = await source.notes(resolutionNotesQuery(withoutResolution, noteType), signal);
        // Newest first: the latest resolution note of each ticket wins.
        for (const n of [...rows].sort((a, b) => b.id - a.id)) {
          const text = n.description?.trim();
          if (n.ticketID !== undefined && text && !notes.has(n.ticketID)) notes.set(n.ticketID, text);
        }
      } catch (e) {
        if (isCancel(e)) throw e;
        notesFailed = true;
      }
    })(),
    (async () => {
      if (!otherCompanies.length) return;
      requests++;
      try {
        for (const [id, name] of await source.companyNames(otherCompanies, signal)) companies.set(id, name);
      } catch (e) {
        if (isCancel(e)) throw e;
        // Names are a nicety: the rows still show.
      }
    })(),
  ]);

  const items = await Promise.all(
    ranked.map(async ({ candidate: c, tier, shared }): Promise<SimilarTicket> => {
      const item: SimilarTicket = {
        source: c.source,
        ticketId: c.ticketId,
        summary: c.summary,
        // The zone's web URL is cached by the client: no request.
        webUrl: await source.ticketPage(c.ticketId, signal),
        shared,
        tier,
      };
      const company = c.companyId !== undefined ? companies.get(c.companyId) : undefined;
      if (company ?? c.companyName) item.company = (company ?? c.companyName)!;
      if (c.closedAt !== undefined) item.closedAt = new Date(c.closedAt).toISOString();
      if (c.number) item.number = c.number;
      if (c.source === 'flowpilot') {
        if (c.resolvedBy) item.resolvedBy = c.resolvedBy;
        if (c.resolution) item.resolution = clipText(c.resolution, RESOLUTION_CHARS);
        return item;
      }
      const fix = c.resolution ?? notes.get(c.ticketId);
      if (fix) item.resolution = clipText(fix, RESOLUTION_CHARS);
      else item.resolutionMissing = notesFailed ? 'unreadable' : 'none';
      return item;
    }),
  );

  const result: SimilarResult = { ticketKey: key, items, requests, fetchedAt: now };
  if (problem) result.problem = problem;
  return result;
}
