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
export interface SessionViewProps extends TicketSlotProps {
  /**
   * The ticket's number as the header shows it where it is not the id (Autotask's T20261129.0004): a
   * new session keeps it, so the Sessions tab and the Activity log name the ticket by it.
   */
  ticketNumber?: string;
  /** Whether a session is open on this ticket (the panel then puts it first, context as a summary). */
  onOpenChange?: (open: boolean) => void;
}
/** Props of the "Update" header control in components/panel/post/. */
export interface UpdateControlProps extends TicketSlotProps {
  /**
   * The ticket's number as the header shows it where it is not the id (Autotask's T20261129.0004; from
   * the context, its first wave or detection): the dialog, the toasts and the post name the ticket by it.
   */
  ticketNumber?: string;
  /** A post for this ticket landed (or its status change was confirmed): reload the ticket's context. */
  onPosted?: () => void;
}
