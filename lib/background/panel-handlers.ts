import { browser } from 'wxt/browser';
import { getConnection } from '../connection/service';
import { connectedClient } from '../connection/store';
import { CwError } from '../cw/errors';
import { db } from '../db/schema';
import type { BgToPanel } from '../messages/panel-to-bg';
import type { Handlers } from '../messages/router';
import { getSettings } from '../settings/store';
import { startSimilar } from '../similar/service';
import { ContextCache, cacheScope } from '../ticket/cache';
import { loadTicketContext } from '../ticket/context';
import { searchTickets } from '../ticket/search';
import type { TicketContext, TicketRef } from '../ticket/types';

// Module state here is only an optimisation (a lost cache or controller map after the worker stops
// just means a reload): the context cache, and the in-flight search per tab so a newer query cancels
// the one it supersedes.
const contexts = new ContextCache();
const searches = new Map<number, AbortController>();

/** The linked ticket's context through the cache (what the panel and similar tickets both use). */
export async function ticketContextFor(
  ticket: TicketRef,
  opts: { refresh?: boolean; tabId?: number } = {},
): Promise<TicketContext> {
  const { client, record } = await connectedClient();
  const webOrigin = `${record.scheme}://${record.site}`;
  const scope = cacheScope(record);
  const { promise } = contexts.get(
    scope,
    ticket,
    () =>
      loadTicketContext(ticket, {
        client,
        webOrigin,
        onPartial: (context: TicketContext) => {
          pushToTab(opts.tabId, { dir: 'bgToPanel', type: 'ticket/contextPartial', context });
          // Similar resolved tickets start now, beside the second wave (lib/similar/service.ts).
          void startSimilar({ client, scope, webOrigin }, context, { refresh: opts.refresh }).catch(
            () => undefined,
          );
        },
      }),
    { refresh: opts.refresh },
  );
  return promise;
}

function pushToTab(tabId: number | undefined, msg: BgToPanel): void {
  if (tabId === undefined) return;
  browser.tabs.sendMessage(tabId, msg).catch(() => undefined);
}

/** Handlers for messages from the content-script panel. */
export const panelHandlers: Handlers<'panelToBg'> = {
  'panel/status': async () => {
    const [conn, settings, technicians] = await Promise.all([
      getConnection(),
      getSettings(),
      db().technicians.toArray(),
    ]);
    if (!conn) return { connected: false };
    // A team roster exists but this browser hasn't said who uses it: posts would silently go out as
    // the API member, so the panel asks for a choice instead.
    const chosen = technicians.some((t) => t.id === settings.signedInTechnicianId);
    return {
      connected: true,
      displayName: conn.displayName,
      site: conn.site,
      needsTechnician: technicians.length > 0 && !chosen,
    };
  },
  'panel/openOptions': async ({ tab }) => {
    if (tab) await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${tab}` });
    else await browser.runtime.openOptionsPage();
    return { opened: true };
  },
  'panel/ticketContext': async ({ ticket, refresh }, ctx) =>
    ticketContextFor(ticket, { refresh, tabId: ctx.sender.tabId }),
  'panel/searchTickets': async ({ query, seq }, ctx) => {
    const tabId = ctx.sender.tabId ?? -1;
    searches.get(tabId)?.abort();
    const ac = new AbortController();
    searches.set(tabId, ac);
    try {
      const { client } = await connectedClient();
      const results = await searchTickets(client, query, ac.signal);
      if (ac.signal.aborted) throw new CwError('cancelled', 'A newer search replaced this one.');
      return { seq, results };
    } finally {
      if (searches.get(tabId) === ac) searches.delete(tabId);
    }
  },
};
