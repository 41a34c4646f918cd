// /service/tickets: list, count, get, PATCH. Project-ticket ids and API-hidden tickets answer 404.
import { type Ctx, countResult, intParam, itemResult, listResult, type Route } from '../context.ts';
import { notFound } from '../errors.ts';
import { applyTicketPatch } from '../patch.ts';
import { render } from '../render.ts';
import type { Ticket } from '../types.ts';

export function serviceTicketOr404(ctx: Ctx, param: string): Ticket {
  const ticket = ctx.state.tickets.find((t) => t.id === intParam(ctx, param));
  if (!ticket) throw notFound('Ticket not found');
  return ticket;
}

export const ticketRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/service/tickets',
    handler: (ctx) => listResult(ctx, ctx.state.tickets, 'Ticket'),
  },
  {
    method: 'GET',
    pattern: '/service/tickets/count',
    handler: (ctx) => countResult(ctx, ctx.state.tickets, 'Ticket'),
  },
  {
    method: 'GET',
    pattern: '/service/tickets/:id',
    handler: (ctx) => itemResult(ctx, serviceTicketOr404(ctx, 'id'), 'Ticket', 'Ticket'),
  },
  {
    method: 'PATCH',
    pattern: '/service/tickets/:id',
    handler: (ctx) => {
      const ticket = applyTicketPatch(ctx, serviceTicketOr404(ctx, 'id'), 'ticket');
      return { status: 200, body: render(ticket, ctx.apiBase) };
    },
  },
];
