import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketSearchResult } from '../ticket/search';
import { SEARCH_PAGE_SIZE } from '../ticket/search-input';
import {
  createSearchController,
  type SearchState,
  searchCountText,
  searchEmptyText,
} from './search-controller';
import { panelPsa } from './words';

const result = (id: number): TicketSearchResult => ({
  ref: { kind: 'service', id },
  summary: `t${id}`,
  closed: false,
});

describe('createSearchController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('typing 12 characters quickly sends one request, for the whole query', async () => {
    const sent: string[] = [];
    const states: SearchState[] = [];
    const c = createSearchController({
      send: async (q, seq) => {
        sent.push(q);
        return { seq, results: [result(1)] };
      },
      onState: (s) => states.push(s),
    });
    let text = '';
    for (const ch of 'outlook sync') {
      text += ch;
      c.input(text);
      await vi.advanceTimersByTimeAsync(80);
    }
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual(['outlook sync']);
    expect(states.at(-1)).toEqual({ status: 'results', query: 'outlook sync', results: [result(1)] });
  });

  it('never shows the answer to an older query, even when it arrives last', async () => {
    const pending: {
      q: string;
      seq: number;
      resolve: (v: { seq: number; results: TicketSearchResult[] }) => void;
    }[] = [];
    const states: SearchState[] = [];
    const c = createSearchController({
      send: (q, seq) => new Promise((resolve) => pending.push({ q, seq, resolve })),
      onState: (s) => states.push(s),
    });
    c.input('printer');
    await vi.advanceTimersByTimeAsync(300);
    c.input('outlook');
    await vi.advanceTimersByTimeAsync(300);
    expect(pending.map((p) => p.q)).toEqual(['printer', 'outlook']);
    pending[1]!.resolve({ seq: pending[1]!.seq, results: [result(2)] });
    await vi.advanceTimersByTimeAsync(0);
    pending[0]!.resolve({ seq: pending[0]!.seq, results: [result(1)] });
    await vi.advanceTimersByTimeAsync(0);
    const shown = states.filter((s) => s.status === 'results');
    expect(shown).toEqual([{ status: 'results', query: 'outlook', results: [result(2)] }]);
  });

  it('clearing the box drops an in-flight answer; short input asks for more', async () => {
    let resolve!: (v: { seq: number; results: TicketSearchResult[] }) => void;
    const states: SearchState[] = [];
    const c = createSearchController({
      send: (_q, seq) =>
        new Promise((r) => {
          resolve = (v) => r({ ...v, seq });
        }),
      onState: (s) => states.push(s),
    });
    c.input('vpn');
    await vi.advanceTimersByTimeAsync(300);
    c.input('');
    resolve({ seq: 0, results: [result(3)] });
    await vi.advanceTimersByTimeAsync(0);
    expect(states.map((s) => s.status)).toEqual(['loading', 'idle']);
    c.input('v');
    expect(states.at(-1)).toMatchObject({ status: 'hint' });
  });

  it('empty results, throttling and other errors each get a message; cancellations are silent', async () => {
    const states: SearchState[] = [];
    const answers: (() => Promise<{ seq: number; results: TicketSearchResult[] }>)[] = [];
    const c = createSearchController({
      send: (_q, seq) => answers.shift()!().then((r) => ({ ...r, seq })),
      onState: (s) => states.push(s),
    });
    const type = async (q: string) => {
      c.input(q);
      await vi.advanceTimersByTimeAsync(300);
    };
    answers.push(async () => ({ seq: 0, results: [] }));
    await type('nothing here');
    expect(states.at(-1)).toEqual({ status: 'empty', query: 'nothing here' });
    answers.push(() => Promise.reject({ info: { kind: 'throttled', retryAfterSec: 30 } }));
    await type('busy');
    expect(states.at(-1)).toEqual({
      status: 'error',
      query: 'busy',
      message: 'ConnectWise is throttling requests. Try again in 30 s.',
    });
    answers.push(() =>
      Promise.reject({ info: { kind: 'server', message: 'ConnectWise had a server error (500).' } }),
    );
    await type('boom');
    expect(states.at(-1)).toMatchObject({
      status: 'error',
      message: 'ConnectWise had a server error (500).',
    });
    answers.push(() => Promise.reject({ info: { kind: 'cancelled', message: 'x' } }));
    await type('gone');
    expect(states.at(-1)).toEqual({ status: 'loading', query: 'gone' });
  });
});

describe('search messages', () => {
  afterEach(() => {
    panelPsa.value = undefined;
  });

  it('says the list is only the first page when the cap is hit', () => {
    expect(SEARCH_PAGE_SIZE).toBe(20);
    expect(searchCountText('printer', 20)).toBe(
      'First 20 tickets for “printer” — add words to narrow the search',
    );
    expect(searchCountText('printer', 13)).toBe('13 tickets for “printer”');
    expect(searchCountText('printer', 1)).toBe('1 ticket for “printer”');
  });

  it('a number that finds nothing may be hidden from the API account, in the PSA’s words', () => {
    expect(searchEmptyText('#99999')).toBe('Ticket #99999 was not found, or the API member cannot see it.');
    expect(searchEmptyText('99999')).toBe('Ticket #99999 was not found, or the API member cannot see it.');
    expect(searchEmptyText('zzzz nothing')).toBe('No tickets match “zzzz nothing”.');
    panelPsa.value = 'autotask';
    expect(searchEmptyText('99999')).toBe('Ticket #99999 was not found, or the API user cannot see it.');
  });
});
