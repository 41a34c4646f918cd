import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS, STATUS_IDS } from '../cw-sandbox/index';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, test } from './fixtures';
import { signInAsJsmith } from './posting-helpers';

// Escalate end to end (issue 9 §5): a session escalated with a reason and "Escalate to" documents
// Problem / What we confirmed / What we tried / Why escalating / Suggested next steps, and Update posts
// exactly that as an Internal Analysis note with the status chosen in the dialog.

const T = SPECIAL_TICKETS.standard;

function session(page: Page) {
  return panel(page).getByRole('region', { name: 'FlowPilot session' });
}

async function add(page: Page, section: string, text: string) {
  const field = session(page).getByLabel(`Add to ${section}`);
  await field.fill(text);
  await field.press('Enter');
  await expect(session(page).getByRole('list', { name: section })).toContainText(text);
}

// What the lane below must produce (lib/session/artifacts.ts, escalatedDoc): facts and answered
// questions are confirmed; checks with a result and applied fixes were tried; open fixes, pending
// checks and unanswered questions are the next steps.
const DOC = [
  'Problem:',
  'Outlook on the laptop stops syncing every morning.',
  '',
  'What we confirmed:',
  '- Webmail shows the new messages',
  '- Did the password change recently? → Yes, on Friday',
  '',
  'What we tried:',
  '- Outlook connection status: Fail (Disconnected, credential prompt)',
  '- Internet access: Pass',
  '- Applied: Clear cached credentials',
  '',
  'Why escalating:',
  'Needs an Exchange admin to check the mailbox.',
  'Escalated to: Tier 2 – Messaging',
  '',
  'Suggested next steps:',
  '- Rebuild the Outlook profile',
  '- Check: OST file size',
  '- Find out: Is a shared mailbox attached?',
].join('\n');

test('Escalate: reason and "Escalate to" in the documentation; Update posts it as an Internal Analysis note with the chosen status', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  await signInAsJsmith(ext);
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(T));
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');

  const s = session(page);
  await s.getByRole('button', { name: 'Start Session' }).click();
  await expect(s.getByRole('timer', { name: 'Active time' })).toBeVisible();
  const problem = s.getByLabel('Problem statement');
  await problem.fill('Outlook on the laptop stops syncing every morning.');
  await problem.blur();

  await add(page, 'What we know', 'Webmail shows the new messages');
  await add(page, 'Questions', 'Did the password change recently?');
  await s.getByLabel('Answer: Did the password change recently?').fill('Yes, on Friday');
  await s.getByLabel('Answer: Did the password change recently?').press('Enter');
  await add(page, 'Questions', 'Is a shared mailbox attached?');
  await add(page, 'Diagnostic checks', 'Outlook connection status');
  await s.getByLabel('Result: Outlook connection status').selectOption('Fail');
  await s.getByLabel('Note: Outlook connection status').fill('Disconnected, credential prompt');
  await s.getByLabel('Note: Outlook connection status').press('Enter');
  await add(page, 'Diagnostic checks', 'Internet access');
  await s.getByLabel('Result: Internet access').selectOption('Pass');
  await add(page, 'Diagnostic checks', 'OST file size');
  await add(page, 'Suggested fix', 'Clear cached credentials');
  await s.getByLabel('Done: Clear cached credentials').check();
  await add(page, 'Suggested fix', 'Rebuild the Outlook profile');

  await s.getByRole('button', { name: 'Escalate', exact: true }).click();
  const dialog = panel(page).getByRole('dialog', { name: 'Escalate the ticket' });
  // A reason is required.
  await dialog.getByRole('button', { name: 'Escalate session' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Say why you are escalating.');
  // The field it is about takes focus, marked invalid and described by the message.
  await expect(dialog.getByLabel('Why escalate')).toBeFocused();
  await expect(dialog.getByLabel('Why escalate')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Why escalate')).toHaveAccessibleDescription('Say why you are escalating.');
  await dialog.getByLabel('Why escalate').fill('Needs an Exchange admin to check the mailbox.');
  await dialog.getByLabel('Escalate to (optional)').fill('Tier 2 – Messaging');
  await dialog.getByRole('button', { name: 'Escalate session' }).click();
  await expect(dialog).toBeHidden();
  await expect(s.locator('.fp-s-outcome')).toBeFocused();

  await expect(s.getByText('Session Escalated')).toBeVisible();
  const doc = s.getByRole('region', { name: 'Session documentation' });
  await expect(doc.locator('pre')).toHaveText(DOC, { useInnerText: true });

  await panel(page).getByRole('button', { name: 'Update' }).click();
  const update = panel(page).getByRole('dialog', { name: `Update ticket #${T}` });
  await expect(update.getByLabel('Preview')).toHaveValue(DOC);
  await expect(update.getByLabel('Note Type')).toHaveValue('internalAnalysis');
  // Prompt Status on Escalation (default on) preselects the board's Escalated status; keep it.
  await expect(update.getByLabel('Status')).toHaveValue(String(STATUS_IDS.helpDesk.escalated));
  await update.getByLabel('Add a time entry').uncheck();
  await update.getByRole('button', { name: 'Post to Ticket' }).click();
  await expect(
    panel(page)
      .getByRole('status')
      .filter({ hasText: `Posted to ticket #${T}` }),
  ).toBeVisible();

  // CW received exactly that: one Internal Analysis note with the documentation (and its ref), then
  // the status change, and nothing else.
  const writes = sandbox.requests.filter((r) => r.method !== 'GET');
  expect(writes.map((r) => `${r.method} ${r.apiPath} ${r.status}`)).toEqual([
    `POST /service/tickets/${T}/notes 201`,
    `PATCH /service/tickets/${T} 200`,
  ]);
  expect(writes[0]!.body).toEqual({
    text: expect.stringMatching(/\n\nFlowPilot ref [a-z0-9]{7}$/),
    internalAnalysisFlag: true,
    resolutionFlag: false,
    detailDescriptionFlag: false,
    member: { id: 101 },
  });
  expect((writes[0]!.body as { text: string }).text.replace(/\n\nFlowPilot ref [a-z0-9]{7}$/, '')).toBe(DOC);
  expect(writes[1]!.body).toEqual([
    { op: 'replace', path: 'status', value: { id: STATUS_IDS.helpDesk.escalated } },
  ]);
  const notes = sandbox.state.notes.filter((n) => n.ticketId === T && n.text.includes('Why escalating:'));
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({
    internalAnalysisFlag: true,
    resolutionFlag: false,
    detailDescriptionFlag: false,
    member: expect.objectContaining({ id: 101 }),
  });
  expect(sandbox.state.tickets.find((t) => t.id === T)?.status.id).toBe(STATUS_IDS.helpDesk.escalated);
  expect(sandbox.contractViolations).toEqual([]);
});
