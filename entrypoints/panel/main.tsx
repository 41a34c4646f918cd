import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Panel } from '@/components/panel/Panel';
import { toggleByShortcut } from '@/components/panel/toggle-focus';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel } from '@/lib/messages/client';
import type { BgToPanel, PageTicket } from '@/lib/messages/panel-to-bg';
import { isFromBackground } from '@/lib/messages/sender';
import { loadCollapsed, onCollapsedChange, saveCollapsed } from '@/lib/panel/collapse';
import { createPanelController, type PanelApi } from '@/lib/panel/controller';
import { loadToggleShortcut } from '@/lib/panel/shortcut';
import { createPanelStore } from '@/lib/panel/store';
import { PANEL_CSS } from '@/lib/panel/styles';

// The panel frame (panel.html): an extension page the content script docks beside CW's screen. It talks
// to the background like the options page does, and learns the ticket on CW's screen only from the
// background (which has it from this tab's content script), never from the page around it.

const store = createPanelStore();
const api: PanelApi = {
  status: () => askFromPanel('panel/status', {}),
  context: (ticket, refresh) => askFromPanel('panel/ticketContext', { ticket, refresh }),
  search: (query, seq) => askFromPanel('panel/searchTickets', { query, seq }),
  openOptions: () => askFromPanel('panel/openOptions', {}),
  saveCollapsed,
};

/** On Autotask, the dock this panel belongs to (a tab may hold several); pushes for others are not ours. */
const dock = new URLSearchParams(location.search).get('dock') ?? '';
let pageRev = -1;
/** The page's ticket, from the first ask or a push, whichever is newer. */
function applyPageTicket(p: PageTicket) {
  if (p.ticket === undefined || p.rev <= pageRev) return;
  pageRev = p.rev;
  store.setDetected(p.ticket);
}

async function main() {
  const style = document.createElement('style');
  style.textContent = PANEL_CSS;
  document.head.append(style);
  // Ask first, read the collapsed state meanwhile: the page's ticket is what the panel is waited for.
  const controller = createPanelController(store, api);
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    if (!isFromBackground(sender, browser.runtime.id)) return undefined;
    const m = msg as BgToPanel | BgToPages | undefined;
    if (m?.dir === 'bgToPanel') {
      if (m.type === 'panel/toggle') toggleByShortcut(store);
      else if (m.type === 'panel/pageTicket' && (m.dock ?? '') === dock) applyPageTicket(m);
      else if (m.type === 'ticket/contextPartial') controller.partial(m.context);
      else if (m.type === 'ticket/contextUpdated') controller.updated(m.context);
    } else if (m?.dir === 'bgToPages' && (m.type === 'connection/changed' || m.type === 'policy/changed'))
      controller.connectionChanged();
    return undefined;
  });
  askFromPanel('panel/pageTicket', {}).then(applyPageTicket, () => undefined);
  onCollapsedChange((c) => {
    store.collapsed.value = c;
  });
  loadToggleShortcut(); // tooltips name the key the technician has bound
  store.collapsed.value = await loadCollapsed();

  // Rendered once: components re-render when a signal they read changes (@preact/signals).
  render(
    <Panel store={store} controller={controller} search={api.search} />,
    document.getElementById('app')!,
  );
}

void main();
