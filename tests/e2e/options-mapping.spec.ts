import { connectExtensionToSandbox } from './connect';
import { expect, test } from './fixtures';
import { readmeScreenshot } from './options-helpers';

const ROSTER_CSV = [
  'name,email',
  'John Smith,john.smith@flowpilotmsp.com',
  'Maria Garcia,MARIA.GARCIA@flowpilotmsp.com ', // the CW member's email has odd case and spaces
  'Thanh Nguyen,thanh.nguyen@flowpilotmsp.com', // only the member's office email matches
  "Dan O'Brien,dan.obrien@flowpilotmsp.com", // inactive member: never auto-picked
  'Help Desk,helpdesk@flowpilotmsp.com', // two members share it: flagged
  'Broken Row,not-an-email',
].join('\n');

test('roster, Auto-Match count, manual assignment that survives a reload, signed-in technician', async ({
  ext,
  sandbox,
  openOptions,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await openOptions('mapping');
  await expect(page.getByRole('tab', { name: 'Member Mapping' })).toHaveAttribute('aria-selected', 'true');

  // One by hand, the rest from CSV (the bad row is reported, the good ones imported).
  await page.getByLabel('Name', { exact: true }).fill('Alex Tech');
  await page.getByLabel('Email', { exact: true }).fill('alex.tech@example.com');
  await page.getByRole('button', { name: 'Add Technician' }).click();
  await expect(page.getByRole('cell', { name: 'Alex Tech', exact: true })).toBeVisible();
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(ROSTER_CSV),
  });
  await expect(page.getByRole('alert')).toContainText('line 7: "not-an-email" is not an email address');
  await expect(page.getByRole('cell', { name: 'Help Desk', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Auto-Match by Email' }).click();
  await expect(page.getByRole('status')).toContainText('Matched 3 of 6 technicians');
  const row = (email: string) => page.locator(`tr[data-technician="${email}"]`);
  await expect(page.getByRole('combobox', { name: 'Maria Garcia' })).toHaveValue('Maria Garcia (mgarcia)');
  await expect(page.getByRole('combobox', { name: 'Thanh Nguyen' })).toHaveValue('Thanh Nguyen (tnguyen)');
  await expect(row('helpdesk@flowpilotmsp.com')).toContainText(
    '2 CW members share this email (sbrown, sabrown)',
  );
  await expect(row('dan.obrien@flowpilotmsp.com')).toContainText('Only an inactive CW member');
  await expect(page.getByRole('combobox', { name: "Dan O'Brien" })).toHaveValue('(Not mapped)');
  await expect(row('alex.tech@example.com')).toContainText('No CW member has this email');
  await readmeScreenshot(page, 'options-mapping');

  // Manual assignment by typing into the searchable dropdown: the row's warning goes with the choice.
  const alex = page.getByRole('combobox', { name: 'Alex Tech' });
  await alex.fill('akim');
  await page.getByRole('option', { name: 'Alex Kim (akim)' }).click();
  await expect(alex).toHaveValue('Alex Kim (akim)');
  await expect(row('alex.tech@example.com')).not.toContainText('No CW member has this email');
  const helpDesk = page.getByRole('combobox', { name: 'Help Desk' });
  await helpDesk.fill('sbrown');
  await page.getByRole('option', { name: 'Sam Brown (sbrown)' }).click();
  await expect(row('helpdesk@flowpilotmsp.com')).not.toContainText('share this email');

  // Leaving with unsaved changes asks first.
  await page.getByRole('tab', { name: 'FlowPilot' }).click();
  await expect(page.getByRole('dialog', { name: 'Leave without saving?' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('tab', { name: 'Member Mapping' })).toHaveAttribute('aria-selected', 'true');

  const save = page.getByRole('button', { name: 'Save Mappings' });
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Saved 2 mappings');
  // Busy, then nothing left to save: the pressed button keeps keyboard focus (it did drop to <body>).
  await expect(save).toBeDisabled();
  await expect(save).toBeFocused();
  await expect(row('helpdesk@flowpilotmsp.com')).toContainText('Set by hand');
  await expect(row('helpdesk@flowpilotmsp.com')).not.toContainText('share this email');

  // Leaving the tab and coming back: a row still unmapped keeps its reason (it was lost with Auto-Match's run).
  await page.getByRole('tab', { name: 'FlowPilot' }).click();
  await page.getByRole('tab', { name: 'Member Mapping' }).click();
  await expect(row('dan.obrien@flowpilotmsp.com')).toContainText('Only an inactive CW member');
  await expect(row('helpdesk@flowpilotmsp.com')).not.toContainText('share this email');

  // The Activity entry says it like the toast did ("2 mapping change(s) saved" before); its cap reads 20,000.
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByRole('table', { name: 'Activity log' })).toContainText('Saved 2 mappings');
  await expect(page.getByText('at most 20,000 entries')).toBeVisible();
  await page.getByRole('tab', { name: 'Member Mapping' }).click();

  await page.getByLabel('Signed-in technician').selectOption({ label: 'John Smith' });
  await expect(page.getByRole('status')).toContainText('Signed-in technician: John Smith');

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Alex Tech' })).toHaveValue('Alex Kim (akim)');
  await expect(row('alex.tech@example.com')).toContainText('Set by hand');
  await expect(page.getByRole('combobox', { name: 'John Smith' })).toHaveValue('John Smith (jsmith)');
  await expect(page.getByLabel('Signed-in technician')).toHaveValue(/tech-/);
  await expect(page.getByLabel('Signed-in technician').locator('option:checked')).toHaveText('John Smith');

  // Narrow windows: the table scrolls inside its card (683 px: it pushed Edit/Remove out of the card and
  // the page sideways), the tab strip wraps (400 px), and a row's combobox still opens and picks.
  const pageFits = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  for (const width of [683, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.getByRole('tab', { name: 'Activity' })).toBeVisible();
    expect(await pageFits(), `the options page scrolls sideways at ${width} px`).toBe(true);
  }
  const maria = page.getByRole('combobox', { name: 'Maria Garcia' });
  await maria.click();
  await expect(page.getByRole('option', { name: 'Maria Garcia (mgarcia)' })).toBeVisible();
  await maria.press('Escape');
  await page.setViewportSize({ width: 1400, height: 900 });

  // A later Auto-Match leaves the hand-made mapping alone.
  await page.getByRole('button', { name: 'Auto-Match by Email' }).click();
  await expect(page.getByRole('status')).toContainText('Matched 3 of 6 technicians');
  await expect(page.getByRole('combobox', { name: 'Alex Tech' })).toHaveValue('Alex Kim (akim)');
});
