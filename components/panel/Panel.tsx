import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel } from '@/lib/messages/client';
import type { PanelController } from '@/lib/panel/controller';
import type { PanelStore } from '@/lib/panel/store';
import type { TicketSearchResult } from '@/lib/ticket/search';
import { PanelHeader } from './PanelHeader';
import { SessionSlot } from './slots';
import { TicketContextView } from './TicketContextView';
import { TicketSearch } from './TicketSearch';
import { focusIfToggled, toggleCollapsed } from './toggle-focus';

interface Props {
  store: PanelStore;
  controller: PanelController;
  search: (query: string, seq: number) => Promise<{ seq: number; results: TicketSearchResult[] }>;
}

function NotConnected({ controller }: { controller: PanelController }) {
  return (
    <div class="fp-section">
      <p>FlowPilot is not connected to ConnectWise.</p>
      <button type="button" class="fp-primary" onClick={() => controller.openOptions()}>
        Open FlowPilot options
      </button>
    </div>
  );
}

/**
 * A team roster exists but nobody is chosen as this browser's technician: say so where the work is,
 * instead of letting posts go out silently as the API member. Gone as soon as someone is chosen.
 */
function WhoNotice({ controller }: { controller: PanelController }) {
  useEffect(() => {
    const onMsg = (m: unknown) => {
      const msg = m as BgToPages | undefined;
      if (msg?.dir === 'bgToPages' && msg.type === 'settings/changed') controller.refreshStatus();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMsg);
    return () => browser.runtime.onMessage.removeListener(onMsg);
  }, [controller]);
  if (!controller.status.value?.needsTechnician) return null;
  return (
    <div class="fp-warn" role="status">
      <p class="fp-warn-text">
        Choose who you are in FlowPilot options. Until then, posts go out as the API member.
      </p>
      <button type="button" onClick={() => void askFromPanel('panel/openOptions', { tab: 'mapping' })}>
        Open FlowPilot options
      </button>
    </div>
  );
}

function Body({ store, controller }: Omit<Props, 'search'>) {
  const status = controller.status.value;
  if (controller.statusError.value)
    return (
      <p class="fp-alert" role="alert">
        {controller.statusError.value}
      </p>
    );
  if (!status) return <p class="fp-msg">Starting…</p>;
  if (!status.connected) return <NotConnected controller={controller} />;

  const linked = store.linked.value;
  if (!linked) {
    return (
      <p class="fp-msg">
        {store.pageTicket.value
          ? 'No ticket is linked.'
          : 'This page is not a ticket. Use Link Ticket to pick one.'}
      </p>
    );
  }
  const ctx = store.context.value;
  if (ctx.status === 'error') {
    const e = ctx.error;
    if (e.kind === 'notConnected') return <NotConnected controller={controller} />;
    const text =
      e.kind === 'notFound' || e.kind === 'forbidden'
        ? `ConnectWise did not return ticket #${linked.ref.id}: it may be deleted, or the API member may not be allowed to see it.`
        : e.message;
    return (
      <p class="fp-alert" role="alert">
        {text}
      </p>
    );
  }
  if (ctx.status === 'ready')
    return (
      <>
        {ctx.context.closed && (
          <p class="fp-warn" role="note">
            This ticket is closed{ctx.context.status?.name ? ` (${ctx.context.status.name})` : ''}.
            ConnectWise usually refuses time entries on it; reopen it in ConnectWise if the work continues.
          </p>
        )}
        <TicketContextView context={ctx.context} />
      </>
    );
  if (ctx.status === 'loading' && ctx.partial) return <TicketContextView context={ctx.partial} partial />;
  return (
    <p class="fp-msg" role="status">
      Loading ticket…
    </p>
  );
}

/** The FlowPilot side panel: docked right, or collapsed to a small tab. */
export function Panel({ store, controller, search }: Props) {
  if (store.collapsed.value) {
    return (
      <aside aria-label="FlowPilot" class="fp fp-collapsed" data-collapsed="">
        <button
          type="button"
          aria-label="Expand FlowPilot"
          title="FlowPilot (Alt+Shift+F)"
          ref={focusIfToggled}
          onClick={() => toggleCollapsed(store, false)}
        >
          FlowPilot
        </button>
      </aside>
    );
  }
  const linked = store.linked.value;
  const ctx = store.context.value;
  const connected = controller.status.value?.connected === true;
  return (
    <aside
      aria-label="FlowPilot"
      class="fp fp-panel"
      data-ticket-key={linked ? `${linked.ref.kind}:${linked.ref.id}` : ''}
      data-context={ctx.status}
    >
      <PanelHeader store={store} controller={controller} />
      <div class="fp-body">
        <WhoNotice controller={controller} />
        {connected && store.searchOpen.value && (
          <TicketSearch
            search={search}
            onPick={(r) => store.linkChosen({ ref: r.ref, summary: r.summary, how: 'search' })}
          />
        )}
        <Body store={store} controller={controller} />
        {/* A ticket the API cannot see (404/403) offers no session: nothing could be posted to it. */}
        {connected && linked && ctx.status !== 'error' && (
          <SessionSlot ticket={linked.ref} context={ctx.status === 'ready' ? ctx.context : undefined} />
        )}
      </div>
    </aside>
  );
}
