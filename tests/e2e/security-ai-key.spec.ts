import type { Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { buildTeamFile } from '../../lib/team/file';
import { FAKE_AI_KEY, FAKE_AI_MODEL, type FakeAi, startFakeAi } from '../ai-fake/server';
import { type Sandbox, SPECIAL_TICKETS } from '../cw-sandbox/index';
import { askBg } from './connect';
import { expect, panel, test } from './fixtures';
import { expectConnected } from './options-helpers';

// Issue 10 §2: the AI key follows whatever endpoint is set. A second fake AI server on another port
// plays the attacker's host (another origin). Anyone who knows the shared passphrase can build a valid
// team file, so the test builds one with the attacker's endpoint and redaction off.

const PASSPHRASE = 'shared team passphrase';

let legit: FakeAi;
let attacker: FakeAi;
test.beforeAll(async () => {
  legit = await startFakeAi({ chunkDelayMs: 1 });
  // The attacker accepts any key it is sent; the assertions look at what it received.
  attacker = await startFakeAi({ chunkDelayMs: 1, apiKey: 'sk-attacker' });
});
test.afterAll(async () => {
  await legit.close();
  await attacker.close();
});

function craftedFile(sandbox: Sandbox): Promise<string> {
  return buildTeamFile(
    {
      exportedAt: '2026-05-01T08:00:00Z',
      connection: { displayName: 'Team CW', site: `http://${sandbox.site}`, companyId: sandbox.companyId },
      technicians: [{ id: 't-alex', name: 'Alex Tech', email: 'alex.tech@example.com' }],
      settings: {
        ...DEFAULT_SETTINGS,
        ai: { enabled: true, baseUrl: attacker.baseUrl, model: FAKE_AI_MODEL, redactPii: false },
      },
    },
    sandbox.keys,
    PASSPHRASE,
    100_000,
  );
}

async function importFile(options: Page, text: string) {
  await options.getByRole('tab', { name: 'Connection' }).click();
  await options.getByLabel('Team setup file').setInputFiles({
    name: 'team.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await options.getByLabel('Import passphrase').fill(PASSPHRASE);
  await options.getByRole('button', { name: 'Import team setup' }).click();
  return options.getByRole('region', { name: 'Team setup to import' });
}

async function chat(page: Page, url: string, message: string, opts: { start?: boolean } = {}) {
  await page.goto(url);
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  const s = panel(page).getByRole('region', { name: 'FlowPilot session' });
  if (opts.start) await s.getByRole('button', { name: 'Start Session' }).click();
  const input = s.getByLabel('Message to the assistant');
  await input.fill(message);
  await input.press('Enter');
  return s;
}

test('a crafted team file cannot send the AI key or unredacted ticket data to another host', async ({
  ext,
  sandbox,
  openOptions,
}) => {
  legit.reset();
  attacker.reset();
  // The technician's browser: the assistant set up with the organisation's key, redaction on.
  const options = await openOptions('flowpilot');
  const ai = options.getByRole('region', { name: 'AI Assistant' });
  await ai.getByLabel('AI Assistant').check();
  await ai.getByLabel('Endpoint base URL').fill(legit.baseUrl);
  await ai.getByLabel('Model').fill(FAKE_AI_MODEL);
  await ai.getByLabel('API key').fill(FAKE_AI_KEY);
  await ai.getByRole('button', { name: 'Save AI settings' }).click();
  await expect(ai.getByRole('status')).toHaveText('AI settings saved.');

  // The file is decrypted and shown first: its CW site and its AI endpoint, nothing applied yet.
  const text = await craftedFile(sandbox);
  const preview = await importFile(options, text);
  await expect(preview).toContainText(`http://${sandbox.site}`);
  await expect(preview).toContainText(attacker.baseUrl);
  await expect(preview).toContainText('Turns redaction OFF');
  await expect(preview.getByLabel('Also apply the file’s AI assistant settings')).not.toBeChecked();
  expect(await askBg(ext, 'optionsToBg', 'connection/get', {})).toBeNull();
  expect(sandbox.requests.filter((r) => r.path.startsWith('/login/companyinfo'))).toEqual([]);

  await options.getByRole('button', { name: 'Apply team setup' }).click();
  await expectConnected(options);
  expect(await askBg(ext, 'optionsToBg', 'ai/config/get', {})).toMatchObject({
    baseUrl: legit.baseUrl,
    redactPii: true,
    hasKey: true,
  });

  // A chat goes to the organisation's endpoint, redacted; the attacker's host receives nothing.
  const page = await ext.context.newPage();
  const url = sandbox.ticketPageUrl(SPECIAL_TICKETS.standard);
  const s = await chat(page, url, 'What do we know about this ticket?', { start: true });
  await expect(s.getByRole('log', { name: 'Assistant conversation' })).toContainText('This ticket is for');
  expect(legit.requests.at(-1)?.authorization).toBe(`Bearer ${FAKE_AI_KEY}`);
  expect(legit.requests.at(-1)?.body.messages?.[0]?.content).not.toContain('emily.carter@contoso.com');
  expect(attacker.requests).toEqual([]);

  // Test with the attacker's URL typed in: the saved key stays home and the page asks for a key.
  await options.getByRole('tab', { name: 'FlowPilot' }).click();
  await ai.getByLabel('Endpoint base URL').fill(attacker.baseUrl);
  await expect(ai.getByText(`is only ever sent to ${new URL(legit.baseUrl).origin}`)).toBeVisible();
  await ai.getByRole('button', { name: 'Test' }).click();
  await expect(ai.getByRole('alert')).toContainText(
    `The saved API key belongs to ${new URL(legit.baseUrl).origin} and is never sent to ${new URL(attacker.baseUrl).origin}`,
  );
  expect(attacker.requests).toHaveLength(1);
  expect(attacker.requests[0]?.authorization).toBeUndefined();
  await options.reload();

  // Accepting the file's AI settings after reading them: the endpoint moves, the key does not follow.
  const again = await importFile(options, text);
  await again.getByLabel('Also apply the file’s AI assistant settings').check();
  await options.getByRole('button', { name: 'Apply team setup' }).click();
  await expect(options.getByLabel('Who are you?')).toBeVisible();
  expect(await askBg(ext, 'optionsToBg', 'ai/config/get', {})).toMatchObject({
    baseUrl: attacker.baseUrl,
    redactPii: false,
    hasKey: false,
  });
  await chat(page, url, 'Anything else?');
  await expect.poll(() => attacker.requests.length).toBe(2);
  expect(attacker.requests.map((r) => r.authorization)).toEqual([undefined, undefined]);
  expect(JSON.stringify(attacker.requests)).not.toContain(FAKE_AI_KEY);
});
