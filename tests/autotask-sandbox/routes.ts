// The fake Autotask REST API's routes (paths after /V1.0). Entities share query/get/fields handlers;
// writes are the ones FlowPilot needs: ticket notes (child POST), time entries (POST, DELETE), ticket PATCH.
import { atError, invalid, missingField, notFound } from './errors.ts';
import { bodyProblems, ENTITIES, ENTITY_FIELDS } from './fields.ts';
import { QueryError } from './filter.ts';
import { countQuery, type Paging, parsePaging, type QueryModel, readQueryModel, runQuery } from './query.ts';
import type { ApiUser, AtState, Row } from './types.ts';

export interface AtCtx {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  state: AtState;
  user: ApiUser;
  /** Resource id from ImpersonationResourceId, when sent. */
  impersonating?: number;
  /** Absolute API base with /V1.0 and no trailing slash. */
  apiBase: string;
  violations: string[];
  now(): Date;
}

export interface AtResult {
  status: number;
  body?: unknown;
}

export interface AtRoute {
  method: string;
  pattern: string;
  handler: (ctx: AtCtx) => AtResult;
  /** Changes state (commit-then-reset faults apply only to these). */
  write?: boolean;
}

const ok = (body: unknown): AtResult => ({ status: 200, body });
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Rows of an entity as the calling user's security level sees them (AT-SEC: restricted = nothing). */
export function visibleRows(ctx: AtCtx, entity: string): Row[] {
  const s = ctx.state;
  if (entity === 'Resources' && ctx.user.level === 'noResources') {
    throw invalid('The logged in Resource does not have the adequate permissions to query this entity.');
  }
  const hideTickets = ctx.user.level === 'noTickets';
  switch (entity) {
    case 'Tickets':
      return hideTickets ? [] : s.tickets;
    case 'TicketNotes':
      return hideTickets ? [] : s.ticketNotes;
    case 'TimeEntries':
      return s.timeEntries;
    case 'Resources':
      return s.resources;
    case 'Roles':
      return s.roles;
    case 'ResourceRoles':
      return s.resourceRoles;
    case 'Companies':
      return s.companies;
    case 'Contacts':
      return s.contacts;
    case 'ConfigurationItems':
      return s.configurationItems;
    default:
      return [];
  }
}

function withQueryErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof QueryError) throw invalid(e.message);
    throw e;
  }
}

function queryModelFromBody(ctx: AtCtx): QueryModel {
  const model = readQueryModel(ctx.body);
  if (!model) throw invalid('Value cannot be null. Parameter name: filters');
  return model;
}

function queryModelFromSearch(ctx: AtCtx): QueryModel {
  const search = ctx.query.get('search');
  if (!search) throw invalid('Value cannot be null. Parameter name: search');
  try {
    return readQueryModel(JSON.parse(search)) ?? {};
  } catch {
    throw invalid('The search parameter is not valid JSON.');
  }
}

function queryHandler(entity: string, from: 'body' | 'search' | 'paging') {
  return (ctx: AtCtx): AtResult =>
    withQueryErrors(() => {
      const model = from === 'search' ? queryModelFromSearch(ctx) : queryModelFromBody(ctx);
      let paging: Paging | undefined;
      if (from === 'paging') {
        paging = parsePaging(ctx.query.get('paging'));
        if (!paging) throw invalid('The paging parameter is not valid.');
      }
      return ok(
        runQuery({
          entity,
          rows: visibleRows(ctx, entity),
          model,
          queryUrl: `${ctx.apiBase}/${entity}/query`,
          paging,
          violations: ctx.violations,
        }),
      );
    });
}

function countHandler(entity: string) {
  return (ctx: AtCtx): AtResult =>
    withQueryErrors(() =>
      ok(countQuery(entity, visibleRows(ctx, entity), queryModelFromBody(ctx), ctx.violations)),
    );
}

function getHandler(entity: string) {
  return (ctx: AtCtx): AtResult => {
    const id = Number(ctx.params.id);
    const row = visibleRows(ctx, entity).find((r) => r.id === id);
    if (!row) throw notFound(`${entity} ${id}`);
    return ok({ item: { ...structuredClone(row), userDefinedFields: [] } });
  };
}

function fieldsHandler(entity: string) {
  return (ctx: AtCtx): AtResult => {
    const picklists = ctx.state.picklists[entity] ?? {};
    const fields = Object.entries(ENTITY_FIELDS[entity] ?? {}).map(([name, spec]) => {
      const values = picklists[name];
      return {
        name,
        dataType: spec.type === 'datetime' ? 'dateTime' : spec.type,
        length: spec.length ?? 0,
        isRequired: false,
        isReadOnly: Boolean(spec.readOnly),
        isQueryable: !spec.notQueryable,
        isReference: /ID$/.test(name) && name !== 'id',
        referenceEntityType: '',
        isPickList: Boolean(values),
        picklistValues: values ? structuredClone(values) : null,
        picklistParentValueField: name === 'subIssueType' ? 'issueType' : '',
        isSupportedWebhookField: false,
      };
    });
    return ok({ fields });
  };
}

function ticketOf(ctx: AtCtx, id: number): Row {
  const t = ctx.user.level === 'noTickets' ? undefined : ctx.state.tickets.find((x) => x.id === id);
  if (!t) throw notFound(`Ticket ${id}`);
  return t;
}

function picklistValue(ctx: AtCtx, entity: string, field: string, value: unknown): boolean {
  const list = ctx.state.picklists[entity]?.[field] ?? [];
  return list.some((p) => p.isActive && p.value === String(value));
}

function requireBodyObject(ctx: AtCtx): Record<string, unknown> {
  const b = ctx.body;
  if (!b || typeof b !== 'object' || Array.isArray(b))
    throw invalid('The request body is not a valid object.');
  return b as Record<string, unknown>;
}

function actingResource(ctx: AtCtx): number {
  return ctx.impersonating ?? ctx.user.resourceId;
}

function createTicketNote(ctx: AtCtx): AtResult {
  const parentId = Number(ctx.params.ticketId);
  const ticket = ticketOf(ctx, parentId);
  const b = requireBodyObject(ctx);
  ctx.violations.push(...bodyProblems('TicketNotes', b, { allowId: false }));
  if (b.ticketID !== undefined && Number(b.ticketID) !== parentId) {
    throw invalid(`The ticketID ${String(b.ticketID)} does not match the parent ticket ${parentId}.`);
  }
  const description = typeof b.description === 'string' ? b.description : '';
  if (!description.trim()) throw missingField('description');
  if (description.length > 32000) throw invalid('description exceeds the maximum length of 32000.');
  if (b.noteType === undefined || b.noteType === null) throw missingField('noteType');
  if (!picklistValue(ctx, 'TicketNotes', 'noteType', b.noteType)) {
    throw invalid(`Value ${String(b.noteType)} is not a valid noteType.`);
  }
  if (b.publish === undefined || b.publish === null) throw missingField('publish');
  if (!picklistValue(ctx, 'TicketNotes', 'publish', b.publish)) {
    throw invalid(`Value ${String(b.publish)} is not a valid publish value.`);
  }
  const title = typeof b.title === 'string' ? b.title : '';
  if (!title.trim() && ctx.state.noteTitleRequiredCategories.includes(Number(ticket.ticketCategory))) {
    throw missingField('title');
  }
  if (title.length > 250) throw invalid('title exceeds the maximum length of 250.');
  const now = iso(ctx.now());
  const id = ctx.state.nextIds.ticketNote++;
  ctx.state.ticketNotes.push({
    id,
    ticketID: parentId,
    title: title || null,
    description,
    noteType: Number(b.noteType),
    publish: Number(b.publish),
    createDateTime: now,
    creatorResourceID: actingResource(ctx),
    createdByContactID: null,
    lastActivityDate: now,
    impersonatorCreatorResourceID: ctx.impersonating ? ctx.user.resourceId : null,
    impersonatorUpdaterResourceID: null,
  });
  ticket.lastActivityDate = now;
  return ok({ itemId: id });
}

function ticketNotesOf(ctx: AtCtx): AtResult {
  const parentId = Number(ctx.params.ticketId);
  ticketOf(ctx, parentId);
  const items = ctx.state.ticketNotes
    .filter((n) => n.ticketID === parentId)
    .sort((a, b) => a.id - b.id)
    .map((n) => ({ ...structuredClone(n), userDefinedFields: [] }));
  return ok({
    items,
    pageDetails: { count: items.length, requestCount: 500, prevPageUrl: null, nextPageUrl: null },
  });
}

function createTimeEntry(ctx: AtCtx): AtResult {
  const b = requireBodyObject(ctx);
  ctx.violations.push(...bodyProblems('TimeEntries', b, { allowId: false }));
  const s = ctx.state;
  if (b.resourceID === undefined || b.resourceID === null) throw missingField('resourceID');
  const resource = s.resources.find((r) => r.id === Number(b.resourceID));
  if (!resource) throw invalid(`Resource ${String(b.resourceID)} does not exist.`);
  if (!resource.isActive) throw invalid(`Resource ${String(b.resourceID)} is inactive.`);
  if (b.ticketID === undefined || b.ticketID === null) {
    throw invalid('A time entry must reference a ticket or a task.');
  }
  const ticket = ticketOf(ctx, Number(b.ticketID));
  if (b.roleID === undefined || b.roleID === null)
    throw invalid('TimeEntries for Tickets must have a roleID.');
  const holds = s.resourceRoles.some(
    (rr) => rr.resourceID === resource.id && rr.roleID === Number(b.roleID) && rr.isActive,
  );
  // PAUL V3: a role the resource does not hold fails with this (unhelpful) text.
  if (!holds) throw invalid('There is no row at position 0.');
  if (typeof b.startDateTime !== 'string' || typeof b.endDateTime !== 'string') {
    throw invalid('TimeEntries for Service tickets require a start and stop time.');
  }
  const start = Date.parse(b.startDateTime);
  const end = Date.parse(b.endDateTime);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    throw invalid('The end time must be after the start time.');
  }
  const hours = b.hoursWorked === undefined ? (end - start) / 3_600_000 : Number(b.hoursWorked);
  if (!(hours > 0) || hours >= 24) throw invalid('hoursWorked must be greater than 0 and less than 24.');
  const now = iso(ctx.now());
  const id = s.nextIds.timeEntry++;
  s.timeEntries.push({
    id,
    ticketID: ticket.id,
    taskID: null,
    resourceID: resource.id,
    roleID: Number(b.roleID),
    dateWorked:
      typeof b.dateWorked === 'string'
        ? b.dateWorked
        : `${new Date(start).toISOString().slice(0, 10)}T00:00:00Z`,
    startDateTime: iso(new Date(start)),
    endDateTime: iso(new Date(end)),
    hoursWorked: hours,
    hoursToBill: hours,
    offsetHours: typeof b.offsetHours === 'number' ? b.offsetHours : 0,
    summaryNotes: typeof b.summaryNotes === 'string' ? b.summaryNotes : null,
    internalNotes: typeof b.internalNotes === 'string' ? b.internalNotes : null,
    billingCodeID: typeof b.billingCodeID === 'number' ? b.billingCodeID : null,
    internalBillingCodeID: null,
    isNonBillable: b.isNonBillable === true,
    showOnInvoice: b.showOnInvoice !== false,
    contractID: null,
    timeEntryType: 2,
    createDateTime: now,
    creatorUserID: actingResource(ctx),
    lastModifiedDateTime: now,
    impersonatorCreatorResourceID: ctx.impersonating ? ctx.user.resourceId : null,
  });
  return ok({ itemId: id });
}

function deleteTimeEntry(ctx: AtCtx): AtResult {
  const id = Number(ctx.params.id);
  const i = ctx.state.timeEntries.findIndex((t) => t.id === id);
  if (i < 0) throw notFound(`TimeEntry ${id}`);
  ctx.state.timeEntries.splice(i, 1);
  return ok({ itemId: id });
}

function patchTicket(ctx: AtCtx): AtResult {
  const b = requireBodyObject(ctx);
  ctx.violations.push(...bodyProblems('Tickets', b, { allowId: true }));
  if (b.id === undefined || b.id === null) throw missingField('id');
  const ticket = ticketOf(ctx, Number(b.id));
  if (b.status !== undefined && !picklistValue(ctx, 'Tickets', 'status', b.status)) {
    throw invalid(`Value ${String(b.status)} is not a valid status.`);
  }
  const now = iso(ctx.now());
  for (const [k, v] of Object.entries(b)) {
    const spec = ENTITY_FIELDS.Tickets?.[k];
    if (k === 'id' || !spec || spec.readOnly) continue;
    ticket[k] = v;
  }
  if (b.status !== undefined) {
    const complete = Number(b.status) === 5;
    ticket.completedDate = complete ? (ticket.completedDate ?? now) : null;
    ticket.completedByResourceID = complete ? actingResource(ctx) : null;
  }
  ticket.lastActivityDate = now;
  return ok({ itemId: ticket.id });
}

function thresholdInformation(_ctx: AtCtx): AtResult {
  // Filled in by the pipeline, which owns the counters.
  return ok({});
}

const entityRoutes: AtRoute[] = ENTITIES.flatMap((entity) => [
  { method: 'POST', pattern: `/${entity}/query`, handler: queryHandler(entity, 'body') },
  { method: 'GET', pattern: `/${entity}/query`, handler: queryHandler(entity, 'search') },
  { method: 'POST', pattern: `/${entity}/query/next`, handler: queryHandler(entity, 'paging') },
  { method: 'POST', pattern: `/${entity}/query/count`, handler: countHandler(entity) },
  { method: 'GET', pattern: `/${entity}/entityInformation/fields`, handler: fieldsHandler(entity) },
  { method: 'GET', pattern: `/${entity}/:id`, handler: getHandler(entity) },
]);

export const AT_ROUTES: AtRoute[] = [
  ...entityRoutes,
  { method: 'GET', pattern: '/ThresholdInformation', handler: thresholdInformation },
  { method: 'GET', pattern: '/Tickets/:ticketId/Notes', handler: ticketNotesOf },
  { method: 'POST', pattern: '/Tickets/:ticketId/Notes', handler: createTicketNote, write: true },
  { method: 'PATCH', pattern: '/Tickets', handler: patchTicket, write: true },
  { method: 'POST', pattern: '/TimeEntries', handler: createTimeEntry, write: true },
  { method: 'DELETE', pattern: '/TimeEntries/:id', handler: deleteTimeEntry, write: true },
  // Notes cannot be deleted through the API (405, PAUL): the path exists for GET only.
  {
    method: 'GET',
    pattern: '/Tickets/:ticketId/Notes/:id',
    handler: (ctx) => {
      const note = ctx.state.ticketNotes.find(
        (n) => n.id === Number(ctx.params.id) && n.ticketID === Number(ctx.params.ticketId),
      );
      if (!note || ctx.user.level === 'noTickets') throw notFound(`TicketNote ${ctx.params.id}`);
      return ok({ item: { ...structuredClone(note), userDefinedFields: [] } });
    },
  },
];

export const methodNotAllowed = () =>
  atError(405, 'The requested resource does not support this http method.');
