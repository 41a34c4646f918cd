// Autotask records → FlowPilot's product shapes (TicketContext, search results, people). Pure: the
// connector fetches, this decides. Text from Autotask is kept as text (the panel renders it as text).

import type { PsaPerson } from '../psa/types';
import type { TicketSearchResult } from '../ticket/search';
import type { ConfigurationView, TicketContext, TicketNoteView } from '../ticket/types';
import { COMPLETE_STATUS, labelOf, type Picklists } from './picklists';

export interface AtTicket {
  id: number;
  ticketNumber?: string;
  title?: string;
  description?: string | null;
  status?: number;
  priority?: number;
  queueID?: number | null;
  companyID?: number | null;
  contactID?: number | null;
  configurationItemID?: number | null;
  assignedResourceID?: number | null;
  ticketType?: number | null;
  issueType?: number | null;
  subIssueType?: number | null;
}

/** A Complete ticket as "Similar resolved tickets" reads it (lib/similar/autotask-query.ts fields). */
export interface AtResolvedTicket {
  id: number;
  ticketNumber?: string;
  title?: string;
  companyID?: number | null;
  completedDate?: string | null;
  lastActivityDate?: string | null;
  resolution?: string | null;
}

export interface AtNote {
  id: number;
  title?: string | null;
  description?: string | null;
  publish?: number;
  noteType?: number;
  creatorResourceID?: number | null;
  createDateTime?: string;
}

export interface AtResource {
  id: number;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  email2?: string | null;
  email3?: string | null;
  userName?: string | null;
  isActive?: boolean;
}

export interface AtCompany {
  id: number;
  companyName?: string;
  companyNumber?: string | null;
  phone?: string | null;
}

export interface AtContact {
  id: number;
  firstName?: string | null;
  lastName?: string | null;
  emailAddress?: string | null;
  phone?: string | null;
  mobilePhone?: string | null;
}

export interface AtConfigurationItem {
  id: number;
  referenceTitle?: string | null;
  rmmDeviceAuditHostname?: string | null;
  configurationItemType?: number | null;
  serialNumber?: string | null;
  rmmDeviceAuditOperatingSystem?: string | null;
  rmmDeviceAuditIPAddress?: string | null;
  rmmDeviceAuditLastUser?: string | null;
  isActive?: boolean;
}

export const TICKET_FIELDS = [
  'id',
  'ticketNumber',
  'title',
  'description',
  'status',
  'priority',
  'queueID',
  'companyID',
  'contactID',
  'configurationItemID',
  'assignedResourceID',
  'ticketType',
  'issueType',
  'subIssueType',
];
export const NOTE_FIELDS = [
  'id',
  'title',
  'description',
  'publish',
  'noteType',
  'creatorResourceID',
  'createDateTime',
];
export const RESOURCE_FIELDS = [
  'id',
  'firstName',
  'lastName',
  'email',
  'email2',
  'email3',
  'userName',
  'isActive',
];

const normalizeEmail = (e: string | null | undefined) => (e ?? '').trim().toLowerCase();

export function personName(r: Pick<AtResource, 'firstName' | 'lastName' | 'userName' | 'id'>): string {
  const name = [r.firstName, r.lastName]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(' ');
  return name || r.userName || `Resource ${r.id}`;
}

/** A resource as a mappable person: every address (email, email2, email3), tidied and de-duplicated. */
export function toPerson(r: AtResource): PsaPerson {
  const emails = [
    ...new Set([r.email, r.email2, r.email3].map(normalizeEmail).filter((e) => e.includes('@'))),
  ];
  return {
    id: r.id,
    name: personName(r),
    emails,
    active: r.isActive !== false,
    ...(r.userName ? { login: r.userName } : {}),
  };
}

/** The ticket's page in the Autotask UI (`webUrl` from the zone lookup, e.g. https://ww18.autotask.net/). */
export function ticketWebUrl(webUrl: string, id: number): string {
  return new URL(
    `Mvc/ServiceDesk/TicketDetail.mvc?ticketId=${id}`,
    webUrl.endsWith('/') ? webUrl : `${webUrl}/`,
  ).toString();
}

/**
 * Note display types: publish 1 ("All Autotask Users" in every tenant seen) reads as discussion, any
 * other publish value as internal. Autotask has no resolution flag on notes.
 */
export function toNoteView(n: AtNote, resources: Map<number, AtResource>): TicketNoteView {
  const creator = n.creatorResourceID != null ? resources.get(n.creatorResourceID) : undefined;
  const title = n.title?.trim();
  const body = (n.description ?? '').trim();
  return {
    id: n.id,
    text: title && !body.startsWith(title) ? `${title}\n${body}` : body,
    types: [n.publish === 1 ? 'discussion' : 'internal'],
    ...(creator ? { author: personName(creator) } : {}),
    ...(n.createDateTime ? { date: n.createDateTime } : {}),
  };
}

export function toConfigurationView(c: AtConfigurationItem, picklists: Picklists): ConfigurationView {
  return {
    id: c.id,
    name: c.referenceTitle || c.rmmDeviceAuditHostname || `Configuration item ${c.id}`,
    ...opt('type', labelOf(picklists.configurationItemType, c.configurationItemType)),
    status: c.isActive === false ? 'Inactive' : 'Active',
    ...opt('serialNumber', c.serialNumber),
    ...opt('osInfo', c.rmmDeviceAuditOperatingSystem),
    ...opt('ipAddress', c.rmmDeviceAuditIPAddress),
    ...opt('lastLoginName', c.rmmDeviceAuditLastUser),
  };
}

function opt<K extends string>(key: K, v: string | null | undefined): { [P in K]?: string } {
  return (v ? { [key]: v } : {}) as { [P in K]?: string };
}

export interface ContextParts {
  ticket: AtTicket;
  picklists: Picklists;
  webUrl: string;
  resources: Map<number, AtResource>;
  company?: AtCompany;
  contact?: AtContact;
  configurationItem?: AtConfigurationItem;
  ciPicklists?: Picklists;
  /** Newest first. */
  notes: AtNote[];
  now: number;
  problems: { section: string; message: string }[];
}

export function toTicketContext(p: ContextParts): TicketContext {
  const t = p.ticket;
  const named = (field: string, id: unknown) => {
    const name = labelOf(p.picklists[field], id);
    return id === null || id === undefined ? undefined : { id: Number(id), ...(name ? { name } : {}) };
  };
  const owner = t.assignedResourceID != null ? p.resources.get(t.assignedResourceID) : undefined;
  const issue = labelOf(p.picklists.issueType, t.issueType);
  const subIssue = labelOf(p.picklists.subIssueType, t.subIssueType);
  const contactName = p.contact ? [p.contact.firstName, p.contact.lastName].filter(Boolean).join(' ') : '';
  return {
    ref: { kind: 'service', id: t.id },
    ...opt('number', t.ticketNumber),
    summary: t.title ?? '',
    status: named('status', t.status),
    board: named('queueID', t.queueID),
    priority: named('priority', t.priority),
    ...opt('type', labelOf(p.picklists.ticketType, t.ticketType)),
    ...opt('subType', [issue, subIssue].filter(Boolean).join(' / ')),
    ...(owner ? { owner: { id: owner.id, name: personName(owner) } } : {}),
    closed: t.status === COMPLETE_STATUS,
    ...(p.company
      ? {
          company: {
            id: p.company.id,
            name: p.company.companyName,
            ...(p.company.companyNumber ? { identifier: p.company.companyNumber } : {}),
            ...(p.company.phone ? { phone: p.company.phone } : {}),
          },
        }
      : {}),
    ...(p.contact
      ? {
          contact: {
            id: p.contact.id,
            name: contactName || `Contact ${p.contact.id}`,
            ...opt('email', p.contact.emailAddress?.trim()),
            ...opt('phone', p.contact.phone || p.contact.mobilePhone),
          },
        }
      : {}),
    configurations: p.configurationItem
      ? [toConfigurationView(p.configurationItem, p.ciPicklists ?? {})]
      : [],
    notes: p.notes.map((n) => toNoteView(n, p.resources)),
    ...opt('initialDescription', t.description?.trim()),
    webUrl: ticketWebUrl(p.webUrl, t.id),
    fetchedAt: p.now,
    problems: p.problems,
  };
}

export function toSearchResult(
  t: AtTicket,
  picklists: Picklists,
  companies: Map<number, AtCompany>,
): TicketSearchResult {
  const company = t.companyID != null ? companies.get(t.companyID)?.companyName : undefined;
  return {
    ref: { kind: 'service', id: t.id },
    ...opt('number', t.ticketNumber),
    summary: t.title ?? '',
    ...opt('company', company),
    ...opt('board', labelOf(picklists.queueID, t.queueID)),
    ...opt('status', labelOf(picklists.status, t.status)),
    ...opt('priority', labelOf(picklists.priority, t.priority)),
    closed: t.status === COMPLETE_STATUS,
  };
}

/** Open tickets first, then newest (highest id) first: Autotask has no server-side sort. */
export function searchOrder(a: AtTicket, b: AtTicket): number {
  const ca = a.status === COMPLETE_STATUS ? 1 : 0;
  const cb = b.status === COMPLETE_STATUS ? 1 : 0;
  return ca - cb || b.id - a.id;
}
