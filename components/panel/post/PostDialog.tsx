import { useEffect, useRef, useState } from 'preact/hooks';
import { ModalForm } from '@/components/ui/ModalForm';
import { askFromPanel, askRepeatable, BgError } from '@/lib/messages/client';
import { panelPsa, panelWords } from '@/lib/panel/words';
import type { PostView } from '@/lib/posting/history';
import { NOTE_KIND_LABELS, NOTE_KINDS, type NoteKind } from '@/lib/posting/plan';
import type { PostContext, PostResult } from '@/lib/posting/service';
import { ticketNo } from '@/lib/psa/words';
import { noteTypeHint, previewPlaceholder } from './note-hint';
import { postedAt } from './summary';

interface Props {
  ticketKey: string;
  /** The ticket's number where it is not the id (Autotask): the dialog and the post name it. */
  ticketNumber?: string;
  onDone: (r: PostResult) => void;
  onCancel: () => void;
}

const BILLABLE_LABELS = {
  Billable: 'Billable',
  DoNotBill: 'Do not bill',
  NoCharge: 'No charge',
  NoDefault: 'No default',
};
type Billable = keyof typeof BILLABLE_LABELS;
const POST_STATE_WORDS: Record<PostView['state'], string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Discarded',
};

/** Under Note Type (its description): who sees the note, and a warning that never blocks posting. */
function NoteTypeHintLine({ hint }: { hint: ReturnType<typeof noteTypeHint> }) {
  return (
    <p id="fp-p-type-hint" class="fp-p-muted" data-testid="fp-p-type-hint">
      {hint.text}
      {hint.warning && <span class="fp-p-warn"> {hint.warning}</span>}
    </p>
  );
}

/** The "Update" dialog: Preview, Note Type, Status, time entry, Post to Ticket. */
export function PostDialog({ ticketKey, ticketNumber, onDone, onCancel }: Props) {
  const words = panelWords.value;
  const [ctx, setCtx] = useState<PostContext | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [customerText, setCustomerText] = useState('');
  const [noteKind, setNoteKind] = useState<NoteKind>('internalAnalysis');
  const [statusId, setStatusId] = useState('');
  const [timeOn, setTimeOn] = useState(false);
  const [minutes, setMinutes] = useState('');
  const [posted, setPosted] = useState('');
  const [workTypeId, setWorkTypeId] = useState('');
  const [workRoleId, setWorkRoleId] = useState('');
  const [billable, setBillable] = useState<Billable>('Billable');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [posts, setPosts] = useState<PostView[]>([]);
  /** A post that failed part-way: what landed is not sent again, the rest is replaced on resubmit. */
  const [prior, setPrior] = useState<PostView | undefined>();
  /** This session's documentation is already on the ticket (or on its way): nothing is pre-filled twice. */
  const [alreadyPosted, setAlreadyPosted] = useState<PostView | undefined>();
  /** A post that needs an explicit yes first: the same documentation again, or time without a note. */
  const [confirm, setConfirm] = useState<'duplicate' | 'timeOnly' | undefined>();
  // "#1001" on ConnectWise; Autotask's T20261129.0004 (the accessible names keep "Post to Ticket" first).
  const ticketName = ticketNo(Number(ticketKey.split(':')[1]), ticketNumber);
  const backRef = useRef<HTMLButtonElement>(null);
  /**
   * The submission the worker has not answered yet, with what it asked: clicking again with the same
   * content repeats it, and the worker joins the post it already wrote ahead (never a second one).
   */
  const unanswered = useRef<{ id: string; asked: string } | undefined>();
  // The question takes focus on its safe answer ("Back"), so Enter never posts twice by accident.
  useEffect(() => {
    if (confirm) backRef.current?.focus();
  }, [confirm]);

  useEffect(() => {
    let live = true;
    Promise.all([
      askFromPanel('posting/prepare', { ticketKey }),
      askFromPanel('posting/history', { ticketKey, limit: 20 }).catch(() => [] as PostView[]),
    ])
      .then(([c, history]) => {
        if (!live) return;
        setCtx(c);
        setPosts(history.slice(0, 5));
        const sent = c.session
          ? history.find(
              (p) => p.sessionId === c.session?.id && p.state !== 'cancelled' && p.state !== 'failed',
            )
          : undefined;
        setAlreadyPosted(sent);
        // After a successful post, Update starts from "already posted": no second copy of the
        // documentation, no second billable time entry, no status change unless chosen again.
        setText(sent ? '' : (c.session?.internalText ?? ''));
        setCustomerText(sent ? '' : (c.session?.customerText ?? ''));
        setNoteKind(c.defaultNoteKind);
        setStatusId(!sent && c.preselectedStatusId ? String(c.preselectedStatusId) : '');
        // Time goes off where the ticket's current status refuses it (typically closed).
        const current = c.statuses.find((st) => st.id === c.currentStatusId);
        setTimeOn(c.autoTimeEntry && !sent && !current?.timeEntryNotAllowed);
        setPosted(c.session ? String(c.session.postedMinutes) : '');
        setWorkTypeId(c.workTypeId ? String(c.workTypeId) : '');
        setWorkRoleId(c.workRoleId ? String(c.workRoleId) : '');
        setBillable(c.billableOption);
      })
      .catch(
        (e: unknown) => live && setLoadError(e instanceof BgError ? e.message : 'Could not load the ticket.'),
      );
    return () => {
      live = false;
    };
  }, [ticketKey]);

  const status = ctx?.statuses.find((s) => String(s.id) === statusId);
  const current = ctx?.statuses.find((s) => s.id === ctx.currentStatusId);
  const hasSessionTime = Boolean(ctx?.session);

  async function submit(confirmed = false) {
    // Busy: the button stays focusable (below), so Enter in a field must not post a second time.
    if (!ctx || busy) return;
    const landed = (kind: string) => prior?.items.some((i) => i.kind === kind && i.state === 'sent') ?? false;
    const note = text.trim();
    if (!confirmed) {
      const docText = ctx.session?.internalText?.trim();
      if (alreadyPosted && docText && note === docText) return setConfirm('duplicate');
      if (!note && timeOn && !landed('note') && !landed('timeEntry')) return setConfirm('timeOnly');
    }
    setConfirm(undefined);
    setBusy(true);
    setError(undefined);
    try {
      // After a partial failure the background replaces the old post: it discards the remainder,
      // looks up anything that may have landed, and sends only the parts not on the ticket (each
      // note, the time entry and the status decided on its own).
      const request = {
        ticketKey,
        noteKind,
        text,
        customerText: ctx.noteVisibility === 'internalExternal' ? customerText : undefined,
        timeEntry: timeOn,
        minutes: timeOn && !hasSessionTime && minutes ? Number(minutes) : undefined,
        postedMinutes: timeOn && hasSessionTime && posted ? Number(posted) : undefined,
        workTypeId: workTypeId ? Number(workTypeId) : undefined,
        workRoleId: workRoleId ? Number(workRoleId) : undefined,
        billableOption: billable,
        status: status ? { id: status.id, name: status.name } : undefined,
        projectIssue: ctx.projectIssue,
        replacesPostId: prior?.id,
      };
      const asked = JSON.stringify(request);
      if (unanswered.current?.asked !== asked) unanswered.current = { id: crypto.randomUUID(), asked };
      const submissionId = unanswered.current.id;
      // Not part of what was asked: the number arriving with the context between two clicks is the
      // same submission, and must join its post rather than write a second one.
      const named = ticketNumber ? { ticketNumber } : {};
      const r = await askRepeatable(() =>
        askFromPanel('posting/post', { ...request, ...named, submissionId }),
      );
      unanswered.current = undefined;
      if (r.outcome === 'failed') {
        // Keep everything the technician typed; the reason says what to change.
        setError(r.message);
        setPrior(r.post);
        setPosts((p) => [r.post, ...p.filter((x) => x.id !== r.post.id)]);
      } else {
        onDone(r);
      }
    } catch (e) {
      setError(
        e instanceof BgError && e.info.kind === 'unavailable'
          ? 'FlowPilot’s background stopped before it answered. What you posted was saved first: click Post to Ticket again without changing anything to see how it went (the same post is never posted twice; edited text would be a new post).'
          : e instanceof BgError
            ? e.message
            : 'Posting failed unexpectedly.',
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <ModalForm class="fp-p-dialog" labelledBy="fp-p-title" onSubmit={() => void submit()} onCancel={onCancel}>
      <h2 id="fp-p-title">Update ticket {ticketName}</h2>
      {loadError && (
        <p role="alert" class="fp-p-error">
          {loadError}
        </p>
      )}
      {!ctx && !loadError && <p class="fp-p-muted">Loading…</p>}
      {ctx && (
        <>
          {alreadyPosted && (
            <p class="fp-p-sent" role="note" data-testid="fp-p-already">
              Already {alreadyPosted.state === 'sent' ? 'posted' : 'on its way'} to {ticketName}{' '}
              {postedAt(alreadyPosted.createdAt)}: {alreadyPosted.summary}. This update starts empty; write
              what is new.{' '}
              <button
                type="button"
                class="fp-p-link"
                onClick={() => {
                  setText(ctx.session?.internalText ?? '');
                  setCustomerText(ctx.session?.customerText ?? '');
                }}
              >
                Use the session documentation again
              </button>
            </p>
          )}
          {current?.timeEntryNotAllowed && (
            <p class="fp-p-muted">
              The ticket’s status “{current.name}” does not accept time entries, so the time entry starts off.
            </p>
          )}
          <label for="fp-p-preview">Preview</label>
          <textarea
            id="fp-p-preview"
            value={text}
            placeholder={previewPlaceholder({
              session: !ctx.session ? 'none' : ctx.session.outcome ? 'closed' : 'open',
              alreadyPosted: Boolean(alreadyPosted),
            })}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {ctx.noteVisibility === 'internalExternal' && (
            <>
              <label for="fp-p-customer">Customer note</label>
              <textarea
                id="fp-p-customer"
                value={customerText}
                onInput={(e) => setCustomerText(e.currentTarget.value)}
              />
            </>
          )}
          <label for="fp-p-type">Note Type</label>
          <select
            id="fp-p-type"
            value={noteKind}
            aria-describedby="fp-p-type-hint"
            onChange={(e) => setNoteKind(e.currentTarget.value as NoteKind)}
          >
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {NOTE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <NoteTypeHintLine hint={noteTypeHint(noteKind, ctx.noteVisibility, panelPsa.value)} />
          <label for="fp-p-status">Status</label>
          <select id="fp-p-status" value={statusId} onChange={(e) => setStatusId(e.currentTarget.value)}>
            <option value="">No change</option>
            {ctx.statuses.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
                {s.id === ctx.currentStatusId ? ' (current)' : ''}
              </option>
            ))}
          </select>
          {status?.timeEntryNotAllowed && timeOn && (
            <p class="fp-p-muted">
              “{status.name}” does not accept time; the time entry is posted before the status changes.
            </p>
          )}
          <fieldset>
            <legend>Time entry</legend>
            <label class="fp-p-inline">
              <input type="checkbox" checked={timeOn} onChange={(e) => setTimeOn(e.currentTarget.checked)} />
              Add a time entry
            </label>
            {timeOn && (
              <>
                {hasSessionTime ? (
                  <>
                    <div class="fp-p-times" data-testid="fp-p-times">
                      <span>Actual: {ctx.session!.actualMinutes} min</span>
                      <span>Posted: {posted || ctx.session!.postedMinutes} min</span>
                    </div>
                    <label for="fp-p-posted">Posted minutes</label>
                    <input
                      id="fp-p-posted"
                      type="number"
                      min={1}
                      value={posted}
                      onInput={(e) => setPosted(e.currentTarget.value)}
                    />
                  </>
                ) : (
                  <>
                    <label for="fp-p-minutes">Minutes worked</label>
                    <input
                      id="fp-p-minutes"
                      type="number"
                      min={1}
                      required
                      value={minutes}
                      onInput={(e) => setMinutes(e.currentTarget.value)}
                    />
                  </>
                )}
                <div class="fp-p-grid">
                  {words.workType && (
                    <div>
                      <label for="fp-p-worktype">{words.workType}</label>
                      <select
                        id="fp-p-worktype"
                        value={workTypeId}
                        onChange={(e) => setWorkTypeId(e.currentTarget.value)}
                      >
                        <option value="">{words.psaDefault}</option>
                        {ctx.workTypes.map((w) => (
                          <option key={w.id} value={String(w.id)}>
                            {w.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                  <div>
                    <label for="fp-p-workrole">{words.workRole}</label>
                    <select
                      id="fp-p-workrole"
                      value={workRoleId}
                      onChange={(e) => setWorkRoleId(e.currentTarget.value)}
                    >
                      <option value="">{words.psaDefault}</option>
                      {ctx.workRoles.map((w) => (
                        <option key={w.id} value={String(w.id)}>
                          {w.name}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                <label for="fp-p-billable">Billable</label>
                <select
                  id="fp-p-billable"
                  value={billable}
                  onChange={(e) => setBillable(e.currentTarget.value as Billable)}
                >
                  {Object.entries(BILLABLE_LABELS).map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              </>
            )}
          </fieldset>
          <p class="fp-p-muted">
            Posted as{' '}
            {ctx.member
              ? (ctx.member.name ?? `${words.person} #${ctx.member.id}`)
              : `${words.apiAccount} (no technician mapped)`}
            .
          </p>
        </>
      )}
      {error && (
        <p role="alert" class="fp-p-error">
          {error}
        </p>
      )}
      {prior?.items.some((i) => i.state === 'sent') && (
        <p class="fp-p-muted">
          Already on the ticket (not sent again):{' '}
          {prior.items
            .filter((i) => i.state === 'sent')
            .map((i) => i.label)
            .join(', ')}
          .
        </p>
      )}
      {prior?.items.some((i) => i.maybeLanded) && (
        <p class="fp-p-muted">
          May already be on the ticket (FlowPilot looks before sending again):{' '}
          {prior.items
            .filter((i) => i.maybeLanded)
            .map((i) => i.label)
            .join(', ')}
          .
        </p>
      )}
      {confirm && (
        <div class="fp-p-confirm" role="alert">
          <p>
            {confirm === 'duplicate'
              ? `This session’s documentation is already on ticket ${ticketName}. Post the same text again?`
              : `There is no note: this posts only a time entry of ${hasSessionTime ? posted : minutes || '?'} min. Post the time without a note?`}
          </p>
          <div class="fp-p-actions">
            <button type="button" onClick={() => void submit(true)}>
              {confirm === 'duplicate' ? 'Post again' : 'Post time only'}
            </button>
            <button type="button" class="fp-p-primary" ref={backRef} onClick={() => setConfirm(undefined)}>
              Back
            </button>
          </div>
        </div>
      )}
      <div class="fp-p-actions">
        {/* While posting: aria-disabled, not disabled — disabling the focused button drops focus to <body>
            (then lost for "Nothing to post…" and other answers that keep the dialog open). */}
        <button
          type="submit"
          class="fp-p-primary"
          disabled={!ctx}
          aria-disabled={busy || undefined}
          aria-busy={busy || undefined}
          onClick={busy ? (e) => e.preventDefault() : undefined}
        >
          Post to Ticket {ticketName}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {posts.length > 0 && (
        <section aria-label="Posts on this ticket">
          <h3>Posts on this ticket</h3>
          <ul class="fp-p-posts">
            {posts.map((p) => (
              <li key={p.id}>
                <span class={`fp-p-state fp-p-state--${p.state}`}>{POST_STATE_WORDS[p.state]}</span> ·{' '}
                {new Date(p.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}{' '}
                · {p.summary}
                {p.lastError && p.state !== 'sent' && <div class="fp-p-error">{p.lastError}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </ModalForm>
  );
}
