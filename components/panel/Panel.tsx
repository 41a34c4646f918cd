import type { PanelController } from '@/lib/panel/controller';
import type { PanelStore } from '@/lib/panel/store';
import type { TicketSearchResult } from '@/lib/ticket/search';
import { PanelHeader } from './PanelHeader';
import { HistorySlot, SessionSlot } from './slots';
import { TicketContextView } from './TicketContextView';
import { TicketSearch } from './TicketSearch';

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
  if (ctx.status === 'ready') return <TicketContextView context={ctx.context} />;
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
          onClick={() => {
            store.collapsed.value = false;
          }}
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
        {connected && store.searchOpen.value && (
          <TicketSearch
            search={search}
            onPick={(r) => store.linkChosen({ ref: r.ref, summary: r.summary, how: 'search' })}
          />
        )}
        <Body store={store} controller={controller} />
        {connected && linked && (
          <SessionSlot ticket={linked.ref} context={ctx.status === 'ready' ? ctx.context : undefined} />
        )}
        {connected && linked && (
          <HistorySlot
            ticket={linked.ref}
            context={
              ctx.status === 'ready' ? ctx.context : ctx.status === 'loading' ? ctx.partial : undefined
            }
          />
        )}
      </div>
    </aside>
  );
}
