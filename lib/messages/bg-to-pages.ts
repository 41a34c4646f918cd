import type { OutboxState } from '../db/schema';

// Broadcasts from the background to open extension pages and panels (no reply expected). Plain types:
// the sender is always this extension's own worker, checked by id at the receiving end.

export type BgToPages =
  | { dir: 'bgToPages'; type: 'connection/changed' }
  | { dir: 'bgToPages'; type: 'settings/changed' }
  /** The administrator's policy (or the result of applying it) changed. */
  | { dir: 'bgToPages'; type: 'policy/changed' }
  /** A session changed; panels showing that ticket re-fetch it (so two tabs stay in step). */
  | { dir: 'bgToPages'; type: 'session/changed'; ticketKey: string; rev: number }
  /**
   * An outbox item (and so its post) changed state; Post History and the panel's post list refresh.
   * `notice` (sent once, with the ticket's `link`): something the technician must do, e.g. remove a
   * duplicate FlowPilot could not delete.
   */
  | {
      dir: 'bgToPages';
      type: 'outbox/changed';
      ticketKey: string;
      postId: string;
      state: OutboxState;
      notice?: string;
      link?: string;
    };
