import { ticketKey } from '@/lib/ticket/types';
import type { SessionViewProps, TicketSlotProps, UpdateControlProps } from './contract';
import { TicketSessions } from './history/TicketSessions';
import { UpdateControl } from './post/UpdateControl';
import { SessionView } from './session/SessionView';
import { SimilarTickets } from './similar/SimilarTickets';

// Where other features mount in the panel. Each slot renders its feature's component with the
// contract props; until a feature lands its slot renders nothing.

/** Header slot beside Link Ticket / Unlink / Refresh: the "Update" (post to ticket) control. */
export function UpdateSlot(props: UpdateControlProps) {
  return <UpdateControl {...props} />;
}

/** Below the ticket context: the FlowPilot session for the linked ticket. */
export function SessionSlot(props: SessionViewProps) {
  return <SessionView {...props} />;
}

/**
 * Below the session: what fixed it last time (issue 13) — similar resolved tickets (asked for once the
 * context's first wave is there, so `context` may be partial) and the ticket's earlier sessions.
 */
export function HistorySlot(props: TicketSlotProps) {
  return (
    <>
      <SimilarTickets {...props} />
      <TicketSessions ticketKey={ticketKey(props.ticket)} />
    </>
  );
}
