import { cond, type ListQuery } from '../cw/conditions';
import type { TicketRef } from './types';

// Every request the context loader sends, trimmed with `fields=` to what the panel and the assistant
// use. Service and project tickets live under different endpoints (cw-api.md §3.11).

export const NOTES_SHOWN = 5;
/** Attached configurations read per ticket (one page; CW's default page of 25 cut longer lists short). */
export const CONFIGURATIONS_MAX = 1000;
/** Configurations whose details are fetched (one `id in (…)` call; the URL stays well under 2,000 chars). */
export const CONFIGURATION_DETAILS_MAX = 100;

const TICKET_FIELDS = [
  'id',
  'summary',
  'board',
  'status',
  'priority',
  'type',
  'subType',
  'owner',
  'company',
  'contact',
  'contactName',
  'contactEmailAddress',
  'contactPhoneNumber',
  'closedFlag',
] as const;

const SERVICE_NOTE_FIELDS = [
  'id',
  'text',
  'detailDescriptionFlag',
  'internalAnalysisFlag',
  'resolutionFlag',
  'member/name',
  'contact/name',
  'createdBy',
  'dateCreated',
  '_info/dateEntered',
];
// Project notes (TicketNote) have no dateCreated/createdBy.
const PROJECT_NOTE_FIELDS = SERVICE_NOTE_FIELDS.filter((f) => f !== 'createdBy' && f !== 'dateCreated');

export const CONFIGURATION_FIELDS = [
  'id',
  'name',
  'deviceIdentifier',
  'type/name',
  'status/name',
  'serialNumber',
  'osType',
  'osInfo',
  'ipAddress',
  'lastLoginName',
];

export interface Request {
  path: string;
  query: ListQuery;
}

const base = (ref: TicketRef) => (ref.kind === 'project' ? 'project/tickets' : 'service/tickets');

export function ticketRequest(ref: TicketRef): Request {
  const fields = ref.kind === 'project' ? [...TICKET_FIELDS, 'project', 'phase'] : [...TICKET_FIELDS];
  return {
    path: `${base(ref)}/${ref.id}`,
    query: { fields },
  };
}

export function latestNotesRequest(ref: TicketRef): Request {
  return {
    path: `${base(ref)}/${ref.id}/notes`,
    query: {
      orderBy: 'id desc',
      pageSize: NOTES_SHOWN,
      fields: ref.kind === 'project' ? PROJECT_NOTE_FIELDS : SERVICE_NOTE_FIELDS,
    },
  };
}

/** The initial description is the ticket's first discussion note (cw-api.md §3.4). */
export function initialDescriptionRequest(ref: TicketRef): Request {
  return {
    path: `${base(ref)}/${ref.id}/notes`,
    query: {
      conditions: cond.eq('detailDescriptionFlag', true),
      orderBy: 'id asc',
      pageSize: 1,
      fields: ['id', 'text'],
    },
  };
}

/** Only service tickets have attached configurations in the API. */
export function ticketConfigurationsRequest(ref: TicketRef): Request | undefined {
  if (ref.kind !== 'service') return undefined;
  return {
    path: `service/tickets/${ref.id}/configurations`,
    query: { fields: ['id', 'deviceIdentifier'], pageSize: CONFIGURATIONS_MAX },
  };
}

/** Details of the first CONFIGURATION_DETAILS_MAX configurations; the rest keep their device names. */
export function configurationDetailsRequest(all: readonly number[]): Request | undefined {
  const ids = all.slice(0, CONFIGURATION_DETAILS_MAX);
  if (ids.length === 0) return undefined;
  return {
    path: 'company/configurations',
    query: {
      conditions: cond.in('id', ids),
      fields: CONFIGURATION_FIELDS,
      pageSize: ids.length,
    },
  };
}

export function companyRequest(companyId: number): Request {
  return {
    path: `company/companies/${companyId}`,
    query: { fields: ['id', 'identifier', 'name', 'phoneNumber'] },
  };
}

export function contactRequest(contactId: number): Request {
  return {
    path: `company/contacts/${contactId}`,
    query: { fields: ['id', 'firstName', 'lastName', 'communicationItems'] },
  };
}
