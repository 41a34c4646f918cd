import type { Frame, Page } from '@playwright/test';
import type { Sandbox } from '../cw-sandbox/index';
import type { ExtensionBrowser } from './browser';
import { connectExtensionToSandbox } from './connect';
import { expect, panel } from './fixtures';

/** The linked ticket's heading in the panel header ("#1001 Outlook not syncing…"). */
export function ticketHeading(page: Page) {
  return panel(page).getByRole('heading', { level: 2 });
}

/** Waits until the panel shows this ticket, and checks there is exactly one panel on the page. */
export async function expectLinked(page: Page, id: number | null) {
  if (id === null) {
    await expect(ticketHeading(page)).toHaveCount(0);
  } else {
    await expect(ticketHeading(page)).toContainText(`#${id}`);
  }
  expect(await page.locator('flowpilot-panel').count()).toBe(1);
}

/** The ticket id in CW's own banner (what the user sees), to compare with the panel. */
export async function bannerId(page: Page): Promise<number> {
  const text = (await page.locator('.cw_BannerView .detailLabel').textContent()) ?? '';
  return Number(/#(\d+)/.exec(text)?.[1]);
}

/** The panel frame as a Playwright Frame (to run code inside it, as the panel's own document). */
export async function panelFrameOf(page: Page): Promise<Frame> {
  await expect(panel(page)).toBeAttached();
  const frame = page.frames().find((f) => new URL(f.url()).pathname === '/panel.html');
  if (!frame) throw new Error('No panel frame on the page.');
  return frame;
}

/** Connected to the sandbox, a new tab on ticket `id`'s CW page (the panel loads beside it). */
export async function openConnectedTicket(
  ext: ExtensionBrowser,
  sandbox: Sandbox,
  id: number,
): Promise<Page> {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(id));
  return page;
}
