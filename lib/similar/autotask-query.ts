import { type AtQuery, f } from '../autotask/query';
import type { TicketRef } from '../ticket/types';
import { relevanceGroups } from './query';
import type { QueryProfile } from './rank';

// The Autotask requests behind "Similar resolved tickets" (docs/reference/autotask-api.md §3–§5): one
// Tickets query for Complete (status 5) tickets whose title can pass the relevance rule, with their
// `resolution`; then, only for shown tickets without one, one TicketNotes query for their latest note of
// the type the admin chose for resolution notes. Values travel as JSON through lib/autotask/query.ts,
// so nothing in a title can change a query's shape.

/**
 * Candidates asked for. Autotask has no server-side sort (results come back id ascending, PAUL), so
 * "newest" is a completion window plus sorting here; the 10,000 requests/hour are shared by every
 * integration, so it is one query with a small page whatever the ticket.
 */
export const AT_SIMILAR_CANDIDATES = 50;
/** Completed within this many days (a window keeps the page recent when many tickets match). */
export const AT_SIMILAR_WINDOW_DAYS = 365;
/** Status 5 = Complete: the one status value every tenant shares (the fact sheet, §5). */
export const AT_COMPLETE_STATUS = 5;

export const AT_SIMILAR_FIELDS = [
  'id',
  'ticketNumber',
  'title',
  'companyID',
  'completedDate',
  'lastActivityDate',
  'resolution',
];

const DAY_MS = 86_400_000;
const isoZ = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The relevance rule (lib/similar/query.ts relevanceGroups) as an Autotask filter on `title`. */
export function autotaskRelevanceFilter(profile: QueryProfile) {
  const groups = relevanceGroups(profile).map((g) => f.and(...g.map((t) => f.contains('title', t))));
  if (groups.length === 0) return undefined;
  return groups.length === 1 ? groups[0]! : f.or(...groups);
}

/**
 * Complete tickets, this one excluded, completed in the window, whose title can pass the relevance
 * rule. Undefined when the title names nothing to match (no request at all).
 */
export function autotaskSimilarQuery(
  profile: QueryProfile,
  self: TicketRef,
  now: number,
): AtQuery | undefined {
  const relevant = autotaskRelevanceFilter(profile);
  if (!relevant) return undefined;
  return {
    filter: [
      f.eq('status', AT_COMPLETE_STATUS),
      f.noteq('id', self.id),
      f.gte('completedDate', isoZ(now - AT_SIMILAR_WINDOW_DAYS * DAY_MS)),
      relevant,
    ],
    includeFields: AT_SIMILAR_FIELDS,
    maxRecords: AT_SIMILAR_CANDIDATES,
  };
}

/**
 * The notes of the admin's resolution note type on these tickets (Autotask has no resolution flag on
 * notes; the FlowPilot tab's "note type for Resolution notes" is what FlowPilot itself posts them as).
 */
export function resolutionNotesQuery(ticketIds: readonly number[], noteType: number): AtQuery {
  return {
    filter: [f.in('ticketID', ticketIds), f.eq('noteType', noteType)],
    includeFields: ['id', 'ticketID', 'title', 'description', 'createDateTime', 'creatorResourceID'],
    maxRecords: 100,
  };
}
