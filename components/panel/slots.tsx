import type { SessionViewProps, UpdateControlProps } from './contract';
import { UpdateControl } from './post/UpdateControl';
import { SessionView } from './session/SessionView';

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
