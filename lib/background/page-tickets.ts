import { browser } from 'wxt/browser';
import type { DetectedTicket } from '../detect/resolve';
import { type BgToPage, DetectedTicketSchema, type PageReport } from '../messages/page-to-bg';
import type { BgToPanel, PageTicket } from '../messages/panel-to-bg';
import { sendToPanelFrame } from '../platform/panel-push';

// The channel from a CW tab's content script to the same tab's panel frame, through the worker: the
// content script reports the ticket on screen (runtime message, so its tab is known from the sender),
// and the frame gets it pushed (tabs.sendMessage to its frame id) or asks for it when it starts. A
// page script can neither send on it nor listen to it. State here is only a cache: after the worker
// restarts, the frame's first ask is answered by asking the content script again.

const pageTickets = new Map<number, Required<PageTicket>>();
const panelFrames = new Map<number, number>();
let lastRev = 0;
/** Increases across worker restarts too, so a frame can always tell the newer report. */
const nextRev = () => {
  lastRev = Math.max(Date.now(), lastRev + 1);
  return lastRev;
};

/** A push to the tab's panel frame (every frame of the tab while its id is unknown: content scripts ignore it). */
export function pushToPanel(tabId: number, msg: BgToPanel): void {
  sendToPanelFrame(tabId, panelFrames.get(tabId), msg).catch(() => undefined);
}

/** The content script of `tabId` reported the ticket on screen. */
export function reportPageTicket(tabId: number, ticket: DetectedTicket | null): void {
  const state = { ticket, rev: nextRev() };
  pageTickets.set(tabId, state);
  pushToPanel(tabId, { dir: 'bgToPanel', type: 'panel/pageTicket', ...state });
}

/** The panel frame of `tabId` asks for the page's ticket; it becomes the frame pushes go to. */
export async function pageTicketFor(tabId: number, frameId: number): Promise<PageTicket> {
  panelFrames.set(tabId, frameId);
  const known = pageTickets.get(tabId);
  if (known) return known;
  const ask: BgToPage = { dir: 'bgToPage', type: 'page/report' };
  const report = (await browser.tabs.sendMessage(tabId, ask, { frameId: 0 }).catch(() => undefined)) as
    | PageReport
    | undefined;
  const ticket = report && DetectedTicketSchema.nullable().safeParse(report.ticket);
  if (!ticket?.success) return { rev: 0 };
  // A report that arrived while we asked is newer than this answer.
  const state = pageTickets.get(tabId) ?? { ticket: ticket.data, rev: nextRev() };
  pageTickets.set(tabId, state);
  return state;
}

export function forgetTab(tabId: number): void {
  pageTickets.delete(tabId);
  panelFrames.delete(tabId);
}
