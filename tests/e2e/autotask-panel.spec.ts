import type { Page } from '@playwright/test';
import { type AutotaskSandbox, SPECIAL_TICKETS, startAutotaskSandbox } from '../autotask-sandbox/index';
import { connectToAutotaskSandbox, dockCount, ticketFrame } from './autotask-helpers';
import { expect, test } from './fixtures';

// Issue 15: the panel on Autotask's ticket pages, in real Chromium against the Autotask sandbox.

let at: AutotaskSandbox;
test.beforeAll(async () => {
  at = await startAutotaskSandbox({ port: 0 });
});
test.afterAll(() => at.close());
test.beforeEach(() => at.reset());

const T = SPECIAL_TICKETS.standard;

/** The panel in the frame that shows the ticket (the shell's iframe or the page). */
function atPanel(page: Page) {
  return ticketFrame(page)
    .frameLocator('flowpilot-panel iframe[title="FlowPilot"]')
    .getByRole('complementary', { name: 'FlowPilot' });
}

test('auto-links the ticket from every Autotask URL form, with exactly one panel each', async ({ ext }) => {
  await connectToAutotaskSandbox(ext, at);
  const page = await ext.context.newPage();
  for (const [form, url] of Object.entries(at.ticketPageUrls(T))) {
    await test.step(form, async () => {
      await page.goto(url);
      const heading = atPanel(page).getByRole('heading', { level: 2 });
      await expect(heading).toContainText(`#${T}`);
      await expect(atPanel(page)).toHaveAttribute('data-context', 'ready');
      expect(await dockCount(page)).toBe(1);
    });
  }
  expect(at.contractViolations).toEqual([]);
});
