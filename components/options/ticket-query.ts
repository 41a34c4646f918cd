// The Ticket filter of Post History and Sessions: what was typed, as the background's filter fields.
// Pure; tested beside it.

/** The longest ticket number the background accepts (Autotask's field holds 50). */
const NUMBER_MAX = 50;

/**
 * "1001" or "#1001" is an id (ConnectWise's ticket number is its id; any ticket by its id); anything
 * else is a ticket number as Autotask's technicians know their tickets (T20261129.0004, any case).
 */
export function ticketQuery(text: string): { ticketId?: number; ticketNumber?: string } {
  const ticket = text.trim();
  if (/^#?\d+$/.test(ticket)) return { ticketId: Number(ticket.replace('#', '')) };
  return ticket ? { ticketNumber: ticket.slice(0, NUMBER_MAX) } : {};
}
