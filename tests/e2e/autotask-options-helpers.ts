// The Connection tab's Autotask half, driven like a user (shared by the Autotask options and checklist specs).
import { expect, type Page } from '@playwright/test';
import type { AutotaskSandbox } from '../autotask-sandbox/index.ts';

/** "Which PSA?" → Autotask (ConnectWise is preselected on a fresh profile). */
export async function chooseAutotask(page: Page) {
  const group = page.getByRole('group', { name: 'Which PSA?' });
  await expect(group.getByRole('radio', { name: 'ConnectWise' })).toBeChecked();
  await group.getByRole('radio', { name: 'Autotask' }).check();
  await expect(page.getByRole('heading', { name: 'Connect to Autotask' })).toBeVisible();
}

export async function fillAutotask(
  page: Page,
  at: AutotaskSandbox,
  over: Partial<{ userName: string; secret: string; integrationCode: string }> = {},
) {
  const c = { ...at.credentials, ...over };
  await page.getByLabel('API user name', { exact: true }).fill(c.userName);
  await page.getByLabel('Secret', { exact: true }).fill(c.secret);
  await page.getByLabel('Tracking identifier', { exact: true }).fill(c.integrationCode);
  await page.getByLabel('Display name', { exact: true }).fill('Acme Autotask');
  await page.getByLabel('Zone lookup URL (test build)', { exact: true }).fill(at.zoneLookupUrl);
}
