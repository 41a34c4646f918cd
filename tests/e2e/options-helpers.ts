import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Sandbox } from '../cw-sandbox/index';
import { expect } from './fixtures';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../docs/screenshots');

/** README screenshots: written when missing or with UPDATE_SCREENSHOTS=1, so CI runs leave the tree clean. */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS !== '1' && existsSync(file)) return;
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
}

export async function fillConnectForm(
  page: Page,
  f: { displayName?: string; site: string; companyId: string; publicKey: string; privateKey: string },
): Promise<void> {
  await page.getByLabel('Display Name', { exact: true }).fill(f.displayName ?? 'CW Sandbox');
  await page.getByLabel('Site URL', { exact: true }).fill(f.site);
  await page.getByLabel('Company ID', { exact: true }).fill(f.companyId);
  await page.getByLabel('Public Key', { exact: true }).fill(f.publicKey);
  await page.getByLabel('Private Key', { exact: true }).fill(f.privateKey);
}

export function sandboxForm(sandbox: Sandbox) {
  return { site: sandbox.site, companyId: sandbox.companyId, ...sandbox.keys };
}

export async function expectConnected(page: Page): Promise<void> {
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect(page.getByTestId('status-dot')).toHaveAttribute('data-color', 'green');
}
