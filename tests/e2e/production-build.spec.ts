import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FAKE_AI_KEY, FAKE_AI_MODEL, type FakeAi, startFakeAi } from '../ai-fake/server';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { launchWithExtension } from './browser';
import { expect, panel, test } from './fixtures';
import { fillConnectForm, sandboxForm } from './options-helpers';
import { allowSiteInExtensionSettings, hasHostPermission } from './permission-helpers';

// The PRODUCTION build (wxt build, not the e2e build) in real Chromium (issue 14 §3, issue 10 §4):
// ConnectWise on loopback is refused, a local AI server on loopback works after its permission.
//
// What this proves, precisely: the prompt of `permissions.request` cannot be clicked by automation
// (see permission-helpers.ts), so the site is first allowed in chrome://extensions → Site access. That
// alone does not let the extension in (checked below); Chromium then answers FlowPilot's own request,
// made in the Test click, without a prompt. So the test proves the production manifest offers the
// permission, the click requests it, and the worker reaches the local model with it; it does not click
// the native prompt itself.

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOCAL_AI = 'http://127.0.0.1/*';

let outDir: string;
test.beforeAll(() => {
  test.setTimeout(300_000);
  outDir = mkdtempSync(path.join(tmpdir(), 'flowpilot-prod-'));
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
    cwd: ROOT,
    env: { ...process.env, FP_OUT_DIR: outDir },
    stdio: 'ignore',
  });
});
test.afterAll(() => rmSync(outDir, { recursive: true, force: true }));

let ai: FakeAi;
test.beforeAll(async () => {
  ai = await startFakeAi({ chunkDelayMs: 1 });
});
test.afterAll(() => ai.close());

test('production build: a loopback CW site is refused, a loopback AI endpoint works after its permission', async ({
  sandbox,
}) => {
  sandbox.reset();
  ai.reset();
  const dir = path.join(outDir, 'chrome-mv3');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  expect(JSON.stringify(manifest.host_permissions)).not.toMatch(/127\.0\.0\.1|localhost/);
  expect(JSON.stringify(manifest.content_scripts)).not.toMatch(/127\.0\.0\.1|localhost/);
  expect(manifest.optional_host_permissions).toEqual(
    expect.arrayContaining([LOCAL_AI, 'http://localhost/*']),
  );

  const ext = await launchWithExtension({ extensionDir: dir });
  try {
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html#connection`);

    // ConnectWise on loopback: refused before any request leaves (no Basic auth to a local listener).
    await fillConnectForm(options, sandboxForm(sandbox));
    await options.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(options.getByRole('alert').first()).toContainText('is an address on this computer');
    expect(sandbox.requests).toEqual([]);

    // A local model server: allowed in Site access, then requested by the Test click itself.
    await options.getByRole('tab', { name: 'FlowPilot' }).click();
    const form = options.getByRole('region', { name: 'AI Assistant' });
    await form.getByLabel('AI Assistant').check();
    await form.getByLabel('Endpoint base URL').fill(ai.baseUrl);
    await form.getByLabel('Model').fill(FAKE_AI_MODEL);
    await form.getByLabel('API key').fill(FAKE_AI_KEY);
    await allowSiteInExtensionSettings(ext, LOCAL_AI);
    expect(await hasHostPermission(options, LOCAL_AI)).toBe(false); // allowed, not yet granted: the worker cannot reach it
    await form.getByRole('button', { name: 'Test' }).click();
    await expect(form.getByRole('status')).toContainText(`The model ${FAKE_AI_MODEL} answered`);
    expect(await hasHostPermission(options, LOCAL_AI)).toBe(true);
    expect(ai.requests.map((r) => r.authorization)).toEqual([`Bearer ${FAKE_AI_KEY}`]);
    await form.getByRole('button', { name: 'Save AI settings' }).click();
    await expect(form.getByRole('status')).toHaveText('AI settings saved.');

    // Granting loopback for the AI does not make loopback a ConnectWise site.
    const registered = await options.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } };
        }
      ).chrome.scripting.getRegisteredContentScripts(),
    );
    expect(registered).toEqual([]);
    const page = await ext.context.newPage();
    await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
    await expect(page.locator('.cw_BannerView .detailLabel')).toContainText(`#${SPECIAL_TICKETS.standard}`);
    await expect(panel(page)).toHaveCount(0);
  } finally {
    await ext.close();
  }
});
