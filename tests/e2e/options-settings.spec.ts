import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchWithExtension } from './browser';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, test } from './fixtures';
import { expectConnected, readmeScreenshot } from './options-helpers';

test('FlowPilot settings: defaults, CW work types/roles, and they survive a browser restart', async ({
  sandbox,
}) => {
  sandbox.reset();
  const first = await launchWithExtension();
  let profile = first.userDataDir;
  try {
    await connectExtensionToSandbox(first, sandbox);
    const page = await first.context.newPage();
    await page.goto(`chrome-extension://${first.extensionId}/options.html#flowpilot`);
    await expect(page.getByRole('tab', { name: 'FlowPilot' })).toHaveAttribute('aria-selected', 'true');

    // Defaults (documented in the README).
    await expect(page.getByLabel('Auto Push')).not.toBeChecked();
    await expect(page.getByLabel('Auto Time Entry')).toBeChecked();
    await expect(page.getByLabel('Time Rounding')).toHaveValue('15');
    await expect(page.getByLabel('Note Visibility')).toHaveValue('internal');
    await expect(page.getByLabel('Include Diagnostic Steps')).toBeChecked();
    await expect(page.getByLabel('Prompt Status on Resolution')).toBeChecked();
    await expect(page.getByLabel('Prompt Status on Escalation')).toBeChecked();
    // Issue 13: the idle time is when the machine counts as away (it used to auto-pause the panel).
    await expect(page.getByLabel('Away after')).toHaveValue('15');
    await expect(page.getByLabel('Away after')).toHaveAccessibleDescription(/default 15/);
    await expect(page.getByLabel('Keep assistant conversations')).toBeChecked();
    // The site's own lists, fetched from CW.
    await expect(page.getByLabel('Work Type').locator('option')).toContainText([
      'The member’s default in ConnectWise',
      'After Hours',
      'Onsite',
      'Remote Support',
    ]);
    await expect(page.getByLabel('Work Role').locator('option')).toContainText(
      ['Engineer', 'Help Desk Tech'],
      {
        useInnerText: true,
      },
    );
    // Help texts get breathing room before the next label.
    const helpBottom = await page
      .locator('#fp-auto-push-help')
      .evaluate((el) => el.getBoundingClientRect().bottom);
    const nextLabelTop = await page
      .locator('label[for="fp-auto-time"]')
      .evaluate((el) => el.getBoundingClientRect().top);
    expect(nextLabelTop - helpBottom).toBeGreaterThanOrEqual(12);
    await readmeScreenshot(page, 'options-flowpilot');

    await page.getByLabel('Auto Push').check();
    await page.getByLabel('Time Rounding').selectOption({ label: '30 min' });
    await page.getByLabel('Note Visibility').selectOption({ label: 'Internal + external' });
    await page.getByLabel('Include Diagnostic Steps').uncheck();
    await page.getByLabel('Prompt Status on Escalation').uncheck();
    await page.getByLabel('Work Type').selectOption({ label: 'Onsite' });
    await page.getByLabel('Work Role').selectOption({ label: 'Engineer' });
    await page.getByLabel('Billable Option').selectOption({ label: 'No Charge' });
    await page.getByLabel('Minimum Billable Duration').fill('10');
    await page.getByLabel('Away after').fill('30');
    await page.getByLabel('Keep assistant conversations').uncheck();
    await page.getByRole('button', { name: 'Save FlowPilot settings' }).click();
    await expect(page.getByRole('status')).toContainText('Settings saved');
    await first.close({ keepProfile: true });

    const second = await launchWithExtension({ userDataDir: profile });
    profile = second.userDataDir;
    try {
      const again = await second.context.newPage();
      await again.goto(`chrome-extension://${second.extensionId}/options.html#flowpilot`);
      await expect(again.getByLabel('Auto Push')).toBeChecked();
      await expect(again.getByLabel('Time Rounding')).toHaveValue('30');
      await expect(again.getByLabel('Note Visibility')).toHaveValue('internalExternal');
      await expect(again.getByLabel('Include Diagnostic Steps')).not.toBeChecked();
      await expect(again.getByLabel('Prompt Status on Resolution')).toBeChecked();
      await expect(again.getByLabel('Prompt Status on Escalation')).not.toBeChecked();
      await expect(again.getByLabel('Work Type')).toHaveValue('2');
      await expect(again.getByLabel('Work Role')).toHaveValue('1');
      await expect(again.getByLabel('Billable Option')).toHaveValue('NoCharge');
      await expect(again.getByLabel('Minimum Billable Duration')).toHaveValue('10');
      await expect(again.getByLabel('Away after')).toHaveValue('30');
      await expect(again.getByLabel('Keep assistant conversations')).not.toBeChecked();
    } finally {
      await second.close();
    }
  } catch (e) {
    await first.close().catch(() => undefined);
    throw e;
  }
});

test('team setup: export, then import into a fresh profile (wrong passphrase and tampered file refused)', async ({
  ext,
  sandbox,
  openOptions,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const admin = await openOptions('mapping');
  await admin.getByLabel('Import CSV').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('John Smith,john.smith@flowpilotmsp.com\nAlex Tech,alex.tech@example.com\n'),
  });
  await admin.getByRole('button', { name: 'Auto-Match by Email' }).click();
  await expect(admin.getByRole('status')).toContainText('Matched 1 of 2 technicians');
  await admin.getByRole('tab', { name: 'FlowPilot' }).click();
  await admin.getByLabel('Time Rounding').selectOption({ label: 'Exact' });
  await admin.getByRole('button', { name: 'Save FlowPilot settings' }).click();
  await expect(admin.getByRole('status')).toContainText('Settings saved');

  await admin.getByRole('tab', { name: 'Connection' }).click();
  await admin.getByLabel('Export passphrase').fill('team passphrase 1');
  const [download] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByRole('button', { name: 'Export team setup' }).click(),
  ]);
  const file = path.join(tmpdir(), `fp-team-${Date.now()}.json`);
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain(sandbox.keys.privateKey);
  expect(text).not.toContain(sandbox.keys.publicKey);
  const tampered = JSON.parse(text);
  tampered.technicians[0].email = 'intruder@example.com';
  const tamperedFile = `${file}.tampered.json`;
  writeFileSync(tamperedFile, JSON.stringify(tampered));

  const tech = await launchWithExtension();
  try {
    const page = await tech.context.newPage();
    await page.goto(`chrome-extension://${tech.extensionId}/options.html`);
    await expect(page.getByText('Not connected')).toBeVisible();
    const importBtn = page.getByRole('button', { name: 'Import team setup' });

    await page.getByLabel('Team setup file').setInputFiles(file);
    await page.getByLabel('Import passphrase').fill('not the passphrase');
    await importBtn.click();
    await expect(page.getByRole('alert')).toContainText(
      'That passphrase is not the one this file was exported with',
    );

    await page.getByLabel('Team setup file').setInputFiles(tamperedFile);
    await page.getByLabel('Import passphrase').fill('team passphrase 1');
    await importBtn.click();
    await expect(page.getByRole('alert')).toContainText('was changed after it was exported');
    await expect(page.getByRole('alert')).toContainText('Nothing was changed');
    await expect(page.getByText('Not connected')).toBeVisible();

    await page.getByLabel('Team setup file').setInputFiles(file);
    await page.getByLabel('Import passphrase').fill('team passphrase 1');
    await importBtn.click();
    // The verified file is shown before anything is applied (issue 10 §2): its site, then Apply.
    const preview = page.getByRole('region', { name: 'Team setup to import' });
    await expect(preview).toContainText(`http://${sandbox.site}`);
    await expect(preview).toContainText('The AI assistant settings are the same as in this browser.');
    await expect(page.getByText('Not connected')).toBeVisible();
    await page.getByRole('button', { name: 'Apply team setup' }).click();
    await expectConnected(page);
    // The required choice is brought into view and focused (it used to sit below the fold, focus on body).
    const who = page.getByLabel('Who are you?');
    await expect(who).toBeFocused();
    await expect(who).toBeInViewport();
    // Until it is answered, the panel says so instead of posting silently as the API member.
    const cw = await tech.context.newPage();
    await cw.goto(sandbox.ticketPageUrl(1001));
    const notice = panel(cw).getByText('Choose who you are in FlowPilot options');
    await expect(notice).toBeVisible();
    await who.selectOption({ label: 'Alex Tech (alex.tech@example.com)' });
    await page.getByRole('button', { name: 'That’s me' }).click();
    await expect(page.getByRole('status')).toContainText('Signed in as Alex Tech');
    await expect(notice).toBeHidden();

    await page.getByRole('tab', { name: 'Member Mapping' }).click();
    await expect(page.getByRole('combobox', { name: 'John Smith' })).toHaveValue('John Smith (jsmith)');
    await expect(page.getByLabel('Signed-in technician').locator('option:checked')).toHaveText('Alex Tech');
    await page.getByRole('tab', { name: 'FlowPilot' }).click();
    await expect(page.getByLabel('Time Rounding')).toHaveValue('exact');
  } finally {
    await tech.close();
    rmSync(file, { force: true });
    rmSync(tamperedFile, { force: true });
  }
});
