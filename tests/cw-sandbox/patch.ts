// PATCH /service/tickets/{id} and /project/tickets/{id}: CW's JSON-Patch dialect (DG "Patch").
// Body is an array of {op: add|replace|remove, path, value}; path is a bare, case-sensitive field name
// (a leading '/' is tolerated). A sub-path of a reference (company/identifier) is a "false 200" in CW:
// it answers 200 and changes nothing — emulated here.
import { schemaAt } from '../support/openapi.ts';
import type { Ctx } from './context.ts';
import { cwDate } from './dates.ts';
import { ApiError, invalidObject } from './errors.ts';
import {
  asRef,
  findBoard,
  findBoardStatus,
  findCompany,
  findContact,
  findMember,
  findPriority,
  refLabel,
} from './lookups.ts';
import { memberRef } from './seed-people.ts';
import { priorityRef, statusRef } from './seed-setup.ts';
import { foldLine } from './text.ts';
import type { Obj, ProjectTicket, Ticket } from './types.ts';

type AnyTicket = Ticket | ProjectTicket;
type Resource = 'ticket' | 'projectTicket';

const READ_ONLY = new Set([
  'id',
  '_info',
  'recordType',
  'closedDate',
  'closedBy',
  'actualHours',
  'dateResolved',
]);
const REQUIRED = new Set(['summary', 'company', 'board', 'status']);
const LEVELS = ['Low', 'Medium', 'High'];

export function applyTicketPatch(ctx: Ctx, ticket: AnyTicket, resource: Resource): AnyTicket {
  const schema = resource === 'ticket' ? 'Ticket' : 'ProjectTicket';
  const ops = ctx.body;
  if (!Array.isArray(ops)) {
    throw new ApiError(400, {
      code: 'InvalidObject',
      message:
        'The request body must be an array of patch operations, e.g. [{"op":"replace","path":"summary","value":"x"}].',
    });
  }
  const draft = structuredClone(ticket) as Obj;
  let boardChanged = false;
  let statusSet = false;
  for (const raw of ops) {
    const op = raw && typeof raw === 'object' ? (raw as Obj) : {};
    const name = typeof op.op === 'string' ? op.op.toLowerCase() : '';
    if (!['add', 'replace', 'remove'].includes(name)) {
      throw new ApiError(400, {
        code: 'InvalidObject',
        message: `Invalid patch operation '${String(op.op)}'. Use add, replace or remove.`,
      });
    }
    if (typeof op.path !== 'string' || op.path.replace(/^\//, '') === '') {
      throw new ApiError(400, { code: 'InvalidObject', message: 'Each patch operation needs a path.' });
    }
    const path = op.path.replace(/^\//, '');
    const [top = '', ...rest] = path.split('/');
    const prop = schemaAt(schema, top);
    if (!prop || READ_ONLY.has(top)) {
      throw invalidObject(resource, path, 'InvalidField', `'${path}' is not a field that can be updated.`);
    }
    if (rest.length > 0) {
      if (prop.type === 'object' || '$ref' in prop || prop.properties) continue; // CW's false 200
      throw invalidObject(resource, path, 'InvalidField', `'${path}' is not a field that can be updated.`);
    }
    if (name === 'remove') {
      if (REQUIRED.has(top)) throw invalidObject(resource, top, 'Required', `The ${top} field is required.`);
      delete draft[top];
      continue;
    }
    setField(ctx, draft, top, op.value, resource);
    if (top === 'board') boardChanged = true;
    if (top === 'status') statusSet = true;
  }
  const boardId = (draft.board as { id: number }).id;
  if (boardChanged && !statusSet) {
    const fallback = ctx.state.statuses.find((s) => s.board.id === boardId && s.defaultFlag);
    if (fallback) draft.status = statusRef(fallback);
  }
  const status = ctx.state.statuses.find((s) => s.id === (draft.status as { id: number }).id);
  if (!status || status.board.id !== boardId) {
    throw invalidObject(
      resource,
      'status',
      'InvalidObject',
      `The status is not valid for board '${(draft.board as { name: string }).name}'.`,
    );
  }
  const now = cwDate(ctx.now());
  if (status.closedStatus && !draft.closedFlag) {
    draft.closedFlag = true;
    draft.closedDate = now;
    draft.closedBy = ctx.member.identifier;
  } else if (!status.closedStatus) {
    draft.closedFlag = false;
    delete draft.closedDate;
    delete draft.closedBy;
  }
  draft._info = { ...(draft._info as Obj), lastUpdated: now, updatedBy: ctx.member.identifier };
  for (const key of Object.keys(ticket)) delete (ticket as Obj)[key];
  Object.assign(ticket, draft);
  return ticket;
}

function setField(ctx: Ctx, draft: Obj, field: string, value: unknown, resource: Resource): void {
  const s = ctx.state;
  const bad = (message: string, code = 'InvalidObject') => invalidObject(resource, field, code, message);
  const ref = asRef(value);
  switch (field) {
    case 'summary': {
      if (typeof value !== 'string' || value.trim() === '')
        throw bad('The summary field is required.', 'Required');
      const summary = foldLine(value);
      if (summary.length > 100)
        throw bad('The field summary must be a string with a maximum length of 100.', 'OutOfRange');
      draft.summary = summary;
      return;
    }
    case 'status': {
      const st = ref && findBoardStatus(s, (draft.board as { id: number }).id, ref);
      if (!st) {
        throw bad(
          `The status ${refLabel(ref)} is not valid for board '${(draft.board as { name: string }).name}'.`,
        );
      }
      draft.status = statusRef(st);
      return;
    }
    case 'board': {
      const b = ref && findBoard(s, ref);
      if (!b || b.projectFlag !== (resource === 'projectTicket'))
        throw bad(`Board ${refLabel(ref)} was not found.`, 'NotFound');
      draft.board = { id: b.id, name: b.name };
      return;
    }
    case 'priority': {
      const p = ref && findPriority(s, ref);
      if (!p) throw bad(`Priority ${refLabel(ref)} was not found.`, 'NotFound');
      draft.priority = priorityRef(p);
      return;
    }
    case 'company': {
      const c = ref && findCompany(s, ref);
      if (!c) throw bad(`Company ${refLabel(ref)} was not found.`, 'NotFound');
      draft.company = { id: c.id, identifier: c.identifier, name: c.name };
      const contactId = (draft.contact as { id?: number } | undefined)?.id;
      if (contactId && s.contacts.find((x) => x.id === contactId)?.company.id !== c.id) {
        delete draft.contact;
        delete draft.contactName;
      }
      return;
    }
    case 'contact': {
      const c = ref && findContact(s, ref);
      if (!c) throw bad(`Contact ${refLabel(ref)} was not found.`, 'NotFound');
      if (c.company.id !== (draft.company as { id: number }).id)
        throw bad('The contact does not belong to the ticket company.');
      draft.contact = { id: c.id, name: `${c.firstName} ${c.lastName}` };
      draft.contactName = `${c.firstName} ${c.lastName}`;
      return;
    }
    case 'owner': {
      const m = ref && findMember(s, ref);
      if (!m) throw bad(`Member ${refLabel(ref)} was not found.`, 'NotFound');
      if (m.inactiveFlag) throw bad(`Member '${m.identifier}' is inactive.`);
      draft.owner = memberRef(m);
      draft.resources = m.identifier;
      return;
    }
    case 'severity':
    case 'impact':
      if (typeof value !== 'string' || !LEVELS.includes(value))
        throw bad(`${field} must be one of Low, Medium, High.`);
      draft[field] = value;
      return;
    default:
      // Other schema fields are stored as sent (the subset's types were checked as a contract violation).
      draft[field] = value;
  }
}
