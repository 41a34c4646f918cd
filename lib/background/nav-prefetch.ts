import { browser } from 'wxt/browser';
import { ticketFromUrl } from '../detect/url';
import { isPanelHost } from './cw-pages';
import { ticketContextFor } from './panel-handlers';

// A tab navigating to a CW ticket URL starts that ticket's context at once (issue 12 §5): the worker
// hears of the new URL when the navigation commits, before the content script is injected and reports
// it. The content script's report then joins this load; when CW's URL is stale, its banner check links
// the right ticket as before. Nothing runs in CW's page for this, and no permission is added: the tab's
// URL is visible only on hosts FlowPilot already has access to.

export function prefetchOnNavigation(): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // A new URL (navigation or CW's pushState), or the same one loading again (a reload).
    const url = change.url ?? (change.status === 'loading' ? tab.url : undefined);
    if (url) void prefetch(tabId, url);
  });
}

async function prefetch(tabId: number, url: string): Promise<void> {
  const ticket = ticketFromUrl(url);
  if (!ticket || !(await isPanelHost(url))) return;
  await ticketContextFor(ticket, { tabId }).catch(() => undefined);
}
