import '../history/history.css';
import './sessions.css';
import { useEffect, useState } from 'preact/hooks';
import { Pager } from '@/components/ui/Pager';
import { askFromOptions } from '@/lib/messages/client';
import { ticketNo } from '@/lib/psa/words';
import type { SessionFilter, SessionSummary } from '@/lib/session/history';
import { formatDuration, type SessionState } from '@/lib/session/model';
import { errorText } from '../api';
import { formatWhen } from '../history/labels';
import { ExportButtons, saveExport, TicketAndDates, useLatest, useListFilter } from '../list-filters';
import { ticketQuery } from '../ticket-query';

// Options → Sessions (issue 13): every FlowPilot session in this browser, newest first, paged through an
// index like Post History; filters by state, ticket (id, or Autotask's ticket number), company and date;
// CSV and JSON export.

const PAGE = 50;
const STATES: SessionState[] = ['active', 'paused', 'resolved', 'escalated', 'abandoned'];

interface Filter {
  state: '' | SessionState;
  ticket: string;
  company: string;
  from: string;
  to: string;
}

function toQuery(f: Filter) {
  const q: SessionFilter = ticketQuery(f.ticket);
  if (f.state) q.state = f.state;
  if (f.company.trim()) q.company = f.company.trim();
  if (f.from) q.from = new Date(`${f.from}T00:00:00`).getTime();
  if (f.to) q.to = new Date(`${f.to}T23:59:59.999`).getTime();
  return q;
}

function awayText(a: SessionSummary['away']): string {
  const parts = [
    a.keptMs > 0 && `${formatDuration(a.keptMs)} kept`,
    a.droppedMs > 0 && `${formatDuration(a.droppedMs)} dropped`,
    a.unansweredMs > 0 && `${formatDuration(a.unansweredMs)} not answered`,
  ].filter(Boolean);
  return parts.join(', ');
}

export function SessionsTab() {
  const { filter, set, offset, setOffset } = useListFilter<Filter>({
    state: '',
    ticket: '',
    company: '',
    from: '',
    to: '',
  });
  const [rows, setRows] = useState<SessionSummary[] | undefined>();
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const latest = useLatest();

  useEffect(() => {
    const current = latest();
    askFromOptions('sessions/list', { ...toQuery(filter), offset, limit: PAGE })
      .then((page) => {
        if (!current()) return;
        setRows(page.items);
        setHasMore(page.hasMore);
        setError(undefined);
      })
      .catch((e: unknown) => current() && setError(errorText(e)));
  }, [filter, offset]);

  const exportAs = (format: 'csv' | 'json') =>
    saveExport(() => askFromOptions('sessions/export', { ...toQuery(filter), format }));

  const filtered = Boolean(filter.state || filter.ticket || filter.company || filter.from || filter.to);

  return (
    <section aria-labelledby="fp-sessions-title">
      <h2 id="fp-sessions-title">Sessions</h2>
      <p class="fp-help">
        Every FlowPilot session run in this browser. Assistant conversations are not exported.
      </p>
      <form class="fp-filters" aria-label="Filter sessions" onSubmit={(e) => e.preventDefault()}>
        <label>
          State{' '}
          <select
            value={filter.state}
            onChange={(e) => set({ state: e.currentTarget.value as Filter['state'] })}
          >
            <option value="">All</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Company{' '}
          <input
            type="text"
            size={16}
            value={filter.company}
            onChange={(e) => set({ company: e.currentTarget.value })}
          />
        </label>{' '}
        <TicketAndDates value={filter} set={set} />
        <ExportButtons exportAs={exportAs} />
      </form>
      {error && (
        <p role="alert" class="fp-error">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p>No sessions{filtered ? ' match the filter' : ' yet'}.</p>}
      {rows && rows.length > 0 && (
        <table class="fp-table" aria-label="Sessions">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Ticket</th>
              <th scope="col">Company</th>
              <th scope="col">State</th>
              <th scope="col">Technician</th>
              <th scope="col">Active time</th>
              <th scope="col">Away</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>{formatWhen(s.startedAt)}</td>
                <td>
                  {ticketNo(s.ticketId, s.ticketNumber)} {s.ticketSummary}
                </td>
                <td>{s.company ?? ''}</td>
                <td>{s.state}</td>
                <td>{s.technician ?? ''}</td>
                <td>{formatDuration(s.activeMs)}</td>
                <td>{awayText(s.away)}</td>
                <td>
                  {s.documentation ? (
                    <details>
                      <summary>{s.outcome ?? 'Documentation'}</summary>
                      <pre class="fp-doc">{s.documentation}</pre>
                    </details>
                  ) : (
                    (s.outcome ?? '')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={offset} pageSize={PAGE} hasMore={hasMore} onOffset={setOffset} />
    </section>
  );
}
