import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS, STATUS_IDS } from '../cw-sandbox/index';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';
import { panelFrameOf } from './panel-helpers';

// Issue 11: the technician's flow without lost clicks, double billing or lost focus.

function session(page: Page) {
  return panel(page).getByRole('region', { name: 'FlowPilot session' });
}

async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  return session(page);
}

/** The focused element inside the panel frame, described by its accessible label or text. */
async function focused(page: Page): Promise<string> {
  const frame = await panelFrameOf(page);
  return frame.evaluate(() => {
    const el = document.hasFocus() ? (document.activeElement as HTMLElement | null) : null;
    return el && el !== document.body
      ? (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim()
      : '(outside the panel)';
  });
}

test('keyboard: focus follows Start Session, edit, remove (with Undo) and collapse/expand', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  const s = await open(page, sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));

  const p = panel(page);
  // Before a session the ticket context comes first; once one is open the context folds into one
  // summary line that expands, so the session is what shows.
  await expect(p.getByRole('region', { name: 'Ticket' })).toBeVisible();
  await s.getByRole('button', { name: 'Start Session' }).press('Enter');
  await expect.poll(() => focused(page)).toBe('Add to What we know');
  const summary = p.getByText('Ticket details');
  await expect(summary).toBeVisible();
  await expect(p.getByRole('region', { name: 'Ticket' })).toBeHidden();
  await expect(s.getByRole('timer', { name: 'Active time' })).toBeInViewport();
  await expect(s.getByLabel('Add to Suggested fix')).toBeInViewport();
  await expect(p.locator('.fp-ctx-summary > summary')).toContainText('New · Contoso Ltd. · Emily Carter');
  await summary.click();
  await expect(p.getByRole('region', { name: 'Ticket' })).toBeVisible();
  await summary.click();
  await s.getByLabel('Add to What we know').focus();
  await page.keyboard.type('First fact');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second fact');
  await page.keyboard.press('Enter');
  const facts = s.getByRole('list', { name: 'What we know' });
  await expect(facts.getByRole('listitem')).toHaveCount(2);

  // Edit puts the caret in the field; saving returns focus to Edit.
  await s.getByRole('button', { name: 'Edit First fact' }).click();
  await expect(s.getByLabel('Edit: First fact')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' (edited)');
  await page.keyboard.press('Enter');
  await expect(facts).toContainText('First fact (edited)');
  await expect.poll(() => focused(page)).toBe('Edit First fact (edited)');

  // ✕ removes at once, focus goes to the next item, and a toast offers Undo.
  await s.getByRole('button', { name: 'Remove: First fact (edited)' }).click();
  await expect(facts.getByRole('listitem')).toHaveCount(1);
  await expect.poll(() => focused(page)).toBe('Edit Second fact');
  const toast = s.getByRole('status').filter({ hasText: 'Removed “First fact (edited)”' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(facts.getByRole('listitem')).toHaveCount(2);
  await expect(facts.getByRole('listitem').first()).toContainText('First fact (edited)');
  await expect.poll(() => focused(page)).toBe('Edit First fact (edited)');
  await expect(toast).toHaveCount(0);

  // Collapse and expand keep focus on the control that undoes them.
  await panel(page).getByRole('button', { name: 'Collapse FlowPilot' }).click();
  await expect.poll(() => focused(page)).toBe('Expand FlowPilot');
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('Collapse FlowPilot');
});

test('Resolve → "Not posted yet — Post to ticket" → posted line; the ticket refreshes; Update starts from "already posted"', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  const s = await open(page, sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  const p = panel(page);
  await expect(p.getByRole('region', { name: 'Ticket' })).toContainText('New');

  await s.getByRole('button', { name: 'Start Session' }).click();
  await s.getByRole('button', { name: 'Resolve', exact: true }).click();
  await panelFrame(page).getByLabel('Resolution').fill('Rebuilt the Outlook profile.');
  await panelFrame(page).getByRole('button', { name: 'Resolve session' }).click();

  // Auto Push is off (the default): the next step is said right under the outcome.
  await expect(s.getByText('Not posted to ConnectWise yet')).toBeVisible();
  // Focus went to the outcome (not to <body> with the dialog gone).
  await expect(s.locator('.fp-s-outcome')).toBeFocused();
  await expect(s.locator('.fp-s-outcome')).toContainText('Session Resolved');
  await s.getByRole('button', { name: 'Post to ticket' }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: /Update ticket #1001/ });
  await expect(dialog.getByLabel('Preview')).toHaveValue(/Rebuilt the Outlook profile/);
  await expect(dialog.getByLabel('Add a time entry')).toBeChecked();
  await dialog.getByRole('button', { name: 'Post to Ticket #1001' }).click();
  await expect(dialog).toBeHidden();

  await expect(
    s.getByText(/^Posted to #1001 at \d{1,2}:\d{2}.* \(note, 15 min, status Resolved\)$/),
  ).toBeVisible();
  // The Ticket section follows the status change without Refresh.
  await expect(p.getByRole('region', { name: 'Ticket' })).toContainText('Resolved');

  // A second Update never bills the same work twice by default.
  await p.getByRole('button', { name: 'Update' }).click();
  await expect(dialog.getByTestId('fp-p-already')).toContainText('Already posted to #1001');
  await expect(dialog.getByLabel('Preview')).toHaveValue('');
  await expect(dialog.getByLabel('Add a time entry')).not.toBeChecked();
  await expect(dialog.getByLabel('Status')).toHaveValue('');

  // The same documentation again needs an explicit yes; the question opens on "Back".
  await dialog.getByRole('button', { name: 'Use the session documentation again' }).click();
  await dialog.getByRole('button', { name: 'Post to Ticket #1001' }).click();
  const ask = dialog.getByRole('alert');
  await expect(ask).toContainText('already on ticket #1001');
  await expect(ask.getByRole('button', { name: 'Back' })).toBeFocused();
  await ask.getByRole('button', { name: 'Back' }).click();

  // Time without a note needs an explicit choice too.
  await dialog.getByLabel('Preview').fill('');
  await dialog.getByLabel('Add a time entry').check();
  await dialog.getByRole('button', { name: 'Post to Ticket #1001' }).click();
  await expect(dialog.getByRole('alert')).toContainText('only a time entry');
  await dialog.getByRole('button', { name: 'Back' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  expect(sandbox.state.notes.filter((n) => n.ticketId === 1001 && n.text.includes('Rebuilt'))).toHaveLength(
    1,
  );
  expect(
    sandbox.state.timeEntries.filter((e) => e.chargeToId === 1001 && /FlowPilot ref/.test(e.notes ?? '')),
  ).toHaveLength(1);
  expect(sandbox.state.tickets.find((t) => t.id === 1001)?.status?.id).toBe(STATUS_IDS.helpDesk.resolved);
});

test('closed tickets say so up front and start a session only after a confirmation; hidden tickets offer neither', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  const s = await open(page, sandbox.ticketPageUrl(SPECIAL_TICKETS.closed));
  const p = panel(page);
  await expect(p.getByRole('note').filter({ hasText: 'This ticket is closed' })).toBeVisible();
  // Its status is named "Closed": said once, not "closed (Closed)".
  await expect(p.getByRole('note').filter({ hasText: 'This ticket is closed' })).toContainText(
    'This ticket is closed. ConnectWise usually refuses',
  );

  await s.getByRole('button', { name: 'Start Session' }).click();
  const confirm = panelFrame(page).getByRole('dialog', { name: 'Start a session on a closed ticket?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(s.getByRole('timer')).toHaveCount(0);

  // The status refuses time: the Update dialog starts with the time entry off.
  await p.getByRole('button', { name: 'Update' }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: /Update ticket #1003/ });
  await expect(dialog.getByLabel('Add a time entry')).not.toBeChecked();
  await expect(dialog).toContainText('does not accept time entries');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await s.getByRole('button', { name: 'Start Session' }).click();
  await confirm.getByRole('button', { name: 'Start anyway' }).click();
  await expect(s.getByRole('timer', { name: 'Active time' })).toBeVisible();

  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.hidden));
  await expect(p.getByRole('alert')).toContainText('ConnectWise did not return ticket #1005');
  await expect(p.getByRole('button', { name: 'Start Session' })).toHaveCount(0);
  await expect(p.getByRole('button', { name: 'Update' })).toHaveCount(0);
});
