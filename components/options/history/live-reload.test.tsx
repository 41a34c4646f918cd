// Post History reloads itself when the outbox changes (a 300 ms coalescing timer). That reload must use
// the filter shown when it fires: a filter typed within those 300 ms was overwritten by the old
// filter's rows (the timer held the render's own load()).
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PostView } from '@/lib/posting/history';
import { PostHistoryTab } from './PostHistoryTab';

const post = (i: number, ticketId: number): PostView => ({
  id: `p${i}`,
  ticketKey: `service:${ticketId}`,
  ticketId,
  createdAt: Date.UTC(2026, 10, 20, 14, i),
  updatedAt: Date.UTC(2026, 10, 20, 14, i),
  state: 'sent',
  summary: `Internal Analysis note ${i}`,
  attempts: 1,
  items: [],
  notices: [],
});

let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  // The worker: every post, or only ticket 2002's when the filter asks for it.
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
    const m = raw as { type: string; payload: { ticketId?: number } };
    if (m.type !== 'posting/list') return undefined;
    const all = [post(1, 1001), post(2, 1001), post(3, 2002)];
    const items = all.filter((p) => m.payload.ticketId === undefined || p.ticketId === m.payload.ticketId);
    return Promise.resolve({ ok: true, data: { items, hasMore: false } });
  });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const rows = () => root.querySelectorAll('table[aria-label="Posts"] tbody tr').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}

describe('Post History live reload', () => {
  it('an outbox change followed at once by a new filter ends on the new filter’s rows', async () => {
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
    await sleep(450); // the coalesced reload has fired
    expect(rows()).toBe(1);
    expect(root.querySelector('table[aria-label="Posts"] tbody')?.textContent).toContain('2002');
  });
});
