import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel } from '@/lib/messages/client';
import { closedStatusSuffix } from '@/lib/panel/ticket-words';
import { panelWords } from '@/lib/panel/words';
import type { PostView } from '@/lib/posting/history';
import { ticketLabel, ticketNo } from '@/lib/psa/words';
import { buildSessionDoc, resolvePrefill, type SessionDoc } from '@/lib/session/artifacts';
import { isAwayNow } from '@/lib/session/away';
import {
  activeMsAt,
  formatClock,
  formatDuration,
  isOpen,
  LANE_SECTIONS,
  type LaneItem,
  type LaneSection as LaneSectionName,
  PROBLEM_MAX_CHARS,
  type Session,
} from '@/lib/session/model';
import type { SessionView as View } from '@/lib/session/service';
import { type TicketContext, type TicketRef, ticketKey } from '@/lib/ticket/types';
import type { SessionViewProps } from '../contract';
import { requestUpdateDialog } from '../post/open-dialog';
import { postedLine } from '../post/summary';
import { AiChat } from './AiChat';
import { AwayPrompt } from './AwayPrompt';
import { CloseDialog } from './CloseDialog';
import { LaneSection } from './LaneSection';
import { SESSION_CSS } from './styles';
import { type LaneOpInput, ticketFacts } from './types';
import { useSession } from './useSession';

/** The session area of the panel: start, run (timer, task lane, assistant) and close a session. */
export function SessionView({ ticket, context, ticketNumber, onOpenChange }: SessionViewProps) {
  const key = ticketKey(ticket);
  const { view, error, busy, send } = useSession(key);
  const open = Boolean(view && isOpen(view.session));
  useEffect(() => onOpenChange?.(open), [open, onOpenChange]);
  // Start Session moves focus to the first lane input; a session that merely loads never takes focus.
  const [startedHere, setStartedHere] = useState<string | undefined>();
  // Resolve / Escalate here moves focus (and the scroll) to the outcome and its next step.
  const [closedHere, setClosedHere] = useState<string | undefined>();
  // Children below are keyed by session / ticket, so chat history, dialogs and drafts never carry over
  // when CW navigates to another ticket.

  return (
    <section class="fp-s" aria-label="FlowPilot session">
      <style>{SESSION_CSS}</style>
      {error && (
        <p role="alert" class="fp-s-error">
          {error}
        </p>
      )}
      {view === undefined ? (
        <p class="fp-s-muted">Loading session…</p>
      ) : view && isOpen(view.session) ? (
        <OpenSession
          key={view.session.id}
          view={view}
          busy={busy}
          send={send}
          context={context}
          focusLane={startedHere === key}
          onClosed={setClosedHere}
        />
      ) : (
        <>
          {view && (
            <ClosedSession view={view} ticket={ticket} focusOutcome={closedHere === view.session.id} />
          )}
          <StartForm
            key={key}
            ticket={ticket}
            context={context}
            ticketNumber={ticketNumber ?? context?.number}
            busy={busy}
            send={send}
            again={!!view}
            onStarted={() => setStartedHere(key)}
          />
        </>
      )}
    </section>
  );
}

type Send = ReturnType<typeof useSession>['send'];

function prefillProblem(ctx: TicketContext | undefined): string {
  if (!ctx) return '';
  const desc = ctx.initialDescription?.trim();
  const text = desc && desc !== ctx.summary.trim() ? `${ctx.summary}\n\n${desc}` : ctx.summary;
  // A pasted log can be far longer than a session's problem statement holds.
  return text.length > PROBLEM_MAX_CHARS ? `${text.slice(0, PROBLEM_MAX_CHARS - 1).trimEnd()}…` : text;
}

function StartForm({
  ticket,
  context,
  ticketNumber,
  busy,
  send,
  again,
  onStarted,
}: {
  ticket: TicketRef;
  context: TicketContext | undefined;
  /** Autotask's ticket number, as the header shows it: the session keeps it. */
  ticketNumber: string | undefined;
  busy: boolean;
  send: Send;
  again: boolean;
  onStarted: () => void;
}) {
  /** A closed ticket: starting needs a confirmation (time on it is usually refused). */
  const [confirmClosed, setConfirmClosed] = useState(false);
  const [problem, setProblem] = useState(() => prefillProblem(context));
  const [touched, setTouched] = useState(false);
  const [playbookId, setPlaybookId] = useState('');
  const [playbooks, setPlaybooks] = useState<{ id: string; title: string }[]>([]);
  useEffect(() => {
    askFromPanel('session/playbooks', {})
      .then(setPlaybooks)
      .catch(() => setPlaybooks([])); // "Start empty" still works without the list
  }, []);
  // The context can arrive after the panel renders; prefill then, unless the tech already typed.
  useEffect(() => {
    if (!touched) setProblem(prefillProblem(context));
  }, [context, touched]);

  const start = () => {
    onStarted();
    void send('session/start', {
      ticketKey: ticketKey(ticket),
      ticketSummary: context?.summary ?? `Ticket ${ticketNo(ticket.id, ticketNumber)}`,
      ...(ticketNumber ? { ticketNumber } : {}),
      problem,
      ...(playbookId ? { playbookId } : {}),
      ...ticketFacts(context),
    });
  };

  return (
    <>
      <form
        class="fp-s-start"
        onSubmit={(e) => {
          e.preventDefault();
          if (context?.closed) setConfirmClosed(true);
          else start();
        }}
      >
        {again && <h3>New session</h3>}
        <label for="fp-s-problem">Problem statement</label>
        <textarea
          id="fp-s-problem"
          rows={3}
          maxLength={PROBLEM_MAX_CHARS}
          value={problem}
          onInput={(e) => {
            setTouched(true);
            setProblem(e.currentTarget.value);
          }}
        />
        <label for="fp-s-playbook">Playbook</label>
        <select id="fp-s-playbook" value={playbookId} onChange={(e) => setPlaybookId(e.currentTarget.value)}>
          <option value="">Start empty</option>
          {playbooks.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        <div class="fp-s-actions">
          <button type="submit" class="fp-s-primary" disabled={busy}>
            Start Session
          </button>
        </div>
      </form>
      {confirmClosed && (
        <CloseDialog
          title="Start a session on a closed ticket?"
          confirmLabel="Start anyway"
          busy={busy}
          safeFocus
          onCancel={() => setConfirmClosed(false)}
          onConfirm={() => {
            setConfirmClosed(false);
            start();
          }}
        >
          <p>
            Ticket {ticketLabel(ticket, ticketNumber)} is closed
            {closedStatusSuffix(context?.status?.name)}. {panelWords.value.psa} usually refuses time on closed
            tickets; reopen it in {panelWords.value.psa} if the work continues.
          </p>
        </CloseDialog>
      )}
    </>
  );
}

/** Active time, ticking once a second; stands still while the machine is away, like the background counts. */
function useActiveMs(s: Session): { ms: number; away: boolean } {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (s.state !== 'active') return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [s.state]);
  return { ms: activeMsAt(s, now), away: isAwayNow(s.away) };
}

/** Timer, state and Pause/Resume. Only this re-renders every second, so fields below keep their input. */
function SessionHeader({ view, busy, send }: { view: View; busy: boolean; send: Send }) {
  const s = view.session;
  const { ms, away } = useActiveMs(s);
  const paused = s.state === 'paused';
  return (
    <div class="fp-s-head">
      <span role="timer" aria-label="Active time" class="fp-s-timer">
        {formatClock(ms)}
      </span>
      <span class="fp-s-state">{paused ? 'Paused' : away ? 'Away' : 'Active'}</span>
      {paused ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => void send('session/resume', { sessionId: s.id })}
        >
          Resume
        </button>
      ) : (
        <button type="button" disabled={busy} onClick={() => void send('session/pause', { sessionId: s.id })}>
          Pause
        </button>
      )}
    </div>
  );
}

function OpenSession({
  view,
  busy,
  send,
  context,
  focusLane,
  onClosed,
}: {
  view: View;
  busy: boolean;
  send: Send;
  context: TicketContext | undefined;
  focusLane: boolean;
  /** Resolved or escalated from this panel (the session's id). */
  onClosed: (sessionId: string) => void;
}) {
  const s = view.session;
  const [dialog, setDialog] = useState<'resolve' | 'escalate' | 'abandon' | undefined>();
  const [removed, setRemoved] = useState<{ section: LaneSectionName; item: LaneItem; index: number }>();
  const undoTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(undoTimer.current), []);
  useEffect(() => {
    if (focusLane) rootRef.current?.querySelector<HTMLElement>('.fp-s-add')?.focus();
  }, []);
  const onRemoved = (section: LaneSectionName, item: LaneItem, index: number) => {
    setRemoved({ section, item, index });
    clearTimeout(undoTimer.current);
    undoTimer.current = setTimeout(() => setRemoved(undefined), UNDO_MS);
  };
  const undo = async () => {
    if (!removed) return;
    const { section, item, index } = removed;
    clearTimeout(undoTimer.current);
    setRemoved(undefined);
    if (await onOp({ op: 'restore', section, index, item })) {
      // Back on the restored item, so focus doesn't fall to <body> with the toast gone.
      rootRef.current
        ?.querySelector<HTMLElement>(`li[data-item-id="${CSS.escape(item.id)}"] .fp-s-tools button`)
        ?.focus();
    }
  };

  const onOp = (op: LaneOpInput) => send('session/lane', { sessionId: s.id, op });
  // No keep-alive from the panel any more: the machine's idle state decides what counts (issue 13).
  const rootRef = useRef<HTMLDivElement>(null);

  return (
    <div ref={rootRef}>
      <SessionHeader view={view} busy={busy} send={send} />
      <AwayPrompt session={s} busy={busy} send={send} />
      <ProblemField session={s} onOp={onOp} />
      {LANE_SECTIONS.map((section) => (
        <LaneSection
          key={section}
          section={section}
          items={s.lane[section]}
          disabled={false}
          onOp={onOp}
          onRemoved={onRemoved}
        />
      ))}
      {removed && (
        <div class="fp-s-toast" role="status">
          <span>
            Removed “
            {removed.item.text.length > 40 ? `${removed.item.text.slice(0, 40)}…` : removed.item.text}”.
          </span>
          <button type="button" onClick={() => void undo()}>
            Undo
          </button>
        </div>
      )}
      <AiChat session={s} context={context} onOp={onOp} />
      <div class="fp-s-actions fp-s-close">
        <button type="button" class="fp-s-primary" onClick={() => setDialog('resolve')}>
          Resolve
        </button>
        <button type="button" onClick={() => setDialog('escalate')}>
          Escalate
        </button>
        <button type="button" class="fp-s-danger" onClick={() => setDialog('abandon')}>
          Abandon
        </button>
      </div>
      {dialog === 'resolve' && (
        <ResolveDialog
          session={s}
          busy={busy}
          send={send}
          onDone={() => setDialog(undefined)}
          onClosed={() => onClosed(s.id)}
        />
      )}
      {dialog === 'escalate' && (
        <EscalateDialog
          session={s}
          busy={busy}
          send={send}
          onDone={() => setDialog(undefined)}
          onClosed={() => onClosed(s.id)}
        />
      )}
      {dialog === 'abandon' && (
        <CloseDialog
          title="Abandon this session?"
          confirmLabel="Abandon session"
          busy={busy}
          safeFocus
          onCancel={() => setDialog(undefined)}
          onConfirm={() =>
            void send('session/abandon', { sessionId: s.id }).then((ok) => ok && setDialog(undefined))
          }
        >
          <p>
            It stays in the session history, and nothing is posted to the ticket. Active time so far:{' '}
            {formatDuration(activeMsAt(s, Date.now()))}.
          </p>
        </CloseDialog>
      )}
    </div>
  );
}

function ProblemField({ session, onOp }: { session: Session; onOp: (op: LaneOpInput) => Promise<boolean> }) {
  const [text, setText] = useState(session.problem);
  useEffect(() => setText(session.problem), [session.problem]);
  return (
    <div class="fp-s-problem">
      <label for="fp-s-problem-edit">Problem statement</label>
      <textarea
        id="fp-s-problem-edit"
        rows={2}
        maxLength={PROBLEM_MAX_CHARS}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={() => text.trim() !== session.problem && void onOp({ op: 'problem', text })}
      />
    </div>
  );
}

interface CloseProps {
  session: Session;
  busy: boolean;
  send: Send;
  onDone: () => void;
  onClosed: () => void;
}

/** A required field left empty: it takes focus and is marked invalid, described by the message. */
function useRequired(fieldId: string, message: string) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<string>();
  const errorId = `${fieldId}-error`;
  return {
    ref,
    error,
    errorId,
    clear: () => setError(undefined),
    /** False (and the field says why) when `value` is empty. */
    check(value: string) {
      if (value.trim()) return true;
      setError(message);
      ref.current?.focus();
      return false;
    },
    fieldProps: {
      ref,
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': error ? errorId : undefined,
    },
  };
}

function ResolveDialog({ session, busy, send, onDone, onClosed }: CloseProps) {
  const [form, setForm] = useState(() => resolvePrefill(session));
  const [touched, setTouched] = useState(false);
  const required = useRequired('fp-s-resolution', 'Describe the resolution.');
  // A lane change clicked just before Resolve may still be on its way to the background: follow the
  // saved session until the tech types, so the pre-fill never misses the last click.
  useEffect(() => {
    if (!touched) setForm(resolvePrefill(session));
  }, [session.rev]);
  return (
    <CloseDialog
      title="Resolve the session"
      confirmLabel="Resolve session"
      busy={busy}
      error={required.error}
      errorId={required.errorId}
      onCancel={onDone}
      onConfirm={() => {
        if (!required.check(form.resolution)) return;
        void send('session/resolve', { sessionId: session.id, ...form }).then((ok) => {
          if (!ok) return;
          onClosed();
          onDone();
        });
      }}
    >
      <label for="fp-s-rootcause">Root cause</label>
      <textarea
        id="fp-s-rootcause"
        rows={3}
        value={form.rootCause}
        onInput={(e) => {
          setTouched(true);
          setForm({ ...form, rootCause: e.currentTarget.value });
        }}
      />
      <label for="fp-s-resolution">Resolution</label>
      <textarea
        id="fp-s-resolution"
        rows={4}
        value={form.resolution}
        {...required.fieldProps}
        onInput={(e) => {
          setTouched(true);
          required.clear();
          setForm({ ...form, resolution: e.currentTarget.value });
        }}
      />
    </CloseDialog>
  );
}

function EscalateDialog({ session, busy, send, onDone, onClosed }: CloseProps) {
  const [reason, setReason] = useState('');
  const [to, setTo] = useState('');
  const required = useRequired('fp-s-why', 'Say why you are escalating.');
  return (
    <CloseDialog
      title="Escalate the ticket"
      confirmLabel="Escalate session"
      busy={busy}
      error={required.error}
      errorId={required.errorId}
      onCancel={onDone}
      onConfirm={() => {
        if (!required.check(reason)) return;
        void send('session/escalate', {
          sessionId: session.id,
          reason,
          ...(to.trim() ? { escalateTo: to } : {}),
        }).then((ok) => {
          if (!ok) return;
          onClosed();
          onDone();
        });
      }}
    >
      <label for="fp-s-why">Why escalate</label>
      <textarea
        id="fp-s-why"
        rows={3}
        value={reason}
        {...required.fieldProps}
        onInput={(e) => {
          required.clear();
          setReason(e.currentTarget.value);
        }}
      />
      <label for="fp-s-to">Escalate to (optional)</label>
      <input
        id="fp-s-to"
        type="text"
        value={to}
        maxLength={200}
        onInput={(e) => setTo(e.currentTarget.value)}
      />
    </CloseDialog>
  );
}

const OUTCOME_WORD = { resolved: 'Resolved', escalated: 'Escalated', abandoned: 'Abandoned' } as const;
/** How long the Undo of a removed lane item is offered. */
const UNDO_MS = 8_000;

/** The newest post of this session (not discarded), followed live through the outbox's broadcasts. */
function useSessionPost(ticket: TicketRef, sessionId: string): PostView | null | undefined {
  const key = ticketKey(ticket);
  const [post, setPost] = useState<PostView | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () =>
      askFromPanel('posting/history', { ticketKey: key, limit: 20 })
        .then((posts) => {
          if (live) setPost(posts.find((p) => p.sessionId === sessionId && p.state !== 'cancelled') ?? null);
        })
        .catch(() => undefined);
    void load();
    const onMsg = (raw: unknown) => {
      const m = raw as BgToPages | undefined;
      if (m?.dir === 'bgToPages' && m.type === 'outbox/changed' && m.ticketKey === key) void load();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMsg);
    return () => {
      live = false;
      browser.runtime.onMessage.removeListener(onMsg);
    };
  }, [key, sessionId]);
  return post;
}

/** Right under the outcome: has the documentation reached the PSA, and the next step if not. */
function PostState({ ticket, session }: { ticket: TicketRef; session: Session }) {
  const post = useSessionPost(ticket, session.id);
  if (post === undefined) return null;
  const postButton = (
    <button type="button" class="fp-s-primary" onClick={requestUpdateDialog}>
      Post to ticket
    </button>
  );
  const { psa } = panelWords.value;
  // The ticket as the post names it: "#1001", or Autotask's number the post kept.
  const name = post ? ticketNo(ticket.id, post.ticketNumber) : '';
  if (post === null)
    return (
      <p class="fp-s-next">
        Not posted to {psa} yet — {postButton}
      </p>
    );
  if (post.state === 'sent') return <p class="fp-s-next fp-s-next--ok">{postedLine(ticket.id, post)}</p>;
  if (post.state === 'failed')
    return (
      <p class="fp-s-next">
        Posting to {name} failed{post.lastError ? `: ${post.lastError}` : ''} — {postButton}
      </p>
    );
  return (
    <p class="fp-s-next">
      Posting to {name}… (not confirmed by {psa} yet)
    </p>
  );
}

/** A closed session: its outcome, duration and (resolved/escalated) the generated documentation. */
function ClosedSession({
  view,
  ticket,
  focusOutcome,
}: {
  view: View;
  ticket: TicketRef;
  /** Just resolved / escalated here: the outcome takes focus, so it never falls to <body>. */
  focusOutcome: boolean;
}) {
  const s = view.session;
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!focusOutcome) return;
    outcomeRef.current?.focus();
    // With the line under it (Post to ticket), which is what comes next.
    outcomeRef.current?.parentElement?.scrollIntoView({ block: 'nearest' });
  }, [focusOutcome]);
  const state = s.state as keyof typeof OUTCOME_WORD;
  // The stored doc is authoritative; regenerate only for records saved before docs were stored.
  const doc: SessionDoc | undefined = view.doc ?? buildSessionDoc(s, { includeDiagnosticSteps: true });
  return (
    <div class="fp-s-closed">
      <div role="status">
        <p ref={outcomeRef} tabIndex={-1} class="fp-s-outcome">
          <strong>Session {OUTCOME_WORD[state] ?? s.state}</strong> · active time{' '}
          {formatDuration(activeMsAt(s, s.endedAt ?? s.updatedAt))}
        </p>
        {doc && <PostState ticket={ticket} session={s} />}
      </div>
      {doc && (
        <section aria-label="Session documentation">
          <h3>Documentation</h3>
          <pre class="fp-s-doc">{doc.internalText}</pre>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(doc.internalText)}>
            Copy documentation
          </button>
        </section>
      )}
    </div>
  );
}
