import { connectedClient, currentScope, isAutotask } from '../connection/store';
import { db } from '../db/schema';
import type { Handlers } from '../messages/router';
import { getChat } from '../session/chat-store';
import { listSessionsPage, sessionsToCsv, sessionsToJson, ticketSessions } from '../session/history';
import { similarFor } from '../similar/service';
import { cacheScope } from '../ticket/cache';
import { ticketKey } from '../ticket/types';
import { ticketContextFor } from './panel-handlers';
import { change } from './session-handlers';

// Issue 13's messages: similar resolved tickets, session history, saved chats, away answers (panel);
// the Sessions tab's list and export (options page).

const EXPORT_CAP = 20_000;
export const SIMILAR_NOT_ON_AUTOTASK = 'Similar resolved tickets are not available on Autotask yet.';
const stamp = () => new Date().toISOString().slice(0, 10);

export const historyPanelHandlers: Handlers<'panelToBg'> = {
  'similar/get': async ({ ticket }) => {
    // Autotask (issue 15): the connector has no search for resolved tickets with their resolution yet.
    if (isAutotask(await db().connections.get('primary')))
      return {
        ticketKey: ticketKey(ticket),
        items: [],
        requests: 0,
        problem: { kind: 'unavailable' as const, message: SIMILAR_NOT_ON_AUTOTASK },
        fetchedAt: Date.now(),
      };
    const { client, record } = await connectedClient();
    const deps = { client, scope: cacheScope(record), webOrigin: `${record.scheme}://${record.site}` };
    return similarFor(deps, ticket, () => ticketContextFor(ticket));
  },
  'session/history': async ({ ticketKey, offset, limit }) =>
    ticketSessions(db(), await currentScope(), ticketKey, offset, limit),
  'session/chat': ({ sessionId }) => getChat(sessionId),
  'session/away': ({ sessionId, awayId, answer }) => change(sessionId, { kind: 'away', awayId, answer }),
};

export const historyOptionsHandlers: Handlers<'optionsToBg'> = {
  'sessions/list': async ({ offset, limit, ...filter }) =>
    listSessionsPage(db(), await currentScope(), filter, offset, limit),
  'sessions/export': async ({ format, ...filter }) => {
    const { items } = await listSessionsPage(db(), await currentScope(), filter, 0, EXPORT_CAP);
    return format === 'csv'
      ? { filename: `flowpilot-sessions-${stamp()}.csv`, mime: 'text/csv', content: sessionsToCsv(items) }
      : {
          filename: `flowpilot-sessions-${stamp()}.json`,
          mime: 'application/json',
          content: sessionsToJson(items),
        };
  },
};
