import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { FAKE_AI_KEY, FAKE_AI_MODEL, type FakeAi, startFakeAi } from '../ai-fake/server';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, panel, test } from './fixtures';

// Issue 13: a session's assistant conversation is saved with it and comes back after a reload; the
// options page's Sessions tab lists every session and exports them.

const session = (page: Page) => panel(page).getByRole('region', { name: 'FlowPilot session' });

let fake: FakeAi;
test.beforeAll(async () => {
  fake = await startFakeAi({ chunkDelayMs: 5 });
});
test.afterAll(() => fake.close());

test('a reload brings back the session’s assistant conversation', async ({ ext, sandbox }) => {
  fake.reset();
  await connectExtensionToSandbox(ext, sandbox);
  await askBg(ext, 'optionsToBg', 'ai/config/save', {
    enabled: true,
    baseUrl: fake.baseUrl,
    model: FAKE_AI_MODEL,
    redactPii: true,
    apiKey: FAKE_AI_KEY,
  });
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  const s = session(page);
  await s.getByRole('button', { name: 'Start Session' }).click();
  const input = s.getByLabel('Message to the assistant');
  await input.fill('What do we know about this ticket?');
  await input.press('Enter');
  const log = s.getByRole('log', { name: 'Assistant conversation' });
  await expect(log).toContainText('This ticket is for Contoso Ltd.');
  await expect(log.locator('[aria-busy="true"]')).toHaveCount(0);

  await page.reload();
  const again = session(page).getByRole('log', { name: 'Assistant conversation' });
  await expect(again.locator('.fp-s-msg')).toHaveCount(2);
  await expect(again.locator('.fp-s-msg').first()).toHaveText('What do we know about this ticket?');
  await expect(again.locator('.fp-s-msg').nth(1)).toContainText('This ticket is for Contoso Ltd.');
  await expect(again.locator('.fp-s-msg').first()).toHaveAttribute('title', /\d/); // its time
  // The restored turns are the history of the next question.
  await session(page).getByLabel('Message to the assistant').fill('And next?');
  await session(page).getByLabel('Message to the assistant').press('Enter');
  // The fourth bubble is the reply's placeholder, drawn before the request leaves the worker: wait
  // for the reply itself (a CI run read the fake's requests between the two).
  await expect(again.locator('.fp-s-msg')).toHaveCount(4);
  await expect(again.locator('.fp-s-msg').nth(3)).toContainText('Contoso Ltd');
  await expect(again.locator('[aria-busy="true"]')).toHaveCount(0);
  // The request that asked "And next?" carried the restored conversation before it.
  const asked = () => fake.requests.find((r) => r.body.messages?.at(-1)?.content === 'And next?');
  await expect.poll(() => asked() !== undefined).toBe(true);
  expect(
    asked()?.body.messages?.map((m) => `${m.role}: ${m.role === 'system' ? '…' : m.content.slice(0, 30)}`),
    JSON.stringify(fake.requests.map((r) => r.body.messages?.map((m) => m.role))),
  ).toEqual([
    'system: …',
    'user: What do we know about this tic',
    'assistant: This ticket is for Contoso Ltd',
    'user: And next?',
  ]);
  // Conversation text never goes into the activity log.
  const activity = await askBg<{ items: { detail?: string }[] }>(ext, 'optionsToBg', 'activity/list', {
    offset: 0,
    limit: 100,
  });
  expect(JSON.stringify(activity.items)).not.toContain('What do we know');
});

test('the Sessions tab lists sessions, filters them and exports CSV and JSON', async ({
  ext,
  sandbox,
  openOptions,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const start = (ticketKey: string, summary: string, company: string) =>
    askBg<{ session: { id: string } }>(ext, 'panelToBg', 'session/start', {
      ticketKey,
      ticketSummary: summary,
      problem: summary,
      company: { name: company },
    });
  const a = await start('service:1001', 'Outlook not syncing on laptop', 'Contoso Ltd.');
  await askBg(ext, 'panelToBg', 'session/resolve', {
    sessionId: a.session.id,
    rootCause: 'Corrupt OST',
    resolution: 'Rebuilt the OST',
  });
  const b = await start('service:1006', 'Cannot print', 'Tailspin Toys');
  await askBg(ext, 'panelToBg', 'session/abandon', { sessionId: b.session.id });
  await start('service:1008', 'Server CPU at 100%', 'Proseware & Sons LLC');

  const page = await openOptions('sessions');
  await expect(page.getByRole('tab', { name: 'Sessions' })).toHaveAttribute('aria-selected', 'true');
  const table = page.getByRole('table', { name: 'Sessions' });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(4); // header + 3, newest first
  await expect(rows.nth(1)).toContainText('#1008 Server CPU at 100%');
  await expect(rows.nth(3)).toContainText('resolved');
  await expect(rows.nth(3)).toContainText('Rebuilt the OST');

  const filters = page.getByRole('form', { name: 'Filter sessions' });
  await filters.getByLabel('State').selectOption('abandoned');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('#1006');
  await filters.getByLabel('State').selectOption('');
  await filters.getByLabel('Company').fill('contoso');
  await filters.getByLabel('Company').press('Tab');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('#1001');

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^flowpilot-sessions-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await csv.path())!, 'utf8').split('\r\n');
  expect(text[0]).toContain('ticketId,ticketSummary,company,state');
  expect(text.filter(Boolean)).toHaveLength(2); // the filter applies to the export
  expect(text[1]).toContain('1001,Outlook not syncing on laptop,Contoso Ltd.,resolved');

  await filters.getByLabel('Company').fill('');
  await filters.getByLabel('Company').press('Tab');
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const all = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
    ticketId: number;
    state: string;
    startedAt: number;
  }[];
  expect(all.map((r) => [r.ticketId, r.state])).toEqual([
    [1008, 'active'],
    [1006, 'abandoned'],
    [1001, 'resolved'],
  ]);
  // "Started" uses the date format of Post History and Activity (formatWhen), not a bare toLocaleString.
  const medium = await page.evaluate(
    (ms) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
    all[0]!.startedAt,
  );
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText(medium);
});
