import { browser } from 'wxt/browser';
import { logActivity } from '../activity/log';
import { chatEndpoint, explainWithheldKey } from '../ai/config';
import type { SimilarForPrompt } from '../ai/prompt';
import { buildPrompt, parseSuggestions, visibleWhileStreaming } from '../ai/prompt';
import { AiError, streamChat } from '../ai/provider';
import { isAutotask } from '../connection/store';
import { db } from '../db/schema';
import { toErrorInfo } from '../errors';
import { AI_CHAT_PORT, type BgToPanelChat } from '../messages/ai-chat-port';
import { classifySender, type SenderLike } from '../messages/sender';
import { z } from '../platform/zod';
import { appendChat } from '../session/chat-store';
import type { Session } from '../session/model';
import { similarForAssistant } from '../similar/service';
import { type TicketContext, ticketKey } from '../ticket/types';

// Streams assistant answers to the panel over a Port. The sender is checked exactly like the router
// does for panel messages: our own extension; the options page, or the panel frame docked on the
// connected CW site.

const Text = (max: number) => z.string().max(max);
const Ask = z.object({
  type: z.literal('ask'),
  askId: Text(64).min(1),
  sessionId: Text(64).min(1),
  context: z
    .custom<TicketContext>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as TicketContext).summary === 'string' &&
        typeof (v as TicketContext).ref?.id === 'number' &&
        Array.isArray((v as TicketContext).configurations) &&
        Array.isArray((v as TicketContext).notes) &&
        JSON.stringify(v).length < 200_000,
      'Invalid ticket context',
    )
    .optional(),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: Text(20_000) })).max(50),
  message: Text(4000).min(1),
});
const Stop = z.object({ type: z.literal('stop'), askId: Text(64) });
export const ChatRequest = z.discriminatedUnion('type', [Ask, Stop]);

export interface PortDeps {
  extensionId: string;
  extensionOrigin: string;
  isPanelHost: (pageUrl: string) => boolean | Promise<boolean>;
}

export async function isAllowedPortSender(sender: SenderLike | undefined, deps: PortDeps): Promise<boolean> {
  const s = classifySender(sender ?? {}, deps.extensionId, deps.extensionOrigin);
  if (s.kind === 'extensionPage') return true;
  if (s.kind !== 'panelFrame') return false;
  return !!(await deps.isPanelHost(s.pageUrl));
}

/**
 * One answer: prompt from the stored session, the panel's context and the ticket's similar resolved
 * tickets, streamed back piece by piece. The question and the answer (or what came before Stop) are
 * saved with the session when "Keep assistant conversations" is on (lib/session/chat.ts).
 */
export async function answer(
  req: z.infer<typeof Ask>,
  post: (m: BgToPanelChat) => void,
  signal: AbortSignal,
  deps: { similar?: (context: TicketContext) => Promise<SimilarForPrompt[]> } = {},
): Promise<void> {
  const rec = await db().sessions.get(req.sessionId);
  if (!rec) throw new AiError('aiNotConfigured', 'Start a session before asking the assistant.');
  const session = rec.data as Session;
  const context = req.context && ticketKey(req.context.ref) === session.ticketKey ? req.context : undefined;
  const ep = await chatEndpoint();
  await appendChat(session.id, [{ role: 'user', content: req.message, at: Date.now() }]);
  const similar = context ? await (deps.similar ?? similarForAssistant)(context) : [];
  const messages = buildPrompt({
    psa: isAutotask(await db().connections.get('primary')) ? 'autotask' : 'connectwise',
    context,
    similar,
    problem: session.problem,
    lane: session.lane,
    history: req.history,
    message: req.message,
    redact: ep.redactPii,
  });
  let streamed = '';
  let text: string;
  try {
    text = await streamChat(
      ep,
      messages,
      (d) => {
        streamed += d;
        post({ type: 'delta', askId: req.askId, text: d });
      },
      { signal },
    );
  } catch (e) {
    const shown = visibleWhileStreaming(streamed);
    if (e instanceof AiError && e.kind === 'aiStopped' && shown)
      await appendChat(session.id, [{ role: 'assistant', content: `${shown} [stopped]`, at: Date.now() }]);
    throw explainWithheldKey(e, ep);
  }
  const parsed = parseSuggestions(text);
  await appendChat(session.id, [{ role: 'assistant', content: parsed.text, at: Date.now() }]);
  post({ type: 'done', askId: req.askId, text: parsed.text, suggestions: parsed.suggestions });
}

export function registerAiChatPort(deps: PortDeps): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== AI_CHAT_PORT) return;
    const allowed = isAllowedPortSender(port.sender as SenderLike | undefined, deps).catch(() => false);
    const running = new Map<string, AbortController>();
    let open = true;
    const post = (m: BgToPanelChat) => {
      if (!open) return;
      try {
        port.postMessage(m);
      } catch {
        open = false;
      }
    };
    port.onDisconnect.addListener(() => {
      open = false;
      for (const c of running.values()) c.abort();
    });
    port.onMessage.addListener((raw: unknown) => {
      void (async () => {
        if (!(await allowed)) {
          port.disconnect();
          return;
        }
        const parsed = ChatRequest.safeParse(raw);
        if (!parsed.success) {
          const askId =
            typeof (raw as { askId?: unknown })?.askId === 'string' ? (raw as { askId: string }).askId : '';
          post({
            type: 'error',
            askId,
            error: { kind: 'invalidMessage', message: 'FlowPilot received a malformed chat message.' },
          });
          return;
        }
        const req = parsed.data;
        if (req.type === 'stop') {
          running.get(req.askId)?.abort();
          return;
        }
        const ctl = new AbortController();
        running.set(req.askId, ctl);
        const started = Date.now();
        try {
          await answer(req, post, ctl.signal);
          await logActivity({
            kind: 'ai/chat',
            actor: 'technician (panel)',
            outcome: 'ok',
            latencyMs: Date.now() - started,
          });
        } catch (e) {
          const error = toErrorInfo(e);
          post({ type: 'error', askId: req.askId, error });
          // Only the kind and our own message: never the prompt or the answer.
          if (error.kind !== 'aiStopped') {
            await logActivity({
              kind: 'ai/chat',
              actor: 'technician (panel)',
              outcome: 'error',
              latencyMs: Date.now() - started,
              detail: error.message,
            });
          }
        } finally {
          running.delete(req.askId);
        }
      })();
    });
  });
}
