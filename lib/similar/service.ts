import { AutotaskPsa } from '../autotask/psa';
import { connectedPsa } from '../connection/psa';
import { connectedClient, isAutotask } from '../connection/store';
import type { CwClient } from '../cw/client';
import { db } from '../db/schema';
import type { Session } from '../session/model';
import { ContextCache, cacheScope } from '../ticket/cache';
import type { TicketContext, TicketRef } from '../ticket/types';
import { loadSimilarAutotask } from './autotask-load';
import { loadSimilar, type SimilarResult } from './load';

// The background's per-ticket similar-tickets answers, cached like the ticket context (in the worker's
// memory; a stopped worker only costs a new search). Closed tickets change slowly, so an answer is kept
// longer than a context; an answer that says CW failed is not kept at all.

export const SIMILAR_TTL_MS = 10 * 60_000;
/** FlowPilot's own resolved sessions considered (the newest). */
const SESSIONS_CONSIDERED = 500;

const cache = new ContextCache<SimilarResult>(SIMILAR_TTL_MS);

/** ConnectWise: the client and web origin; loadSimilar does the rest. */
export interface CwSimilarDeps {
  client: CwClient;
  /** lib/ticket/cache.ts cacheScope(connection). */
  scope: string;
  webOrigin: string;
}

/** Any other PSA: how to load an answer from a context and the resolved sessions. */
export interface PsaSimilarDeps {
  scope: string;
  load: (context: TicketContext, sessions: readonly Session[]) => Promise<SimilarResult>;
  /** Only this connection's sessions are merged in (the scope of lib/connection/scope.ts). */
  sessionScope?: string;
}

export type SimilarDeps = CwSimilarDeps | PsaSimilarDeps;

async function resolvedSessions(scope?: string): Promise<Session[]> {
  const recs = await db()
    .sessions.where('[state+startedAt]')
    .between(['resolved', -Infinity], ['resolved', Infinity])
    .reverse()
    .filter((r) => scope === undefined || r.scope === scope)
    .limit(SESSIONS_CONSIDERED)
    .toArray();
  return recs.map((r) => r.data as Session);
}

/**
 * Starts (or joins) the search for this ticket. Called right after the context's first wave, so it runs
 * beside the second and never in front of it.
 */
export function startSimilar(deps: SimilarDeps, context: TicketContext, opts: { refresh?: boolean } = {}) {
  const { promise, cached } = cache.get(
    deps.scope,
    context.ref,
    async () =>
      'load' in deps
        ? deps.load(context, await resolvedSessions(deps.sessionScope))
        : loadSimilar({
            client: deps.client,
            context,
            sessions: await resolvedSessions(),
            webOrigin: deps.webOrigin,
          }),
    opts,
  );
  if (!cached) {
    void promise
      .then((r) => r.problem && cache.forget(deps.scope, context.ref, promise))
      .catch(() => undefined);
  }
  return promise;
}

/** The answer for a ticket: cached or in flight, else searched now from its (cached) context. */
export async function similarFor(
  deps: SimilarDeps,
  ref: TicketRef,
  context: () => Promise<TicketContext>,
): Promise<SimilarResult> {
  const hit = cache.peek(deps.scope, ref);
  if (hit) return hit;
  const ctx = await context();
  return cache.peek(deps.scope, ref) ?? startSimilar(deps, ctx);
}

/**
 * The top three for the assistant's prompt ("has this happened before?"): the panel's answer when there
 * is one (cached or in flight), else one search now. None when not connected or CW can't say.
 */
export async function similarForAssistant(context: TicketContext): Promise<SimilarResult['items']> {
  try {
    return (await similarFor(await connectedSimilarDeps(), context.ref, async () => context)).items.slice(
      0,
      3,
    );
  } catch {
    return [];
  }
}

/** The deps for whichever PSA is connected (Autotask through its connector, lib/connection/psa.ts). */
export async function connectedSimilarDeps(): Promise<SimilarDeps> {
  const record = await db().connections.get('primary');
  if (isAutotask(record)) {
    const { connector, scope } = await connectedPsa();
    if (!(connector instanceof AutotaskPsa))
      throw new Error('The Autotask connection has no Autotask connector.');
    return {
      scope: cacheScope(record!),
      sessionScope: scope,
      load: (context, sessions) => loadSimilarAutotask({ source: connector, context, sessions }),
    };
  }
  const { client, record: rec } = await connectedClient();
  return { client, scope: cacheScope(rec), webOrigin: `${rec.scheme}://${rec.site}` };
}
