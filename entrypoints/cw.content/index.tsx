import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Panel } from '@/components/panel/Panel';
import { CLOUD_HOST_PATTERNS } from '@/lib/cw/hosts';
import { watchTicketOnScreen } from '@/lib/detect/watch';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel } from '@/lib/messages/client';
import type { BgToPanel } from '@/lib/messages/panel-to-bg';
import { loadCollapsed, saveCollapsed } from '@/lib/panel/collapse';
import { createPanelController, type PanelApi } from '@/lib/panel/controller';
import { removeDock, setDocked } from '@/lib/panel/dock';
import { mountShadowHost } from '@/lib/panel/mount';
import { effect } from '@/lib/panel/reactive';
import { createPanelStore } from '@/lib/panel/store';
import { PANEL_CSS } from '@/lib/panel/styles';

// Top frame only (CW nests iframes; the panel must exist once). Loopback matches are added to the
// e2e build in wxt.config.ts; on-prem hosts are registered at run time. This script only detects and
// renders: zod, ofetch and Dexie stay in the background (only `import type` from protocol files).
export default defineContentScript({
  matches: CLOUD_HOST_PATTERNS,
  allFrames: false,
  runAt: 'document_idle',
  async main(ctx) {
    const ac = new AbortController();
    const store = createPanelStore();
    store.collapsed.value = await loadCollapsed();
    if (ctx.isInvalid) return;

    const api: PanelApi = {
      status: () => askFromPanel('panel/status', {}),
      context: (ticket, refresh) => askFromPanel('panel/ticketContext', { ticket, refresh }),
      search: (query, seq) => askFromPanel('panel/searchTickets', { query, seq }),
      openOptions: () => askFromPanel('panel/openOptions', {}),
      saveCollapsed,
    };
    const controller = createPanelController(store, api);
    const { host, root } = mountShadowHost(document, PANEL_CSS);

    const onMessage = (msg: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const m = msg as BgToPanel | BgToPages | undefined;
      if (m?.dir === 'bgToPanel' && m.type === 'panel/toggle') store.collapsed.value = !store.collapsed.value;
      else if (m?.dir === 'bgToPanel' && m.type === 'ticket/contextPartial') controller.partial(m.context);
      else if (m?.dir === 'bgToPages' && (m.type === 'connection/changed' || m.type === 'policy/changed'))
        controller.connectionChanged();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);

    watchTicketOnScreen({
      win: window,
      signal: ac.signal,
      onChange: (t) => store.setDetected(t),
      // Some CW screens rebuild the document; put the (single) panel back if it was dropped.
      afterCheck: () => {
        if (!host.isConnected) document.documentElement.append(host);
      },
    });
    // The panel re-renders when a signal it read changes (render is synchronous, so reads are tracked).
    const stopRender = effect(() =>
      render(<Panel store={store} controller={controller} search={api.search} />, root),
    );
    const stopDock = effect(() => setDocked(document, !store.collapsed.value));

    ctx.onInvalidated(() => {
      ac.abort();
      controller.dispose();
      browser.runtime.onMessage.removeListener(onMessage);
      stopRender();
      stopDock();
      removeDock(document);
      render(null, root);
      host.remove();
    });
  },
});
