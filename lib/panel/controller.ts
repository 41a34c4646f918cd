import { effect, signal } from '@preact/signals';
import type { PanelStatus } from '../messages/panel-to-bg';
import type { ErrorInfo } from '../messages/protocol';
import type { TicketSearchResult } from '../ticket/search';
import { type TicketContext, type TicketRef, ticketKey } from '../ticket/types';
import type { PanelStore } from './store';
import { panelPsa } from './words';

// Connects the panel store to the background: connection status, the linked ticket's context
// (full answer plus the partial pushed after the first wave), refresh, and collapse persistence.

export interface PanelApi {
  status(): Promise<PanelStatus>;
  context(ticket: TicketRef, refresh: boolean): Promise<TicketContext>;
  search(query: string, seq: number): Promise<{ seq: number; results: TicketSearchResult[] }>;
  openOptions(): Promise<unknown>;
  saveCollapsed(collapsed: boolean): Promise<void>;
}

function errorInfo(e: unknown): ErrorInfo {
  const info = (e as { info?: ErrorInfo } | undefined)?.info;
  if (info?.kind) return info;
  return { kind: 'internal', message: e instanceof Error ? e.message : 'FlowPilot could not load this.' };
}

export function createPanelController(store: PanelStore, api: PanelApi) {
  const status = signal<PanelStatus | undefined>(undefined);
  const statusError = signal<string | undefined>(undefined);
  let loadToken = 0;
  /**
   * A correction of kept details (ticket/contextUpdated) pushed while the ticket's answer is still on
   * its way: the worker may send it before that answer (its check can finish first), which then brings
   * the kept, older context. Applied when the answer arrives, if it is not older than it.
   */
  let early: TicketContext | undefined;

  const refreshStatus = () =>
    api.status().then(
      (s) => {
        status.value = s;
        if (s.connected) panelPsa.value = s.psa;
        statusError.value = undefined;
      },
      (e: unknown) => {
        statusError.value = errorInfo(e).message;
      },
    );

  const loadContext = (refresh: boolean) => {
    const linked = store.linked.peek();
    const token = ++loadToken;
    if (!linked) {
      store.context.value = { status: 'idle' };
      return;
    }
    const key = ticketKey(linked.ref);
    early = undefined;
    const prev = store.context.peek();
    // Refresh keeps what is shown until the new answer arrives.
    if (!(refresh && prev.status === 'ready' && prev.key === key))
      store.context.value = { status: 'loading', key };
    api.context(linked.ref, refresh).then(
      (answer) => {
        if (token !== loadToken) return;
        const context = early && early.fetchedAt >= answer.fetchedAt ? early : answer;
        early = undefined;
        store.context.value = { status: 'ready', key, context };
      },
      (e: unknown) => {
        if (token !== loadToken) return;
        const error = errorInfo(e);
        if (error.kind === 'notConnected') void refreshStatus();
        store.context.value = { status: 'error', key, error };
      },
    );
  };

  const disposers: (() => void)[] = [];
  // Reload whenever the linked ticket changes (not when only its summary does).
  let lastKey: string | undefined;
  disposers.push(
    effect(() => {
      const key = store.linkedKey.value;
      if (key === lastKey) return;
      lastKey = key;
      loadContext(false);
    }),
  );
  let firstCollapse = true;
  disposers.push(
    effect(() => {
      const c = store.collapsed.value;
      if (firstCollapse) {
        firstCollapse = false;
        return;
      }
      void api.saveCollapsed(c);
    }),
  );
  void refreshStatus();

  return {
    status,
    statusError,
    /** Settings changed (e.g. the signed-in technician): re-read the status only. */
    refreshStatus: () => void refreshStatus(),
    refresh: () => loadContext(true),
    /** The connection changed (options page): re-read the status and the context. */
    connectionChanged: () => {
      void refreshStatus().then(() => loadContext(false));
    },
    /** The background pushed the context after its first wave. */
    partial: (context: TicketContext) => {
      const cur = store.context.peek();
      if (cur.status === 'loading' && cur.key === ticketKey(context.ref)) {
        store.context.value = { status: 'loading', key: cur.key, partial: context };
      }
    },
    /** A kept detail (company phone, device) changed: the shown context takes the new one. */
    updated: (context: TicketContext) => {
      const cur = store.context.peek();
      if (cur.status === 'ready' && cur.key === ticketKey(context.ref)) {
        store.context.value = { status: 'ready', key: cur.key, context };
      } else if (cur.status === 'loading' && cur.key === ticketKey(context.ref)) {
        early = context;
      }
    },
    openOptions: () => void api.openOptions(),
    dispose: () => {
      for (const d of disposers) d();
      loadToken++;
    },
  };
}

export type PanelController = ReturnType<typeof createPanelController>;
