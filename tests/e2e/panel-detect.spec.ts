import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS, ticketPagePaths } from '../cw-sandbox/index';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, test } from './fixtures';
import { bannerId, expectLinked, ticketHeading } from './panel-helpers';

test('auto-links the ticket from every CW URL form, and project tickets', async ({ ext, sandbox }) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  for (const [form, path] of Object.entries(ticketPagePaths(SPECIAL_TICKETS.standard))) {
    await page.goto(sandbox.url + path);
    await expectLinked(page, SPECIAL_TICKETS.standard);
    await expect(ticketHeading(page), form).toContainText('Outlook not syncing on laptop');
  }
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.project));
  await expect(ticketHeading(page)).toContainText('Project ticket #5001');
  await expect(panel(page).getByText('Contoso M365 Migration')).toBeVisible();
});

test('follows SPA navigation: ticket → board → ticket B → back → forward, one panel for the ticket on screen', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  const p = panel(page);
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  await expectLinked(page, 1001);

  // Ticket → its board (pushState): not a ticket, only Link Ticket is offered.
  await page.locator('.cw-nav-board').click();
  await expect(page.locator('.srboard-grid')).toBeVisible();
  await expectLinked(page, null);
  await expect(p.getByRole('toolbar', { name: 'Ticket actions' }).getByRole('button')).toHaveText([
    'Link Ticket',
  ]);

  // Board row → ticket B in place: the URL stays on the board, the banner decides.
  const row = page.locator('tr.cw-ml-row').nth(5);
  const b = Number(await row.getAttribute('data-ticket-id'));
  await row.locator('a.multilineClickable').first().click();
  await expectLinked(page, b);
  expect(page.url()).toContain('routeTo=ServiceBoard');
  await expect(p.getByRole('button', { name: 'Unlink' })).toBeVisible();

  // "Previous ticket" opens another ticket in place of B (URL still stale).
  await page.locator('.cw-prev-ticket').click();
  await expect(page.locator('.cw_BannerView .detailLabel')).not.toContainText(`#${b} `);
  const c = await bannerId(page);
  await expectLinked(page, c);

  // Back → ticket 1001 (the URL before the board), forward → the board again.
  await page.goBack();
  await expect(page.locator('.cw_BannerView .detailLabel')).toContainText('#1001');
  await expectLinked(page, 1001);
  await page.goForward();
  await expect(page.locator('.srboard-grid')).toBeVisible();
  await expectLinked(page, null);

  // "Next ticket" pushes a real URL.
  await page.goto(sandbox.ticketPageUrl(1001));
  await expectLinked(page, 1001);
  await page.locator('.cw-next-ticket').click();
  await expectLinked(page, 1002);
  expect(await page.locator('flowpilot-panel').count()).toBe(1);
});

/** CW's Save buttons are not covered: the element at their centre is CW's own. */
async function expectSaveButtonsClear(page: Page) {
  for (const sel of ['.cw_ToolbarButton_Save', '.cw_ToolbarButton_SaveAndClose']) {
    await expect(page.locator(sel)).toBeVisible();
    const hit = await page.locator(sel).evaluate((el) => {
      const r = el.getBoundingClientRect();
      const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return at !== null && (el.contains(at) || at.contains(el));
    });
    expect(hit, sel).toBe(true);
  }
}

test('collapses to a tab that keeps CW Save buttons clear, survives reload, and toggles by command', async ({
  ext,
  sandbox,
}) => {
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  const p = panel(page);
  await expect(ticketHeading(page)).toContainText('#1001');
  // Expanded, the panel docks beside CW's screen: the Save buttons stay reachable too.
  await expectSaveButtonsClear(page);
  await p.getByRole('button', { name: 'Collapse FlowPilot' }).click();
  const expand = p.getByRole('button', { name: 'Expand FlowPilot' });
  await expect(expand).toBeVisible();
  // The frame shows the tab at once and saves the state after; the dock follows the saved change
  // (storage.onChanged), so once it has, a reload reads it.
  const dock = page.locator('flowpilot-panel');
  await expect(dock).toHaveAttribute('data-collapsed', '');

  await page.reload();
  await expect(panel(page).getByRole('button', { name: 'Expand FlowPilot' })).toBeVisible();
  await expect(ticketHeading(page)).toHaveCount(0);
  await expectSaveButtonsClear(page);

  // The toggle-panel command reaches the tab as a message from the worker (what commands.ts sends).
  const [worker] = ext.context.serviceWorkers();
  const toggle = () =>
    worker!.evaluate(async () => {
      type Tabs = {
        query(q: object): Promise<{ id?: number; url?: string }[]>;
        sendMessage(id: number, m: unknown): Promise<unknown>;
      };
      const c = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
      const tabs = await c.tabs.query({});
      const tab = tabs.find((t) => t.url?.includes('routeTo=ServiceFV'));
      await c.tabs.sendMessage(tab!.id!, { dir: 'bgToPanel', type: 'panel/toggle' });
    });
  await toggle();
  await expect(ticketHeading(page)).toContainText('#1001');
  await toggle();
  await expect(panel(page).getByRole('button', { name: 'Expand FlowPilot' })).toBeVisible();
  await panel(page).getByRole('button', { name: 'Expand FlowPilot' }).click();
  await expect(ticketHeading(page)).toContainText('#1001');
  await expect(dock).not.toHaveAttribute('data-collapsed'); // saved (see above)
  await page.reload();
  await expect(ticketHeading(page)).toContainText('#1001');
});

test('not connected: says so and opens the options page', async ({ ext, sandbox }) => {
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  const p = panel(page);
  await expect(p.getByText('FlowPilot is not connected to ConnectWise.')).toBeVisible();
  const opened = ext.context.waitForEvent('page');
  await p.getByRole('button', { name: 'Open FlowPilot options' }).click();
  expect((await opened).url()).toContain('/options.html');
});

test("follows the system's dark mode inside its frame", async ({ ext, sandbox }) => {
  const page = await ext.context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  const p = panel(page);
  await expect(p).toBeVisible();
  await expect(p).toHaveCSS('background-color', 'rgb(22, 27, 34)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(p).toHaveCSS('background-color', 'rgb(255, 255, 255)');
});
