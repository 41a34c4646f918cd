import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { askBg, connectExtensionToSandbox } from './connect';
import { lowContrast } from './contrast';
import { expect, panel, panelFrame, test } from './fixtures';

// axe-core over every options tab and the panel (open session, Update dialog), in light and dark:
// 0 violations (WCAG A/AA rules). Text contrast is also measured directly (./contrast.ts): axe leaves
// the panel's text "incomplete" because it can't find the background of a fixed layer. The panel lives
// in its own frame (panel.html): axe follows the dock's frame; the dialogs are in that frame too.

const TABS = ['connection', 'mapping', 'flowpilot', 'history', 'activity'];

async function axe(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'best-practice',
  ]);
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  // The rule, its impact and where, so a failure says what to fix.
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

/** Relative luminance of an element's own background colour (0 black … 1 white). */
function bgLuminance(l: import('@playwright/test').Locator): Promise<number> {
  return l.evaluate((el) => {
    const [r, g, b] = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
    const ch = [r, g, b].map((v) => {
      const x = (v ?? 0) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: every options tab, ${scheme}`, async ({ ext, sandbox, openOptions }) => {
    // axe over five tabs is heavy on a shared 2-core machine: a longer timeout, no speed asserted.
    test.slow();
    await connectExtensionToSandbox(ext, sandbox);
    await askBg(ext, 'optionsToBg', 'technicians/add', { name: 'Alex Tech', email: 'alex.tech@example.com' });
    await askBg(ext, 'panelToBg', 'posting/post', {
      ticketKey: `service:${SPECIAL_TICKETS.standard}`,
      noteKind: 'internalAnalysis',
      text: 'Checked for the a11y test.',
      timeEntry: false,
    });
    const page = await openOptions();
    await page.emulateMedia({ colorScheme: scheme });
    for (const tab of TABS) {
      await page.goto(`chrome-extension://${ext.extensionId}/options.html#${tab}`);
      await expect(page.getByRole('tab', { selected: true })).toHaveAttribute('id', `tab-${tab}`);
      await expect(page.getByRole('tabpanel')).toBeVisible();
      if (tab === 'history') await expect(page.getByRole('table', { name: 'Posts' })).toBeVisible();
      if (tab === 'activity') await expect(page.getByRole('table', { name: 'Activity log' })).toBeVisible();
      if (tab === 'mapping') await expect(page.getByRole('combobox', { name: 'Alex Tech' })).toBeEnabled();
      expect(await axe(page), `#${tab} (${scheme})`).toEqual([]);
      expect(await lowContrast(page, 'page'), `#${tab} contrast (${scheme})`).toEqual([]);
    }
    // The connection form with its validation errors showing.
    await page.goto(`chrome-extension://${ext.extensionId}/options.html#connection`);
    await page.getByLabel('Private Key', { exact: true }).fill('');
    await page.getByLabel('Public Key', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByLabel('Public Key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(await axe(page), `connection form errors (${scheme})`).toEqual([]);
  });

  test(`axe: the panel with a session and the Update dialog, ${scheme}`, async ({ ext, sandbox }) => {
    test.slow();
    await connectExtensionToSandbox(ext, sandbox);
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
    const p = panel(page);
    await expect(p).toHaveAttribute('data-context', 'ready');
    const s = p.getByRole('region', { name: 'FlowPilot session' });
    expect(await axe(page, 'flowpilot-panel'), `panel before a session (${scheme})`).toEqual([]);
    expect(await lowContrast(page, 'panel'), `panel before a session contrast (${scheme})`).toEqual([]);

    await s.getByRole('button', { name: 'Start Session' }).click();
    for (const [section, text] of [
      ['What we know', 'Webmail works'],
      ['Questions', 'Password changed?'],
      ['Diagnostic checks', 'Outlook shows Disconnected'],
      ['Suggested fix', 'Re-create the profile'],
    ]) {
      await s.getByLabel(`Add to ${section}`).fill(text!);
      await s.getByLabel(`Add to ${section}`).press('Enter');
      await expect(s.getByRole('list', { name: section! })).toContainText(text!);
    }
    expect(await axe(page, 'flowpilot-panel'), `panel with a session (${scheme})`).toEqual([]);
    expect(await lowContrast(page, 'panel'), `panel with a session contrast (${scheme})`).toEqual([]);

    await s.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect(panelFrame(page).getByRole('dialog', { name: 'Resolve the session' })).toBeVisible();
    // Dialogs and lane inputs follow the scheme (they used to stay light in dark mode).
    const dark = (l: number) => (scheme === 'dark' ? l < 0.1 : l > 0.8);
    expect(
      dark(await bgLuminance(panelFrame(page).getByRole('dialog', { name: 'Resolve the session' }))),
    ).toBe(true);
    expect(dark(await bgLuminance(panelFrame(page).getByLabel('Root cause')))).toBe(true);
    expect(dark(await bgLuminance(s.getByLabel('Add to What we know')))).toBe(true);
    expect(await axe(page, 'flowpilot-panel'), `Resolve dialog (${scheme})`).toEqual([]);
    expect(await lowContrast(page, 'panel'), `Resolve dialog contrast (${scheme})`).toEqual([]);
    await panelFrame(page).getByRole('button', { name: 'Resolve session' }).click();
    await expect(s.getByText('Not posted to ConnectWise yet')).toBeVisible();
    expect(await axe(page, 'flowpilot-panel'), `resolved session (${scheme})`).toEqual([]);
    expect(await lowContrast(page, 'panel'), `resolved session contrast (${scheme})`).toEqual([]);

    await p.getByRole('button', { name: 'Update' }).click();
    await expect(
      panelFrame(page)
        .getByRole('dialog', { name: /Update ticket/ })
        .getByLabel('Note Type'),
    ).toBeVisible();
    expect(await axe(page, 'flowpilot-panel'), `Update dialog (${scheme})`).toEqual([]);
    expect(await lowContrast(page, 'panel'), `Update dialog contrast (${scheme})`).toEqual([]);
  });
}
