import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';

async function openUpdate(page: Page, url: string) {
  await page.goto(url);
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  await panel(page).getByRole('button', { name: 'Update' }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: /Update ticket/ });
  await expect(dialog.getByLabel('Note Type')).toBeVisible();
  return dialog;
}

test('a closed ticket refusing time: precise reason, text kept, Post History shows it; resubmitting never repeats the note', async ({
  ext,
  sandbox,
  openOptions,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  const dialog = await openUpdate(page, sandbox.ticketPageUrl(SPECIAL_TICKETS.closed));
  await dialog.getByLabel('Preview').fill('Checked the spooler on the closed ticket.');
  // The closed status refuses time, so the time entry now starts off; this test wants CW's refusal.
  await expect(dialog.getByLabel('Add a time entry')).not.toBeChecked();
  await dialog.getByLabel('Add a time entry').check();
  await dialog.getByLabel('Minutes worked').fill('20');
  await dialog.getByRole('button', { name: 'Post to Ticket' }).click();

  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Please update the status of this ticket');
  await expect(alert).toContainText('post without the time entry');
  await expect(dialog.getByLabel('Preview')).toHaveValue('Checked the spooler on the closed ticket.');
  await expect(dialog).toContainText('Already on the ticket (not sent again): Internal Analysis note');

  const history = await openOptions('history');
  const row = history.getByRole('table', { name: 'Posts' }).getByRole('row').filter({ hasText: '#1003' });
  // States in words (it used to show the internal "failed").
  await expect(row).toContainText('Failed');
  await expect(row).not.toContainText('Attempts');
  await expect(row.getByRole('button', { name: 'Edit and retry' })).toBeVisible();
  await history.close();
  // Back to the ticket's tab (the options tab was in front): input into the panel frame of a tab behind
  // another is routed lazily (see panel-layout.spec.ts).
  await page.bringToFront();

  await dialog.getByLabel('Add a time entry').uncheck();
  await dialog.getByRole('button', { name: 'Post to Ticket' }).click();
  // Nothing left to send but nothing refused either: the plan says so instead of posting twice.
  await expect(dialog.getByRole('alert')).toContainText('Nothing to post');
  // Keyboard focus stays on the button it was pressed on (a natively disabled busy button dropped it).
  await expect(dialog.getByRole('button', { name: 'Post to Ticket' })).toBeFocused();
  expect(sandbox.state.notes.filter((n) => n.text.includes('Checked the spooler'))).toHaveLength(1);
  expect(
    sandbox.state.timeEntries.filter(
      (e) => e.chargeToId === SPECIAL_TICKETS.closed && /FlowPilot/.test(e.notes ?? ''),
    ),
  ).toHaveLength(0);
});

test('Auto Push posts the documentation after Resolve, after an undo window', async ({ ext, sandbox }) => {
  await connectExtensionToSandbox(ext, sandbox);
  await askBg(ext, 'optionsToBg', 'settings/save', { autoPush: true, autoTimeEntry: false });
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.resolved));
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  const s = panel(page).getByRole('region', { name: 'FlowPilot session' });
  await s.getByRole('button', { name: 'Start Session' }).click();
  await s.getByRole('button', { name: 'Resolve' }).click();
  await panelFrame(page).getByLabel('Resolution').fill('Auto pushed resolution text.');
  await panelFrame(page).getByRole('button', { name: 'Resolve session' }).click();

  const toast = panel(page).getByRole('status').filter({ hasText: 'Posting to ticket #1007' });
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
  expect(sandbox.state.notes.filter((n) => n.text.includes('Auto pushed resolution'))).toHaveLength(0);
  await expect(panel(page).getByRole('status').filter({ hasText: 'Posted to ticket #1007' })).toBeVisible({
    timeout: 15_000,
  });
  expect(sandbox.state.notes.filter((n) => n.text.includes('Auto pushed resolution'))).toHaveLength(1);
});

test('Note Type says who sees the note; the empty Preview of an open session says what to do', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  await askBg(ext, 'optionsToBg', 'settings/save', { noteVisibility: 'internal', autoTimeEntry: false });
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(1001));
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  const s = panel(page).getByRole('region', { name: 'FlowPilot session' });
  await s.getByRole('button', { name: 'Start Session' }).click();
  await expect(s.getByRole('button', { name: 'Resolve' })).toBeVisible();
  await panel(page).getByRole('button', { name: 'Update' }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: /Update ticket/ });
  const type = dialog.getByLabel('Note Type');
  await expect(type).toHaveValue('internalAnalysis');
  await expect(type).toHaveAccessibleDescription('Only your team sees it.');
  await expect(dialog.getByLabel('Preview')).toHaveAttribute(
    'placeholder',
    'The session is still open: resolve or escalate it to fill this in, or write an update here.',
  );
  await type.selectOption({ label: 'Resolution' });
  await expect(type).toHaveAccessibleDescription(
    'Visible to the customer in ConnectWise. Your FlowPilot settings keep notes internal; this note type is visible to the customer.',
  );
  // Said, never blocked.
  await expect(dialog.getByRole('button', { name: 'Post to Ticket' })).toBeEnabled();
});
