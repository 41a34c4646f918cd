import { SPECIAL_TICKETS, STATUS_IDS } from '../cw-sandbox/index';
import type { ExtensionBrowser } from './browser';
import { launchWithExtension } from './browser';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, test } from './fixtures';

// The outbox's guarantees in the real extension: a post survives a browser restart and a worker stopped
// in the middle of a send, and CW ends up with each write exactly once.

interface Result {
  outcome: string;
  message: string;
  post: { id: string; state: string };
}

const post = (ext: ExtensionBrowser, text: string, waitMs: number) =>
  askBg<Result>(ext, 'panelToBg', 'posting/post', {
    ticketKey: `service:${SPECIAL_TICKETS.standard}`,
    noteKind: 'internalAnalysis',
    text,
    timeEntry: false,
    status: { id: STATUS_IDS.helpDesk.inProgress, name: 'In Progress' },
    waitMs,
  });

const listPosts = (ext: ExtensionBrowser) =>
  askBg<{
    items: { id: string; state: string; items: { kind: string; state: string; attempts: number }[] }[];
  }>(ext, 'optionsToBg', 'posting/list', { offset: 0, limit: 10 });

/** The post's note write as Post History shows it: its state and how many times it was sent. */
const noteItem = async (ext: ExtensionBrowser, id: string) => {
  const { items } = await listPosts(ext);
  const note = items.find((p) => p.id === id)?.items.find((i) => i.kind === 'note');
  return note && { state: note.state, attempts: note.attempts };
};

const postState = async (ext: ExtensionBrowser, id: string) =>
  (await listPosts(ext)).items.find((p) => p.id === id)?.state;

test('a post saved while CW is down is delivered once after the browser is closed and reopened', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  sandbox.faults.add({ method: 'POST', path: '/notes$', status: 503, times: 0 });
  const r = await post(ext, 'Outbox survives a browser restart', 5_000);
  expect(r.outcome).toBe('queued');
  expect(r.message).toBe('Saved — will retry');
  expect(sandbox.state.notes.filter((n) => n.text.includes('Outbox survives'))).toHaveLength(0);
  // No retry may be in flight when the browser closes: one cut off there counts as possibly landed, and
  // the restarted worker would wait 5 minutes before sending it again (timings.ts). So close while the
  // note waits after its third 503, when the backoff (2 s doubling, half of it random) puts the next
  // attempt at least 4 s away; the first retry, 1–2 s after the post, could meet a slow close.
  await expect
    .poll(() => noteItem(ext, r.post.id), { timeout: 15_000, intervals: [200] })
    .toMatchObject({ state: 'pending', attempts: 3 });

  await ext.close({ keepProfile: true });
  sandbox.faults.clear();
  const again = await launchWithExtension({ userDataDir: ext.userDataDir });
  try {
    // Nothing is clicked: the worker drains at start-up.
    await expect
      .poll(() => sandbox.state.notes.filter((n) => n.text.includes('Outbox survives')).length, {
        timeout: 30_000,
      })
      .toBe(1);
    await expect
      .poll(() => sandbox.state.tickets.find((t) => t.id === SPECIAL_TICKETS.standard)?.status?.id, {
        timeout: 10_000,
      })
      .toBe(STATUS_IDS.helpDesk.inProgress);
    await expect.poll(() => postState(again, r.post.id), { timeout: 10_000 }).toBe('sent');
    expect(sandbox.state.notes.filter((n) => n.text.includes('Outbox survives'))).toHaveLength(1);
  } finally {
    await again.close();
  }
});

test('the worker stopped mid-send: the restarted worker finds the note by its ref instead of posting twice', async ({
  ext,
  sandbox,
}) => {
  test.setTimeout(60_000);
  await connectExtensionToSandbox(ext, sandbox);
  sandbox.faults.add({ method: 'POST', path: '/notes$', latencyMs: 1_500 });
  const r = await post(ext, 'Worker stopped mid-drain', 0);
  await expect
    .poll(() => sandbox.requests.some((q) => q.method === 'POST' && q.apiPath.endsWith('/notes')))
    .toBe(true);

  const page = ext.context.pages().find((p) => p.url().includes('options.html'))!;
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // CW commits the note after its latency, while no worker is alive to hear the answer.
  await expect
    .poll(() => sandbox.state.notes.filter((n) => n.text.includes('Worker stopped')).length)
    .toBe(1);

  // Any message wakes the worker; it recovers the "sending" item and looks for its ref.
  await expect.poll(() => postState(ext, r.post.id), { timeout: 40_000, intervals: [1000] }).toBe('sent');
  expect(sandbox.state.notes.filter((n) => n.text.includes('Worker stopped'))).toHaveLength(1);
  expect(sandbox.requests.filter((q) => q.method === 'POST' && q.apiPath.endsWith('/notes'))).toHaveLength(1);
  expect(sandbox.state.tickets.find((t) => t.id === SPECIAL_TICKETS.standard)?.status?.id).toBe(
    STATUS_IDS.helpDesk.inProgress,
  );
});
