import type { Req } from '@/lib/messages/registry';
import type { TicketContext } from '@/lib/ticket/types';

/** A lane edit as the panel sends it (the zod-validated shape from lib/messages/panel-to-bg-session.ts). */
export type LaneOpInput = Req<'panelToBg', 'session/lane'>['op'];

/** What a new session records about its ticket (session history, similar-ticket matching). */
export function ticketFacts(ctx: TicketContext | undefined) {
  return {
    ...(ctx?.company ? { company: { id: ctx.company.id, name: ctx.company.name } } : {}),
    ...(ctx?.type ? { ticketType: ctx.type } : {}),
    ...(ctx?.subType ? { ticketSubType: ctx.subType } : {}),
  };
}
