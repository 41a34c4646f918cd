import { connectedClient } from '../connection/store';
import type { CwClient } from '../cw/client';
import { db } from '../db/schema';
import type { Session } from '../session/model';
import { ContextCache, cacheScope } from '../ticket/cache';
import type { TicketContext, TicketRef } from '../ticket/types';
import { loadSimilar, type SimilarResult } from './load';

// The background's per-ticket similar-tickets answers, cached like the ticket context (in the worker's
// memory; a stopped worker only costs a new search). Closed tickets change slowly, so an answer is kept
// longer than a context; an answer that says CW failed is not kept at all.

export const SIMILAR_TTL_MS = 10 * 60_000;
/** FlowPilot's own resolved sessions considered (the newest). */
const SESSIONS_CONSIDERED = 500;

const cache = new ContextCache<SimilarResult>(SIMILAR_TTL_MS);

export interface SimilarDeps {
  client: CwClient;
  /** lib/ticket/cache.ts cacheScope(connection). */
  scope: string;
  webOrigin: string;
}

async function resolvedSessions(): Promise<Session[]> {
  const recs = await db()
    .sessions.where('[state+startedAt]')
    .between(['resolved', -Infinity], ['resolved', Infinity])
    .reverse()
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
      loadSimilar({
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
    const { client, record } = await connectedClient();
    const deps = { client, scope: cacheScope(record), webOrigin: `${record.scheme}://${record.site}` };
    return (await similarFor(deps, context.ref, async () => context)).items.slice(0, 3);
  } catch {
    return [];
  }
}
