import { launchFirefoxWithExtension, waitForTab, waitInPage } from './firefox/launch';
import { panelButton, panelCount, panelField, panelText, waitForPanelText } from './firefox/panel';
import { expect, test } from './fixtures';

// Firefox ESR with the Firefox e2e build (npm run build:e2e:firefox) installed as a temporary add-on:
// the same extension code as Chrome, through Firefox's event-page background and its MV3 permissions.
test('Firefox: panel on a sandbox ticket, connect in the options page, post a note that lands once', async ({
  sandbox,
}) => {
  test.setTimeout(120_000);
  sandbox.reset();
  const ff = await launchFirefoxWithExtension();
  try {
    const page = await ff.browser.newPage();
    await page.goto(sandbox.ticketPageUrl(1001));
    await waitForPanelText(page, 'not connected');
    expect(await panelCount(page)).toBe(1);

    // The panel's edge resizes it with the mouse in Firefox too (the drag crosses the panel frame on
    // the way back), and a window under 1000 px gets the panel over CW, not beside it.
    const dock = () =>
      page.evaluate(() => {
        const host = document.querySelector('flowpilot-panel') as HTMLElement;
        const r = (
          (host.shadowRoot as ShadowRoot).querySelector('[role="separator"]') as HTMLElement
        ).getBoundingClientRect();
        return {
          width: host.getBoundingClientRect().width,
          grip: { x: r.x + r.width / 2, y: r.y + r.height / 2 },
          window: innerWidth,
          marginRight: getComputedStyle(document.documentElement).marginRight,
        };
      });
    const dragBy = async (dx: number) => {
      const { grip } = await dock();
      await page.mouse.move(grip.x, grip.y);
      await page.mouse.down();
      await page.mouse.move(grip.x + dx, grip.y, { steps: 8 });
      await page.mouse.up();
    };
    const before = await dock();
    expect(before.width).toBe(360);
    expect(before.marginRight).toBe(before.window < 1000 ? '0px' : '360px');
    await dragBy(-30);
    await waitInPage(page, 'the wider panel', () => {
      const w = document.querySelector('flowpilot-panel')?.getBoundingClientRect().width;
      return w === Math.min(390, Math.max(320, Math.floor(innerWidth / 2)));
    });
    await dragBy(40);
    await waitInPage(page, 'the narrower panel', () => {
      const w = document.querySelector('flowpilot-panel')?.getBoundingClientRect().width;
      return w === Math.max(320, Math.min(390, Math.floor(innerWidth / 2)) - 40);
    });

    // Host permissions for the CW/loopback patterns were granted at install (the profile's pref).
    await (await panelButton(page, 'Open FlowPilot options')).click();
    const options = await waitForTab(ff.browser, `${ff.origin}options.html`);
    const granted = await options.evaluate(async () => {
      const g = globalThis as unknown as {
        browser: { permissions: { getAll(): Promise<{ origins: string[] }> } };
      };
      return (await g.browser.permissions.getAll()).origins;
    });
    expect(granted).toEqual(expect.arrayContaining(['http://127.0.0.1/*', 'https://*.myconnectwise.net/*']));
    expect(await options.$('[aria-label="Site access"]')).toBeNull();

    await options.waitForSelector('#cw-site');
    await options.type('#cw-display-name', 'Firefox sandbox');
    await options.type('#cw-site', sandbox.site);
    await options.type('#cw-company', sandbox.companyId);
    await options.type('#cw-public-key', sandbox.keys.publicKey);
    await options.type('#cw-private-key', sandbox.keys.privateKey);
    await options.click('button[type="submit"]');
    await waitInPage(
      options,
      'the Connected banner',
      () => document.body.textContent?.includes('Connected to Firefox sandbox') === true,
      20_000,
    );

    // The panel follows the connection broadcast and shows the ticket on screen.
    await page.bringToFront();
    await waitForPanelText(page, '#1001');
    await waitForPanelText(page, 'Outlook not syncing');
    expect(await panelCount(page)).toBe(1);

    await (await panelButton(page, 'Update')).click();
    const preview = await panelField(page, 'Preview');
    await preview.evaluate((el) => {
      (el as HTMLTextAreaElement).value = '';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await preview.type('Firefox smoke: cleared the Outlook cache.');
    const time = await panelField(page, 'Add a time entry');
    if (await time.evaluate((el) => (el as HTMLInputElement).checked)) await time.click();
    await (await panelButton(page, 'Post to Ticket')).click();
    await waitForPanelText(page, 'Posted to ticket #1001', 20_000);

    const notes = sandbox.state.notes.filter((n) =>
      n.text.includes('Firefox smoke: cleared the Outlook cache.'),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.ticketId).toBe(1001);
    expect(sandbox.contractViolations).toEqual([]);
    expect(await panelText(page)).toContain('#1001');

    // Firefox lets the user take site access back: the options page says what is missing and asks.
    await options.evaluate(async () => {
      const g = globalThis as unknown as {
        browser: { permissions: { remove(p: unknown): Promise<boolean> } };
      };
      await g.browser.permissions.remove({ origins: ['https://*.myconnectwise.net/*'] });
      location.reload();
    });
    await waitInPage(
      options,
      'the site-access banner',
      () =>
        document.querySelector('[aria-label="Site access"]')?.textContent?.includes('*.myconnectwise.net') ===
        true,
    );
  } finally {
    await ff.close();
  }
});
