// The options page on Autotask (issue 15, phase C): choose Autotask, connect (wrong credentials first:
// a clear message, nothing saved), the status with the hourly usage, Test Connection, Member Mapping by
// email (email2/email3 too), the note settings, Disconnect. Real Chromium, real built extension, the
// Autotask sandbox on a free port.
import AxeBuilder from '@axe-core/playwright';
import { THREAD_LIMIT_MESSAGE } from '../autotask-sandbox/errors.ts';
import type { AutotaskSandbox } from '../autotask-sandbox/index.ts';
import { chooseAutotask, fillAutotask } from './autotask-options-helpers';
import type { ExtensionBrowser } from './browser';
import { askBg } from './connect';
import { lowContrast } from './contrast';
import { expect, test } from './fixtures';

test('choose Autotask, each wrong credential says what is wrong and saves nothing, then connect, test and disconnect', async ({
  openOptions,
  ext,
  at,
}) => {
  const page = await openOptions('connection');
  await chooseAutotask(page);
  const connect = page.getByRole('button', { name: 'Connect', exact: true });
  const alert = page.getByRole('alert');

  // Empty fields are named before anything is sent.
  await connect.click();
  await expect(alert.first()).toContainText('fields need attention');
  await expect(page.getByLabel('API user name', { exact: true })).toBeFocused();

  const cases: [Partial<{ userName: string; secret: string; integrationCode: string }>, string][] = [
    [{ secret: 'WrongSecret1234' }, "rejected the API user's secret"],
    [{ userName: 'nobody@nowhere.example' }, 'does not know this API user name'],
    [{ integrationCode: 'NOTTHECODE' }, 'refused the tracking identifier'],
  ];
  for (const [over, text] of cases) {
    await fillAutotask(page, at, over);
    await connect.click();
    await expect(alert).toContainText(text);
    await expect(page.getByText('Not connected')).toBeVisible();
  }
  // A sign-in or proxy page instead of Autotask's JSON.
  at.faults.add({ path: '^/Tickets/query$', html: true, status: 200 });
  await fillAutotask(page, at);
  await connect.click();
  await expect(alert).toContainText('web page instead of Autotask data');
  // The hourly limit used up (every integration of the database shares it).
  at.faults.add({ path: '^/Tickets/query$', status: 429, times: 1 });
  await connect.click();
  await expect(alert).toContainText('hourly API limit');
  // The thread limit that does not clear within the client's retries.
  at.faults.add({
    path: '^/Tickets/query$',
    status: 429,
    body: { errors: [THREAD_LIMIT_MESSAGE] },
    times: 0,
  });
  await connect.click();
  await expect(alert).toContainText('thread limit', { timeout: 30_000 });
  at.faults.clear();
  expect(await askBg(ext, 'optionsToBg', 'connection/get', {})).toBeNull();

  // Right credentials: connected, with the zone and the hourly usage.
  at.limits.setCount(1234);
  await connect.click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected to Acme Autotask' })).toBeVisible();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect(page.getByTestId('status-dot')).toHaveAttribute('data-color', 'green');
  const details = page.getByRole('definition');
  await expect(details.filter({ hasText: at.zone.zoneName })).toBeVisible();
  await expect(details.filter({ hasText: /^1,2\d\d of 10,000 requests this hour/ })).toBeVisible();
  await expect(page.getByText(`•••• ${at.credentials.secret.slice(-4)}`)).toBeVisible();
  expect(await page.content()).not.toContain(at.credentials.secret);
  expect(await page.content()).not.toContain(at.credentials.integrationCode);

  // Test Connection: passes, with the usage.
  await page.getByRole('button', { name: 'Test Connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connection test passed' })).toContainText(
    /Hourly API usage: 1,2\d\d of 10,000 requests this hour/,
  );

  // Saved: still there after a reload, Autotask still the chosen PSA.
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Autotask' })).toBeChecked();
  await expect(details.filter({ hasText: at.zone.zoneName })).toBeVisible();

  // Switching to ConnectWise while connected to Autotask asks first; Cancel keeps Autotask.
  await page.getByRole('radio', { name: 'ConnectWise' }).click();
  const ask = page.getByRole('dialog', { name: 'Switch to ConnectWise?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('radio', { name: 'Autotask' })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Change the Autotask connection' })).toBeVisible();

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page
    .getByRole('dialog', { name: 'Disconnect from Autotask?' })
    .getByRole('button', { name: 'Disconnect now' })
    .click();
  await expect(page.getByText('Not connected')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Not connected')).toBeVisible();
  expect(await askBg(ext, 'optionsToBg', 'connection/get', {})).toBeNull();
  expect(at.contractViolations).toEqual([]);
});

/** Connects through the same message the Connect button sends (the sandbox's zone lookup: e2e builds). */
async function connectAutotask(ext: ExtensionBrowser, at: AutotaskSandbox) {
  await askBg(ext, 'optionsToBg', 'connection/connect', {
    psa: 'autotask',
    displayName: 'Acme Autotask',
    ...at.credentials,
    zoneLookupUrl: at.zoneLookupUrl,
  });
}

const AT_ROSTER_CSV = [
  'name,email',
  'Jane Smith,jane.smith@flowpilotdemo.example',
  'Marcus Oyelaran,marcus@flowpilotdemo.example', // the resource's email2
  'Tom Baker,tbaker@flowpilotdemo.example', // the resource's email3 (other case)
  'Peter Gone,peter.gone@flowpilotdemo.example', // inactive resource: never auto-picked
  'Help Desk,helpdesk@flowpilotdemo.example', // two resources share it: flagged
  'Alex Tech,alex.tech@example.com', // nobody: mapped by hand
].join('\n');

test('Member Mapping on Autotask: resources, Auto-Match on email/email2/email3, Save Mappings survives a reload', async ({
  ext,
  at,
  openOptions,
}) => {
  await connectAutotask(ext, at);
  const page = await openOptions('mapping');
  await expect(page.getByRole('heading', { name: 'Technicians and their Autotask resources' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Autotask resource' })).toBeVisible();
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(AT_ROSTER_CSV),
  });
  await expect(page.getByRole('cell', { name: 'Alex Tech', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Auto-Match by Email' }).click();
  await expect(page.getByRole('status')).toContainText('Matched 3 of 6 technicians');
  const row = (email: string) => page.locator(`tr[data-technician="${email}"]`);
  await expect(page.getByRole('combobox', { name: 'Jane Smith' })).toHaveValue(/^Jane Smith/);
  await expect(page.getByRole('combobox', { name: 'Marcus Oyelaran' })).toHaveValue(/^Marcus Oyelaran/);
  await expect(page.getByRole('combobox', { name: 'Tom Baker' })).toHaveValue(/^Tom Baker/);
  await expect(row('helpdesk@flowpilotdemo.example')).toContainText('2 Autotask resources share this email');
  await expect(row('peter.gone@flowpilotdemo.example')).toContainText('Only an inactive Autotask resource');
  await expect(row('alex.tech@example.com')).toContainText('No Autotask resource has this email');

  // By hand, from the searchable list of resources.
  const alex = page.getByRole('combobox', { name: 'Alex Tech' });
  await alex.fill('Priya');
  await page.getByRole('option', { name: /^Priya Natarajan/ }).click();
  await expect(alex).toHaveValue(/^Priya Natarajan/);
  await page.getByRole('button', { name: 'Save Mappings' }).click();
  await expect(page.getByRole('status')).toContainText('Saved 1 mapping');

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Alex Tech' })).toHaveValue(/^Priya Natarajan/);
  await expect(row('alex.tech@example.com')).toContainText('Set by hand');
  await expect(page.getByRole('combobox', { name: 'Marcus Oyelaran' })).toHaveValue(/^Marcus Oyelaran/);
  await expect(row('marcus@flowpilotdemo.example')).toContainText('Auto-matched');
  expect(at.contractViolations).toEqual([]);
});

test('FlowPilot tab on Autotask: the tenant’s note types and publish values are chosen and saved, the time entry role is shown, CW-only controls are gone', async ({
  ext,
  at,
  openOptions,
}) => {
  await connectAutotask(ext, at);
  const { technicians } = await askBg<{ technicians: { id: string }[] }>(
    ext,
    'optionsToBg',
    'technicians/add',
    {
      name: 'Jane Smith',
      email: 'jane.smith@flowpilotdemo.example',
    },
  );
  await askBg(ext, 'optionsToBg', 'mapping/autoMatch', {});
  await askBg(ext, 'optionsToBg', 'mapping/signedIn', { technicianId: technicians[0]?.id });

  const page = await openOptions('flowpilot');
  const section = page.getByRole('region', { name: 'Autotask notes and time' });
  await expect(section).toBeVisible();
  // ConnectWise's work types and roles mean nothing on Autotask.
  await expect(page.getByLabel('Work Type', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Work Role', { exact: true })).toHaveCount(0);
  await expect(section.getByText('Not chosen yet')).toBeVisible();
  // Jane's resource has Technician II as its default service-desk role.
  await expect(section.getByTestId('at-role')).toHaveText(
    'Jane Smith’s time is logged as Technician II (the resource’s default service-desk role).',
  );

  // The tenant's own labels (the inactive "Legacy Note" is not offered).
  const internalType = section.getByLabel('Note type for Internal Analysis notes');
  await expect(internalType.locator('option', { hasText: 'Legacy Note' })).toHaveCount(0);
  await internalType.selectOption({ label: 'Task Notes' });
  await section.getByLabel('Note type for Resolution notes').selectOption({ label: 'Task Summary' });
  await section.getByLabel('Note type for Description notes').selectOption({ label: 'Task Detail' });
  await section
    .getByLabel('Publish value for internal notes')
    .selectOption({ label: 'Internal Project Team' });
  await section
    .getByLabel('Publish value for customer-facing notes')
    .selectOption({ label: 'All Autotask Users' });
  await section.getByRole('button', { name: 'Save Autotask note settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Autotask note settings saved' })).toBeVisible();

  await page.reload();
  await expect(section.getByLabel('Note type for Internal Analysis notes')).toHaveValue('3');
  await expect(section.getByLabel('Publish value for internal notes')).toHaveValue('2');
  await expect(section.getByLabel('Publish value for customer-facing notes')).toHaveValue('1');
  await expect(section.getByText('Not chosen yet')).toHaveCount(0);
  expect(at.contractViolations).toEqual([]);
});

test('a security level that hides tickets connects with a warning; one that cannot read resources is named and nothing is saved', async ({
  ext,
  at,
  openOptions,
}) => {
  const page = await openOptions('connection');
  await chooseAutotask(page);
  const connect = page.getByRole('button', { name: 'Connect', exact: true });

  await fillAutotask(page, at, at.restrictedUsers.noResources);
  await connect.click();
  await expect(page.getByRole('alert')).toContainText('cannot read: Resources (read)');
  expect(await askBg(ext, 'optionsToBg', 'connection/get', {})).toBeNull();

  await fillAutotask(page, at, at.restrictedUsers.noTickets);
  await connect.click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect(page.getByTestId('status-dot')).toHaveAttribute('data-color', 'amber');
  await expect(page.getByRole('definition').filter({ hasText: 'sees no tickets' })).toBeVisible();
  // Kept with the connection, not only in Connect's answer.
  await page.reload();
  await expect(page.getByRole('definition').filter({ hasText: 'sees no tickets' })).toBeVisible();
  await expect(page.getByTestId('status-dot')).toHaveAttribute('data-color', 'amber');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: the Autotask Connection, Member Mapping and FlowPilot tabs, ${scheme}`, async ({
    ext,
    at,
    openOptions,
  }) => {
    test.slow();
    await connectAutotask(ext, at);
    await askBg(ext, 'optionsToBg', 'technicians/add', {
      name: 'Jane Smith',
      email: 'jane.smith@flowpilotdemo.example',
    });
    const page = await openOptions();
    await page.emulateMedia({ colorScheme: scheme });
    for (const tab of ['connection', 'mapping', 'flowpilot']) {
      await page.goto(`chrome-extension://${ext.extensionId}/options.html#${tab}`);
      await expect(page.getByRole('tabpanel')).toBeVisible();
      if (tab === 'connection') await expect(page.getByText('Hourly API usage')).toBeVisible();
      if (tab === 'mapping') await expect(page.getByRole('combobox', { name: 'Jane Smith' })).toBeEnabled();
      if (tab === 'flowpilot')
        await expect(page.getByLabel('Note type for Resolution notes').locator('option')).not.toHaveCount(1);
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
        `#${tab} (${scheme})`,
      ).toEqual([]);
      expect(await lowContrast(page, 'page'), `#${tab} contrast (${scheme})`).toEqual([]);
    }
  });
}
