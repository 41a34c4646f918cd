import { type Sandbox, SPECIAL_TICKETS, startSandbox } from '../cw-sandbox/index';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, panel, test } from './fixtures';

// Issue 10 §3: posts and sessions are bound to their tenant. Two sandboxes with the same seed play two
// CW tenants whose tickets have the same numbers: "A" is the fixture's, "B" a second one.

const T = SPECIAL_TICKETS.standard;
const KEY = `service:${T}`;

let b: Sandbox;
test.beforeAll(async () => {
  b = await startSandbox({ port: 0 });
});
test.afterAll(() => b.close());

const note = (text: string, waitMs: number) => ({
  ticketKey: KEY,
  noteKind: 'internalAnalysis',
  text,
  timeEntry: false,
  waitMs,
});
const notesOn = (sb: Sandbox, text: string) => sb.state.notes.filter((n) => n.text.includes(text));

test("a post queued for tenant A never reaches tenant B's ticket with the same number; A's session stays on A", async ({
  ext,
  sandbox: a,
  openOptions,
}) => {
  b.reset();
  await connectExtensionToSandbox(ext, a);

  // Tenant A: a session with something only A may see, and a note that stays queued (A is failing).
  const onA = await ext.context.newPage();
  await onA.goto(a.ticketPageUrl(T));
  await expect(panel(onA)).toHaveAttribute('data-context', 'ready');
  const sessionA = panel(onA).getByRole('region', { name: 'FlowPilot session' });
  await sessionA.getByRole('button', { name: 'Start Session' }).click();
  await sessionA.getByLabel('Add to What we know').fill('Tenant A secret: the CFO laptop PIN is 4711');
  await sessionA.getByLabel('Add to What we know').press('Enter');
  await expect(sessionA.getByRole('list', { name: 'What we know' })).toContainText('Tenant A secret');
  await onA.close();
  a.faults.add({ method: 'POST', path: '/notes$', status: 503, times: 0 });
  const queued = await askBg<{ outcome: string }>(
    ext,
    'panelToBg',
    'posting/post',
    note('Tenant A queued note', 5_000),
  );
  expect(queued.outcome).toBe('queued');

  // Switch to tenant B. A note on B's #T goes out: the outbox ran, and A's queued item neither went
  // to B nor held B's up (same ticket number, so the same per-ticket queue before the fix).
  await connectExtensionToSandbox(ext, b);
  const sent = await askBg<{ outcome: string }>(
    ext,
    'panelToBg',
    'posting/post',
    note('Tenant B note', 15_000),
  );
  expect(sent.outcome).toBe('sent');
  expect(notesOn(b, 'Tenant B note')).toHaveLength(1);
  expect(notesOn(b, 'Tenant A')).toEqual([]);
  expect(b.requests.filter((r) => r.method === 'POST' && r.apiPath.endsWith('/notes'))).toHaveLength(1);

  // A's session text never shows on B's ticket, in the panel or in the post dialog's prefill.
  const onB = await ext.context.newPage();
  await onB.goto(b.ticketPageUrl(T));
  await expect(panel(onB)).toHaveAttribute('data-context', 'ready');
  const sessionB = panel(onB).getByRole('region', { name: 'FlowPilot session' });
  await expect(sessionB.getByRole('button', { name: 'Start Session' })).toBeVisible();
  await expect(panel(onB)).not.toContainText('Tenant A secret');
  const prepared = await askBg<{ session?: unknown }>(ext, 'panelToBg', 'posting/prepare', {
    ticketKey: KEY,
  });
  expect(prepared.session).toBeUndefined();

  // The options page says who the held post waits for, and offers to discard it (kept by default).
  const options = await openOptions('connection');
  const held = options.getByRole('region', { name: 'Posts waiting for another connection' });
  await expect(held).toContainText(`1 unsent post(s) wait for connection company flowpilot at ${a.site}`);
  await expect(held.getByRole('button', { name: /Discard the posts waiting for/ })).toBeVisible();

  // Back on tenant A (now answering): the held note goes out there, once; B still has only its own.
  a.faults.clear();
  await connectExtensionToSandbox(ext, a);
  await expect.poll(() => notesOn(a, 'Tenant A queued note').length, { timeout: 30_000 }).toBe(1);
  expect(notesOn(b, 'Tenant A')).toEqual([]);
});
