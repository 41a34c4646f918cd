import type { DetectedTicket } from '../detect/resolve';
import { z } from '../platform/zod';
import type { TicketSearchResult } from '../ticket/search';
import type { TicketContext } from '../ticket/types';
import { message } from './protocol';

// Messages the panel frame (panel.html docked in a CW tab) sends to the background worker, and the
// background's pushes to that frame. The panel imports only types from here, so zod stays out of it.

export const PanelStatus = z.object({
  connected: z.boolean(),
  /** Which PSA is connected (its words in the panel: lib/psa/words.ts); missing means ConnectWise. */
  psa: z.enum(['connectwise', 'autotask']).optional(),
  displayName: z.string().optional(),
  site: z.string().optional(),
  /** Team roster present but nobody chosen as this browser's technician (Options → Member Mapping). */
  needsTechnician: z.boolean().optional(),
  /** Problems with the administrator's policy, each naming its policy key (shown above the panel body). */
  policyProblems: z.array(z.string()).optional(),
});
export type PanelStatus = z.infer<typeof PanelStatus>;

export const TicketRefSchema = z.object({
  kind: z.enum(['service', 'project']),
  id: z.number().int().positive().max(2_147_483_647),
});

/** The page's ticket as the tab's content script last reported it; `rev` orders it against pushes. */
export interface PageTicket {
  /** undefined: the content script has not reported yet. */
  ticket?: DetectedTicket | null;
  rev: number;
}

export const panelToBg = {
  'panel/status': message(z.object({}), PanelStatus),
  /** The ticket on this tab's CW screen; later changes are pushed as `panel/pageTicket`. */
  'panel/pageTicket': message(z.object({}), z.custom<PageTicket>()),
  'panel/openOptions': message(
    z.object({ tab: z.enum(['connection', 'mapping', 'flowpilot', 'history', 'activity']).optional() }),
    z.object({ opened: z.boolean() }),
  ),
  /**
   * The linked ticket's context. Served from a short cache unless `refresh`; on a fresh load the
   * background also pushes `ticket/contextPartial` to the asking tab after the first wave.
   */
  'panel/ticketContext': message(
    z.object({ ticket: TicketRefSchema, refresh: z.boolean().optional() }),
    z.custom<TicketContext>(),
  ),
  /**
   * Link Ticket search. `seq` is echoed so the panel can drop answers to superseded queries; a newer
   * search from the same tab cancels the older one in the background (error kind 'cancelled').
   */
  'panel/searchTickets': message(
    z.object({ query: z.string().max(200), seq: z.number().int().nonnegative() }),
    z.object({ seq: z.number(), results: z.array(z.custom<TicketSearchResult>()) }),
  ),
};

/** Pushes from the background to the panel frame of one tab (tabs.sendMessage); no reply expected. */
export type BgToPanel =
  | { dir: 'bgToPanel'; type: 'panel/toggle' }
  /** `dock`: on Autotask, the panel it is for (a panel ignores a push naming another dock). */
  | ({ dir: 'bgToPanel'; type: 'panel/pageTicket'; dock?: string } & PageTicket)
  | { dir: 'bgToPanel'; type: 'ticket/contextPartial'; context: TicketContext }
  /** The check of details kept from earlier contexts found a change: the context as it is now. */
  | { dir: 'bgToPanel'; type: 'ticket/contextUpdated'; context: TicketContext };
