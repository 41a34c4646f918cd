import { browser } from 'wxt/browser';

// How the background reaches the panel frame docked in a CW tab (an extension page inside a web page).
// - A push to one tab's panel: tabs.sendMessage to its frame id (to every frame of the tab while the id
//   is unknown; content scripts ignore panel messages). Chrome and Firefox both deliver it to extension
//   frames.
// - A broadcast to every page: runtime.sendMessage reaches the options page and, in Chrome, the panel
//   frames too. Firefox does not deliver runtime broadcasts to extension frames inside web pages (seen in
//   firefox-esr 140), so there each tab is sent the broadcast as well.

export function sendToPanelFrame(tabId: number, frameId: number | undefined, msg: unknown): Promise<unknown> {
  return frameId === undefined
    ? browser.tabs.sendMessage(tabId, msg)
    : browser.tabs.sendMessage(tabId, msg, { frameId });
}

export async function broadcastToPanelFrames(msg: unknown): Promise<void> {
  if (!import.meta.env.FIREFOX) return;
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.map((t) =>
      t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, msg).catch(() => undefined),
    ),
  );
}
