import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import type { ExtensionBrowser } from './browser';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';
import { openConnectedTicket, panelFrameOf, ticketHeading } from './panel-helpers';

// The panel's place beside CW (issue 11 §4, §5): a resizable, remembered width; overlaying CW in a
// narrow window instead of squeezing it; and the toggle shortcut as the keyboard way in and out.

const TICKET = SPECIAL_TICKETS.standard;

/** The dock's box in CW's page (the element that holds the panel frame). */
function dockBox(page: Page) {
  return page.locator('flowpilot-panel').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, width: r.width, shadow: getComputedStyle(el).boxShadow };
  });
}

/** How much room CW's own page has: the right edge of its content and the margin kept free for the panel. */
function cwRoom(page: Page) {
  return page.evaluate(() => ({
    right: (document.getElementById('cwContent') as HTMLElement).getBoundingClientRect().right,
    marginRight: getComputedStyle(document.documentElement).marginRight,
  }));
}

function separator(page: Page) {
  return page.getByRole('separator', { name: 'Resize FlowPilot panel' });
}

/** Drags the separator horizontally by dx pixels with the real mouse (negative = to the left). */
async function dragBy(page: Page, dx: number) {
  const box = await separator(page).boundingBox();
  if (!box) throw new Error('The separator is not visible.');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 12 });
  await page.mouse.up();
}

/** The worker counts writes of the saved width, to show a drag saves once, not per pixel. */
async function countWidthWrites(ext: ExtensionBrowser) {
  const [worker] = ext.context.serviceWorkers();
  await worker!.evaluate(() => {
    const g = globalThis as unknown as {
      widthWrites?: number;
      chrome: { storage: { onChanged: { addListener(cb: (c: Record<string, unknown>) => void): void } } };
    };
    g.widthWrites = 0;
    g.chrome.storage.onChanged.addListener((c) => {
      if ('flowpilot.panel.width' in c) g.widthWrites! += 1;
    });
  });
  return () => worker!.evaluate(() => (globalThis as unknown as { widthWrites: number }).widthWrites);
}

/** What the toggle-panel command (Alt+Shift+F) does: commands.ts sends this to the active tab. */
async function toggleByCommand(ext: ExtensionBrowser) {
  const [worker] = ext.context.serviceWorkers();
  await worker!.evaluate(async () => {
    type Tabs = {
      query(q: object): Promise<{ id?: number; url?: string }[]>;
      sendMessage(id: number, m: unknown): Promise<unknown>;
    };
    const c = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
    const [tab] = await c.tabs.query({ url: '*://*/*routeTo=ServiceFV*' });
    await c.tabs.sendMessage(tab!.id!, { dir: 'bgToPanel', type: 'panel/toggle' });
  });
}

test('the panel is resized by dragging or the arrow keys on its edge, remembered and followed by every tab', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1300, height: 800 });
  await page.goto(sandbox.ticketPageUrl(TICKET));
  await expect(ticketHeading(page)).toContainText(`#${TICKET}`);
  const other = await ext.context.newPage();
  await other.setViewportSize({ width: 1300, height: 800 });
  await other.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.quotes));
  await expect(ticketHeading(other)).toContainText(`#${SPECIAL_TICKETS.quotes}`);

  // The technician works in the tab in front. Opening `other` put `page` behind it, where Chromium
  // updates the panel frame's input routing lazily after a viewport change: a click right after the
  // resize below then went to CW's page instead of the frame (5 of 30 in a loop; 0 of 40 in front),
  // although Playwright reports both tabs visible and focused.
  await page.bringToFront();
  const sep = separator(page);
  await expect(sep).toHaveAttribute('aria-orientation', 'vertical');
  await expect(sep).toHaveAttribute('aria-valuemin', '320');
  await expect(sep).toHaveAttribute('aria-valuemax', '650'); // half of 1300
  await expect(sep).toHaveAttribute('aria-valuenow', '360');
  expect((await dockBox(page)).width).toBe(360);

  // Widen by 100 px, then narrow by 40 (the pointer crosses the panel frame on the way back).
  const writes = await countWidthWrites(ext);
  await dragBy(page, -100);
  await expect(sep).toHaveAttribute('aria-valuenow', '460');
  expect((await dockBox(page)).width).toBe(460);
  await dragBy(page, 40);
  await expect(sep).toHaveAttribute('aria-valuenow', '420');
  expect((await dockBox(page)).width).toBe(420);
  // CW keeps the rest of the window, right up to the panel.
  const room = await cwRoom(page);
  expect(room.marginRight).toBe('420px');
  expect(room.right).toBeLessThanOrEqual((await dockBox(page)).left);
  // One saved write per drag, not one per pixel moved.
  await expect.poll(writes).toBe(2);

  // The other tab follows without a reload.
  await expect.poll(async () => (await dockBox(other)).width).toBe(420);
  await expect(separator(other)).toHaveAttribute('aria-valuenow', '420');

  // Past the limits: at most half the window, at least 320 px.
  await dragBy(page, -600);
  await expect(sep).toHaveAttribute('aria-valuenow', '650');
  await dragBy(page, 600);
  await expect(sep).toHaveAttribute('aria-valuenow', '320');

  // The keyboard: Left widens by 16 px, Right narrows, Home and End go to the limits.
  await sep.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(sep).toHaveAttribute('aria-valuenow', '352');
  await page.keyboard.press('ArrowRight');
  await expect(sep).toHaveAttribute('aria-valuenow', '336');
  expect((await dockBox(page)).width).toBe(336);
  await page.keyboard.press('End');
  await expect(sep).toHaveAttribute('aria-valuenow', '650');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(sep).toHaveAttribute('aria-valuenow', '368');
  await expect.poll(async () => (await dockBox(other)).width).toBe(368);

  // A reload (and a new tab) keep the width.
  await page.reload();
  await expect(ticketHeading(page)).toContainText(`#${TICKET}`);
  expect((await dockBox(page)).width).toBe(368);
  await expect(separator(page)).toHaveAttribute('aria-valuenow', '368');

  // A narrower window shows it within its own limits, without forgetting the choice.
  await dragBy(page, -200);
  await expect(separator(page)).toHaveAttribute('aria-valuenow', '568');
  await page.setViewportSize({ width: 1100, height: 800 });
  await expect.poll(async () => (await dockBox(page)).width).toBe(550);
  await page.setViewportSize({ width: 1300, height: 800 });
  await expect.poll(async () => (await dockBox(page)).width).toBe(568);

  // Collapsed, there is nothing to resize. By keyboard: a click right after the viewport change above can
  // reach CW's page instead of the panel frame (see above); the mouse path is in panel-detect.spec.ts.
  await panel(page).getByRole('button', { name: 'Collapse FlowPilot' }).press('Enter');
  await expect(separator(page)).toHaveCount(0);
  await expect.poll(async () => (await dockBox(page)).width).toBe(30);
});

test('Widen and Narrow resize the panel without dragging (WCAG 2.2 §2.5.7), remembered like a drag', async ({
  ext,
  sandbox,
}) => {
  // The window's size is set before the page loads: a click right after a viewport change can reach CW's
  // page instead of the panel frame while Chromium updates the frame's input routing (lost once in CI,
  // see the first test); a technician does not click within milliseconds of resizing the window.
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1300, height: 800 });
  await page.goto(sandbox.ticketPageUrl(TICKET));
  await page.bringToFront();
  await expect(ticketHeading(page)).toContainText(`#${TICKET}`);
  const p = panel(page);
  const widen = p.getByRole('button', { name: 'Widen FlowPilot panel' });
  const narrow = p.getByRole('button', { name: 'Narrow FlowPilot panel' });
  expect((await dockBox(page)).width).toBe(360);
  await widen.click();
  await expect.poll(async () => (await dockBox(page)).width).toBe(424);
  await expect(separator(page)).toHaveAttribute('aria-valuenow', '424');
  await narrow.click();
  await expect.poll(async () => (await dockBox(page)).width).toBe(360);
  await narrow.click();
  await expect.poll(async () => (await dockBox(page)).width).toBe(320);
  await expect(narrow).toBeDisabled(); // the narrowest
  await widen.click();
  await expect.poll(async () => (await dockBox(page)).width).toBe(384);
  await page.reload();
  await expect(ticketHeading(page)).toContainText(`#${TICKET}`);
  await expect.poll(async () => (await dockBox(page)).width).toBe(384);
});

test('below 1000 px of window width the expanded panel overlays CW instead of squeezing it, live on resize', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(sandbox.ticketPageUrl(TICKET));
  await expect(ticketHeading(page)).toContainText(`#${TICKET}`);
  const viewportWidth = () => page.evaluate(() => document.documentElement.clientWidth);

  // 900 px: CW keeps the whole window; the panel lies over its right side, with a shadow.
  let dock = await dockBox(page);
  let room = await cwRoom(page);
  expect(room.marginRight).toBe('0px');
  expect(room.right).toBe(await viewportWidth());
  expect(dock.width).toBe(360);
  expect(dock.left).toBeLessThan(room.right);
  expect(dock.shadow).not.toBe('none');

  // 1300 px: the panel reserves its width beside CW, no shadow needed.
  await page.setViewportSize({ width: 1300, height: 800 });
  await expect.poll(async () => (await cwRoom(page)).marginRight).toBe('360px');
  dock = await dockBox(page);
  room = await cwRoom(page);
  expect(room.right).toBeLessThanOrEqual(dock.left);
  expect(dock.shadow).toBe('none');

  // And back, live.
  await page.setViewportSize({ width: 900, height: 800 });
  await expect.poll(async () => (await cwRoom(page)).marginRight).toBe('0px');
  expect((await cwRoom(page)).right).toBe(await viewportWidth());
  expect((await dockBox(page)).shadow).not.toBe('none');

  // Collapsed, it is the small tab as before (by keyboard: a click right after the resize can miss the
  // panel frame, see the first test).
  await panel(page).getByRole('button', { name: 'Collapse FlowPilot' }).press('Enter');
  await expect.poll(async () => (await dockBox(page)).width).toBe(30);
  expect((await cwRoom(page)).marginRight).toBe('0px');
});

test('the toggle shortcut moves focus into the panel when it opens and back to CW when it closes', async ({
  ext,
  sandbox,
}) => {
  const page = await openConnectedTicket(ext, sandbox, TICKET);
  await expect(ticketHeading(page)).toContainText(`#${TICKET}`);
  await panel(page).getByRole('button', { name: 'Collapse FlowPilot' }).click();
  await expect(panel(page).getByRole('button', { name: 'Expand FlowPilot' })).toBeVisible();

  // The technician is working in a CW field.
  const cwField = page.locator('input.cw_CwTextField').first();
  await cwField.focus();
  await expect(cwField).toBeFocused();
  const frame = await panelFrameOf(page);
  const focusInFrame = () => frame.evaluate(() => document.hasFocus());

  // Alt+Shift+F opens the panel with focus on its first control, inside the frame.
  await toggleByCommand(ext);
  await expect(ticketHeading(page)).toContainText(`#${TICKET}`);
  await expect(panel(page).getByRole('button', { name: 'Link Ticket' })).toBeFocused();
  await expect.poll(focusInFrame).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.localName)).toBe('flowpilot-panel');
  // Keys now reach the panel: Enter on Link Ticket opens the search box, which takes focus.
  await page.keyboard.press('Enter');
  await expect(panelFrame(page).getByRole('searchbox')).toBeFocused();
  await page.keyboard.press('Escape');

  // Alt+Shift+F again: the panel closes and focus is back on the CW field.
  await toggleByCommand(ext);
  await expect(panel(page).getByRole('button', { name: 'Expand FlowPilot' })).toBeVisible();
  await expect(cwField).toBeFocused();
  await expect.poll(focusInFrame).toBe(false);

  // Clicked into the panel instead: the shortcut still gives focus back to where it was in CW.
  const save = page.getByRole('button', { name: 'Save', exact: true }).first();
  await save.focus();
  await panel(page).getByRole('button', { name: 'Expand FlowPilot' }).click();
  await expect(panel(page).getByRole('button', { name: 'Collapse FlowPilot' })).toBeFocused();
  await toggleByCommand(ext);
  await expect(panel(page).getByRole('button', { name: 'Expand FlowPilot' })).toBeVisible();
  await expect(save).toBeFocused();

  // Closing by shortcut while the technician is in CW leaves focus where it is.
  await toggleByCommand(ext);
  await expect(panel(page).getByRole('button', { name: 'Link Ticket' })).toBeFocused();
  await cwField.focus();
  await toggleByCommand(ext);
  await expect(panel(page).getByRole('button', { name: 'Expand FlowPilot' })).toBeVisible();
  await expect(cwField).toBeFocused();
});
