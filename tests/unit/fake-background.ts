import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { handlers } from '@/lib/background/handlers';
import { createRouter } from '@/lib/messages/router';

// The real background (router, handlers, session/posting services on fake-indexeddb) in the test's own
// process, for component tests of the panel: the panel's messages go through the real router and its
// broadcasts come back to the panel's listeners, as between the panel frame and the worker.

const ID = 'flowpilottestextensionidaaaaaaaa';
const ORIGIN = `chrome-extension://${ID}/`;
const CW_PAGE = 'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx';
/** The panel frame (panel.html) docked in a CW tab, as the router sees it. */
const PANEL_FRAME = { id: ID, url: `${ORIGIN}panel.html`, tab: { id: 1, url: CW_PAGE }, frameId: 3 };

export interface FakeBackground {
  /** Every message the panel sent, in order. */
  sent: { dir?: string; type?: string; payload?: unknown }[];
}

export function startFakeBackground(): FakeBackground {
  const route = createRouter({
    extensionId: ID,
    extensionOrigin: ORIGIN,
    isPanelHost: () => true,
    handlers,
  });
  const sent: FakeBackground['sent'] = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (m: unknown) => {
    const msg = m as FakeBackground['sent'][number];
    if (msg?.dir === 'bgToPages') {
      await fakeBrowser.runtime.onMessage.trigger(m, { id: ID });
      return undefined;
    }
    sent.push(msg);
    return route(m, PANEL_FRAME);
  }) as typeof browser.runtime.sendMessage);
  vi.spyOn(browser.tabs, 'query').mockImplementation((() =>
    Promise.resolve([])) as typeof browser.tabs.query);
  return { sent };
}
