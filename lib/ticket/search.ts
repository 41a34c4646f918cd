import type { CwClient } from '../cw/client';
import { cond, type ListQuery } from '../cw/conditions';
import { parseSearchInput, SEARCH_PAGE_SIZE, type SearchInput } from './search-input';
import type { TicketKind, TicketRef } from './types';

// Link Ticket search: a number (with or without #) looks that ticket up; words search summaries with
// `contains` (CW's `like` wildcards are unreliable, cw-api.md §3.3), open tickets first, newest first.

export { MIN_SEARCH_CHARS, parseSearchInput, SEARCH_PAGE_SIZE, type SearchInput } from './search-input';

export const SEARCH_FIELDS = [
  'id',
  'summary',
  'company/name',
  'board/name',
  'status/name',
  'priority/name',
  'closedFlag',
] as const;

export interface SearchRequest {
  kind: TicketKind;
  path: string;
  query: ListQuery;
}

/** The requests for one input, in the order they are tried (the next only when the previous found none). */
export function buildSearchRequests(input: SearchInput): SearchRequest[] {
  const fields = [...SEARCH_FIELDS];
  if (input.kind === 'number') {
    const query = { conditions: cond.eq('id', input.id), fields, pageSize: 1 };
    return [
      { kind: 'service', path: 'service/tickets', query },
      { kind: 'project', path: 'project/tickets', query },
    ];
  }
  if (input.kind === 'words') {
    return [
      {
        kind: 'service',
        path: 'service/tickets',
        query: {
          conditions: cond.and(...input.words.map((w) => cond.contains('summary', w))),
          orderBy: 'closedFlag asc,id desc',
          fields,
          pageSize: SEARCH_PAGE_SIZE,
        },
      },
    ];
  }
  return [];
}

export interface TicketSearchResult {
  ref: TicketRef;
  /** The PSA's ticket number when it is not the id (Autotask). */
  number?: string;
  summary: string;
  company?: string;
  board?: string;
  status?: string;
  priority?: string;
  closed: boolean;
}

interface CwListTicket {
  id: number;
  summary?: string;
  company?: { name?: string };
  board?: { name?: string };
  status?: { name?: string };
  priority?: { name?: string };
  closedFlag?: boolean;
}

export function toSearchResult(kind: TicketKind, t: CwListTicket): TicketSearchResult {
  return {
    ref: { kind, id: t.id },
    summary: t.summary ?? '',
    company: t.company?.name,
    board: t.board?.name,
    status: t.status?.name,
    priority: t.priority?.name,
    closed: t.closedFlag === true,
  };
}

export async function searchTickets(
  client: CwClient,
  text: string,
  signal?: AbortSignal,
): Promise<TicketSearchResult[]> {
  for (const req of buildSearchRequests(parseSearchInput(text))) {
    const rows = await client.get<CwListTicket[]>(req.path, req.query, { signal });
    if (Array.isArray(rows) && rows.length) return rows.map((r) => toSearchResult(req.kind, r));
  }
  return [];
}
