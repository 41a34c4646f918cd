// POST /time/entries with CW's validation (ES notes, DG): strict UTC format, status must allow time,
// work type/role by id or exact name, member rights; addTo*Flag also writes the note (as CW does).
import type { Ctx } from './context.ts';
import { cwDate, HOUR } from './dates.ts';
import { ApiError, forbidden, invalidObject, notFound } from './errors.ts';
import { asRef, findWorkRole, findWorkType, refLabel } from './lookups.ts';
import { addProjectNote, addServiceNote, resolveActiveMember } from './notes-write.ts';
import { memberRef } from './seed-people.ts';
import type { Obj, ProjectTicket, Ref, Ticket, TimeEntry } from './types.ts';

const UTC_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const CHARGE_TYPES = [
  'Company',
  'ServiceTicket',
  'ProjectTicket',
  'ProjectIssue',
  'ChargeCode',
  'Activity',
] as const;
const BILLABLE = ['Billable', 'DoNotBill', 'NoCharge', 'NoDefault'] as const;
const R = 'timeEntry';

function dateField(b: Obj, field: 'timeStart' | 'timeEnd', required: boolean): number | undefined {
  const v = b[field];
  if (v === undefined || v === null) {
    if (required) throw invalidObject(R, field, 'Required', `The ${field} field is required.`);
    return undefined;
  }
  if (typeof v !== 'string' || !UTC_SECONDS.test(v) || Number.isNaN(Date.parse(v))) {
    throw invalidObject(
      R,
      field,
      'UnsupportedFormat',
      `${field} must be in the format yyyy-MM-ddTHH:mm:ssZ.`,
    );
  }
  return Date.parse(v);
}

export function createTimeEntry(ctx: Ctx): TimeEntry {
  const b = ctx.body;
  if (!b || typeof b !== 'object' || Array.isArray(b))
    throw new ApiError(400, { code: 'InvalidObject', message: `${R} object is invalid` });
  const body = b as Obj;
  const start = dateField(body, 'timeStart', true) as number;
  const end = dateField(body, 'timeEnd', false);
  if (end !== undefined && end <= start) {
    throw invalidObject(R, 'timeEnd', 'InvalidObject', 'Time end must be later than time start.');
  }

  const member = resolveActiveMember(ctx, body.member, R);
  if (ctx.state.noTimeMemberIds.includes(member.id)) {
    throw forbidden(`Member '${member.identifier}' is not allowed to enter time.`);
  }

  const chargeToType = (body.chargeToType ??
    (body.chargeToId !== undefined ? 'ServiceTicket' : 'Company')) as string;
  if (!(CHARGE_TYPES as readonly string[]).includes(chargeToType)) {
    throw invalidObject(R, 'chargeToType', 'InvalidObject', `chargeToType '${chargeToType}' is not valid.`);
  }
  let ticket: Ticket | ProjectTicket | undefined;
  let company: Ref | undefined;
  if (
    chargeToType === 'ServiceTicket' ||
    chargeToType === 'ProjectTicket' ||
    chargeToType === 'ProjectIssue'
  ) {
    // The type must match where the ticket lives; project tickets and issues differ by isIssueFlag (ES).
    const list: (Ticket | ProjectTicket)[] =
      chargeToType === 'ServiceTicket'
        ? ctx.state.tickets
        : ctx.state.projectTickets.filter((t) => t.isIssueFlag === (chargeToType === 'ProjectIssue'));
    ticket = list.find((t) => t.id === body.chargeToId);
    if (!ticket) {
      throw invalidObject(
        R,
        'chargeToId',
        'NotFound',
        `${chargeToType} ${String(body.chargeToId)} was not found.`,
      );
    }
    const status = ctx.state.statuses.find((s) => s.id === ticket?.status.id);
    if (status?.timeEntryNotAllowed) {
      throw new ApiError(400, {
        code: 'TimeEntryApi',
        message:
          'Please update the status of this ticket before entering time. The current status does not allow time entry.',
      });
    }
    company = ticket.company;
  } else {
    const ref = asRef(body.company);
    const c = ref
      ? ctx.state.companies.find((x) => x.id === ref.id || x.identifier === ref.identifier)
      : undefined;
    if (!c)
      throw invalidObject(
        R,
        'company',
        'Required',
        'A company is required when time is charged to a company.',
      );
    company = { id: c.id, identifier: c.identifier, name: c.name };
  }

  const wtRef = asRef(body.workType);
  const workType = wtRef
    ? findWorkType(ctx.state, wtRef)
    : (ctx.state.workTypes.find((w) => w.overallDefaultFlag) ?? ctx.state.workTypes[0]);
  if (!workType)
    throw invalidObject(R, 'workType', 'NotFound', `Work Type ${refLabel(wtRef)} was not found.`);
  const wrRef = asRef(body.workRole);
  const workRole = wrRef
    ? findWorkRole(ctx.state, wrRef)
    : (ctx.state.workRoles.find((w) => w.id === member.workRole?.id) ?? ctx.state.workRoles[0]);
  if (!workRole)
    throw invalidObject(R, 'workRole', 'NotFound', `Work Role ${refLabel(wrRef)} was not found.`);

  const billable = (body.billableOption ?? 'Billable') as TimeEntry['billableOption'];
  if (!(BILLABLE as readonly string[]).includes(billable)) {
    throw invalidObject(
      R,
      'billableOption',
      'InvalidObject',
      `billableOption '${String(billable)}' is not valid.`,
    );
  }
  const computed = end !== undefined ? Math.round(((end - start) / HOUR) * 100) / 100 : 0;
  const actualHours = typeof body.actualHours === 'number' ? body.actualHours : computed;
  const flag = (k: string) => body[k] === true;
  const now = cwDate(ctx.now());
  const notes = typeof body.notes === 'string' ? body.notes : undefined;

  const entry: TimeEntry = {
    id: ctx.state.nextIds.timeEntry++,
    company,
    chargeToId: ticket?.id,
    chargeToType: chargeToType as TimeEntry['chargeToType'],
    member: memberRef(member),
    workType: { id: workType.id, name: workType.name },
    workRole: { id: workRole.id, name: workRole.name },
    timeStart: cwDate(start),
    timeEnd: end !== undefined ? cwDate(end) : undefined,
    hoursDeduct: typeof body.hoursDeduct === 'number' ? body.hoursDeduct : 0,
    actualHours,
    billableOption: billable,
    notes,
    internalNotes: typeof body.internalNotes === 'string' ? body.internalNotes : undefined,
    addToDetailDescriptionFlag: flag('addToDetailDescriptionFlag'),
    addToInternalAnalysisFlag: flag('addToInternalAnalysisFlag'),
    addToResolutionFlag: flag('addToResolutionFlag'),
    emailResourceFlag: flag('emailResourceFlag'),
    emailContactFlag: flag('emailContactFlag'),
    emailCcFlag: flag('emailCcFlag'),
    hoursBilled: billable === 'Billable' ? actualHours : 0,
    enteredBy: ctx.member.identifier,
    dateEntered: now,
    status: 'Open',
    ticket: ticket ? { id: ticket.id, summary: ticket.summary } : undefined,
    project: ticket && 'project' in ticket ? (ticket as ProjectTicket).project : undefined,
    phase: ticket && 'phase' in ticket ? (ticket as ProjectTicket).phase : undefined,
    ticketBoard: ticket?.board.name,
    ticketStatus: ticket?.status.name,
    _info: { lastUpdated: now, updatedBy: ctx.member.identifier },
  };
  ctx.state.timeEntries.push(entry);
  if (ticket) ticket.actualHours = Math.round(((ticket.actualHours ?? 0) + actualHours) * 100) / 100;

  if (
    ticket &&
    notes &&
    (entry.addToDetailDescriptionFlag || entry.addToInternalAnalysisFlag || entry.addToResolutionFlag)
  ) {
    const input = {
      text: notes,
      detailDescriptionFlag: entry.addToDetailDescriptionFlag,
      internalAnalysisFlag: entry.addToInternalAnalysisFlag,
      resolutionFlag: entry.addToResolutionFlag,
      issueFlag: false,
      member,
      customerUpdatedFlag: false,
    };
    const note =
      chargeToType === 'ServiceTicket'
        ? addServiceNote(ctx, ticket.id, input)
        : addProjectNote(ctx, ticket.id, input);
    ctx.state.timeEntryNotes[entry.id] = {
      kind: chargeToType === 'ServiceTicket' ? 'service' : 'project',
      noteId: note.id,
    };
  }
  return entry;
}

/** DELETE /time/entries/{id}: 204; the ticket's hours and the note the entry wrote go with it. */
export function deleteTimeEntry(ctx: Ctx, id: number): void {
  const i = ctx.state.timeEntries.findIndex((e) => e.id === id);
  if (i < 0) throw notFound('Time entry not found');
  const [entry] = ctx.state.timeEntries.splice(i, 1);
  const ticket =
    entry?.chargeToType === 'ServiceTicket'
      ? ctx.state.tickets.find((t) => t.id === entry.chargeToId)
      : ctx.state.projectTickets.find((t) => t.id === entry?.chargeToId);
  if (ticket && entry) {
    ticket.actualHours = Math.max(0, Math.round(((ticket.actualHours ?? 0) - entry.actualHours) * 100) / 100);
  }
  const note = ctx.state.timeEntryNotes[id];
  if (note) {
    const list = note.kind === 'service' ? ctx.state.notes : ctx.state.projectNotes;
    const at = list.findIndex((n) => n.id === note.noteId);
    if (at >= 0) list.splice(at, 1);
    delete ctx.state.timeEntryNotes[id];
  }
}
