// /service/tickets: list, count, get, PATCH. Project-ticket ids and API-hidden tickets answer 404.
import { type Ctx, countResult, intParam, itemResult, listResult, type Route } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { applyTicketPatch } from '../patch.ts';
import { render } from '../render.ts';
import type { Obj, Ticket } from '../types.ts';

// RESTRICTED_KEYS.noClosedTickets: an API member whose role may not see closed tickets. The body is
// the sandbox's wording for a security-role gap (real CW's exact text is UNCONFIRMED, cw-api.md §2).
const CLOSED_DENIED = 'You do not have sufficient security permissions to view closed service tickets.';

export function serviceTicketOr404(ctx: Ctx, param: string): Ticket {
  const ticket = ctx.state.tickets.find((t) => t.id === intParam(ctx, param));
  if (!ticket) throw notFound('Ticket not found');
  if (ctx.key === 'noClosedTickets' && ticket.closedFlag) throw forbidden(CLOSED_DENIED);
  return ticket;
}

/** A list page that would return a closed ticket is refused for the noClosedTickets key. */
function guardClosed(ctx: Ctx) {
  return (items: Obj[]) => {
    if (ctx.key === 'noClosedTickets' && items.some((t) => t.closedFlag === true))
      throw forbidden(CLOSED_DENIED);
  };
}

export const ticketRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/service/tickets',
    handler: (ctx) => listResult(ctx, ctx.state.tickets, 'Ticket', { checkPage: guardClosed(ctx) }),
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
