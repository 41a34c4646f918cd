import type { AutotaskOnScreen } from '../detect/autotask/resolve';
import { TICKET_NUMBER } from '../detect/autotask/url';
import { DETECTED_SUMMARY_MAX, type DetectedTicket } from '../detect/resolve';
import { z } from '../platform/zod';
import { message } from './protocol';

// The content script on CW's page only detects the ticket on screen and docks the panel frame. It
// reports what it detects to the background, which keeps it per tab, starts loading the context and
// passes it on to that tab's panel frame: the only way the frame learns the page's ticket (a page
// script can neither send on this channel nor read it). Types only are imported by the content script.

export const DetectedTicketSchema = z.object({
  kind: z.enum(['service', 'project']),
  id: z.number().int().positive().max(2_147_483_647),
  summary: z.string().max(DETECTED_SUMMARY_MAX).optional(),
  source: z.enum(['banner', 'url', 'title']),
});

/** What an Autotask page shows (lib/detect/autotask/resolve.ts); the background confirms it by API. */
export const AutotaskOnScreenSchema = z.object({
  id: z.number().int().positive().max(2_147_483_647).optional(),
  number: z.string().regex(TICKET_NUMBER).optional(),
  title: z.string().max(DETECTED_SUMMARY_MAX).optional(),
  editing: z.boolean(),
  source: z.enum(['url', 'screen', 'url+screen']),
});

/**
 * Names one dock (panel) on an Autotask tab: random per content-script instance, also in the panel
 * frame's URL (`panel.html?dock=`), so the background pairs each panel with the frame that docked it.
 * Routing only, not a secret: page scripts cannot send runtime messages at all.
 */
export const DockId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

export const pageToBg = {
  /** The ticket on screen changed (null: this screen is not a ticket). */
  'page/detected': message(
    z.object({ ticket: DetectedTicketSchema.nullable() }),
    z.object({ ok: z.literal(true) }),
  ),
  /**
   * CW's own in-app navigation moved the tab's URL (pushState) to a ticket URL: a hint to start that
   * ticket's context now, before CW renders it. It does not link anything (the banner decides, through
   * page/detected). Chromium only (the Navigation API); Firefox's worker watches the tab's URL instead.
   */
  'page/urlTicket': message(
    z.object({ ticket: DetectedTicketSchema.pick({ kind: true, id: true }) }),
    z.object({ ok: z.literal(true) }),
  ),
  /**
   * Autotask (issue 15): the ticket a frame shows changed (null: none). Sent by the Autotask content
   * script from any frame of the connected Autotask's pages; `dock` names the panel it docked.
   */
  'page/autotaskDetected': message(
    z.object({ ticket: AutotaskOnScreenSchema.nullable(), dock: DockId }),
    z.object({ ok: z.literal(true) }),
  ),
};

/**
 * Background → the content script of one tab (CW: tabs.sendMessage to frame 0), answered with a
 * PageReport. With `dock` (Autotask) it goes to every frame and only the script of that dock answers.
 */
export type BgToPage = { dir: 'bgToPage'; type: 'page/report'; dock?: string };
export interface PageReport {
  ticket: DetectedTicket | null;
}
export interface AutotaskPageReport {
  autotask: AutotaskOnScreen | null;
}
