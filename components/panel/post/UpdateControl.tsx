import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel, BgError } from '@/lib/messages/client';
import { describeUndo } from '@/lib/posting/explain';
import type { PostResult } from '@/lib/posting/service';
import { ticketNo } from '@/lib/psa/words';
import { ticketKey as keyOf } from '@/lib/ticket/types';
import type { UpdateControlProps } from '../contract';
import { onUpdateDialogRequest } from './open-dialog';
import { PostDialog } from './PostDialog';
import { POST_CSS } from './styles';

interface Toast {
  text: string;
  link?: string;
  undoPostId?: string;
  kind: 'ok' | 'info' | 'error';
}

/** The panel header's "Update" button: opens the post dialog; runs Auto Push after Resolve/Escalate. */
export function UpdateControl({ ticket, context, ticketNumber, onPosted }: UpdateControlProps) {
  const key = keyOf(ticket);
  // "#1001" on ConnectWise; Autotask's T20261129.0004, which is all its technicians know.
  const number = ticketNumber ?? context?.number;
  const name = ticketNo(ticket.id, number);
  // The broadcast listener below is registered once per ticket: it reads the number as it is now.
  const numberRef = useRef(number);
  numberRef.current = number;
  const [open, setOpen] = useState(false);
  const [toast, setToast] = useState<Toast | undefined>();
  const [pending, setPending] = useState(0);
  const watched = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** Shows `t` for `ms`, then `then` (if given) for the usual time. */
  function show(t: Toast, ms = t.kind === 'error' ? 15_000 : 8_000, then?: Toast) {
    setToast(t);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => (then ? show(then) : setToast(undefined)), ms);
  }

  function refreshPending() {
    askFromPanel('posting/history', { ticketKey: key, limit: 20 })
      .then((posts) => setPending(posts.filter((p) => p.state === 'pending' || p.state === 'sending').length))
      .catch(() => undefined);
  }

  // "Post to ticket" under a resolved session opens this dialog.
  useEffect(() => onUpdateDialogRequest(() => setOpen(true)), []);
  // The latest refresh callback, so the broadcast listener below never calls a stale one.
  const postedRef = useRef(onPosted);
  postedRef.current = onPosted;

  useEffect(() => {
    refreshPending();
    const onMsg = (raw: unknown) => {
      const m = raw as BgToPages | undefined;
      if (m?.dir !== 'bgToPages' || !('ticketKey' in m) || m.ticketKey !== key) return;
      if (m.type === 'outbox/changed') {
        refreshPending();
        // A write landed (note, time, or the status PATCH): the Ticket section must not stay stale. After
        // the next paint: the "Posted" this same write brings is painted first (issue 12 §3).
        if (m.state === 'sent') afterPaint(() => postedRef.current?.());
        // Something the technician must do (a duplicate FlowPilot could not remove): said once.
        if (m.notice) {
          show({ text: m.notice, link: m.link, kind: 'error' });
          return;
        }
        // A held (Auto Push) or retried post finishing while the panel is open.
        if (m.postId === watched.current && (m.state === 'sent' || m.state === 'failed')) {
          watched.current = undefined;
          const now = ticketNo(ticket.id, numberRef.current);
          show(
            m.state === 'sent'
              ? { text: `Posted to ticket ${now}`, kind: 'ok' }
              : { text: `Posting to ticket ${now} failed — see Post History.`, kind: 'error' },
          );
        }
      }
      if (m.type === 'session/changed') {
        const n = numberRef.current;
        askFromPanel('posting/autoPush', { ticketKey: key, ...(n ? { ticketNumber: n } : {}) })
          .then((r) => {
            if (!r) return;
            watched.current = r.post.id;
            // Undo goes away before the hold ends (r.undoMs has the margin): after that it could
            // no longer cancel everything.
            show({ text: r.message, kind: 'info', undoPostId: r.post.id }, r.undoMs ?? 0, {
              text: r.message,
              kind: 'info',
            });
          })
          .catch(() => undefined);
      }
    };
    browser.runtime.onMessage.addListener(onMsg);
    return () => browser.runtime.onMessage.removeListener(onMsg);
  }, [key]);

  function done(r: PostResult) {
    setOpen(false);
    refreshPending();
    if (r.outcome === 'sent') show({ text: r.message, link: r.post.ticketUrl, kind: 'ok' });
    else {
      watched.current = r.post.id;
      show({ text: r.message, kind: 'info' });
    }
  }

  async function undo(postId: string) {
    try {
      const result = await askFromPanel('posting/discard', { postId });
      watched.current = undefined;
      const all = result.items.every((i) => i.outcome === 'cancelled');
      show({ text: describeUndo(result), kind: all ? 'info' : 'error' });
    } catch (e) {
      show({ text: e instanceof BgError ? e.message : 'Could not undo.', kind: 'error' });
    }
  }

  return (
    <>
      <style>{POST_CSS}</style>
      <button type="button" onClick={() => setOpen(true)}>
        Update
      </button>
      {pending > 0 && <span class="fp-p-badge">{pending} pending</span>}
      {open && (
        <PostDialog ticketKey={key} ticketNumber={number} onDone={done} onCancel={() => setOpen(false)} />
      )}
      {toast && (
        <div class="fp-p-toast" role={toast.kind === 'error' ? 'alert' : 'status'}>
          <span>{toast.text}</span>
          {toast.link && (
            <a href={toast.link} target="_blank" rel="noopener noreferrer">
              Open ticket {name}
            </a>
          )}
          {toast.undoPostId && (
            <button type="button" onClick={() => void undo(toast.undoPostId!)}>
              Undo
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => setToast(undefined)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}

/** Runs `fn` in a task after the next frame has been painted. */
function afterPaint(fn: () => void) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}
