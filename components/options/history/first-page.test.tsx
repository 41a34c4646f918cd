// @vitest-environment happy-dom
// The options page opened at #history (issue 12 §2): the first page is asked for while the page starts,
// and the tab shows that answer instead of asking again. And its live reload after an outbox change.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PostView } from '@/lib/posting/history';
import { askFirstPageEarly } from './first-page';
import { FIRST_ROWS, PostHistoryTab } from './PostHistoryTab';

const post = (i: number): PostView => ({
  id: `p${i}`,
  ticketKey: 'service:1001',
  ticketId: 1001,
  createdAt: Date.UTC(2026, 10, 20, 14, i),
  updatedAt: Date.UTC(2026, 10, 20, 14, i),
  state: 'sent',
  summary: `Internal Analysis note ${i}`,
  attempts: 1,
  items: [],
  notices: [],
});

let asked: { type: string; payload: unknown }[];
let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  asked = [];
  // The worker: answers Post History's page requests.
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
    const m = raw as { type: string; payload: unknown };
    asked.push(m);
    if (m.type === 'posting/list')
      return Promise.resolve({ ok: true, data: { items: [post(1), post(2)], hasMore: false } });
    return undefined;
  });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const rows = () => root.querySelectorAll('table[aria-label="Posts"] tbody tr').length;
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('Post History first page', () => {
  it('asked for at start-up (unfiltered, first page) is shown by the tab, which does not ask again', async () => {
    askFirstPageEarly();
    expect(asked.map((m) => m.type)).toEqual(['posting/list']);
    expect(asked[0]!.payload).toEqual({ offset: 0, limit: 50 });
    render(<PostHistoryTab />, root);
    await until(() => rows() === 2);
    expect(asked.filter((m) => m.type === 'posting/list')).toHaveLength(1);
  });

  it('already arrived when the tab mounts: its rows are in the tab’s very first render', async () => {
    askFirstPageEarly();
    await new Promise((r) => setTimeout(r, 10));
    render(<PostHistoryTab />, root);
    expect(rows()).toBe(2);
  });

  it('a full page: a screenful of rows first, the rest right after that frame', async () => {
    const many = Array.from({ length: 50 }, (_, i) => post(i));
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener(() =>
      Promise.resolve({ ok: true, data: { items: many, hasMore: true } }),
    );
    askFirstPageEarly();
    await new Promise((r) => setTimeout(r, 10));
    render(<PostHistoryTab />, root);
    expect(rows()).toBe(FIRST_ROWS);
    await until(() => rows() === 50);
  });

  it('without it, the tab asks by itself', async () => {
    render(<PostHistoryTab />, root);
    await until(() => rows() === 2);
    expect(asked.filter((m) => m.type === 'posting/list')).toHaveLength(1);
  });

  it('an outbox change while the early answer was on its way: the tab shows it, then reads the page again', async () => {
    askFirstPageEarly();
    await fakeBrowser.runtime.sendMessage({
      dir: 'bgToPages',
      type: 'outbox/changed',
      ticketKey: 'service:1001',
      postId: 'p3',
      state: 'sent',
    });
    render(<PostHistoryTab />, root);
    await until(() => asked.filter((m) => m.type === 'posting/list').length === 2);
    expect(rows()).toBe(2);
  });
});

describe('Post History live reload', () => {
  // The reload is a 300 ms coalescing timer: it must use the filter shown when it fires. A filter typed
  // within those 300 ms was overwritten by the old filter's rows (the timer held that render's load()).
  it('an outbox change followed at once by a new filter ends on the new filter’s rows', async () => {
    const other = { ...post(3), ticketKey: 'service:2002', ticketId: 2002 };
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
      const m = raw as { type: string; payload: { ticketId?: number } };
      if (m.type !== 'posting/list') return undefined;
      const items = [post(1), post(2), other].filter(
        (p) => m.payload.ticketId === undefined || p.ticketId === m.payload.ticketId,
      );
      return Promise.resolve({ ok: true, data: { items, hasMore: false } });
    });
    render(<PostHistoryTab />, root);
    await until(() => rows() === 3);
    await fakeBrowser.runtime.onMessage.trigger({ dir: 'bgToPages', type: 'outbox/changed' }, {});
    const ticket = [...root.querySelectorAll('label')]
      .find((l) => l.textContent?.startsWith('Ticket'))
      ?.querySelector('input');
    if (!ticket) throw new Error('no Ticket filter');
    ticket.value = '2002';
    ticket.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => rows() === 1);
    await new Promise((r) => setTimeout(r, 450)); // the coalesced reload has fired
    expect(rows()).toBe(1);
    expect(root.querySelector('table[aria-label="Posts"] tbody')?.textContent).toContain('2002');
  });
});
