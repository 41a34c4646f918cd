import { logActivity } from '../activity/log';
import { getAiConfig } from '../ai/config';
import type { Handlers } from '../messages/router';
import { activeMsAt, formatDuration, type Session } from '../session/model';
import { PLAYBOOKS } from '../session/playbooks';
import { changeSession, getSessionForTicket, type SessionChange, startSessionFor } from '../session/service';
import { broadcast } from './broadcast';
import { ticketContextFor } from './panel-handlers';
import { fillNumberWhenKnown } from './ticket-number';

const ACTOR = 'technician (panel)';

/**
 * The ticket as the Activity log names it: Autotask's number when the session kept it, else its key
 * ("service:1001", which the Activity tab shows as "#1001").
 */
const logTicket = (s: Session) => s.ticketNumber ?? s.ticketKey;

/** Saves one change and tells every tab, so two tabs on the same ticket stay in step. */
export async function change(sessionId: string, c: SessionChange) {
  const { changed, ...view } = await changeSession(sessionId, c);
  if (changed && (c.kind === 'resolve' || c.kind === 'escalate' || c.kind === 'abandon')) {
    const s = view.session;
    const ms = activeMsAt(s, s.endedAt ?? s.updatedAt);
    await logActivity({
      kind: `session/${c.kind}`,
      actor: ACTOR,
      outcome: 'ok',
      detail: `${logTicket(s)} ${s.state} after ${formatDuration(ms)} active`,
    });
  }
  if (changed && c.kind !== 'touch') {
    await broadcast({ type: 'session/changed', ticketKey: view.session.ticketKey, rev: view.session.rev });
  }
  return view;
}

/** Handlers for the panel's session messages. */
export const sessionHandlers: Handlers<'panelToBg'> = {
  'session/playbooks': async () => PLAYBOOKS.map((p) => ({ id: p.id, title: p.title })),
  'session/get': ({ ticketKey }) => getSessionForTicket(ticketKey),
  'session/start': async (input) => {
    const view = await startSessionFor(input);
    await logActivity({
      kind: 'session/start',
      actor: ACTOR,
      outcome: 'ok',
      detail: logTicket(view.session),
    });
    await broadcast({ type: 'session/changed', ticketKey: view.session.ticketKey, rev: view.session.rev });
    // Started before the panel knew the ticket's number (Autotask): filled in when the context has it.
    if (!view.session.ticketNumber)
      void fillNumberWhenKnown(view.session.ticketKey, (t) => ticketContextFor(t));
    return view;
  },
  'session/lane': ({ sessionId, op }) => change(sessionId, { kind: 'lane', op }),
  'session/pause': ({ sessionId }) => change(sessionId, { kind: 'pause' }),
  'session/resume': ({ sessionId }) => change(sessionId, { kind: 'resume' }),
  'session/touch': ({ sessionId }) => change(sessionId, { kind: 'touch' }),
  'session/resolve': ({ sessionId, rootCause, resolution }) =>
    change(sessionId, { kind: 'resolve', rootCause, resolution }),
  'session/escalate': ({ sessionId, reason, escalateTo }) =>
    change(sessionId, { kind: 'escalate', reason, ...(escalateTo ? { escalateTo } : {}) }),
  'session/abandon': ({ sessionId }) => change(sessionId, { kind: 'abandon' }),
  'ai/status': async () => {
    const c = await getAiConfig();
    return {
      enabled: c.enabled,
      configured: !!c.baseUrl && !!c.model,
      redactPii: c.redactPii,
      model: c.model,
    };
  },
};
