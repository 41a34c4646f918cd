// Plan items → ConnectWise requests, and the read that finds an item's reference on the ticket after
// an unknown outcome. The only file in lib/posting that knows CW field names.

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
          chargeToType: ticket.kind === 'project' ? 'ProjectTicket' : 'ServiceTicket',
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

/** How to find a created record by its ref; undefined for status changes (a PATCH can simply be resent). */
export function refLookup(ticket: TicketRef, item: PlanItem, ref: string): CwRefLookup | undefined {
  switch (item.kind) {
    case 'note':
      return {
        path: `${ticketPath(ticket)}/notes`,
        query: { conditions: cond.contains('text', refTag(ref)), fields: ['id', 'text'], pageSize: 25 },
        textField: 'text',
      };
    case 'timeEntry':
      return {
        path: 'time/entries',
        query: {
          conditions: cond.and(cond.eq('chargeToId', ticket.id), cond.contains('notes', refTag(ref))),
          fields: ['id', 'notes'],
          pageSize: 25,
        },
        textField: 'notes',
      };
    case 'status':
      return undefined;
  }
}
