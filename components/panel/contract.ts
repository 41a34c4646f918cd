import type { TicketContext, TicketRef } from '@/lib/ticket/types';

/**
 * What the panel gives the features mounted in it (the session view, the Update/post dialog): the
 * linked ticket, and its context once loaded (undefined while loading or when CW could not return it).
 * Both change when the technician links another ticket or CW navigates to another one.
 */
export interface TicketSlotProps {
  ticket: TicketRef;
  context: TicketContext | undefined;
}

/** Props of components/panel/session/SessionView.tsx. */
export type SessionViewProps = TicketSlotProps;
/** Props of the "Update" header control in components/panel/post/. */
export interface UpdateControlProps extends TicketSlotProps {
  /** A post for this ticket landed (or its status change was confirmed): reload the ticket's context. */
  onPosted?: () => void;
}
