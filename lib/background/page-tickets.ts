import { browser } from 'wxt/browser';
import type { AutotaskOnScreen } from '../detect/autotask/resolve';
import type { DetectedTicket } from '../detect/resolve';
import {
  AutotaskOnScreenSchema,
  type AutotaskPageReport,
  type BgToPage,
  DetectedTicketSchema,
  type PageReport,
} from '../messages/page-to-bg';
import type { BgToPanel, PageTicket } from '../messages/panel-to-bg';
import { sendToPanelFrame } from '../platform/panel-push';

// The channel from a tab's content script to the panel frame it docked, through the worker: the
// content script reports the ticket on screen (runtime message, so its tab and frame are known from the
// sender), and the frame gets it pushed (tabs.sendMessage to its frame id) or asks for it when it
// starts. A page script can neither send on it nor listen to it. State here is only a cache: after the
// worker restarts, the frame's first ask is answered by asking the content script again.
//
// ConnectWise: one panel per tab, docked by the top frame's script (dock ''). Autotask shows tickets
// inside iframes, so a tab can hold several docks: each is named by its content script (`dock`, also in
// the panel frame's URL) and keyed here by (tab, dock).

type State = Required<PageTicket>;
const pageTickets = new Map<string, State>();
/** (tab, dock) → the panel frame's id, once it has asked. */
const panelFrames = new Map<string, number>();
let lastRev = 0;
/** Increases across worker restarts too, so a frame can always tell the newer report. */
const nextRev = () => {
  lastRev = Math.max(Date.now(), lastRev + 1);
  return lastRev;
};
const keyOf = (tabId: number, dock: string) => `${tabId}|${dock}`;
const ofTab = (tabId: number) => `${tabId}|`;

/**
 * A push to the tab's panel frames (every frame of the tab while no panel has asked yet: content
 * scripts ignore panel messages). `dock` narrows it to one panel.
 */
export function pushToPanel(tabId: number, msg: BgToPanel, dock?: string): void {
  const frames =
    dock === undefined
      ? [...panelFrames].filter(([k]) => k.startsWith(ofTab(tabId))).map(([, f]) => f)
      : [panelFrames.get(keyOf(tabId, dock))].filter((f) => f !== undefined);
  if (!frames.length) {
    sendToPanelFrame(tabId, undefined, msg).catch(() => undefined);
    return;
  }
  for (const f of frames) sendToPanelFrame(tabId, f, msg).catch(() => undefined);
}

/** The content script of `tabId` (dock '' for CW's top frame) reported the ticket on screen. */
export function reportPageTicket(tabId: number, ticket: DetectedTicket | null, dock = ''): void {
  const state = { ticket, rev: nextRev() };
  pageTickets.set(keyOf(tabId, dock), state);
  pushToPanel(
    tabId,
    { dir: 'bgToPanel', type: 'panel/pageTicket', ...state, ...(dock ? { dock } : {}) },
    dock,
  );
}

/** The dock a panel frame belongs to, from its own URL (`panel.html?dock=…`); '' for CW's. */
export function dockOfPanelUrl(url: string | undefined): string {
  try {
    const d = new URL(url ?? '').searchParams.get('dock') ?? '';
    return /^[A-Za-z0-9-]{8,64}$/.test(d) ? d : '';
  } catch {
    return '';
  }
}

/**
 * The panel frame `frameId` of `tabId` asks for its page's ticket; it becomes the frame pushes for its
 * dock go to. After a worker restart the content script is asked again: CW's top frame, or (Autotask)
 * whichever frame's script owns `dock`, whose answer `confirm` checks against the API first.
 */
export async function pageTicketFor(
  tabId: number,
  frameId: number,
  dock = '',
  confirm?: (seen: AutotaskOnScreen) => Promise<DetectedTicket | null>,
): Promise<PageTicket> {
  const key = keyOf(tabId, dock);
  panelFrames.set(key, frameId);
  const known = pageTickets.get(key);
  if (known) return known;
  let ticket: DetectedTicket | null;
  if (dock) {
    const ask: BgToPage = { dir: 'bgToPage', type: 'page/report', dock };
    const report = (await browser.tabs.sendMessage(tabId, ask).catch(() => undefined)) as
      | AutotaskPageReport
      | undefined;
    const seen = report && AutotaskOnScreenSchema.nullable().safeParse(report.autotask);
    if (!seen?.success || !confirm) return { rev: 0 };
    ticket = seen.data ? await confirm(seen.data).catch(() => null) : null;
  } else {
    const ask: BgToPage = { dir: 'bgToPage', type: 'page/report' };
    const report = (await browser.tabs.sendMessage(tabId, ask, { frameId: 0 }).catch(() => undefined)) as
      | PageReport
      | undefined;
    const parsed = report && DetectedTicketSchema.nullable().safeParse(report.ticket);
    if (!parsed?.success) return { rev: 0 };
    ticket = parsed.data;
  }
  // A report that arrived while we asked is newer than this answer.
  const state = pageTickets.get(key) ?? { ticket, rev: nextRev() };
  pageTickets.set(key, state);
  return state;
}

export function forgetTab(tabId: number): void {
  for (const m of [pageTickets, panelFrames])
    for (const k of [...m.keys()]) if (k.startsWith(ofTab(tabId))) m.delete(k);
}
