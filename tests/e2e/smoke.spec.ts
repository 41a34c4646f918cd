import { expect, panel, test } from './fixtures';

test('the worker starts, the options page opens and a sandbox ticket page gets the panel', async ({
  ext,
  extensionId,
  openOptions,
  sandbox,
}) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  expect(ext.context.serviceWorkers().some((w) => w.url().endsWith('/background.js'))).toBe(true);

  const options = await openOptions();
  await expect(options.getByRole('heading', { name: 'FlowPilot for ConnectWise' })).toBeVisible();

  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(1001));
  await expect(panel(page)).toBeVisible();
  // Not connected yet: the panel says so instead of failing.
  await expect(panel(page).getByText('not connected', { exact: false })).toBeVisible();
  expect(await page.locator('flowpilot-panel').count()).toBe(1);
});
