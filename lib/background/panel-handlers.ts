import { browser } from 'wxt/browser';
import { getAutotaskConnection } from '../connection/autotask-service';
import { connectedPsa } from '../connection/psa';
import { getConnection } from '../connection/service';
import { connectedClient, isAutotask } from '../connection/store';
import { CwError } from '../cw/errors';
import { db } from '../db/schema';
import type { Handlers } from '../messages/router';
import { describeProblem } from '../policy/describe';
import { policyView } from '../policy/view';
import { getSettings } from '../settings/store';
import { connectedSimilarDeps, startSimilar } from '../similar/service';
import { ContextCache, cacheScope } from '../ticket/cache';
import { loadTicketContext } from '../ticket/context';
import { DetailCache } from '../ticket/detail-cache';
import { sessionDetailBacking } from '../ticket/detail-storage';
import { searchTickets } from '../ticket/search';
import { type TicketContext, type TicketRef, ticketKey } from '../ticket/types';
import { confirmAutotaskOnScreen } from './autotask-detected';
import { dockOfPanelUrl, pageTicketFor, pushToPanel, reportPageTicket } from './page-tickets';

// Module state here is only an optimisation (a lost cache or controller map after the worker stops
// just means a reload): the context cache, the loads in flight (so a panel that joins one still gets
// its first wave), and the in-flight search per tab so a newer query cancels the one it supersedes.
const contexts = new ContextCache();
/** Company, contact and device details from earlier contexts: a known customer's context needs one wave. */
const details = new DetailCache({
  // Kept past a worker stop (session storage; memory only where a browser lacks it).
  backing: browser.storage.session ? sessionDetailBacking(browser.storage.session) : undefined,
});
const inFlight = new Map<string, { partial?: TicketContext; tabs: Set<number> }>();
const searches = new Map<number, AbortController>();

/**
 * The linked ticket's context (what the panel and similar tickets both use), from the short cache or
 * loaded in two waves. The tab's panel gets the first wave pushed as soon as it is there (also when it
 * joins a load the page's report already started); similar resolved tickets start beside the second.
 */
export async function ticketContextFor(
  ticket: TicketRef,
  opts: { refresh?: boolean; tabId?: number } = {},
): Promise<TicketContext> {
  const record = await db().connections.get('primary');
  // Autotask (issue 15): the connector loads the context in its own two waves.
  const autotask = isAutotask(record) ? await connectedPsa() : undefined;
  const cw = autotask ? undefined : await connectedClient();
  const scope = cacheScope((cw?.record ?? record)!);
  const key = `${scope}|${ticketKey(ticket)}`;
  const partialTo = (t: number, context: TicketContext) =>
    pushToPanel(t, { dir: 'bgToPanel', type: 'ticket/contextPartial', context });
  const { promise } = contexts.get(
    scope,
    ticket,
    () => {
      const flight: { partial?: TicketContext; tabs: Set<number> } = { tabs: new Set() };
      // A kept context's check: the flight (and the tabs it pushes to) lasts until it has ended, so a
      // panel that joins after the kept answer is told of a correction too.
      let check: Promise<void> | undefined;
      inFlight.set(key, flight);
      const kept = details.view(scope);
      const onPartial = (context: TicketContext) => {
        flight.partial = context;
        for (const t of flight.tabs) partialTo(t, context);
      };
      const load = autotask
        ? autotask.connector.ticketContext(ticket, {
            onPartial: (context) => {
              onPartial(context);
              // As on CW: similar resolved tickets start beside the second wave, not when the panel asks.
              void connectedSimilarDeps()
                .then((deps) => startSimilar(deps, context, { refresh: opts.refresh }))
                .catch(() => undefined);
            },
          })
        : loadTicketContext(ticket, {
            client: cw!.client,
            webOrigin: `${cw!.record.scheme}://${cw!.record.site}`,
            // Refresh asks CW for everything: kept details are only stored then, not shown.
            details: opts.refresh ? { get: () => undefined, set: kept.set } : kept,
            onRevalidated: (context) => {
              // Only while this load is still the ticket's answer: a newer one (a Refresh after a post)
              // has its own details, and this check's context carries this load's older notes and status.
              if (contexts.peek(scope, ticket) !== load) return;
              contexts.put(scope, ticket, Promise.resolve(context));
              for (const t of flight.tabs)
                pushToPanel(t, { dir: 'bgToPanel', type: 'ticket/contextUpdated', context });
            },
            onCheck: (c) => {
              check = c;
            },
            onPartial: (context) => {
              onPartial(context);
              const webOrigin = `${cw!.record.scheme}://${cw!.record.site}`;
              // Similar resolved tickets start now, beside the second wave (lib/similar/service.ts).
              void startSimilar({ client: cw!.client, scope, webOrigin }, context, {
                refresh: opts.refresh,
              }).catch(() => undefined);
            },
          });
      const done = () => {
        if (inFlight.get(key) === flight) inFlight.delete(key);
      };
      load.then(() => (check ?? Promise.resolve()).then(done), done);
      return load;
    },
    { refresh: opts.refresh },
  );
  const flight = inFlight.get(key);
  if (opts.tabId !== undefined && flight) {
    // Kept for the load's lifetime and its later check (ticket/contextUpdated).
    flight.tabs.add(opts.tabId);
    if (flight.partial) partialTo(opts.tabId, flight.partial);
  }
  return promise;
}

/** Forgets the kept contexts (and the kept details too, when asked): the e2e hooks' cold start. */
export function forgetContexts(opts: { details: boolean }): void {
  contexts.clear();
  if (opts.details) details.clear();
}

/** The saved connection's name and web host, whichever PSA it is (Autotask's: its zone's web host). */
async function connectionForPanel(): Promise<{
  displayName: string;
  site: string;
  psa: 'connectwise' | 'autotask';
} | null> {
  if (!isAutotask(await db().connections.get('primary'))) {
    const cw = await getConnection();
    return cw ? { ...cw, psa: 'connectwise' } : null;
  }
  const at = await getAutotaskConnection();
  return at
    ? { displayName: at.displayName, site: new URL(at.webUrl || at.apiBase).host, psa: 'autotask' }
    : null;
}

/** Handlers for messages from the panel frame. */
export const panelHandlers: Handlers<'panelToBg'> = {
  'panel/status': async () => {
    const [conn, settings, technicians, policy] = await Promise.all([
      connectionForPanel(),
      getSettings(),
      db().technicians.toArray(),
      policyView(),
    ]);
    const policyProblems = policy.problems.map(describeProblem);
    // Shown above the panel body whether or not the policy connection worked (never a blank panel).
    const problems = policyProblems.length ? { policyProblems } : {};
    if (!conn) return { connected: false, ...problems };
    // A team roster exists but this browser hasn't said who uses it: posts would silently go out as
    // the API member, so the panel asks for a choice instead.
    const chosen = technicians.some((t) => t.id === settings.signedInTechnicianId);
    return {
      connected: true,
      psa: conn.psa,
      displayName: conn.displayName,
      site: conn.site,
      needsTechnician: technicians.length > 0 && !chosen,
      ...problems,
    };
  },
  'panel/pageTicket': async (_req, ctx) => {
    if (ctx.sender.tabId === undefined || ctx.sender.frameId === undefined) return { rev: 0 };
    const dock = dockOfPanelUrl(ctx.sender.frameUrl);
    return pageTicketFor(ctx.sender.tabId, ctx.sender.frameId, dock, confirmAutotaskOnScreen);
  },
  'panel/openOptions': async ({ tab }) => {
    if (tab) await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${tab}` });
    else await browser.runtime.openOptionsPage();
    return { opened: true };
  },
  'panel/ticketContext': async ({ ticket, refresh }, ctx) =>
    ticketContextFor(ticket, { refresh: refresh === true, tabId: ctx.sender.tabId }),
  'panel/searchTickets': async ({ query, seq }, ctx) => {
    const tabId = ctx.sender.tabId ?? -1;
    searches.get(tabId)?.abort();
    const ac = new AbortController();
    searches.set(tabId, ac);
    try {
      const results = isAutotask(await db().connections.get('primary'))
        ? await (await connectedPsa()).connector.searchTickets(query, ac.signal)
        : await searchTickets((await connectedClient()).client, query, ac.signal);
      if (ac.signal.aborted) throw new CwError('cancelled', 'A newer search replaced this one.');
      return { seq, results };
    } finally {
      if (searches.get(tabId) === ac) searches.delete(tabId);
    }
  },
};

/** Handlers for the content script's reports from CW's page. */
export const pageHandlers: Handlers<'pageToBg'> = {
  'page/detected': async ({ ticket }, ctx) => {
    const tabId = ctx.sender.tabId;
    if (tabId === undefined) return { ok: true as const };
    reportPageTicket(tabId, ticket);
    // Start the first wave now, while the panel frame is still starting: it joins this load.
    if (ticket) ticketContextFor({ kind: ticket.kind, id: ticket.id }, { tabId }).catch(() => undefined);
    return { ok: true as const };
  },
  'page/urlTicket': async ({ ticket }, ctx) => {
    const tabId = ctx.sender.tabId;
    if (tabId !== undefined) ticketContextFor(ticket, { tabId }).catch(() => undefined);
    return { ok: true as const };
  },
  // Autotask (issue 15): what a frame shows is checked against the API (confirmAutotaskTicket) before
  // its panel links it; a newer report from the same dock wins over an older one still being checked.
  'page/autotaskDetected': async ({ ticket: seen, dock }, ctx) => {
    const tabId = ctx.sender.tabId;
    if (tabId === undefined) return { ok: true as const };
    const key = `${tabId}|${dock}`;
    const seq = (latestReport.get(key) ?? 0) + 1;
    latestReport.set(key, seq);
    const ticket = seen ? await confirmAutotaskOnScreen(seen) : null;
    if (latestReport.get(key) !== seq) return { ok: true as const };
    reportPageTicket(tabId, ticket, dock);
    if (ticket) ticketContextFor({ kind: ticket.kind, id: ticket.id }, { tabId }).catch(() => undefined);
    return { ok: true as const };
  },
};

/** The newest Autotask report per (tab, dock), so a slow confirmation never overwrites a newer one. */
const latestReport = new Map<string, number>();
