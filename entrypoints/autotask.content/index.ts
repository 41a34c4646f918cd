import { browser } from 'wxt/browser';
import type { AutotaskOnScreen } from '@/lib/detect/autotask/resolve';
import { shellInnerUrl } from '@/lib/detect/autotask/url';
import { watchAutotaskOnScreen } from '@/lib/detect/autotask/watch';
import { askFromPage } from '@/lib/messages/client';
import type { AutotaskPageReport, BgToPage } from '@/lib/messages/page-to-bg';
import type { BgToPanel } from '@/lib/messages/panel-to-bg';
import { loadCollapsed, onCollapsedChange } from '@/lib/panel/collapse';
import { createDock, type Dock, toggleByCommand } from '@/lib/panel/dock';
import { loadPanelWidth, onPanelWidthChange, savePanelWidth } from '@/lib/panel/width';

// What runs in Autotask's pages (issue 15): detection and the dock, like entrypoints/cw.content. Not
// in the manifest: the background registers it at run time, for the connected zone's web host only,
// once that host is granted (lib/background/autotask-pages.ts). All frames, because Autotask's new
// shell (/AutotaskOnyx/LandingPage) shows the ticket page inside an iframe; one panel per visible
// ticket: the shell's own frame never docks (its iframe's script does), and a frame docks only once
// it shows a ticket. Each instance names its dock with a random id, sent with its reports and put in
// the panel frame's URL, so the background pairs this frame's reports with this panel.
export default defineContentScript({
  registration: 'runtime',
  allFrames: true,
  runAt: 'document_start',
  main(ctx) {
    if (shellInnerUrl(location.href)) return;
    const dockId = crypto.randomUUID();
    const ac = new AbortController();
    let seen: AutotaskOnScreen | null = null;
    let dock: Dock | undefined;
    const stops: (() => void)[] = [];

    const openDock = () => {
      const url = new URL(browser.runtime.getURL('/panel.html'));
      url.searchParams.set('dock', dockId);
      dock = createDock(document, url.toString(), false, { onWidthChosen: (w) => void savePanelWidth(w) });
      stops.push(
        onCollapsedChange((c) => dock?.setCollapsed(c)),
        onPanelWidthChange((w) => dock?.setWidth(w)),
      );
      void loadCollapsed().then((c) => dock?.setCollapsed(c));
      void loadPanelWidth().then((w) => dock?.setWidth(w));
    };

    watchAutotaskOnScreen({
      win: window,
      signal: ac.signal,
      onChange: (t) => {
        seen = t;
        askFromPage('page/autotaskDetected', { ticket: t, dock: dockId }).catch(() => undefined);
        if (t && !dock) openDock();
      },
      afterCheck: () => dock?.ensureAttached(),
    });

    const onMessage = (msg: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const m = msg as BgToPage | BgToPanel | undefined;
      if (m?.dir === 'bgToPage' && m.type === 'page/report' && m.dock === dockId)
        return Promise.resolve<AutotaskPageReport>({ autotask: seen });
      if (m?.dir === 'bgToPanel' && m.type === 'panel/toggle' && dock) toggleByCommand(dock);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);

    ctx.onInvalidated(() => {
      ac.abort();
      browser.runtime.onMessage.removeListener(onMessage);
      for (const stop of stops) stop();
      dock?.remove();
    });
  },
});
