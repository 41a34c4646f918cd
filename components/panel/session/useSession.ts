import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel, BgError } from '@/lib/messages/client';
import type { MessageType, Req } from '@/lib/messages/registry';
import type { SessionView } from '@/lib/session/service';

type SessionMsg = Exclude<Extract<MessageType<'panelToBg'>, `session/${string}`>, 'session/get'>;

/**
 * The ticket's session as the background has it. Every change goes to the background and the reply
 * (the saved session) replaces local state; a `session/changed` broadcast from another tab re-fetches.
 */
export function useSession(ticketKey: string) {
  const [view, setView] = useState<SessionView | null | undefined>(undefined);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const revRef = useRef(0);
  const keyRef = useRef(ticketKey);
  keyRef.current = ticketKey;

  const accept = useCallback(
    (v: SessionView | null) => {
      // A late reply for the ticket CW just navigated away from doesn't belong here.
      if (v && v.session.ticketKey !== keyRef.current) return;
      // Replies and broadcasts can cross; never go back to an older revision of the same session.
      if (v && view?.session.id === v.session.id && v.session.rev < revRef.current) return;
      revRef.current = v?.session.rev ?? 0;
      setView(v);
    },
    [view?.session.id, ticketKey],
  );

  const refresh = useCallback(async () => {
    try {
      const v = await askFromPanel('session/get', { ticketKey });
      if (keyRef.current !== ticketKey) return; // CW moved to another ticket meanwhile
      revRef.current = v?.session.rev ?? 0;
      setView(v);
      setError(undefined);
    } catch (e) {
      setError(e instanceof BgError ? e.message : 'FlowPilot could not load the session.');
    }
  }, [ticketKey]);

  useEffect(() => {
    setView(undefined);
    void refresh();
    const onMsg = (msg: unknown) => {
      const m = msg as BgToPages | undefined;
      if (
        m?.dir === 'bgToPages' &&
        m.type === 'session/changed' &&
        m.ticketKey === ticketKey &&
        m.rev !== revRef.current
      ) {
        void refresh();
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMsg);
    return () => browser.runtime.onMessage.removeListener(onMsg);
  }, [ticketKey, refresh]);

  const send = useCallback(
    async <T extends SessionMsg>(type: T, payload: Req<'panelToBg', T>): Promise<boolean> => {
      setBusy(true);
      try {
        accept((await askFromPanel(type, payload)) as SessionView);
        setError(undefined);
        return true;
      } catch (e) {
        setError(e instanceof BgError ? e.message : 'FlowPilot could not save that change.');
        return false;
      } finally {
        setBusy(false);
      }
    },
    [accept],
  );

  return { view, error, busy, send, refresh, clearError: () => setError(undefined) };
}
