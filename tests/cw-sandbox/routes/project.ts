// /project/tickets: list, get, PATCH, notes (GET/POST/DELETE) and allNotes (ticket + time entry notes).
import { type Ctx, intParam, itemResult, listResult, type Route } from '../context.ts';
import { notFound } from '../errors.ts';
import { addProjectNote, deleteNote, parseNoteBody } from '../notes-write.ts';
import { applyTicketPatch } from '../patch.ts';
import { render } from '../render.ts';
import type { ProjectTicket } from '../types.ts';

function projectTicketOr404(ctx: Ctx, param: string): ProjectTicket {
  const ticket = ctx.state.projectTickets.find((t) => t.id === intParam(ctx, param));
  if (!ticket) throw notFound('Ticket not found');
  return ticket;
}

const P = { ticketPath: 'project/tickets' };

export const projectRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/project/tickets',
    handler: (ctx) => listResult(ctx, ctx.state.projectTickets, 'ProjectTicket', P),
  },
  {
    method: 'GET',
    pattern: '/project/tickets/:id',
    handler: (ctx) => itemResult(ctx, projectTicketOr404(ctx, 'id'), 'ProjectTicket', 'Ticket', P),
  },
  {
    method: 'PATCH',
    pattern: '/project/tickets/:id',
    handler: (ctx) => {
      const ticket = applyTicketPatch(ctx, projectTicketOr404(ctx, 'id'), 'projectTicket');
      return { status: 200, body: render(ticket, ctx.apiBase, P.ticketPath) };
    },
  },
  {
    method: 'GET',
    pattern: '/project/tickets/:parentId/notes',
    handler: (ctx) => {
      const t = projectTicketOr404(ctx, 'parentId');
      return listResult(
        ctx,
        ctx.state.projectNotes.filter((n) => n.ticketId === t.id),
        'TicketNote',
        P,
      );
    },
  },
  {
    method: 'POST',
    pattern: '/project/tickets/:parentId/notes',
    handler: (ctx) => {
      const t = projectTicketOr404(ctx, 'parentId');
      const note = addProjectNote(ctx, t.id, parseNoteBody(ctx, ctx.body, 'ticketNote'));
      return { status: 201, body: render(note, ctx.apiBase, P.ticketPath) };
    },
  },
  {
    method: 'DELETE',
    pattern: '/project/tickets/:parentId/notes/:id',
    handler: (ctx) => {
      const t = projectTicketOr404(ctx, 'parentId');
      deleteNote(ctx.state.projectNotes, t.id, intParam(ctx, 'id'));
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: '/project/tickets/:parentId/allNotes',
    handler: (ctx) => {
      const t = projectTicketOr404(ctx, 'parentId');
      const ticketRef = { id: t.id, summary: t.summary };
      const notes = ctx.state.projectNotes
        .filter((n) => n.ticketId === t.id)
        .map((n) => ({
          id: n.id,
          noteType: 'TicketNote',
          ticket: ticketRef,
          text: n.text,
          detailDescriptionFlag: n.detailDescriptionFlag,
          internalAnalysisFlag: n.internalAnalysisFlag,
          resolutionFlag: n.resolutionFlag,
          issueFlag: n.issueFlag,
          originalAuthor: n.member?.name ?? n.contact?.name,
          member: n.member,
          contact: n.contact,
          _info: n._info,
        }));
      const timeNotes = ctx.state.timeEntries
        .filter((e) => e.chargeToType !== 'ServiceTicket' && e.chargeToId === t.id && e.notes)
        .map((e) => ({
          id: e.id,
          noteType: 'TimeEntryNote',
          ticket: ticketRef,
          text: e.notes,
          detailDescriptionFlag: e.addToDetailDescriptionFlag,
          internalAnalysisFlag: e.addToInternalAnalysisFlag,
          resolutionFlag: e.addToResolutionFlag,
          timeStart: e.timeStart,
          timeEnd: e.timeEnd,
          originalAuthor: e.member.name,
          member: e.member,
          _info: e._info,
        }));
      return listResult(ctx, [...notes, ...timeNotes], 'ProjectTicketNote', P);
    },
  },
];
