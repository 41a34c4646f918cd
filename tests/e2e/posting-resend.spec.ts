import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';

// Chromium resends a POST by itself when a kept-alive socket that carried an earlier request is reset
// before any answer byte (issue 9 §2): fetch then resolves with the second answer and CW holds two
// records. The sandbox's commit-then-reset fault does exactly that to the extension's real requests
// here; the outbox's check after each create must leave CW with one record of each.

const T = SPECIAL_TICKETS.standard;
const withText = (sandbox: { state: { notes: { text: string }[] } }, text: string) =>
  sandbox.state.notes.filter((n) => n.text.includes(text));

async function openUpdate(page: Page, url: string) {
  await page.goto(url);
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  // The dialog's reads run on the same kept-alive sockets the POSTs will reuse (and be reset on).
  await panel(page).getByRole('button', { name: 'Update' }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: /Update ticket/ });
  await expect(dialog.getByLabel('Note Type')).toBeVisible();
  return dialog;
}

test('commit-then-reset on the note and time-entry POSTs: Chromium resends both, CW keeps exactly one of each', async ({
  ext,
  sandbox,
  openOptions,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  const dialog = await openUpdate(page, sandbox.ticketPageUrl(T));
  sandbox.faults.add({ method: 'POST', path: `^/service/tickets/${T}/notes$`, reset: 'after-commit' });
  sandbox.faults.add({ method: 'POST', path: '^/time/entries$', reset: 'after-commit' });
  await dialog.getByLabel('Preview').fill('Resend check: rebuilt the mail profile.');
  await dialog.getByLabel('Minutes worked').fill('25');
  await dialog.getByRole('button', { name: 'Post to Ticket' }).click();
  await expect(
    panel(page)
      .getByRole('status')
      .filter({ hasText: `Posted to ticket #${T}` }),
  ).toBeVisible();

  // Chromium did resend: two POSTs of each reached CW, the first of each reset after its commit.
  const posts = (suffix: string) =>
    sandbox.requests.filter((r) => r.method === 'POST' && r.apiPath.endsWith(suffix));
  expect(posts('/notes').map((r) => r.reset ?? 'answered')).toEqual(['after-commit', 'answered']);
  expect(posts('/time/entries').map((r) => r.reset ?? 'answered')).toEqual(['after-commit', 'answered']);

  await expect.poll(() => withText(sandbox, 'Resend check').length, { timeout: 15_000 }).toBe(1);
  const ours = () =>
    sandbox.state.timeEntries.filter((e) => e.chargeToId === T && /FlowPilot ref/.test(e.notes ?? ''));
  await expect.poll(() => ours().length, { timeout: 15_000 }).toBe(1);
  const deletes = sandbox.requests
    .filter((r) => r.method === 'DELETE')
    .map((r) => `${r.apiPath} ${r.status}`);
  expect(deletes).toEqual([
    expect.stringMatching(new RegExp(`^/service/tickets/${T}/notes/\\d+ 204$`)),
    expect.stringMatching(/^\/time\/entries\/\d+ 204$/),
  ]);
  expect(sandbox.contractViolations).toEqual([]);

  const history = await openOptions('history');
  const row = history
    .getByRole('table', { name: 'Posts' })
    .getByRole('row')
    .filter({ hasText: `#${T}` });
  await expect(row).toContainText('Internal Analysis note: 1 duplicate removed');
  await expect(row).toContainText('25 min time (actual 25 min): 1 duplicate removed');
  await expect(row).toContainText('Sent');
});

test('the same with delete refused (403): one duplicate stays, the panel says so once and Post History names it with the ticket', async ({
  ext,
  sandbox,
  openOptions,
}) => {
  await connectExtensionToSandbox(ext, sandbox, sandbox.restrictedKeys.noDelete!);
  const page = await ext.context.newPage();
  const dialog = await openUpdate(page, sandbox.ticketPageUrl(T));
  sandbox.faults.add({ method: 'POST', path: `^/service/tickets/${T}/notes$`, reset: 'after-commit' });
  await dialog.getByLabel('Preview').fill('Refused delete check.');
  await dialog.getByLabel('Add a time entry').uncheck();
  await dialog.getByRole('button', { name: 'Post to Ticket' }).click();

  await expect
    .poll(() => sandbox.requests.some((r) => r.method === 'DELETE'), { timeout: 15_000 })
    .toBe(true);
  const notes = withText(sandbox, 'Refused delete check');
  expect(notes).toHaveLength(2);
  const refused = sandbox.requests.find((r) => r.method === 'DELETE')!;
  expect(refused.status).toBe(403);
  const leftId = Number(refused.apiPath.split('/').at(-1));
  const said = `A duplicate of this note is on ticket #${T} (note ${leftId}). Remove it in ConnectWise.`;

  const alert = panel(page).getByRole('alert').filter({ hasText: said });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('link', { name: `Open ticket #${T}` })).toHaveAttribute(
    'href',
    new RegExp(`recid=${T}`),
  );
  // Once: later changes to the ticket's posts do not repeat it.
  await panel(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel(page).getByText(said)).toHaveCount(0);
  const next = await askBg<{ outcome: string }>(ext, 'panelToBg', 'posting/post', {
    ticketKey: `service:${T}`,
    noteKind: 'internalAnalysis',
    text: 'A later note on the same ticket',
    timeEntry: false,
    waitMs: 10_000,
  });
  expect(next.outcome).toBe('sent');
  await expect.poll(() => withText(sandbox, 'A later note').length).toBe(1);
  await expect(panel(page).getByText(said)).toHaveCount(0);

  const history = await openOptions('history');
  const rows = history
    .getByRole('table', { name: 'Posts' })
    .getByRole('row')
    .filter({ hasText: `#${T}` });
  await expect(rows).toHaveCount(2);
  const row = rows.filter({ hasText: said });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: `Open ticket #${T}` })).toHaveAttribute(
    'href',
    new RegExp(`recid=${T}`),
  );
  expect(sandbox.state.notes.filter((n) => n.text.includes('Refused delete check'))).toHaveLength(2);
  expect(sandbox.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
});
