import { browser } from 'wxt/browser';
import { ticketFromUrl } from '../detect/url';
import { isPanelHost } from './cw-pages';
import { ticketContextFor } from './panel-handlers';

// A tab navigating to a CW ticket URL starts that ticket's context at once (issue 12 §5), before the
// content script is injected and reports it. The earliest signal is the page request itself leaving
// (webRequest.onBeforeRequest, main frame): the API waves then run beside CW's own page load instead of
// after it — on a real CW site that is one page round trip saved; commit (tabs.onUpdated) comes only
// after CW's server has answered. The commit still counts for CW's in-app navigations (pushState),
// which make no request. Later signals join the load already in flight (ticketContextFor). When CW's
// URL is stale, the content script's banner check links the right ticket as before. Nothing runs in
// CW's page for this. `webRequest` adds no install warning (the host permissions carry it) and sees
// only hosts FlowPilot already has access to; FlowPilot only observes, never blocks or changes a request.

export function prefetchOnNavigation(): void {
  browser.webRequest?.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId >= 0) void prefetch(details.tabId, details.url);
      return undefined;
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
  );
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
