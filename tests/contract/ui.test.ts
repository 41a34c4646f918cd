// @vitest-environment node
// The CW-like pages: every ticket URL form, the banner DOM, escaping, and SPA navigation (run in a
// happy-dom Browser created here, so the file itself stays in the node environment).
import { Browser, type BrowserPage } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardHashPath,
  boardPagePath,
  type Sandbox,
  SPECIAL_TICKETS,
  startSandbox,
  ticketPagePaths,
  XSS_PAYLOAD,
} from '../cw-sandbox/index.ts';
import { cw } from './helpers.ts';

let sb: Sandbox;
let browser: Browser;
beforeAll(async () => {
  sb = await startSandbox();
  browser = new Browser({
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
});
afterAll(async () => {
  await browser.close();
  await sb.close();
});

async function until<T>(read: () => T | undefined | null | false, timeoutMs = 2000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = read();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the page');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const banner = (page: BrowserPage) =>
  page.mainFrame.document.querySelector('.cw_BannerView .detailLabel')?.textContent;

async function open(path: string): Promise<BrowserPage> {
  const page = browser.newPage();
  await page.goto(sb.url + path);
  await until(() => banner(page) || page.mainFrame.document.querySelector('.cw-error'));
  return page;
}

describe('served pages', () => {
  it('every URL form answers the shell with #cwContent', async () => {
    const paths = [...Object.values(ticketPagePaths(1001)), boardPagePath(1), boardHashPath()];
    for (const path of paths) {
      const res = await fetch(sb.url + path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<div id="cwContent">');
      // Ticket data never appears in the HTML itself; the page fetches it from /__ui.
      expect(html).not.toContain('onerror=alert');
    }
  });

  it('the index page lists ticket links', async () => {
    const html = await (await fetch(`${sb.url}/`)).text();
    expect(html).toContain('routeTo=ServiceFV&amp;recid=1001');
  });

  it('UI data sees the API-hidden ticket', async () => {
    expect((await fetch(`${sb.url}/__ui/ticket/${SPECIAL_TICKETS.hidden}`)).status).toBe(200);
    expect((await cw(sb, `/service/tickets/${SPECIAL_TICKETS.hidden}`)).status).toBe(404);
    expect((await fetch(`${sb.url}/__ui/ticket/999999`)).status).toBe(404);
  });
});

describe('ticket pages', () => {
  it.each(Object.entries(ticketPagePaths(SPECIAL_TICKETS.standard)))(
    '%s form renders the banner and fields',
    async (_form, path) => {
      const page = await open(path);
      const doc = page.mainFrame.document;
      expect(banner(page)).toBe('Service Ticket #1001 - Outlook not syncing on laptop');
      expect(doc.title).toBe('Service Ticket #1001 - Outlook not syncing on laptop');
      expect((doc.querySelector('input.cw_PsaSummaryHeader') as HTMLInputElement | null)?.value).toBe(
        'Outlook not syncing on laptop',
      );
      expect((doc.querySelector('input.cw_company') as HTMLInputElement | null)?.value).toBe('Contoso Ltd.');
      expect((doc.querySelector('input.cw_contact') as HTMLInputElement | null)?.value).toBe('Emily Carter');
      const actions = doc.querySelector('.pod_ticketHeaderActions')?.textContent ?? '';
      expect(actions).toContain('Save');
      expect(actions).toContain('Save & Close');
      expect(doc.querySelectorAll('.cw-note')).toHaveLength(3);
      await page.close();
    },
  );

  it('the XSS ticket shows its payload as text', async () => {
    const page = await open(ticketPagePaths(SPECIAL_TICKETS.xss).routeTo);
    const doc = page.mainFrame.document;
    expect(banner(page)).toContain(XSS_PAYLOAD);
    expect(doc.querySelector('.cw-note-text')?.textContent).toContain(XSS_PAYLOAD);
    expect(doc.querySelectorAll('#cwContent img, #cwContent script')).toHaveLength(0);
    await page.close();
  });

  it('project tickets and the hidden ticket have pages', async () => {
    const project = await open(sb.ticketPageUrl(SPECIAL_TICKETS.project).slice(sb.url.length));
    expect(banner(project)).toBe('Project Ticket #5001 - Migrate pilot group mailboxes');
    await project.close();
    const hidden = await open(ticketPagePaths(SPECIAL_TICKETS.hidden).routeTo);
    expect(banner(hidden)).toMatch(/^Service Ticket #1005 - /);
    await hidden.close();
  });

  it('an unknown ticket shows an error, no banner', async () => {
    const page = await open(ticketPagePaths(999999).routeTo);
    expect(banner(page)).toBeUndefined();
    await page.close();
  });
});

describe('SPA navigation', () => {
  it('board → ticket shows a loading state, then the ticket, and leaves the URL stale', async () => {
    const page = await open(boardPagePath(1));
    const doc = page.mainFrame.document;
    const boardUrl = page.mainFrame.url;
    const row = doc.querySelector(
      `tr.cw-ml-row[data-ticket-id="${SPECIAL_TICKETS.quotes}"] a.multilineClickable`,
    );
    (row as HTMLElement | null)?.click();
    expect(doc.querySelector('.cw-loading')).not.toBeNull();
    await until(() => banner(page)?.startsWith('Service Ticket #1006'));
    expect(banner(page)).toBe(`Service Ticket #1006 - Can't print "Q3 report" 100% & [urgent]`);
    expect(page.mainFrame.url).toBe(boardUrl);
    await page.close();
  });

  it('"Next ticket" pushes a ticket URL; back and forward re-render', async () => {
    const page = await open(ticketPagePaths(SPECIAL_TICKETS.standard).routeTo);
    const doc = page.mainFrame.document;
    (doc.querySelector('a.cw-next-ticket') as HTMLElement | null)?.click();
    await until(() => banner(page)?.startsWith('Service Ticket #1002'));
    expect(page.mainFrame.url).toContain('recid=1002');
    page.mainFrame.window.history.back();
    await until(() => banner(page)?.startsWith('Service Ticket #1001'));
    page.mainFrame.window.history.forward();
    await until(() => banner(page)?.startsWith('Service Ticket #1002'));
    await page.close();
  });

  it('the hash route reacts to hashchange', async () => {
    const page = await open(ticketPagePaths(SPECIAL_TICKETS.standard).hashState);
    const state = encodeURIComponent(
      JSON.stringify({ p: 'sr150', s: { p: { pid: 184, rd: 1007, screenid: 'sr100' } } }),
    );
    page.mainFrame.window.location.hash = `startscreen=sr150&state=${state}`;
    await until(() => banner(page)?.startsWith('Service Ticket #1007'));
    await page.close();
  });
});
