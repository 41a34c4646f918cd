/** The parts of runtime.MessageSender the router looks at. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** The panel's page: an extension-origin frame the content script docks beside CW (panel.html). */
export const PANEL_PAGE_PATH = '/panel.html';

export type SenderKind =
  /** The options page (and any other extension page that is not the docked panel). */
  | { kind: 'extensionPage'; url: string }
  /** panel.html framed inside a tab; `pageUrl` is the tab's top-level page (the CW screen it docks on). */
  | { kind: 'panelFrame'; url: string; tabId: number; frameId: number; pageUrl: string }
  /** The content script (detection and dock), top frame of a tab. */
  | { kind: 'contentScript'; url: string; tabId: number; frameId: number }
  | { kind: 'foreign' };

function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/**
 * Who sent a message. Pages of our origin are the panel frame (panel.html inside a tab, never on its
 * own) or the options page; anything else from our own extension id is a content script. Other
 * extensions and web pages are foreign. A page script can be none of these: it has no runtime API to
 * send with, and cannot run code inside our origin.
 */
export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind {
  if (!sender.id || sender.id !== extensionId || !sender.url) return { kind: 'foreign' };
  if (sender.url.startsWith(extensionOrigin)) {
    if (pathOf(sender.url) !== PANEL_PAGE_PATH) return { kind: 'extensionPage', url: sender.url };
    // The panel exists only docked in a CW tab: panel.html opened as a page of its own gets nothing.
    const tabId = sender.tab?.id;
    const pageUrl = sender.tab?.url;
    if (tabId === undefined || !pageUrl || !sender.frameId) return { kind: 'foreign' };
    return { kind: 'panelFrame', url: sender.url, tabId, frameId: sender.frameId, pageUrl };
  }
  if (sender.tab?.id === undefined) return { kind: 'foreign' };
  return { kind: 'contentScript', url: sender.url, tabId: sender.tab.id, frameId: sender.frameId ?? 0 };
}

/**
 * Did this message come from our background worker? Pages receive runtime messages from every part of
 * the extension; pushes are trusted only from the worker (our id, and no tab: content scripts, the
 * panel frames and a tabbed options page all have one).
 */
export function isFromBackground(sender: SenderLike, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab === undefined;
}
