import '../history/history.css';
import { useEffect, useState } from 'preact/hooks';
import { Pager } from '@/components/ui/Pager';
import type { ActivityRecord } from '@/lib/db/schema';
import { askFromOptions } from '@/lib/messages/client';
import { errorText } from '../api';
import { formatWhen, humanizeDetail, kindLabel, OUTCOME_LABELS } from '../history/labels';
import { ExportButtons, saveExport, useLatest } from '../list-filters';

const PAGE = 100;

/** Options → Activity: every CW write and connection event (no keys, no note bodies), newest first. */
export function ActivityTab() {
  const [kind, setKind] = useState('');
  const [outcome, setOutcome] = useState<'' | 'ok' | 'error'>('');
  const [offset, setOffset] = useState(0);
  const [rows, setRows] = useState<ActivityRecord[] | undefined>();
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const latest = useLatest();

  useEffect(() => {
    const current = latest();
    askFromOptions('activity/list', {
      offset,
      limit: PAGE,
      kind: kind || undefined,
      outcome: outcome || undefined,
    })
      .then((p) => {
        if (!current()) return;
        setRows(p.items);
        setHasMore(p.hasMore);
        setError(undefined);
      })
      .catch((e: unknown) => current() && setError(errorText(e)));
  }, [kind, outcome, offset]);

  const exportAs = (format: 'csv' | 'json') =>
    saveExport(() => askFromOptions('activity/export', { format }));

  return (
    <section aria-labelledby="fp-activity-title">
      <h2 id="fp-activity-title">Activity</h2>
      <p class="fp-help">
        Kept for 90 days (at most 20,000 entries). API keys and note text are never logged.
      </p>
      <form class="fp-filters" aria-label="Filter activity" onSubmit={(e) => e.preventDefault()}>
        <label>
          Kind{' '}
          <select
            value={kind}
            onChange={(e) => {
              setOffset(0);
              setKind(e.currentTarget.value);
            }}
          >
            <option value="">All</option>
            <option value="post.">Posts</option>
            <option value="connection">Connection</option>
            <option value="mapping">Mapping</option>
            <option value="settings">Settings</option>
          </select>
        </label>{' '}
        <label>
          Outcome{' '}
          <select
            value={outcome}
            onChange={(e) => {
              setOffset(0);
              setOutcome(e.currentTarget.value as '' | 'ok' | 'error');
            }}
          >
            <option value="">All</option>
            <option value="ok">{OUTCOME_LABELS.ok}</option>
            <option value="error">{OUTCOME_LABELS.error}</option>
          </select>
        </label>{' '}
        <ExportButtons exportAs={exportAs} />
      </form>
      {error && (
        <p role="alert" class="fp-error">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p>No activity yet.</p>}
      {rows && rows.length > 0 && (
        <table class="fp-table" aria-label="Activity log">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Kind</th>
              <th scope="col">Actor</th>
              <th scope="col">Outcome</th>
              <th scope="col">Latency</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>{formatWhen(a.at)}</td>
                <td>{kindLabel(a.kind)}</td>
                <td>{a.actor}</td>
                <td>{OUTCOME_LABELS[a.outcome]}</td>
                <td>{a.latencyMs !== undefined ? `${a.latencyMs} ms` : ''}</td>
                <td>{humanizeDetail(a.detail ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={offset} pageSize={PAGE} hasMore={hasMore} onOffset={setOffset} />
    </section>
  );
}
