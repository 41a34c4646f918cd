import type { TicketSearchResult } from '../ticket/search';
import { parseSearchInput, SEARCH_PAGE_SIZE } from '../ticket/search-input';
import { panelWords } from './words';

// Typing in "Search tickets": one request per pause (debounced), each tagged with a sequence number;
// an answer is shown only if it belongs to the latest query, so a slow older answer never replaces a
// newer one. The background cancels the superseded request itself (per-tab AbortController).

export type SearchState =
  | { status: 'idle' }
  | { status: 'hint'; message: string }
  | { status: 'loading'; query: string }
  | { status: 'results'; query: string; results: TicketSearchResult[] }
  | { status: 'empty'; query: string }
  | { status: 'error'; query: string; message: string };

export interface SearchErrorLike {
  info?: { kind?: string; message?: string; retryAfterSec?: number };
  message?: string;
}

export interface SearchControllerOptions {
  delayMs?: number;
  send: (query: string, seq: number) => Promise<{ seq: number; results: TicketSearchResult[] }>;
  onState: (s: SearchState) => void;
}

export const SEARCH_DEBOUNCE_MS = 300;

export function searchErrorMessage(e: unknown): string | undefined {
  const info = (e as SearchErrorLike | undefined)?.info;
  if (info?.kind === 'cancelled') return undefined;
  if (info?.kind === 'throttled') {
    const when =
      info.retryAfterSec !== undefined ? ` Try again in ${info.retryAfterSec} s.` : ' Try again shortly.';
    return `${panelWords.peek().psa} is throttling requests.${when}`;
  }
  if (info?.kind === 'notConnected') return `FlowPilot is not connected to ${panelWords.peek().psa}.`;
  return info?.message ?? (e as SearchErrorLike | undefined)?.message ?? 'The search failed.';
}

/** Above the results: how many, and when the cap is hit, that there may be more. */
export function searchCountText(query: string, count: number): string {
  if (count >= SEARCH_PAGE_SIZE)
    return `First ${count} tickets for “${query}” — add words to narrow the search`;
  return `${count} ${count === 1 ? 'ticket' : 'tickets'} for “${query}”`;
}

/** Nothing found. A number may exist yet be hidden from the integration's account (its security role). */
export function searchEmptyText(query: string): string {
  const parsed = parseSearchInput(query);
  if (parsed.kind === 'number')
    return `Ticket #${parsed.id} was not found, or ${panelWords.peek().apiAccount} cannot see it.`;
  return `No tickets match “${query}”.`;
}

export function createSearchController(opts: SearchControllerOptions) {
  const delay = opts.delayMs ?? SEARCH_DEBOUNCE_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  const run = (query: string) => {
    const seq = ++latest;
    opts.onState({ status: 'loading', query });
    opts.send(query, seq).then(
      (r) => {
        if (r.seq !== latest || seq !== latest) return; // an older query: never shown
        opts.onState(
          r.results.length ? { status: 'results', query, results: r.results } : { status: 'empty', query },
        );
      },
      (e: unknown) => {
        if (seq !== latest) return;
        const message = searchErrorMessage(e);
        if (message) opts.onState({ status: 'error', query, message });
      },
    );
  };

  return {
    input(text: string) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const parsed = parseSearchInput(text);
      if (parsed.kind === 'empty' || parsed.kind === 'tooShort') {
        latest++; // whatever is in flight is now stale
        opts.onState(
          parsed.kind === 'empty'
            ? { status: 'idle' }
            : { status: 'hint', message: `Type a ticket number or at least ${parsed.min} characters.` },
        );
        return;
      }
      const query = text.trim();
      timer = setTimeout(() => {
        timer = undefined;
        run(query);
      }, delay);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      latest++;
    },
  };
}
