import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { visibleWhileStreaming } from '@/lib/ai/prompt';
import { AI_CHAT_PORT, type BgToPanelChat, type PanelToBgChat } from '@/lib/messages/ai-chat-port';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel } from '@/lib/messages/client';
import { panelWords } from '@/lib/panel/words';
import { SECTION_TITLES, type Session } from '@/lib/session/model';
import type { TicketContext } from '@/lib/ticket/types';
import type { LaneOpInput } from './types';

interface Props {
  session: Session;
  context: TicketContext | undefined;
  onOp: (op: LaneOpInput) => Promise<boolean>;
}

type AiStatus = { enabled: boolean; configured: boolean; redactPii: boolean; model: string };
type Turn = { role: 'user' | 'assistant'; content: string; at?: number };
/** What goes back to the model as history (the prompt keeps the last few; the message caps at 50). */
const HISTORY_SENT = 20;
type Suggestion = Extract<BgToPanelChat, { type: 'done' }>['suggestions'][number];

type Port = ReturnType<typeof browser.runtime.connect>;

/**
 * The optional assistant. Answers stream from the background over a Port; proposed lane items appear
 * as "Add to lane" suggestions and enter the lane only when the tech accepts them.
 */
export function AiChat({ session, context, onOp }: Props) {
  const [status, setStatus] = useState<AiStatus | undefined>();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState('');
  const [streaming, setStreaming] = useState<string | undefined>();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [dropped, setDropped] = useState<{ count: number; cap: number }>();
  const portRef = useRef<Port | undefined>();
  const askRef = useRef<string | undefined>();

  // The session's saved conversation comes back on reopen (setting "Keep assistant conversations").
  useEffect(() => {
    askFromPanel('session/chat', { sessionId: session.id })
      .then((c) => {
        if (!c.kept) return;
        setTurns((now) => (now.length ? now : c.messages));
        if (c.dropped > 0) setDropped({ count: c.dropped, cap: c.cap });
      })
      .catch(() => undefined); // the chat still works; it just starts empty
  }, [session.id]);

  useEffect(() => {
    const load = () =>
      askFromPanel('ai/status', {})
        .then(setStatus)
        .catch(() => setStatus(undefined));
    void load();
    const onMsg = (m: unknown) => {
      if ((m as BgToPages | undefined)?.type === 'settings/changed') void load();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMsg);
    return () => {
      browser.runtime.onMessage.removeListener(onMsg);
      portRef.current?.disconnect();
    };
  }, []);

  if (!status?.enabled) return null;

  const port = (): Port => {
    if (portRef.current) return portRef.current;
    const p = browser.runtime.connect({ name: AI_CHAT_PORT });
    p.onMessage.addListener((raw: unknown) => {
      const m = raw as BgToPanelChat;
      if (m.askId !== askRef.current) return; // a stopped or superseded answer
      if (m.type === 'delta') setStreaming((s) => (s ?? '') + m.text);
      else if (m.type === 'done') {
        askRef.current = undefined;
        setStreaming(undefined);
        setTurns((t) => [...t, { role: 'assistant', content: m.text, at: Date.now() }]);
        // Earlier suggestions stay until added or dismissed; repeats are shown once.
        setSuggestions((old) => [
          ...old,
          ...m.suggestions.filter((n) => !old.some((o) => o.section === n.section && o.text === n.text)),
        ]);
      } else {
        askRef.current = undefined;
        setStreaming(undefined);
        setError(m.error.message);
      }
    });
    // The worker restarted or the port broke: the next question opens a new one.
    p.onDisconnect.addListener(() => {
      portRef.current = undefined;
      if (askRef.current) {
        askRef.current = undefined;
        setStreaming(undefined);
        setError('The connection to FlowPilot’s background service was lost. Ask again.');
      }
    });
    portRef.current = p;
    return p;
  };

  const send = () => {
    const message = draft.trim();
    if (!message || askRef.current) return;
    const askId = crypto.randomUUID();
    askRef.current = askId;
    setError(undefined);
    setDraft('');
    setStreaming('');
    const msg: PanelToBgChat = {
      type: 'ask',
      askId,
      sessionId: session.id,
      context,
      history: turns.slice(-HISTORY_SENT).map(({ role, content }) => ({ role, content })),
      message,
    };
    setTurns((t) => [...t, { role: 'user', content: message, at: Date.now() }]);
    try {
      port().postMessage(msg);
    } catch {
      portRef.current = undefined;
      askRef.current = undefined;
      setStreaming(undefined);
      setError('FlowPilot’s background service is not responding. Try again.');
    }
  };

  const stop = () => {
    const askId = askRef.current;
    if (!askId) return;
    portRef.current?.postMessage({ type: 'stop', askId } satisfies PanelToBgChat);
    askRef.current = undefined;
    const partial = visibleWhileStreaming(streaming ?? '');
    setStreaming(undefined);
    if (partial)
      setTurns((t) => [...t, { role: 'assistant', content: `${partial} [stopped]`, at: Date.now() }]);
  };

  return (
    <section class="fp-s-chat" aria-labelledby="fp-s-chat-h">
      <h3 id="fp-s-chat-h">Assistant</h3>
      <p class="fp-s-share">
        Sharing ticket context (company, contact, status, {panelWords.value.configuration}s, recent notes) and
        the task lane with {status.model || 'the AI model'}
        {status.redactPii ? '; email addresses and phone numbers are redacted.' : '.'}
      </p>
      {dropped && (
        <p class="fp-s-share">
          Older messages dropped: only the last {dropped.cap} of this conversation are kept.
        </p>
      )}
      <div class="fp-s-msgs" role="log" aria-label="Assistant conversation" aria-live="polite">
        {turns.map((t, i) => (
          <div
            key={i}
            class={`fp-s-msg fp-s-msg--${t.role}`}
            title={t.at ? new Date(t.at).toLocaleString() : undefined}
          >
            {t.content}
          </div>
        ))}
        {streaming !== undefined && (
          <div class="fp-s-msg fp-s-msg--assistant" aria-busy="true">
            {visibleWhileStreaming(streaming) || '…'}
          </div>
        )}
      </div>
      {suggestions.length > 0 && (
        <ul class="fp-s-suggs" aria-label="Suggested lane items">
          {suggestions.map((s) => (
            <li key={`${s.section}:${s.text}`} class="fp-s-sugg">
              <span>
                {SECTION_TITLES[s.section]}: {s.text}
              </span>
              <button
                type="button"
                aria-label={`Add to lane: ${s.text}`}
                onClick={() =>
                  void onOp({ op: 'add', section: s.section, text: s.text, source: 'ai' }).then(
                    (ok) => ok && setSuggestions((all) => all.filter((x) => x !== s)),
                  )
                }
              >
                Add to lane
              </button>
              <button
                type="button"
                aria-label={`Dismiss: ${s.text}`}
                onClick={() => setSuggestions((all) => all.filter((x) => x !== s))}
              >
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" class="fp-s-error">
          {error}
        </p>
      )}
      <label for="fp-s-chat-input">Message to the assistant</label>
      <textarea
        id="fp-s-chat-input"
        rows={2}
        maxLength={4000}
        value={draft}
        placeholder="e.g. What do we know about this ticket?"
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape' && streaming !== undefined) {
            e.preventDefault();
            stop();
          }
        }}
      />
      <div class="fp-s-actions">
        {streaming === undefined ? (
          <button type="button" class="fp-s-primary" onClick={send} disabled={!draft.trim()}>
            Send
          </button>
        ) : (
          <button type="button" onClick={stop}>
            Stop
          </button>
        )}
      </div>
    </section>
  );
}
