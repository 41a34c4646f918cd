import { browser } from 'wxt/browser';

// CW's in-app navigations (history.pushState) make no request, so webRequest does not see them; their
// ticket's context should still start before CW renders it (lib/background/nav-prefetch.ts).
// - Chromium: the content script hears them through the Navigation API and sends page/urlTicket. The
//   worker does not listen to tabs.onUpdated there: Chromium cannot filter that event, so every update of
//   every tab on any site would start FlowPilot's stopped worker (and its start-up work) again.
// - Firefox (no Navigation API in ESR 140): tabs.onUpdated, filtered to URL changes, which Firefox can do
//   (the filter argument is Firefox's own, missing from the shared types).

type Listener = (tabId: number, change: { url?: string }) => void;
type AddWithFilter = (this: unknown, cb: Listener, filter: { properties: string[] }) => void;

export function onTabUrlChange(listener: (tabId: number, url: string) => void): void {
  if (!import.meta.env.FIREFOX) return;
  const event = browser.tabs.onUpdated;
  (event.addListener as unknown as AddWithFilter).call(
    event,
    (tabId, change) => {
      if (change.url) listener(tabId, change.url);
    },
    { properties: ['url'] },
  );
}
