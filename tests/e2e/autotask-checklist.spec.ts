import { NOTE_TYPE, PUBLISH, SPECIAL_RESOURCES, SPECIAL_TICKETS } from '../autotask-sandbox/index';
import { atPanel, ticketFrame, ticketNumberOf } from './autotask-helpers';
import { chooseAutotask, fillAutotask } from './autotask-options-helpers';
import { expect, test } from './fixtures';

// Issue 15's "done when", as one technician-and-admin walk through the UI on Autotask, in real Chromium
// against the Autotask sandbox: Which PSA? → Connect; Member Mapping by email (Auto-Match by Email, Save
// Mappings, who uses this browser); the FlowPilot tab's note choices; then the ticket in Autotask's shell
// is auto-linked, its context shown, a session resolved and posted: note + time entry + status, once.
// (Each URL form, the commit-then-reset fault and the duplicate-note report are in autotask-panel.spec.ts;
// each wrong credential in autotask-options.spec.ts.)

const T = SPECIAL_TICKETS.standard;

test('the checklist on Autotask through the UI: connect, map by email, note choices, auto-link, session, Resolve, Post to Ticket', async ({
  ext,
  at,
}) => {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html#connection`);
  await chooseAutotask(options);
  await fillAutotask(options, at);
  await options.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(options.getByText('Connected', { exact: true })).toBeVisible();

  // Member Mapping: Jane Smith by email, saved, and she uses this browser.
  await options.getByRole('tab', { name: 'Member Mapping' }).click();
  await options.getByLabel('Import CSV').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,email\nJane Smith,jane.smith@flowpilotdemo.example\n'),
  });
  await options.getByRole('button', { name: 'Auto-Match by Email' }).click();
  await expect(options.getByRole('combobox', { name: 'Jane Smith' })).toHaveValue(/^Jane Smith/);
  await expect(options.getByRole('status')).toContainText('Matched 1 of 1');
  // Auto-Match saves its picks: nothing is left for Save Mappings, and a reload still has Jane mapped.
  await expect(options.getByRole('button', { name: 'Save Mappings' })).toBeDisabled();
  await options.reload();
  await expect(options.getByRole('combobox', { name: 'Jane Smith' })).toHaveValue(/^Jane Smith/);
  await options.getByLabel('Signed-in technician').selectOption({ label: 'Jane Smith' });
  await expect(options.getByText(/The panel in this browser posts as Jane Smith \(/)).toBeVisible();

  // FlowPilot tab: the tenant's note types and publish values.
  await options.getByRole('tab', { name: 'FlowPilot' }).click();
  const notes = options.getByRole('region', { name: 'Autotask notes and time' });
  await notes.getByLabel('Note type for Internal Analysis notes').selectOption({ label: 'Task Notes' });
  await notes.getByLabel('Note type for Resolution notes').selectOption({ label: 'Task Summary' });
  await notes.getByLabel('Note type for Description notes').selectOption({ label: 'Task Detail' });
  await notes.getByLabel('Publish value for internal notes').selectOption({ label: 'Internal Project Team' });
  await notes
    .getByLabel('Publish value for customer-facing notes')
    .selectOption({ label: 'All Autotask Users' });
  await notes.getByRole('button', { name: 'Save Autotask note settings' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Autotask note settings saved' })).toBeVisible();

  // The ticket in Autotask's shell (inside its iframe): auto-linked, with its context.
  const page = await ext.context.newPage();
  await page.goto(at.ticketPageUrls(T).shell);
  const p = atPanel(page);
  const number = ticketNumberOf(at, T);
  await expect(p.getByRole('heading', { level: 2 })).toContainText(number);
  await expect(p).toHaveAttribute('data-context', 'ready');
  await expect(p.getByRole('region', { name: 'Company and contact' })).toContainText('Contoso Ltd');

  const s = p.getByRole('region', { name: 'FlowPilot session' });
  await s.getByRole('button', { name: 'Start Session' }).click();
  const fact = s.getByLabel('Add to What we know');
  await fact.fill('Only Outlook is affected');
  await fact.press('Enter');
  await s.getByRole('button', { name: 'Resolve', exact: true }).click();
  const frame = ticketFrame(page).frameLocator('flowpilot-panel iframe[title="FlowPilot"]');
  await frame.getByLabel('Resolution').fill('Recreated the mail profile.');
  await frame.getByRole('button', { name: 'Resolve session' }).click();
  await s.getByRole('button', { name: 'Post to ticket' }).click();
  // Posting names the ticket by its Autotask number, as the heading does.
  const dialog = frame.getByRole('dialog', { name: `Update ticket ${number}` });
  await dialog.getByRole('button', { name: `Post to Ticket ${number}` }).click();
  await expect(dialog).toBeHidden();
  await expect(p.getByRole('status').filter({ hasText: `Posted to ticket ${number}` })).toBeVisible();
  await expect(s.getByText(`Posted to ${number} at `)).toBeVisible();

  const mine = at.state.ticketNotes.filter((n) =>
    String(n.description ?? '').includes('Recreated the mail profile.'),
  );
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ noteType: NOTE_TYPE.taskNotes, publish: PUBLISH.internal });
  const time = at.state.timeEntries.filter(
    (e) => e.ticketID === T && /FlowPilot ref/.test(String(e.summaryNotes ?? '')),
  );
  expect(time).toHaveLength(1);
  expect(time[0]?.resourceID).toBe(SPECIAL_RESOURCES.jsmith);
  expect(at.state.tickets.find((t) => t.id === T)?.status).toBe(5);
  expect(at.contractViolations).toEqual([]);
});
