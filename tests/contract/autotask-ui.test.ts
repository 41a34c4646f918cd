// @vitest-environment node
// The Autotask-like pages and the Autotask detectors agree: every URL form of the sandbox names the
// ticket (lib/detect/autotask/url.ts) and its DOM shows the same ticket's number and title
// (lib/detect/autotask/dom.ts), read in a happy-dom Browser created here.
import { Browser } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAutotaskTicket } from '../../lib/detect/autotask/dom';
import { resolveAutotaskOnScreen } from '../../lib/detect/autotask/resolve';
import { autotaskTicketFromUrl } from '../../lib/detect/autotask/url';
import { type AutotaskSandbox, SPECIAL_TICKETS, startAutotaskSandbox } from '../autotask-sandbox/index.ts';

let sb: AutotaskSandbox;
let browser: Browser;
beforeAll(async () => {
  sb = await startAutotaskSandbox();
  browser = new Browser({ settings: { disableJavaScriptEvaluation: true, disableIframePageLoading: true } });
});
afterAll(async () => {
  await browser.close();
  await sb.close();
});

describe('sandbox pages × detectors', () => {
  for (const id of [SPECIAL_TICKETS.standard, SPECIAL_TICKETS.quotes, SPECIAL_TICKETS.hidden]) {
    it(`every URL form of ticket ${id} is detected, and its page shows the same ticket`, async () => {
      const t = [...sb.state.tickets, ...sb.state.hiddenTickets].find((x) => x.id === id)!;
      for (const [form, url] of Object.entries(sb.ticketPageUrls(id))) {
        const fromUrl = autotaskTicketFromUrl(url);
        expect(fromUrl, form).toEqual(
          form === 'executeByNumber' ? { by: 'number', number: t.ticketNumber } : { by: 'id', id },
        );
        if (form === 'shell') continue; // the shell shows the ticket in its iframe (the detail URL above)
        const page = browser.newPage();
        await page.goto(url);
        const screen = readAutotaskTicket(page.mainFrame.document as unknown as Document);
        expect(screen, form).toEqual({
          number: t.ticketNumber,
          title: t.title,
          editing: false,
          source: 'heading',
        });
        expect(resolveAutotaskOnScreen({ url, screen })).toMatchObject({
          number: t.ticketNumber,
          title: t.title,
        });
        await page.close();
      }
    });
  }

  it('the shell names its iframe page; the iframe URL is a detail URL', async () => {
    const url = sb.ticketPageUrls(SPECIAL_TICKETS.standard).shell;
    const page = browser.newPage();
    await page.goto(url);
    const src =
      page.mainFrame.document.querySelector('[data-slot="iframe"] iframe')?.getAttribute('src') ?? '';
    expect(autotaskTicketFromUrl(new URL(src, url).toString())).toEqual({
      by: 'id',
      id: SPECIAL_TICKETS.standard,
    });
    await page.close();
  });
});
