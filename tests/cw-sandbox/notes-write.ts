// Creating and deleting ticket notes (POST/DELETE …/notes, and the notes a time entry's addTo*Flag creates).
import type { Ctx } from './context.ts';
import { cwDate } from './dates.ts';
import { ApiError, invalidObject, notFound } from './errors.ts';
import { asRef, findContact, findMember, refLabel } from './lookups.ts';
import { memberRef } from './seed-people.ts';
import { NOTE_TEXT_MAX } from './text.ts';
import type { Member, Obj, ProjectNote, Ref, ServiceNote } from './types.ts';

export interface NoteInput {
  text: string;
  detailDescriptionFlag: boolean;
  internalAnalysisFlag: boolean;
  resolutionFlag: boolean;
  issueFlag: boolean;
  member: Member;
  contact?: Ref;
  customerUpdatedFlag: boolean;
  processNotifications?: boolean;
}

/** Validates a note body like CW; `resource` is the name CW uses in error bodies (serviceNote, ticketNote). */
export function parseNoteBody(ctx: Ctx, body: unknown, resource: string): NoteInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, { code: 'InvalidObject', message: `${resource} object is invalid` });
  }
  const b = body as Obj;
  if (typeof b.text !== 'string' || b.text.trim() === '') {
    throw invalidObject(resource, 'text', 'Required', 'The text field is required.');
  }
  if (b.text.length > NOTE_TEXT_MAX) {
    throw invalidObject(
      resource,
      'text',
      'OutOfRange',
      `The field text must be a string with a maximum length of ${NOTE_TEXT_MAX}.`,
    );
  }
  const flag = (k: string) => b[k] === true;
  if (!flag('detailDescriptionFlag') && !flag('internalAnalysisFlag') && !flag('resolutionFlag')) {
    // Verbatim from a real server (LabtechConsulting/ConnectWise-Manage-Powershell#12).
    throw invalidObject(
      resource,
      'detailDescriptionFlag',
      'InvalidObject',
      'Please choose where to display the notes in order to save this record.',
    );
  }
  return {
    text: b.text,
    detailDescriptionFlag: flag('detailDescriptionFlag'),
    internalAnalysisFlag: flag('internalAnalysisFlag'),
    resolutionFlag: flag('resolutionFlag'),
    issueFlag: flag('issueFlag'),
    member: resolveActiveMember(ctx, b.member, resource),
    contact: resolveContact(ctx, b.contact, resource),
    customerUpdatedFlag: flag('customerUpdatedFlag'),
    processNotifications: typeof b.processNotifications === 'boolean' ? b.processNotifications : undefined,
  };
}

/** member by {id} / {identifier}; absent → the API key's member. Must exist and be active. */
export function resolveActiveMember(ctx: Ctx, value: unknown, resource: string): Member {
  if (value === undefined || value === null) return ctx.member;
  const ref = asRef(value);
  const m = ref && findMember(ctx.state, ref);
  if (!m) throw invalidObject(resource, 'member', 'NotFound', `Member ${refLabel(ref)} was not found.`);
  if (m.inactiveFlag)
    throw invalidObject(resource, 'member', 'InvalidObject', `Member '${m.identifier}' is inactive.`);
  return m;
}

function resolveContact(ctx: Ctx, value: unknown, resource: string): Ref | undefined {
  if (value === undefined || value === null) return undefined;
  const ref = asRef(value);
  const c = ref && findContact(ctx.state, ref);
  if (!c) throw invalidObject(resource, 'contact', 'NotFound', `Contact ${refLabel(ref)} was not found.`);
  return { id: c.id, name: `${c.firstName} ${c.lastName}` };
}

function stamp(ctx: Ctx, by: string) {
  const now = cwDate(ctx.now());
  return { now, info: { lastUpdated: now, updatedBy: by, dateEntered: now, enteredBy: by } };
}

export function addServiceNote(ctx: Ctx, ticketId: number, input: NoteInput): ServiceNote {
  const by = input.member.identifier;
  const { now, info } = stamp(ctx, by);
  const note: ServiceNote = {
    id: ctx.state.nextIds.note++,
    ticketId,
    text: input.text,
    detailDescriptionFlag: input.detailDescriptionFlag,
    internalAnalysisFlag: input.internalAnalysisFlag,
    resolutionFlag: input.resolutionFlag,
    issueFlag: input.issueFlag,
    member: memberRef(input.member),
    contact: input.contact,
    customerUpdatedFlag: input.customerUpdatedFlag,
    processNotifications: input.processNotifications,
    dateCreated: now,
    createdBy: by,
    internalFlag: input.internalAnalysisFlag,
    externalFlag: input.detailDescriptionFlag || input.resolutionFlag,
    _info: info,
  };
  ctx.state.notes.push(note);
  touchTicket(ctx.state.tickets.find((t) => t.id === ticketId)?._info, now, by);
  return note;
}

export function addProjectNote(ctx: Ctx, ticketId: number, input: NoteInput): ProjectNote {
  const by = input.member.identifier;
  const { now, info } = stamp(ctx, by);
  const note: ProjectNote = {
    id: ctx.state.nextIds.projectNote++,
    ticketId,
    text: input.text,
    detailDescriptionFlag: input.detailDescriptionFlag,
    internalAnalysisFlag: input.internalAnalysisFlag,
    resolutionFlag: input.resolutionFlag,
    issueFlag: input.issueFlag,
    member: memberRef(input.member),
    contact: input.contact,
    customerUpdatedFlag: input.customerUpdatedFlag,
    internalFlag: input.internalAnalysisFlag,
    externalFlag: input.detailDescriptionFlag || input.resolutionFlag,
    _info: info,
  };
  ctx.state.projectNotes.push(note);
  touchTicket(ctx.state.projectTickets.find((t) => t.id === ticketId)?._info, now, by);
  return note;
}

function touchTicket(info: Record<string, string> | undefined, now: string, by: string): void {
  if (!info) return;
  info.lastUpdated = now;
  info.updatedBy = by;
}

/** DELETE …/notes/{id}: 204, or CW's 404 for a note that is not on this ticket. */
export function deleteNote(list: (ServiceNote | ProjectNote)[], ticketId: number, id: number): void {
  const at = list.findIndex((n) => n.ticketId === ticketId && n.id === id);
  if (at < 0) throw notFound('Note not found');
  list.splice(at, 1);
}
