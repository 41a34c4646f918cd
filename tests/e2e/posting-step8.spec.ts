import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS, STATUS_IDS } from '../cw-sandbox/index';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';
import { signInAsJsmith } from './posting-helpers';

function session(page: Page) {
  return panel(page).getByRole('region', { name: 'FlowPilot session' });
}

test('checklist Step 8: session → resolve → Update → Post to Ticket lands note, time and status in CW; every note type', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  await signInAsJsmith(ext);
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');

  const s = session(page);
  await s.getByRole('button', { name: 'Start Session' }).click();
  const fact = s.getByLabel('Add to What we know');
  await fact.fill('Webmail shows the new messages');
  await fact.press('Enter');
  await s.getByRole('button', { name: 'Resolve' }).click();
  await panelFrame(page).getByLabel('Resolution').fill('Re-created the Outlook profile; mail syncs again.');
  await panelFrame(page).getByRole('button', { name: 'Resolve session' }).click();
  await expect(s.getByRole('region', { name: 'Session documentation' })).toBeVisible();

  await panel(page).getByRole('button', { name: 'Update' }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: /Update ticket #1001/ });
  await expect(dialog.getByLabel('Preview')).toHaveValue(/Re-created the Outlook profile/);
  await expect(dialog.getByLabel('Note Type')).toHaveValue('internalAnalysis');
  // Prompt Status on Resolution (default on) preselects the board's Resolved status.
  await expect(dialog.getByLabel('Status')).toHaveValue(String(STATUS_IDS.helpDesk.resolved));
  await expect(dialog.getByTestId('fp-p-times')).toContainText('Posted: 15 min');
  await dialog
    .getByLabel('Preview')
    .fill(`${await dialog.getByLabel('Preview').inputValue()}\nChecked by John.`);
  await dialog.getByLabel('Work type').selectOption({ label: 'Remote Support' });
  await dialog.getByRole('button', { name: 'Post to Ticket' }).click();

  await expect(panel(page).getByRole('status').filter({ hasText: 'Posted to ticket #1001' })).toBeVisible();
  await expect(panel(page).getByRole('link', { name: 'Open ticket #1001' })).toHaveAttribute(
    'href',
    /routeTo=ServiceFV&recid=1001/,
  );

  const notes = sandbox.state.notes.filter((n) => n.ticketId === 1001 && n.text.includes('Checked by John.'));
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({
    internalAnalysisFlag: true,
    resolutionFlag: false,
    detailDescriptionFlag: false,
    member: expect.objectContaining({ id: 101 }),
  });
  expect(notes[0]!.text).toMatch(/Re-created the Outlook profile[\s\S]*FlowPilot ref [a-z0-9]{7}$/);
  const entries = sandbox.state.timeEntries.filter(
    (e) => e.chargeToId === 1001 && /FlowPilot ref/.test(e.notes ?? ''),
  );
  expect(entries).toHaveLength(1);
  const e = entries[0]!;
  expect(e.member).toMatchObject({ id: 101 });
  expect((Date.parse(e.timeEnd!) - Date.parse(e.timeStart)) / 60_000).toBe(15);
  expect(e.workType).toMatchObject({ id: 1 });
  // The time entry added no second copy of the note.
  expect(
    sandbox.state.notes.filter((n) => n.ticketId === 1001 && n.text.includes('Re-created')),
  ).toHaveLength(1);
  expect(sandbox.state.tickets.find((t) => t.id === 1001)?.status?.id).toBe(STATUS_IDS.helpDesk.resolved);
  const writes = sandbox.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.apiPath}`);
  expect(writes).toEqual([
    'POST /service/tickets/1001/notes',
    'POST /time/entries',
    'PATCH /service/tickets/1001',
  ]);

  // Every note type from the dialog carries its CW flags (visibility "Internal only").
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.noContactNoConfigs));
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  for (const [label, text] of [
    ['Internal Analysis', 'Type check: internal'],
    ['Resolution', 'Type check: resolution'],
    ['Description', 'Type check: description'],
  ] as const) {
    await panel(page).getByRole('button', { name: 'Update' }).click();
    const d = panelFrame(page).getByRole('dialog', { name: /Update ticket #1004/ });
    await expect(d).toContainText('Posted as John Smith');
    await d.getByLabel('Preview').fill(text);
    await d.getByLabel('Note Type').selectOption({ label });
    await d.getByLabel('Add a time entry').uncheck();
    await d.getByRole('button', { name: 'Post to Ticket' }).click();
    await expect(d).toBeHidden();
  }
  const flags = (t: string) => {
    const n = sandbox.state.notes.find((x) => x.text.includes(t))!;
    return [n.internalAnalysisFlag, n.resolutionFlag, n.detailDescriptionFlag, n.member?.id];
  };
  expect(flags('Type check: internal')).toEqual([true, false, false, 101]);
  expect(flags('Type check: resolution')).toEqual([false, true, false, 101]);
  expect(flags('Type check: description')).toEqual([false, false, true, 101]);
});
