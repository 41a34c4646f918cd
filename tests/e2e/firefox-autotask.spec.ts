import { RESOLVED_TICKETS, SPECIAL_TICKETS } from '../autotask-sandbox/index';
import { ticketNumberOf } from './autotask-helpers';
import { launchFirefoxWithExtension, waitForTab, waitInPage } from './firefox/launch';
import { panelCountAllFrames, panelText, waitForPanelText } from './firefox/panel';
import { expect, test } from './fixtures';

// Firefox ESR with the Firefox e2e build on Autotask's pages: connected to the Autotask sandbox through
// the Connect message (the e2e build's zone-lookup override, as the Chromium tests do), the content
// script Firefox registers at run time (scripting.registerContentScripts, all frames) docks the panel in
// the ticket's frame — the top document for a plain ticket URL, the shell's iframe for the new layout —
// and the panel auto-links the ticket by its Autotask number, with context and similar resolved tickets.

const T = SPECIAL_TICKETS.standard;

test('Firefox on Autotask: connect, then the plain and the shell ticket pages auto-link the ticket in their frame', async ({
  at,
}) => {
  test.setTimeout(120_000);
  const ff = await launchFirefoxWithExtension();
  try {
    // Connect as the options page's Connect does (an extension page sending the optionsToBg message).
    // (Firefox's BiDi does not report navigations into moz-extension:// pages: ask the tab where it is.)
    const tab = await ff.browser.newPage();
    void tab.goto(`${ff.origin}options.html`, { timeout: 5_000 }).catch(() => undefined);
    const options = await waitForTab(ff.browser, `${ff.origin}options.html`);
    await waitInPage(options, 'the options page', () => document.readyState === 'complete');
    const reply = (await options.evaluate(
      (m) =>
        (
          globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).browser.runtime.sendMessage(m),
      {
        dir: 'optionsToBg',
        type: 'connection/connect',
        payload: {
          psa: 'autotask',
          displayName: 'Autotask Sandbox',
          ...at.credentials,
          zoneLookupUrl: at.zoneLookupUrl,
        },
      },
    )) as { ok: boolean; error?: unknown };
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
    // Firefox registered the Autotask script at run time, on the sandbox's Autotask UI paths, all frames.
    const registered = await options.evaluate(async () => {
      const g = globalThis as unknown as {
        browser: {
          scripting: {
            getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; allFrames?: boolean }[]>;
          };
        };
      };
      return (await g.browser.scripting.getRegisteredContentScripts()).filter(
        (s) => s.id === 'flowpilot-autotask',
      );
    });
    expect(registered).toEqual([
      expect.objectContaining({
        allFrames: true,
        matches: expect.arrayContaining(['http://127.0.0.1/Mvc/*']),
      }),
    ]);

    for (const form of ['plain', 'shell'] as const) {
      await test.step(form, async () => {
        const page = await ff.browser.newPage();
        await page.goto(at.ticketPageUrls(T)[form]);
        await waitForPanelText(page, ticketNumberOf(at, T), 30_000);
        await waitForPanelText(page, 'Outlook not syncing on laptop');
        await waitForPanelText(page, 'Level II Support'); // the context, through the connector
        const text = await panelText(page);
        expect(text).toContain('Linked from this page');
        expect(text).toContain('Queue');
        expect(text).not.toContain('ConnectWise');
        // What fixed it last time, from the sandbox's Complete tickets.
        await waitForPanelText(page, 'Outlook kept the old password in Windows Credential Manager.');
        expect(await panelText(page)).toContain(ticketNumberOf(at, RESOLVED_TICKETS.outlookContoso));
        // One panel, in the frame that shows the ticket (for the shell: its iframe, not the shell).
        expect(await panelCountAllFrames(page)).toBe(1);
        if (form === 'shell') {
          expect(await page.evaluate(() => document.querySelectorAll('flowpilot-panel').length)).toBe(0);
        }
        await page.close();
      });
    }
    expect(at.contractViolations).toEqual([]);
  } finally {
    await ff.close();
  }
});
