import './history.css';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Button } from '@/components/ui/Button';
import { Pager } from '@/components/ui/Pager';
import { showToast } from '@/components/ui/Toast';
import type { OutboxState } from '@/lib/db/schema';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromOptions } from '@/lib/messages/client';
import type { PostDetail } from '@/lib/messages/posting';
import { describeDiscard } from '@/lib/posting/explain';
import type { PostView } from '@/lib/posting/history';
import { ticketNo, wordsFor } from '@/lib/psa/words';
import { errorText } from '../api';
import { ExportButtons, saveExport, TicketAndDates, useLatest, useListFilter } from '../list-filters';
import { ticketQuery } from '../ticket-query';
import { PAGE, takeEarlyFirstPage } from './first-page';
import { attemptsText, formatWhen, STATE_LABELS } from './labels';

/**
 * Rows in the first frame: about a screenful. The rest of the page is rendered right after that frame
 * is painted, so the first rows do not wait for the style and layout of rows below the fold.
 */
export const FIRST_ROWS = 15;
const STATES: OutboxState[] = ['pending', 'sending', 'sent', 'failed', 'cancelled'];

interface Filter {
  state: '' | OutboxState;
  ticket: string;
  from: string;
  to: string;
}

function toQuery(f: Filter) {
  const q: { state?: OutboxState; ticketId?: number; ticketNumber?: string; from?: number; to?: number } =
    ticketQuery(f.ticket);
  if (f.state) q.state = f.state;
  if (f.from) q.from = new Date(`${f.from}T00:00:00`).getTime();
  if (f.to) q.to = new Date(`${f.to}T23:59:59.999`).getTime();
  return q;
}

/** Options → Post History: every post, filtered and paged through an index; retry, edit, discard, export. */
export function PostHistoryTab() {
  const { filter, set, offset, setOffset } = useListFilter<Filter>({
    state: '',
    ticket: '',
    from: '',
    to: '',
  });
  // The unfiltered first page asked for at start-up (first-page.ts): rendered in the very first render
  // when it has arrived, else as soon as it does.
  const [early] = useState(takeEarlyFirstPage);
  const [rows, setRows] = useState<PostView[] | undefined>(early?.value?.items);
  const [hasMore, setHasMore] = useState(early?.value?.hasMore ?? false);
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState<PostDetail | undefined>();
  const [allRows, setAllRows] = useState(false);
  // Effects run after the paint: by then the first rows are on screen.
  useEffect(() => {
    if (rows && rows.length > FIRST_ROWS && !allRows) setAllRows(true);
  }, [rows, allRows]);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useLatest();

  async function load(first = false) {
    const pre = first ? early : undefined;
    if (pre?.value) {
      // Already shown; read again only if the outbox changed meanwhile.
      if (pre.stale) void load();
      return;
    }
    const current = latest();
    try {
      const page = await (pre?.page ??
        askFromOptions('posting/list', { ...toQuery(filter), offset, limit: PAGE }));
      if (!current()) return;
      setRows(page.items);
      setHasMore(page.hasMore);
      setError(undefined);
      if (pre?.stale) void load();
    } catch (e) {
      if (!current()) return;
      if (pre) return void load();
      setError(errorText(e));
    }
  }

  // The timer and the actions below reload with the filter shown now, not the one of the render that
  // set them up (a filter changed within the 300 ms would else be overwritten by the old filter's rows).
  const loadNow = useRef(load);
  loadNow.current = load;

  const mounted = useRef(false);
  // A layout effect: the first page is asked for (or awaited) right after the first render, not after
  // the next paint.
  useLayoutEffect(() => {
    void load(!mounted.current);
    mounted.current = true;
  }, [filter, offset]);

  useEffect(() => {
    // Live: an outbox change reloads the visible page (coalesced, so a drain of 500 items stays cheap).
    const onMsg = (raw: unknown) => {
      const m = raw as BgToPages | undefined;
      if (m?.dir !== 'bgToPages' || m.type !== 'outbox/changed') return;
      if (reloadTimer.current) return;
      reloadTimer.current = setTimeout(() => {
        reloadTimer.current = undefined;
        void loadNow.current();
      }, 300);
    };
    browser.runtime.onMessage.addListener(onMsg);
    return () => browser.runtime.onMessage.removeListener(onMsg);
  });

  async function act(kind: 'posting/retry' | 'posting/discard', postId: string) {
    try {
      if (kind === 'posting/retry') {
        await askFromOptions(kind, { postId });
        showToast('Retrying now.', 'info');
      } else {
        showToast(describeDiscard(await askFromOptions(kind, { postId })), 'info');
      }
      await loadNow.current();
    } catch (e) {
      showToast(errorText(e), 'error');
    }
  }

  const exportAs = (format: 'csv' | 'json') =>
    saveExport(() => askFromOptions('posting/export', { ...toQuery(filter), format }));

  return (
    <section aria-labelledby="fp-history-title">
      <h2 id="fp-history-title">Post History</h2>
      <form class="fp-filters" aria-label="Filter posts" onSubmit={(e) => e.preventDefault()}>
        <label>
          State{' '}
          <select
            value={filter.state}
            onChange={(e) => set({ state: e.currentTarget.value as Filter['state'] })}
          >
            <option value="">All</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>{' '}
        <TicketAndDates value={filter} set={set} />
        <ExportButtons exportAs={exportAs} />
      </form>
      {error && (
        <p role="alert" class="fp-error">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && (
        <p>No posts{filter.state || filter.ticket || filter.from ? ' match the filter' : ' yet'}.</p>
      )}
      {rows && rows.length > 0 && (
        <table class="fp-table" aria-label="Posts">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Ticket</th>
              <th scope="col">Technician</th>
              <th scope="col">What</th>
              <th scope="col">State</th>
              <th scope="col">Writes</th>
              <th scope="col">Last error</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(allRows ? rows : rows.slice(0, FIRST_ROWS)).map((p) => (
              <tr key={p.id}>
                <td>{formatWhen(p.createdAt)}</td>
                <td>
                  {p.ticketUrl ? (
                    <a href={p.ticketUrl} target="_blank" rel="noopener noreferrer">
                      {ticketNo(p.ticketId, p.ticketNumber)}
                    </a>
                  ) : (
                    ticketNo(p.ticketId, p.ticketNumber)
                  )}
                </td>
                <td>{p.technicianName ?? wordsFor(p.psa).apiAccountName}</td>
                <td>
                  {p.summary}
                  {p.notices.map((n) => (
                    <div key={n.text} class={n.removeInCw ? 'fp-notice fp-notice--act' : 'fp-notice'}>
                      {n.text}
                      {n.removeInCw && p.ticketUrl && (
                        <>
                          {' '}
                          <a href={p.ticketUrl} target="_blank" rel="noopener noreferrer">
                            Open ticket {ticketNo(p.ticketId, p.ticketNumber)}
                          </a>
                        </>
                      )}
                    </div>
                  ))}
                </td>
                <td>
                  {STATE_LABELS[p.state]}
                  {p.waitingFor && <> · waiting for connection {p.waitingFor}</>}
                </td>
                <td>{attemptsText(p.items)}</td>
                <td>
                  {p.state === 'sent'
                    ? ''
                    : p.blockedBy
                      ? 'Waiting behind a failed post to this ticket: retry or discard that one first.'
                      : (p.lastError ?? '')}
                </td>
                <td>
                  {(p.state === 'failed' || p.state === 'pending') && (
                    <Button
                      aria-label={`Retry now post to ticket ${ticketNo(p.ticketId, p.ticketNumber)}`}
                      onClick={() => void act('posting/retry', p.id)}
                    >
                      Retry now
                    </Button>
                  )}
                  {p.state === 'failed' && (
                    <Button
                      onClick={() =>
                        void askFromOptions('posting/detail', { postId: p.id })
                          .then(setEditing)
                          .catch((e: unknown) => showToast(errorText(e), 'error'))
                      }
                    >
                      Edit and retry
                    </Button>
                  )}
                  {(p.state === 'failed' || p.state === 'pending') && (
                    <Button variant="danger" onClick={() => void act('posting/discard', p.id)}>
                      Discard
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={offset} pageSize={PAGE} hasMore={hasMore} onOffset={setOffset} />
      {editing && (
        <EditDialog
          detail={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => void loadNow.current()}
        />
      )}
    </section>
  );
}

function EditDialog({
  detail,
  onClose,
  onSaved,
}: {
  detail: PostDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [texts, setTexts] = useState(() =>
    Object.fromEntries(detail.editable.map((e) => [e.outboxId, e.text])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  async function save() {
    setBusy(true);
    try {
      for (const e of detail.editable) {
        await askFromOptions('posting/editRetry', {
          postId: detail.post.id,
          outboxId: e.outboxId,
          text: texts[e.outboxId] ?? e.text,
        });
      }
      if (detail.editable.length === 0) await askFromOptions('posting/retry', { postId: detail.post.id });
      onSaved();
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog
      ref={ref}
      class="fp-dialog"
      aria-labelledby="fp-edit-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="fp-edit-title">
        Edit and retry — ticket {ticketNo(detail.post.ticketId, detail.post.ticketNumber)}
      </h2>
      {detail.post.lastError && <p class="fp-error">{detail.post.lastError}</p>}
      {detail.editable.map((e) => (
        <div class="fp-field" key={e.outboxId}>
          <label for={`fp-edit-${e.outboxId}`}>{e.kind === 'note' ? 'Note text' : 'Time entry notes'}</label>
          <textarea
            id={`fp-edit-${e.outboxId}`}
            rows={8}
            value={texts[e.outboxId]}
            onInput={(ev) => setTexts({ ...texts, [e.outboxId]: ev.currentTarget.value })}
          />
        </div>
      ))}
      {error && (
        <p role="alert" class="fp-error">
          {error}
        </p>
      )}
      <div class="fp-actions">
        <Button variant="primary" busy={busy} onClick={() => void save()}>
          Save and retry
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </dialog>
  );
}
