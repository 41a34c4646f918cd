import { readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_POLICY_EXTENSION_ID } from '../../lib/platform/build-variants';
import { launchWithExtension } from './browser';
import { expect, panel, panelFrame, test } from './fixtures';
import { openPolicyFile } from './policy/policy-file';

// Zero-touch rollout with a real Chromium policy file: the e2e-policy build (its own pinned id) is
// connected, attributed and locked by policy with no typing, and follows a policy change live.
const EXTENSION_DIR = path.resolve(
  import.meta.dirname,
  '../..',
  process.env.FP_OUT_DIR ?? '.output',
  'chrome-mv3-e2e-policy',
);

// Removed in teardown even when the test times out (a finally block inside the test would not run then).
const policyFile = openPolicyFile();
test.afterEach(() => {
  if (!('skip' in policyFile)) policyFile.remove();
});

test('policy: connected with no typing, locked setting read-only, technician attributed, live change applied', async ({
  sandbox,
}) => {
  test.setTimeout(150_000);
  const file = policyFile;
  test.skip('skip' in file, 'skip' in file ? file.skip : '');
  if ('skip' in file) return;
  sandbox.reset();
  const policy = {
    site: sandbox.site,
    companyId: sandbox.companyId,
    publicKey: sandbox.keys.publicKey,
    privateKey: sandbox.keys.privateKey,
    displayName: 'Acme (policy)',
    technicians: [
      { name: 'John Smith', email: 'john.smith@flowpilotmsp.com' },
      { name: 'Alex Kim', email: 'alex.kim@flowpilotmsp.com' },
    ],
    settings: {
      noteVisibility: { default: 'internal', locked: true },
      autoTimeEntry: { default: false, locked: true },
    },
  };
  file.write(policy);
  const ext = await launchWithExtension({ extensionDir: EXTENSION_DIR });
  try {
    expect(ext.extensionId).toBe(E2E_POLICY_EXTENSION_ID);
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html#connection`);
    // Connected by the policy: nobody typed a key.
    await expect(options.getByRole('heading', { name: 'Managed by your organization' })).toBeVisible();
    await expect(options.getByLabel('Connection details')).toContainText('Acme (policy)', {
      timeout: 30_000,
    });
    await expect(options.getByRole('button', { name: 'Disconnect' })).toBeDisabled();
    await expect(options.getByText('This connection comes from your organization’s policy')).toBeVisible();

    // One-time choice (no profile email in a test profile): who uses this browser.
    await options.getByLabel('I am').selectOption({ label: 'John Smith (john.smith@flowpilotmsp.com)' });
    await options.getByRole('button', { name: 'This is me' }).click();
    await expect(options.getByText('Who are you?')).toHaveCount(0);

    // The locked setting is read-only and labelled.
    await options.getByRole('tab', { name: 'FlowPilot' }).click();
    const visibility = options.getByLabel('Note Visibility');
    await expect(visibility).toBeDisabled();
    await expect(visibility).toHaveValue('internal');
    await expect(options.locator('#fp-visibility-help')).toContainText('Set by your organization');

    // A post from the ticket page is attributed to John Smith's CW member (mapped by email by itself).
    const page = await ext.context.newPage();
    await page.goto(sandbox.ticketPageUrl(1001));
    await expect(panel(page)).toHaveAttribute('data-context', 'ready');
    await panel(page).getByRole('button', { name: 'Update' }).click();
    const dialog = panelFrame(page).getByRole('dialog', { name: /Update ticket/ });
    await dialog.getByLabel('Preview').fill('Policy e2e: posted with no setup on this browser.');
    await expect(dialog.getByLabel('Add a time entry')).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Post to Ticket' }).click();
    await expect(panel(page).getByRole('status').filter({ hasText: 'Posted to ticket #1001' })).toBeVisible({
      timeout: 20_000,
    });
    const notes = sandbox.state.notes.filter((n) => n.text.includes('Policy e2e: posted with no setup'));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.member).toMatchObject({ id: 101, identifier: 'jsmith' });

    // Export policy template: the same keys back, the API keys only when "Include keys" is ticked.
    await options.getByRole('tab', { name: 'Connection' }).click();
    const exportTemplate = async () => {
      const [download] = await Promise.all([
        options.waitForEvent('download'),
        options.getByRole('button', { name: 'Export policy template' }).click(),
      ]);
      return readFileSync((await download.path())!, 'utf8');
    };
    const plain = await exportTemplate();
    expect(JSON.parse(plain)).toMatchObject({
      companyId: sandbox.companyId,
      technicians: [policy.technicians[1], policy.technicians[0]], // sorted by name
      settings: { noteVisibility: { default: 'internal', locked: false } },
    });
    expect(plain).not.toContain(sandbox.keys.privateKey);
    await options.getByLabel('Include keys', { exact: false }).check();
    expect(JSON.parse(await exportTemplate())).toMatchObject({ privateKey: sandbox.keys.privateKey });
    await options.getByRole('tab', { name: 'FlowPilot' }).click();

    // Live change: unlock Note Visibility in the file. Chromium watches its policy folder and
    // republishes the extension's policy (storage.onChanged, area "managed") without a restart.
    file.write({ ...policy, settings: { autoTimeEntry: { default: false, locked: true } } });
    await expect(visibility).toBeEnabled({ timeout: 60_000 });
    await expect(options.locator('#fp-visibility-help')).not.toContainText('Set by your organization');

    // A bad value is named by its policy key on the options page and in the panel, which keeps working.
    file.write({ ...policy, settings: { billableOption: { default: 'Sometimes', locked: true } } });
    const optionsAlert = options.getByRole('alert').filter({ hasText: 'settings.billableOption.default' });
    await expect(optionsAlert).toContainText('use one of Billable, DoNotBill, NoCharge, NoDefault', {
      timeout: 60_000,
    });
    const panelAlert = panel(page).getByRole('alert', { name: 'Policy problem' });
    await expect(panelAlert).toContainText('Policy key "settings.billableOption.default"');
    await expect(panel(page)).toHaveAttribute('data-context', 'ready');
    await expect(panel(page).getByRole('heading', { level: 2 })).toContainText('#1001');
  } finally {
    await ext.close();
  }
});
