import { currentScope } from '../connection/store';
import { db } from '../db/schema';
import type { Handlers } from '../messages/router';
import { getChat } from '../session/chat-store';
import { listSessionsPage, sessionsToCsv, sessionsToJson, ticketSessions } from '../session/history';
import { connectedSimilarDeps, similarFor } from '../similar/service';
import { ticketContextFor } from './panel-handlers';
import { change } from './session-handlers';

// Issue 13's messages: similar resolved tickets, session history, saved chats, away answers (panel);
// the Sessions tab's list and export (options page).

const EXPORT_CAP = 20_000;
const stamp = () => new Date().toISOString().slice(0, 10);

export const historyPanelHandlers: Handlers<'panelToBg'> = {
  // Either PSA: ConnectWise through its client, Autotask through its connector (lib/similar/service.ts).
  'similar/get': async ({ ticket }) =>
    similarFor(await connectedSimilarDeps(), ticket, () => ticketContextFor(ticket)),
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
