import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  createSearchController,
  type SearchState,
  searchCountText,
  searchEmptyText,
} from '@/lib/panel/search-controller';
import { ticketLabel } from '@/lib/psa/words';
import type { TicketSearchResult } from '@/lib/ticket/search';

interface Props {
  search: (query: string, seq: number) => Promise<{ seq: number; results: TicketSearchResult[] }>;
  onPick: (r: TicketSearchResult) => void;
  /** Escape in an empty box closes the search (focus goes back to Link Ticket). */
  onClose?: (input: HTMLInputElement) => void;
}

// CW: "Ticket #123" / "Project ticket #5001"; Autotask: its ticket number.
const label = (r: TicketSearchResult) =>
  r.number
    ? ticketLabel(r.ref, r.number)
    : `${r.ref.kind === 'project' ? 'Project ticket' : 'Ticket'} #${r.ref.id}`;

/** "Search tickets": a number or words; results link the ticket when picked. */
export function TicketSearch({ search, onPick, onClose }: Props) {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const controller = useMemo(() => createSearchController({ send: search, onState: setState }), [search]);
  useEffect(() => () => controller.dispose(), [controller]);
  const input = useRef<HTMLInputElement>(null);
  // `autofocus` does nothing for inserted elements: focus the box when Link Ticket opens it.
  useEffect(() => input.current?.focus(), []);

  return (
    <div class="fp-search">
      <input
        type="search"
        aria-label="Search tickets"
        placeholder="Ticket number or words in the summary"
        ref={input}
        onInput={(e) => controller.input((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          // The first Escape clears the text (the browser's own search-box behaviour); the next closes.
          if (e.key === 'Escape' && !(e.currentTarget as HTMLInputElement).value) {
            e.preventDefault();
            onClose?.(e.currentTarget as HTMLInputElement);
          }
        }}
      />
      <div role="status" aria-live="polite">
        {state.status === 'hint' && <p class="fp-msg">{state.message}</p>}
        {state.status === 'loading' && <p class="fp-msg">Searching…</p>}
        {state.status === 'empty' && <p class="fp-msg">{searchEmptyText(state.query)}</p>}
        {state.status === 'results' && (
          <p class="fp-msg">{searchCountText(state.query, state.results.length)}</p>
        )}
      </div>
      {state.status === 'error' && (
        <p class="fp-alert" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'results' && (
        <ul class="fp-results" aria-label="Search results">
          {state.results.map((r) => (
            <li key={`${r.ref.kind}:${r.ref.id}`}>
              <button type="button" onClick={() => onPick(r)} data-ticket-id={r.ref.id}>
                <strong>{label(r)}</strong> {r.summary}
                <span class="fp-meta">
                  {[r.company, r.board, r.status, r.priority].filter(Boolean).join(' · ')}
                  {r.closed && <span class="fp-chip closed"> Closed</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
