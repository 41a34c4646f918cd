// How both demos (`npm run demo`, `-- --psa autotask`) end once the ticket page is open: wait for the
// panel, then a screenshot and close (headless), or leave Chromium open until its window is closed.
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from '../tests/e2e/browser';

export async function endDemo(o: {
  page: Page;
  ext: ExtensionBrowser;
  sandbox: { close(): Promise<void> };
  headless: boolean;
  screenshot?: string;
}): Promise<void> {
  // The panel lives in its own frame (panel.html) inside the dock.
  const shown = await o.page
    .frameLocator('flowpilot-panel iframe')
    .getByRole('complementary', { name: 'FlowPilot' })
    .waitFor({ timeout: 15_000 })
    .then(() => true)
    .catch(() => false);
  if (!shown) console.log('The FlowPilot panel did not appear on the ticket page.');
  if (o.headless) {
    const file = path.resolve(o.screenshot ?? 'shot.png');
    if (shown) await o.page.waitForTimeout(1500); // let the panel fill in the ticket context
    await o.page.screenshot({ path: file });
    console.log(`Screenshot written to ${file}`);
    await o.ext.close();
    await o.sandbox.close();
  } else {
    console.log('Chromium is open with FlowPilot loaded. Close the browser window or press Ctrl-C to stop.');
    o.ext.context.on('close', () => void o.sandbox.close().then(() => process.exit(0)));
  }
}
