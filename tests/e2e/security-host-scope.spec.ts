import { FAKE_AI_MODEL, type FakeAi, startFakeAi } from '../ai-fake/server';
import { expect, test } from './fixtures';
import { allowSiteInExtensionSettings, hasHostPermission } from './permission-helpers';

// Issue 10 §4: an optional host permission is given back once nothing uses it (here: the AI endpoint
// moves to another host). The disconnect and site-change paths are unit-tested with the same code
// (lib/background/options-handlers.test.ts); this checks Chromium really drops the grant.

let ai: FakeAi;
test.beforeAll(async () => {
  ai = await startFakeAi({ chunkDelayMs: 1 });
});
test.afterAll(() => ai.close());

test('moving the AI endpoint gives back the old endpoint host', async ({ ext, openOptions }) => {
  const OLD = 'https://ai.example.test/*';
  const options = await openOptions('flowpilot');
  const form = options.getByRole('region', { name: 'AI Assistant' });
  await form.getByLabel('AI Assistant').check();
  await form.getByLabel('Endpoint base URL').fill('https://ai.example.test/v1');
  await form.getByLabel('Model').fill(FAKE_AI_MODEL);
  await allowSiteInExtensionSettings(ext, OLD);
  await form.getByRole('button', { name: 'Save AI settings' }).click();
  await expect(form.getByRole('status')).toHaveText('AI settings saved.');
  expect(await hasHostPermission(options, OLD)).toBe(true);

  await form.getByLabel('Endpoint base URL').fill(ai.baseUrl);
  await form.getByRole('button', { name: 'Save AI settings' }).click();
  await expect(form.getByRole('status')).toHaveText('AI settings saved.');
  await expect.poll(() => hasHostPermission(options, OLD)).toBe(false);
});
