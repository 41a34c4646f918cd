import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel } from '@/lib/messages/client';
import type { PanelController } from '@/lib/panel/controller';
import { toggleShortcut, withShortcut } from '@/lib/panel/shortcut';
import type { PanelStore } from '@/lib/panel/store';
import { closedStatusSuffix, hiddenTicketMessage } from '@/lib/panel/ticket-words';
import { panelWords } from '@/lib/panel/words';
import { ticketLabel } from '@/lib/psa/words';
import type { TicketSearchResult } from '@/lib/ticket/search';
import type { TicketContext } from '@/lib/ticket/types';
import { PanelHeader } from './PanelHeader';
import { PolicyAlert } from './PolicyAlert';
import { HistorySlot, SessionSlot } from './slots';
import { TicketContextView } from './TicketContextView';
import { TicketSearch } from './TicketSearch';
import { focusFirstIfShortcut, focusIfToggled, toggleCollapsed } from './toggle-focus';

interface Props {
  store: PanelStore;
  controller: PanelController;
  search: (query: string, seq: number) => Promise<{ seq: number; results: TicketSearchResult[] }>;
}

function NotConnected({ controller }: { controller: PanelController }) {
  return (
    <div class="fp-section">
      <p>FlowPilot is not connected to {panelWords.value.psa}.</p>
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
        Choose who you are in FlowPilot options. Until then, posts go out as {panelWords.value.apiAccount}.
      </p>
      <button type="button" onClick={() => void askFromPanel('panel/openOptions', { tab: 'mapping' })}>
        Open FlowPilot options
      </button>
    </div>
  );
}

function Body({ store, controller, compact }: Omit<Props, 'search'> & { compact: boolean }) {
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
  const words = panelWords.value;
  if (ctx.status === 'error') {
    const e = ctx.error;
    if (e.kind === 'notConnected') return <NotConnected controller={controller} />;
    const text =
      e.kind === 'notFound' || e.kind === 'forbidden'
        ? hiddenTicketMessage(words, ticketLabel(linked.ref, linked.number))
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
            {`This ticket is closed${closedStatusSuffix(ctx.context.status?.name)}. ${words.closedTicketTime}; reopen it in ${words.psa} if the work continues.`}
          </p>
        )}
        {compact ? <ContextSummary context={ctx.context} /> : <TicketContextView context={ctx.context} />}
      </>
    );
  if (ctx.status === 'loading' && ctx.partial)
    return compact ? (
      <ContextSummary context={ctx.partial} />
    ) : (
      <TicketContextView context={ctx.partial} partial />
    );
  return (
    <p class="fp-msg" role="status">
      Loading ticket…
    </p>
  );
}

/**
 * While a session is open the ticket context folds into one line above it that expands: at 900 px tall
 * the timer and the lane, not the notes, are what the technician sees.
 */
function ContextSummary({ context }: { context: TicketContext }) {
  const c = context;
  const { configuration } = panelWords.value;
  const line = [
    c.status?.name,
    c.company?.name,
    c.contact?.name,
    `${c.configurations.length} ${c.configurations.length === 1 ? configuration : `${configuration}s`}`,
    `${c.notes.length} ${c.notes.length === 1 ? 'note' : 'notes'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <details class="fp-ctx-summary">
      <summary>
        <span class="fp-ctx-label">Ticket details</span> {line}
      </summary>
      <TicketContextView context={c} />
    </details>
  );
}

/** The FlowPilot side panel: docked right, or collapsed to a small tab. */
export function Panel({ store, controller, search }: Props) {
  const [sessionOpen, setSessionOpen] = useState(false);
  if (store.collapsed.value) {
    return (
      <aside aria-label="FlowPilot" class="fp fp-collapsed" data-collapsed="">
        <button
          type="button"
          aria-label="Expand FlowPilot"
          title={withShortcut('FlowPilot', toggleShortcut.value)}
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
      ref={focusFirstIfShortcut}
      data-ticket-key={linked ? `${linked.ref.kind}:${linked.ref.id}` : ''}
      data-context={ctx.status}
    >
      <PanelHeader store={store} controller={controller} />
      <div class="fp-body">
        <PolicyAlert status={controller.status.value} />
        <WhoNotice controller={controller} />
        {connected && store.searchOpen.value && (
          <TicketSearch
            search={search}
            onPick={(r) =>
              store.linkChosen({
                ref: r.ref,
                summary: r.summary,
                ...(r.number ? { number: r.number } : {}),
                how: 'search',
              })
            }
            onClose={(input) => {
              // Link Ticket stays mounted when the search closes: focus goes back to it.
              const root = input.getRootNode() as ParentNode;
              store.searchOpen.value = false;
              root.querySelector<HTMLElement>('button[data-fp-link-ticket]')?.focus();
            }}
          />
        )}
        {/* While a session is open the context above it is one summary line, so the session is what shows. */}
        {(() => {
          const body = <Body key="context" store={store} controller={controller} compact={sessionOpen} />;
          // A ticket the API cannot see (404/403) offers no session: nothing could be posted to it.
          const sessionSlot =
            connected && linked && ctx.status !== 'error' ? (
              <div key="session">
                <SessionSlot
                  ticket={linked.ref}
                  context={ctx.status === 'ready' ? ctx.context : undefined}
                  ticketNumber={store.linkedNumber.value}
                  onOpenChange={setSessionOpen}
                />
              </div>
            ) : null;
          return [body, sessionSlot];
        })()}
        {/* What fixed it last time (issue 13): similar resolved tickets and the ticket's earlier sessions. */}
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
