import { cond } from '../cw/conditions';
import type { Request } from '../ticket/queries';
import type { TicketRef } from '../ticket/types';
import type { QueryProfile } from './rank';
import { searchTerm } from './words';

// The CW requests behind "Similar resolved tickets": one ticket search, then one Resolution-note read per
// shown ticket, all trimmed with `fields=`. Values go through lib/cw/conditions.ts, which quotes and
// escapes them, so a summary with quotes or brackets can never change the query's shape.

/** Newest closed tickets that pass the relevance rule; ranking happens on these (lib/similar/rank.ts). */
export const SIMILAR_CANDIDATES = 100;
const MAX_STRONG = 4;
const MAX_WEAK = 5;

export const SIMILAR_TICKET_FIELDS = [
  'id',
  'summary',
  'company/id',
  'company/name',
  'type/name',
  'subType/name',
  'status/name',
  'closedFlag',
  'closedDate',
  'closedBy',
  'owner/name',
  '_info/lastUpdated',
];

const RESOLUTION_NOTE_FIELDS = ['id', 'text', 'member/name', 'createdBy', 'dateCreated'];

/**
 * The relevance rule (rank.ts RELEVANT_SCORE) as search terms, for any PSA's text filter: any one of
 * the groups must be in the title/summary, every term of a group together — any strong word alone, or
 * any two ordinary words together (one, when the summary has only one). A PSA cannot score, so this
 * narrows the candidates to the ones that can pass; the newest of them are ranked here. Empty when the
 * summary names nothing to match.
 */
export function relevanceGroups(profile: QueryProfile): string[][] {
  const strong = profile.searchWords.filter((w) => w.strong).slice(0, MAX_STRONG);
  const weak = profile.searchWords.filter((w) => !w.strong).slice(0, MAX_WEAK);
  const groups = strong.map((w) => [searchTerm(w)]);
  if (profile.threshold < 2 && weak.length === 1) groups.push([searchTerm(weak[0]!)]);
  for (let i = 0; i < weak.length; i++) {
    for (let j = i + 1; j < weak.length; j++) groups.push([searchTerm(weak[i]!), searchTerm(weak[j]!)]);
  }
  return groups;
}

/** The relevance rule as CW conditions on `summary`. */
export function relevanceCondition(profile: QueryProfile): string | undefined {
  const has = (term: string) => cond.contains('summary', term);
  const parts = relevanceGroups(profile).map((g) => (g.length === 1 ? has(g[0]!) : cond.and(...g.map(has))));
  return parts.length ? cond.or(...parts) : undefined;
}

/**
 * One search over closed or resolved service tickets (closedFlag, or a status named "Resolved" that a
 * board does not mark closed), this ticket excluded. Undefined when the summary names nothing to match.
 */
export function similarSearchRequest(profile: QueryProfile, self: TicketRef): Request | undefined {
  const relevant = relevanceCondition(profile);
  if (!relevant) return undefined;
  return {
    path: 'service/tickets',
    query: {
      conditions: cond.and(
        cond.or(cond.eq('closedFlag', true), cond.contains('status/name', 'Resolved')),
        self.kind === 'service' ? cond.ne('id', self.id) : undefined,
        relevant,
      ),
      orderBy: 'id desc',
      pageSize: SIMILAR_CANDIDATES,
      fields: SIMILAR_TICKET_FIELDS,
    },
  };
}

/** The ticket's latest Resolution note ("What fixed it"). */
export function resolutionNoteRequest(ticketId: number): Request {
  return {
    path: `service/tickets/${ticketId}/notes`,
    query: {
      conditions: cond.eq('resolutionFlag', true),
      orderBy: 'id desc',
      pageSize: 1,
      fields: RESOLUTION_NOTE_FIELDS,
    },
  };
}
