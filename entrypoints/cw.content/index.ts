import { browser } from 'wxt/browser';
import { CLOUD_HOST_PATTERNS } from '@/lib/cw/hosts';
import { DETECTED_SUMMARY_MAX, type DetectedTicket } from '@/lib/detect/resolve';
import { ticketFromUrl } from '@/lib/detect/url';
import { watchTicketOnScreen } from '@/lib/detect/watch';
import { askFromPage } from '@/lib/messages/client';
import type { BgToPage, PageReport } from '@/lib/messages/page-to-bg';
import type { BgToPanel } from '@/lib/messages/panel-to-bg';
import { loadCollapsed, onCollapsedChange } from '@/lib/panel/collapse';
import { CONNECTED_PSA_KEY } from '@/lib/panel/connected-psa';
import { createDock, type Dock, toggleByCommand } from '@/lib/panel/dock';
import { loadPanelWidth, onPanelWidthChange, savePanelWidth } from '@/lib/panel/width';

// What runs in CW's page: detection and the dock, nothing else. The panel itself is panel.html in an
// extension-origin frame (entrypoints/panel/), which CW's scripts cannot read or drive; it learns the
// ticket on screen from this script through the background, never from the page.
// Top frame only (CW nests iframes; the panel must exist once). Loopback matches are added to the e2e
// build in wxt.config.ts; on-prem hosts are registered at run time (lib/platform/content-scripts).
// document_start: the ticket id is in the URL long before CW renders, so the context starts loading
// at once; the banner check corrects it when CW's URL is stale.
export default defineContentScript({
  matches: CLOUD_HOST_PATTERNS,
  allFrames: false,
  runAt: 'document_start',
  main(ctx) {
    const ac = new AbortController();
    let onScreen: DetectedTicket | null = null;
    let dock: Dock | undefined;

    const report = (t: DetectedTicket | null) => {
      onScreen =
        t && t.summary !== undefined ? { ...t, summary: t.summary.slice(0, DETECTED_SUMMARY_MAX) } : t;
      askFromPage('page/detected', { ticket: onScreen }).catch(() => undefined);
    };
    watchTicketOnScreen({
      win: window,
      signal: ac.signal,
      onChange: report,
      afterCheck: () => dock?.ensureAttached(),
    });

    // CW's pushState navigation to a ticket: the worker starts its context now, before CW renders it
    // (Chromium's Navigation API; the content script's world shares the page's navigation object).
    const nav = (window as { navigation?: EventTarget }).navigation;
    nav?.addEventListener(
      'currententrychange',
      () => {
        const t = ticketFromUrl(location.href);
        if (t) askFromPage('page/urlTicket', { ticket: t }).catch(() => undefined);
      },
      { signal: ac.signal },
    );

    // After a worker restart the background asks again what is on screen (for a starting panel frame).
    // The toggle-panel command (Alt+Shift+F) reaches the panel frame and this script alike: the panel
    // saves the new state; the dock moves keyboard focus into the frame, or back to CW.
    const onMessage = (msg: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const m = msg as BgToPage | BgToPanel | undefined;
      if (m?.dir === 'bgToPage' && m.type === 'page/report')
        return Promise.resolve<PageReport>({ ticket: onScreen });
      if (m?.dir === 'bgToPanel' && m.type === 'panel/toggle' && dock) toggleByCommand(dock);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);

    // One frame per tab, created at once so it loads while CW does: CW's in-app navigation only changes
    // what the frame is told. At document_start nothing is painted yet, so the saved collapsed state and
    // width (a storage read away) are applied before anyone sees the dock. The width is saved once a
    // drag or key press on the panel's edge ends, and every tab follows it.
    dock = createDock(document, browser.runtime.getURL('/panel.html'), false, {
      onWidthChosen: (w) => void savePanelWidth(w),
    });
    const stopCollapse = onCollapsedChange((c) => dock?.setCollapsed(c));
    const stopWidth = onPanelWidthChange((w) => dock?.setWidth(w));
    void loadCollapsed().then((c) => dock?.setCollapsed(c));
    void loadPanelWidth().then((w) => dock?.setWidth(w));

    const stop = () => {
      ac.abort();
      browser.runtime.onMessage.removeListener(onMessage);
      stopCollapse();
      stopWidth();
      dock?.remove();
      dock = undefined;
    };
    ctx.onInvalidated(stop);
    // Connected to Autotask: CW pages get no panel (read with the collapsed state, before any paint).
    void browser.storage.local
      .get(CONNECTED_PSA_KEY)
      .then((v) => v[CONNECTED_PSA_KEY] === 'autotask' && stop());
  },
});
