import type {
  ConfigurationView,
  NamedRef,
  NoteType,
  TicketContext,
  TicketNoteView,
  TicketRef,
} from './types';

// CW JSON → product types. Pure and defensive: CW omits empty fields, so every field is optional here.

interface CwRef {
  id?: number | null;
  name?: string;
  identifier?: string;
}

export interface CwTicket {
  id: number;
  summary?: string;
  board?: CwRef;
  status?: CwRef;
  priority?: CwRef;
  type?: CwRef;
  subType?: CwRef;
  owner?: CwRef;
  company?: CwRef;
  contact?: CwRef;
  contactName?: string;
  contactEmailAddress?: string;
  contactPhoneNumber?: string;
  closedFlag?: boolean;
  project?: CwRef;
  phase?: CwRef;
}

export interface CwNote {
  id: number;
  text?: string;
  detailDescriptionFlag?: boolean | null;
  internalAnalysisFlag?: boolean | null;
  resolutionFlag?: boolean | null;
  member?: CwRef;
  contact?: CwRef;
  createdBy?: string;
  dateCreated?: string;
  _info?: Record<string, string>;
}

export interface CwConfiguration {
  id: number;
  name?: string;
  deviceIdentifier?: string;
  type?: CwRef;
  status?: CwRef;
  serialNumber?: string;
  osType?: string;
  osInfo?: string;
  ipAddress?: string;
  lastLoginName?: string;
}

export interface CwCompany {
  id: number;
  identifier?: string;
  name?: string;
  phoneNumber?: string;
}

export interface CwContact {
  id: number;
  firstName?: string;
  lastName?: string;
  communicationItems?: { value?: string; defaultFlag?: boolean; communicationType?: string }[];
}

export function namedRef(r: CwRef | undefined | null): NamedRef | undefined {
  if (!r || (r.id == null && !r.name && !r.identifier)) return undefined;
  const out: NamedRef = {};
  if (r.id != null) out.id = r.id;
  if (r.name) out.name = r.name;
  if (r.identifier) out.identifier = r.identifier;
  return out;
}

export function noteTypes(n: CwNote): NoteType[] {
  const types: NoteType[] = [];
  if (n.detailDescriptionFlag) types.push('discussion');
  if (n.internalAnalysisFlag) types.push('internal');
  if (n.resolutionFlag) types.push('resolution');
  return types;
}

export function toNoteView(n: CwNote): TicketNoteView {
  const view: TicketNoteView = { id: n.id, text: n.text ?? '', types: noteTypes(n) };
  const author = n.member?.name ?? n.contact?.name ?? n.createdBy;
  const date = n.dateCreated ?? n._info?.dateEntered;
  if (author) view.author = author;
  if (date) view.date = date;
  return view;
}

export function toConfigurationView(c: CwConfiguration): ConfigurationView {
  const v: ConfigurationView = { id: c.id, name: c.name || c.deviceIdentifier || `Configuration ${c.id}` };
  if (c.type?.name) v.type = c.type.name;
  if (c.status?.name) v.status = c.status.name;
  if (c.serialNumber) v.serialNumber = c.serialNumber;
  if (c.osType) v.osType = c.osType;
  if (c.osInfo) v.osInfo = c.osInfo;
  if (c.ipAddress) v.ipAddress = c.ipAddress;
  if (c.lastLoginName) v.lastLoginName = c.lastLoginName;
  return v;
}

function contactChannel(c: CwContact, type: 'Email' | 'Phone'): string | undefined {
  const items = (c.communicationItems ?? []).filter((i) => i.communicationType === type && i.value);
  return (items.find((i) => i.defaultFlag) ?? items[0])?.value;
}

/** Deep link for people (web host, not the api- host); v4_6_release routes to the current version. */
export function ticketWebUrl(webOrigin: string, ref: TicketRef): string {
  const route = ref.kind === 'project' ? 'ProjectTicketFV' : 'ServiceFV';
  return `${webOrigin}/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=${route}&recid=${ref.id}`;
}

/** The context from the ticket alone (wave 1): everything the header and most sections need. */
export function contextFromTicket(
  ref: TicketRef,
  t: CwTicket,
  webOrigin: string,
  fetchedAt: number,
): TicketContext {
  const ctx: TicketContext = {
    ref,
    summary: t.summary ?? '',
    closed: t.closedFlag === true,
    configurations: [],
    notes: [],
    webUrl: ticketWebUrl(webOrigin, ref),
    fetchedAt,
    problems: [],
  };
  const set = <K extends keyof TicketContext>(k: K, v: TicketContext[K] | undefined) => {
    if (v !== undefined) ctx[k] = v;
  };
  set('status', namedRef(t.status));
  set('board', namedRef(t.board));
  set('priority', namedRef(t.priority));
  set('type', t.type?.name || undefined);
  set('subType', t.subType?.name || undefined);
  set('owner', namedRef(t.owner));
  set('company', namedRef(t.company));
  set('project', namedRef(t.project));
  const contactName = t.contactName || t.contact?.name;
  if (contactName || t.contact?.id != null) {
    const contact: NonNullable<TicketContext['contact']> = { name: contactName ?? '' };
    if (t.contact?.id != null) contact.id = t.contact.id;
    if (t.contactEmailAddress) contact.email = t.contactEmailAddress;
    if (t.contactPhoneNumber) contact.phone = t.contactPhoneNumber;
    ctx.contact = contact;
  }
  return ctx;
}

export function withContactDetails(ctx: TicketContext, c: CwContact): TicketContext {
  if (!ctx.contact) return ctx;
  const name = ctx.contact.name || [c.firstName, c.lastName].filter(Boolean).join(' ');
  const email = ctx.contact.email ?? contactChannel(c, 'Email');
  const phone = ctx.contact.phone ?? contactChannel(c, 'Phone');
  return {
    ...ctx,
    contact: { ...ctx.contact, name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
  };
}

export function withCompanyDetails(ctx: TicketContext, c: CwCompany): TicketContext {
  const company = { ...ctx.company, ...namedRef(c) };
  if (c.phoneNumber) (company as NonNullable<TicketContext['company']>).phone = c.phoneNumber;
  return { ...ctx, company };
}
