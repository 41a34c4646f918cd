import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { expectConnected, fillConnectForm, readmeScreenshot, sandboxForm } from './options-helpers';

test('Connect with good keys shows Connected with a green dot; Test Connection shows the server version', async ({
  openOptions,
  sandbox,
}) => {
  const page = await openOptions();
  await expect(page.getByRole('tab', { name: 'Connection', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByText('Not connected')).toBeVisible();

  await fillConnectForm(page, sandboxForm(sandbox));
  // The private key is masked until the show toggle is pressed.
  const key = page.getByLabel('Private Key', { exact: true });
  await expect(key).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Show private key' }).click();
  await expect(key).toHaveAttribute('type', 'text');

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectConnected(page);
  const details = page.getByRole('definition');
  await expect(details.filter({ hasText: 'CW Sandbox' })).toBeVisible();
  await expect(details.filter({ hasText: sandbox.site })).toBeVisible();
  await expect(details.filter({ hasText: 'v2026.4.12345' })).toBeVisible();
  // The private key never comes back to the page: only its last 4 characters.
  await expect(page.getByText(`•••• ${sandbox.keys.privateKey.slice(-4)}`)).toBeVisible();
  expect(await page.content()).not.toContain(sandbox.keys.privateKey);

  await page.getByRole('button', { name: 'Test Connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connection test passed' })).toContainText(
    'Server version v2026.4.12345',
  );
  await readmeScreenshot(page, 'options-connection');

  // Survives a reload (it was saved), then Disconnect removes it.
  await page.reload();
  await expectConnected(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  // The confirmation opens on the safe choice: Enter or Space here must not disconnect.
  const confirm = page.getByRole('dialog', { name: 'Disconnect from ConnectWise?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expectConnected(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Disconnect now' }).click();
  await expect(page.getByText('Not connected')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Not connected')).toBeVisible();
});

test('wrong keys, unknown company, a non-CW site, missing permission, unreachable site and throttling each show their message and save nothing', async ({
  openOptions,
  sandbox,
}) => {
  // A web server that is not ConnectWise: every path answers with an HTML page.
  const notCw = createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Intranet</title><h1>Welcome</h1>');
  });
  await new Promise<void>((r) => notCw.listen(0, '127.0.0.1', r));
  const notCwSite = `127.0.0.1:${(notCw.address() as AddressInfo).port}`;

  const page = await openOptions('connection');
  const alert = page.getByRole('alert');
  const connect = page.getByRole('button', { name: 'Connect', exact: true });
  const good = sandboxForm(sandbox);
  try {
    await fillConnectForm(page, { ...good, privateKey: 'WrongPrivateKey1' });
    await connect.click();
    await expect(alert).toContainText('rejected the API keys');

    await fillConnectForm(page, { ...good, companyId: 'nosuchcompany' });
    await connect.click();
    await expect(alert).toContainText('does not know the company ID "nosuchcompany"');

    await fillConnectForm(page, { ...good, site: notCwSite });
    await connect.click();
    await expect(alert).toContainText('does not look like ConnectWise');

    const noMembers = sandbox.restrictedKeys.noMembers!;
    await fillConnectForm(page, {
      ...good,
      publicKey: noMembers.publicKey,
      privateKey: noMembers.privateKey,
    });
    await connect.click();
    await expect(alert).toContainText('security role is missing: Members (read)');

    // Nothing listens on the port of a server that was just closed.
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const goneSite = `127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise((r) => gone.close(r));
    await fillConnectForm(page, { ...good, site: goneSite });
    await connect.click();
    await expect(alert).toContainText(`Could not reach ${goneSite}`);

    sandbox.faults.add({ path: '^/system/info', status: 429, retryAfter: 30 });
    await fillConnectForm(page, good);
    await connect.click();
    await expect(alert).toContainText('throttling');
    await expect(alert).toContainText('Try again in 30 s');
    await expect(alert).not.toContainText('[object Object]');

    // Nothing was saved by any of them.
    await page.reload();
    await expect(page.getByText('Not connected')).toBeVisible();
  } finally {
    notCw.close();
  }
});

test('rotation: a failing new key pair leaves the working connection in place', async ({
  openOptions,
  sandbox,
}) => {
  const page = await openOptions();
  await fillConnectForm(page, sandboxForm(sandbox));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectConnected(page);

  await page.getByLabel('Public Key', { exact: true }).fill('RotatedPub000001');
  await page.getByLabel('Private Key', { exact: true }).fill('RotatedPrv000001');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('rejected the API keys');
  await expect(page.getByRole('alert')).toContainText('The current connection still works.');
  // Focus lands on the message, not on <body>.
  await expect(page.getByRole('alert')).toBeFocused();
  await page.getByRole('button', { name: 'Test Connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connection test passed' })).toBeVisible();
  await expect(page.getByText(`public ${sandbox.keys.publicKey}`)).toBeVisible();
});

test('validation: every missing field is named next to itself, marked invalid, and cleared when fixed', async ({
  openOptions,
  sandbox,
}) => {
  const page = await openOptions('connection');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const fields = ['Site URL', 'Company ID', 'Public Key', 'Private Key'];
  for (const label of fields) {
    const input = page.getByLabel(label, { exact: true });
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    // The message sits with the field and names it by its label, never by a schema key.
    await expect(input).toHaveAccessibleDescription(new RegExp(label));
  }
  await expect(page.getByLabel('Display Name', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('4 fields need attention');
  await expect(page.getByLabel('Site URL', { exact: true })).toBeFocused();
  expect(await page.locator('body').textContent()).not.toMatch(/companyId|publicKey|privateKey:/);

  await page.getByLabel('Company ID', { exact: true }).fill(sandbox.companyId);
  await expect(page.getByLabel('Company ID', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Site URL', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('3 fields need attention');

  // A server error during Connect: nothing is retried behind the scenes, so nothing says it will be.
  await fillConnectForm(page, sandboxForm(sandbox));
  for (const label of fields)
    await expect(page.getByLabel(label, { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  sandbox.faults.add({ path: '^/system/info', status: 503 });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('server error (503)');
  await expect(page.getByRole('alert')).toContainText('Nothing was saved');
  await expect(page.getByRole('alert')).not.toContainText('retried');
  await expect(page.getByRole('alert')).toBeFocused();
});
