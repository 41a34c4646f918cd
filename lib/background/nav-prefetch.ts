import { browser } from 'wxt/browser';
import { ticketFromUrl } from '../detect/url';
import { onTabUrlChange } from '../platform/tab-url-changes';
import { isPanelHost } from './cw-pages';
import { ticketContextFor } from './panel-handlers';

// A tab navigating to a CW ticket URL starts that ticket's context at once (issue 12 §5), before the
// content script is injected and reports it. The earliest signal is the page request itself leaving
// (webRequest.onBeforeRequest, main frame): the API waves then run beside CW's own page load instead of
// after it — on a real CW site that is one page round trip saved; commit comes only after CW's server
// has answered. CW's in-app navigations (pushState) make no request: the content script reports those
// (page/urlTicket; lib/platform/tab-url-changes.ts says why not tabs.onUpdated). Later signals join the load already in flight (ticketContextFor). When CW's
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
  // CW's pushState navigations (no request): see lib/platform/tab-url-changes.ts.
  onTabUrlChange((tabId, url) => void prefetch(tabId, url));
}

async function prefetch(tabId: number, url: string): Promise<void> {
  const ticket = ticketFromUrl(url);
  if (!ticket || !(await isPanelHost(url))) return;
  await ticketContextFor(ticket, { tabId }).catch(() => undefined);
}
