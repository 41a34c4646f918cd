// Plan items → ConnectWise requests, the read that finds items' references on the ticket (after an
// unknown outcome, and to confirm a create), and where a surplus copy is deleted. The only file in
// lib/posting that knows CW field names.

import { cond, type ListQuery } from '../cw/conditions';
import type { TicketRef } from '../ticket/types';
import type { PlanItem } from './plan';
import { refTag, withRef } from './reference';

export interface CwWrite {
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
}

export interface CwRefLookup {
  path: string;
  query: ListQuery;
  /** The field that carries the reference in each returned record. */
  textField: 'text' | 'notes';
}

const ticketPath = (t: TicketRef) => `${t.kind === 'project' ? 'project' : 'service'}/tickets/${t.id}`;

export function toCwWrite(ticket: TicketRef, item: PlanItem, ref: string): CwWrite {
  switch (item.kind) {
    case 'note':
      return {
        method: 'POST',
        path: `${ticketPath(ticket)}/notes`,
        body: {
          text: withRef(item.text, ref),
          internalAnalysisFlag: item.flags.internalAnalysis,
          resolutionFlag: item.flags.resolution,
          detailDescriptionFlag: item.flags.description,
          ...(item.memberId ? { member: { id: item.memberId } } : {}),
        },
      };
    case 'timeEntry': {
      const add = item.addToNote;
      return {
        method: 'POST',
        path: 'time/entries',
        body: {
          // CW wants the type of record the time is charged to; project issues are their own (ES).
          chargeToType:
            ticket.kind === 'project'
              ? item.projectIssue
                ? 'ProjectIssue'
                : 'ProjectTicket'
              : 'ServiceTicket',
          chargeToId: ticket.id,
          timeStart: item.start,
          timeEnd: item.end,
          ...(item.memberId ? { member: { id: item.memberId } } : {}),
          ...(item.workTypeId ? { workType: { id: item.workTypeId } } : {}),
          ...(item.workRoleId ? { workRole: { id: item.workRoleId } } : {}),
          billableOption: item.billableOption,
          notes: withRef(item.notes, ref),
          // Explicit false: CW's UI defaults "Discussion" on, and the note text must not appear twice.
          addToDetailDescriptionFlag: add?.description ?? false,
          addToInternalAnalysisFlag: add?.internalAnalysis ?? false,
          addToResolutionFlag: add?.resolution ?? false,
        },
      };
    }
    case 'status':
      return {
        method: 'PATCH',
        path: ticketPath(ticket),
        body: [{ op: 'replace', path: 'status', value: { id: item.statusId } }],
      };
  }
}

/** Refs per lookup: the conditions string stays short, one GET still settles a whole post's checks. */
export const REFS_PER_LOOKUP = 10;

/**
 * How to find created records by their refs (one or several of the same kind on one ticket);
 * undefined for status changes (a PATCH can simply be resent). Callers match each returned record's
 * text with hasRef(): `contains` is only the server-side prefilter.
 */
export function refLookup(
  ticket: TicketRef,
  kind: PlanItem['kind'],
  refs: readonly string[],
): CwRefLookup | undefined {
  const anyRef = (field: string) => cond.or(...refs.map((r) => cond.contains(field, refTag(r))));
  // Room for a few copies of each (a resent write), still one page.
  const pageSize = Math.min(1000, Math.max(25, refs.length * 5));
  switch (kind) {
    case 'note':
      return {
        path: `${ticketPath(ticket)}/notes`,
        query: { conditions: anyRef('text'), fields: ['id', 'text'], pageSize, orderBy: 'id asc' },
        textField: 'text',
      };
    case 'timeEntry':
      return {
        path: 'time/entries',
        query: {
          conditions: cond.and(cond.eq('chargeToId', ticket.id), anyRef('notes')),
          fields: ['id', 'notes'],
          pageSize,
          orderBy: 'id asc',
        },
        textField: 'notes',
      };
    case 'status':
      return undefined;
  }
}

/** The smallest read of the ticket: its answer's Date header is CW's clock. */
export function ticketRead(ticket: TicketRef): { path: string; query: ListQuery } {
  return { path: ticketPath(ticket), query: { fields: ['id'] } };
}

/** Where a surplus copy of a created note or time entry is deleted. */
export function deleteFor(ticket: TicketRef, kind: 'note' | 'timeEntry', id: number): string {
  return kind === 'note' ? `${ticketPath(ticket)}/notes/${id}` : `time/entries/${id}`;
}
