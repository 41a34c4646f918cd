// Sub-resources of a service ticket: notes (GET/POST/DELETE), configurations, time entries.
import { type Ctx, countResult, intParam, itemResult, listResult, type Route } from '../context.ts';
import { notFound } from '../errors.ts';
import { addServiceNote, deleteNote, parseNoteBody } from '../notes-write.ts';
import { render } from '../render.ts';
import { serviceTicketOr404 } from './tickets.ts';

export const ticketChildRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/service/tickets/:parentId/notes',
    handler: (ctx) => {
      const t = serviceTicketOr404(ctx, 'parentId');
      return listResult(
        ctx,
        ctx.state.notes.filter((n) => n.ticketId === t.id),
        'ServiceNote',
      );
    },
  },
  {
    method: 'GET',
    pattern: '/service/tickets/:parentId/notes/count',
    handler: (ctx) => {
      const t = serviceTicketOr404(ctx, 'parentId');
      return countResult(
        ctx,
        ctx.state.notes.filter((n) => n.ticketId === t.id),
        'ServiceNote',
      );
    },
  },
  {
    method: 'GET',
    pattern: '/service/tickets/:parentId/notes/:id',
    handler: (ctx) => {
      const t = serviceTicketOr404(ctx, 'parentId');
      const note = ctx.state.notes.find((n) => n.ticketId === t.id && n.id === intParam(ctx, 'id'));
      return itemResult(ctx, note, 'ServiceNote', 'Note');
    },
  },
  {
    method: 'POST',
    pattern: '/service/tickets/:parentId/notes',
    handler: (ctx) => {
      const t = serviceTicketOr404(ctx, 'parentId');
      const note = addServiceNote(ctx, t.id, parseNoteBody(ctx, ctx.body, 'serviceNote'));
      return { status: 201, body: render(note, ctx.apiBase) };
    },
  },
  {
    method: 'DELETE',
    pattern: '/service/tickets/:parentId/notes/:id',
    handler: (ctx) => {
      const t = serviceTicketOr404(ctx, 'parentId');
      deleteNote(ctx.state.notes, t.id, intParam(ctx, 'id'));
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: '/service/tickets/:parentId/configurations',
    handler: (ctx) => {
      const t = serviceTicketOr404(ctx, 'parentId');
      return listResult(
        ctx,
        configRefs(ctx, ctx.state.ticketConfigurations[t.id] ?? []),
        'ConfigurationReference',
      );
    },
  },
  {
    method: 'GET',
    pattern: '/service/tickets/:parentId/configurations/:id',
    handler: (ctx) => {
      const t = serviceTicketOr404(ctx, 'parentId');
      const id = intParam(ctx, 'id');
      if (!(ctx.state.ticketConfigurations[t.id] ?? []).includes(id))
        throw notFound('Configuration not found');
      return itemResult(ctx, configRefs(ctx, [id])[0], 'ConfigurationReference', 'Configuration');
    },
  },
  {
    method: 'GET',
    pattern: '/service/tickets/:parentId/timeentries',
    handler: (ctx) => {
      const t = serviceTicketOr404(ctx, 'parentId');
      const refs = ctx.state.timeEntries
        .filter((e) => e.chargeToType === 'ServiceTicket' && e.chargeToId === t.id)
        .map((e) => ({ id: e.id, _info: { timeEntry_href: `${ctx.apiBase}/time/entries/${e.id}` } }));
      return listResult(ctx, refs, 'TimeEntryReference');
    },
  },
];

function configRefs(ctx: Ctx, ids: number[]) {
  // CW's ConfigurationReference carries the configuration name in deviceIdentifier.
  return ids.map((id) => ({
    id,
    deviceIdentifier: ctx.state.configurations.find((c) => c.id === id)?.deviceIdentifier ?? '',
    _info: { configuration_href: `${ctx.apiBase}/company/configurations/${id}` },
  }));
}
