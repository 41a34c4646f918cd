import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FAKE_AI_KEY, FAKE_AI_MODEL, type FakeAi, startFakeAi } from '../ai-fake/server';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { launchWithExtension } from './browser';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';

const SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/screenshots/session.png');

function session(page: Page) {
  return panel(page).getByRole('region', { name: 'FlowPilot session' });
}

async function openTicket(page: Page, url: string) {
  await page.goto(url);
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  return session(page);
}

async function add(page: Page, section: string, text: string) {
  const field = session(page).getByLabel(`Add to ${section}`);
  await field.fill(text);
  await field.press('Enter');
  await expect(session(page).getByRole('list', { name: section })).toContainText(text);
}

const ITEMS = {
  'What we know': 'Webmail shows the new messages',
  Questions: 'Did the password change recently?',
  'Diagnostic checks': 'Outlook shows Disconnected',
  'Suggested fix': 'Re-create the Outlook profile',
};

async function expectItems(page: Page) {
  const s = session(page);
  for (const [section, text] of Object.entries(ITEMS)) {
    await expect(s.getByRole('list', { name: section })).toContainText(text);
  }
  await expect(s.getByLabel(`Answer: ${ITEMS.Questions}`)).toHaveValue('Yes, on Friday');
  await expect(s.getByLabel(`Result: ${ITEMS['Diagnostic checks']}`)).toHaveValue('fail');
}

test('a session survives reloads and a browser restart, and two tabs stay in step', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const url = sandbox.ticketPageUrl(SPECIAL_TICKETS.standard);
  const page = await ext.context.newPage();
  const s = await openTicket(page, url);

  // The problem statement is prefilled from the ticket summary (and its initial description).
  await expect(s.getByLabel('Problem statement')).toHaveValue(/Outlook not syncing on laptop/);
  await s.getByRole('button', { name: 'Start Session' }).click();
  await expect(s.getByRole('timer', { name: 'Active time' })).toBeVisible();

  for (const [section, text] of Object.entries(ITEMS)) await add(page, section, text);
  // Escape cancels a half-typed item.
  await s.getByLabel('Add to Questions').fill('never mind');
  await s.getByLabel('Add to Questions').press('Escape');
  await expect(s.getByLabel('Add to Questions')).toHaveValue('');
  await s.getByLabel(`Answer: ${ITEMS.Questions}`).fill('Yes, on Friday');
  await s.getByLabel(`Answer: ${ITEMS.Questions}`).press('Enter');
  // Enter saves without dropping focus to <body>.
  await expect(s.getByLabel(`Answer: ${ITEMS.Questions}`)).toBeFocused();
  await s.getByLabel(`Result: ${ITEMS['Diagnostic checks']}`).selectOption('Fail');
  await expect(s.getByLabel(`Answer: ${ITEMS.Questions}`)).toHaveValue('Yes, on Friday');

  // A second tab on the same ticket shows the same session and follows changes made in the first.
  const other = await ext.context.newPage();
  await openTicket(other, url);
  await expectItems(other);
  await add(page, 'What we know', 'Only this laptop is affected');
  await expect(session(other).getByRole('list', { name: 'What we know' })).toContainText(
    'Only this laptop is affected',
  );
  await other.close();

  await page.reload();
  await expect(session(page).getByRole('button', { name: 'Pause' })).toBeVisible();
  await expectItems(page);

  // Restart the browser with the same profile.
  await ext.close({ keepProfile: true });
  const again = await launchWithExtension({ userDataDir: ext.userDataDir });
  try {
    const p2 = await again.context.newPage();
    await openTicket(p2, url);
    await expectItems(p2);
    // CW navigates in-app to another ticket: its own (empty) session area, then back to ours.
    await p2.getByRole('link', { name: /Next ticket/ }).click();
    await expect(session(p2).getByRole('button', { name: 'Start Session' })).toBeVisible();
    await expect(session(p2).getByText(ITEMS['What we know'])).toHaveCount(0);
    await p2.goBack();
    await expectItems(p2);
    await session(p2).getByRole('button', { name: 'Pause' }).click();
    await expect(session(p2).getByRole('button', { name: 'Resume' })).toBeVisible();
  } finally {
    await again.close({ keepProfile: true });
  }
});

test.describe('with the assistant', () => {
  let fake: FakeAi;
  test.beforeAll(async () => {
    fake = await startFakeAi({ chunkDelayMs: 30 });
  });
  test.afterAll(() => fake.close());

  test('chat streams an answer that knows the ticket, a suggestion is accepted, Resolve documents it', async ({
    ext,
    sandbox,
    openOptions,
  }) => {
    fake.reset();
    await connectExtensionToSandbox(ext, sandbox);

    // Options → FlowPilot → AI Assistant.
    const options = await openOptions('flowpilot');
    const ai = options.getByRole('region', { name: 'AI Assistant' });
    await ai.getByLabel('AI Assistant').check();
    await ai.getByLabel('Endpoint base URL').fill(fake.baseUrl);
    await ai.getByLabel('Model').fill(FAKE_AI_MODEL);
    await ai.getByLabel('API key').fill(FAKE_AI_KEY);
    await ai.getByRole('button', { name: 'Test' }).click();
    await expect(ai.getByRole('status')).toContainText(`The model ${FAKE_AI_MODEL} answered`);
    await ai.getByRole('button', { name: 'Save AI settings' }).click();
    await expect(ai.getByRole('status')).toHaveText('AI settings saved.');
    await options.close();

    const page = await ext.context.newPage();
    const s = await openTicket(page, sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
    await s.getByRole('button', { name: 'Start Session' }).click();
    await add(page, 'Suggested fix', 'Re-create the Outlook profile');
    await s.getByLabel('Done: Re-create the Outlook profile').check();
    await expect(s.getByLabel('Done: Re-create the Outlook profile')).toBeChecked();

    await expect(s.getByText('email addresses and phone numbers are redacted')).toBeVisible();
    const input = s.getByLabel('Message to the assistant');
    // The stream holds after its first word long enough to be seen (expect polls every 500 ms or more;
    // 30 ms chunks alone can finish between two looks on a slow machine).
    fake.stallMs = 3_000;
    await input.fill('What do we know about this ticket?');
    await input.press('Enter');
    const log = s.getByRole('log', { name: 'Assistant conversation' });
    // Streaming: a partial answer is on screen before the whole one.
    await expect(log.locator('[aria-busy="true"]')).toContainText('This');
    fake.stallMs = 0;
    await expect(log).toContainText('This ticket is for Contoso Ltd.');
    await expect(log.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(log).not.toContainText('flowpilot-lane');

    // The model got the ticket context and the lane, with the contact's email redacted.
    const system = fake.requests.at(-1)?.body.messages?.[0]?.content ?? '';
    expect(system).toContain('Company: Contoso Ltd.');
    expect(system).toContain('CONTOSO-LT-001');
    expect(system).toContain('Re-create the Outlook profile');
    expect(system).not.toContain('emily.carter@contoso.com');

    // Errors are plain and the session keeps working; a long answer can be stopped.
    fake.faults.push({
      status: 429,
      headers: { 'retry-after': '20' },
      body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    });
    await input.fill('And now?');
    await input.press('Enter');
    await expect(s.getByRole('alert')).toContainText('rate limiting requests; try again in 20 s');
    fake.stallMs = 10_000;
    await input.fill('Tell me more');
    await input.press('Enter');
    await expect(log.locator('[aria-busy="true"]')).toContainText('This');
    await s.getByRole('button', { name: 'Stop' }).click();
    await expect(log).toContainText('[stopped]');
    await expect(s.getByRole('button', { name: 'Send' })).toBeVisible();
    fake.stallMs = 0;

    await s.getByRole('button', { name: 'Add to lane: Check the network cable is connected' }).click();
    await expect(s.getByRole('list', { name: 'Diagnostic checks' })).toContainText(
      'Check the network cable is connected',
    );
    await s.getByLabel('Result: Check the network cable is connected').selectOption('Pass');
    await expect(s.getByLabel('Result: Check the network cable is connected')).toHaveValue('pass');

    if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(SCREENSHOT)) {
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      // The panel as the technician sees it: the context folded into one line above the session.
      await s
        .getByRole('timer', { name: 'Active time' })
        .evaluate((el) => el.closest('.fp-body')?.scrollTo({ top: 0 }));
      await page.screenshot({ path: SCREENSHOT });
    }

    await s.getByRole('button', { name: 'Resolve', exact: true }).click();
    const dialog = panelFrame(page).getByRole('dialog', { name: 'Resolve the session' });
    await expect(dialog.getByLabel('Resolution')).toHaveValue(
      'Re-create the Outlook profile\nVerified: Check the network cable is connected',
    );
    await dialog.getByLabel('Root cause').fill('Corrupt Outlook profile after the password change');
    await dialog.getByRole('button', { name: 'Resolve session' }).click();

    const doc = s.getByRole('region', { name: 'Session documentation' });
    await expect(doc).toContainText('Problem:\nOutlook not syncing on laptop');
    await expect(doc).toContainText('Root cause:\nCorrupt Outlook profile after the password change');
    await expect(doc).toContainText('Resolution:\nRe-create the Outlook profile');
    await expect(s.getByText('Session Resolved')).toBeVisible();
    // A new session can be started on the same ticket afterwards.
    await expect(s.getByRole('button', { name: 'Start Session' })).toBeVisible();
  });
});
