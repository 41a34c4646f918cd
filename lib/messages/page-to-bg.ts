import { z } from 'zod';
import { DETECTED_SUMMARY_MAX, type DetectedTicket } from '../detect/resolve';
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

export const pageToBg = {
  /** The ticket on screen changed (null: this screen is not a ticket). */
  'page/detected': message(
    z.object({ ticket: DetectedTicketSchema.nullable() }),
    z.object({ ok: z.literal(true) }),
  ),
};

/** Background → the content script of one tab (tabs.sendMessage to frame 0), answered with a PageReport. */
export type BgToPage = { dir: 'bgToPage'; type: 'page/report' };
export interface PageReport {
  ticket: DetectedTicket | null;
}
