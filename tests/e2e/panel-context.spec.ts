import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Sandbox, SPECIAL_TICKETS, XSS_PAYLOAD } from '../cw-sandbox/index';
import type { ExtensionBrowser } from './browser';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, panel, test } from './fixtures';
import { openConnectedTicket, ticketHeading } from './panel-helpers';

const SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/screenshots/panel.png');

test('shows the linked ticket context: ticket, company, contact, configurations, notes; Refresh reloads', async ({
  ext,
  sandbox,
}) => {
  const page = await openConnectedTicket(ext, sandbox, SPECIAL_TICKETS.standard);
  const p = panel(page);
  await expect(ticketHeading(page)).toContainText('#1001Outlook not syncing on laptop');
  await expect(p).toHaveAttribute('data-context', 'ready');

  const ticket = p.getByRole('region', { name: 'Ticket' });
  for (const text of ['New', 'Help Desk', 'Priority 3 - Normal Response', 'Service Request', 'John Smith'])
    await expect(ticket).toContainText(text);
  const people = p.getByRole('region', { name: 'Company and contact' });
  for (const text of ['Contoso Ltd. (ContosoLtd)', 'Emily Carter', 'emily.carter@contoso.com', '9185554207'])
    await expect(people).toContainText(text);

  const configs = p.getByRole('region', { name: 'Configurations' });
  await expect(configs.getByRole('heading')).toHaveText('Configurations (2)');
  await expect(configs.getByText('M05G9Q3')).toBeHidden();
  await configs.getByText('CONTOSO-LT-001 · Laptop').click();
  for (const text of ['M05G9Q3', 'Windows 11 Pro', '10.10.0.142', 'CONTOSO\\ecarter'])
    await expect(configs.getByText(text, { exact: false })).toBeVisible();

  const notes = p.getByRole('region', { name: 'Latest notes' });
  await expect(notes.locator('.fp-note')).toHaveCount(3);
  await expect(notes.locator('.fp-note').nth(1)).toContainText('Internal');
  await expect(notes.locator('.fp-note').nth(1)).toContainText('John Smith');

  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(SCREENSHOT)) {
    await page.screenshot({ path: SCREENSHOT });
  }

  // Cached for a short time; Refresh asks CW again.
  const ticketGets = () => sandbox.requests.filter((r) => r.apiPath === '/service/tickets/1001').length;
  const before = ticketGets();
  await page.reload();
  await expect(p).toHaveAttribute('data-context', 'ready');
  expect(ticketGets()).toBe(before);
  await p.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(ticketGets).toBe(before + 1);
  await expect(p).toHaveAttribute('data-context', 'ready');
});

test('hostile, hidden, closed, empty and project tickets all render sensibly', async ({ ext, sandbox }) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const p = panel(page);

  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.xss));
  await expect(p).toHaveAttribute('data-context', 'ready');
  await expect(ticketHeading(page)).toContainText(XSS_PAYLOAD);
  await expect(p.getByRole('region', { name: 'Latest notes' })).toContainText(XSS_PAYLOAD);
  expect(await p.locator('img, script').count()).toBe(0);

  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.hidden));
  await expect(ticketHeading(page)).toContainText('#1005');
  await expect(p.getByRole('alert')).toContainText('ConnectWise did not return ticket #1005');
  // Who can fix it, and how.
  await expect(p.getByRole('alert')).toContainText(
    'Ask your ConnectWise admin to check the API member’s security role and board access.',
  );

  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.closed));
  await expect(p.getByRole('region', { name: 'Ticket' })).toContainText('Closed');
  await expect(p.locator('.fp-chip.closed')).toBeVisible();
  await expect(p.getByRole('region', { name: 'Ticket' })).not.toContainText('Closed Closed');

  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.noContactNoConfigs));
  await expect(p).toHaveAttribute('data-context', 'ready');
  await expect(p).toContainText('No contact on this ticket');
  await expect(p).toContainText('No configurations attached.');
  await expect(p).toContainText('No notes yet.');

  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.project));
  await expect(p).toHaveAttribute('data-context', 'ready');
  await expect(ticketHeading(page)).toContainText('Project ticket #5001');
  await expect(p.getByRole('region', { name: 'Ticket' })).toContainText('Contoso M365 Migration');
  await expect(p.getByRole('region', { name: 'Configurations' })).toContainText(
    'Project tickets have no attached configurations.',
  );
  expect(sandbox.requests.some((r) => r.apiPath === '/service/tickets/5001')).toBe(false);

  expect(dialogs).toEqual([]);
});

/** Ticket #1001 open and complete: its company (Contoso) and the phone the panel shows for it. */
async function contosoTicket(ext: ExtensionBrowser, sandbox: Sandbox) {
  const page = await openConnectedTicket(ext, sandbox, SPECIAL_TICKETS.standard);
  const p = panel(page);
  const people = p.getByRole('region', { name: 'Company and contact' });
  const contoso = sandbox.state.companies.find((c) => c.name === 'Contoso Ltd.');
  if (!contoso) throw new Error('no Contoso in the sandbox');
  const before = `Company phone${contoso.phoneNumber}`;
  await expect(people).toContainText(before);
  return { page, p, people, contoso, before };
}

/** The worker's 60 s context cache forgotten (as after a minute), the customer's details kept. */
async function forgetContextsKeepDetails(ext: ExtensionBrowser) {
  const w = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
  await w.evaluate(() =>
    (
      self as unknown as { __flowpilotTest: { forgetContexts(o: { details: boolean }): void } }
    ).__flowpilotTest.forgetContexts({ details: false }),
  );
}

// Issue 12 §5: a customer seen in the last minutes has its company, contact and device details kept in
// the worker, so the context is complete after its first wave; the second wave checks them and a
// change reaches the panel a moment later (ticket/contextUpdated).
test('kept company details show at once and are corrected when CW has changed them', async ({
  ext,
  sandbox,
}) => {
  const { page, p, people, contoso, before } = await contosoTicket(ext, sandbox);

  // CW's company phone changes; the 60 s context cache is forgotten (as after a minute), the details kept.
  contoso.phoneNumber = '2125550199';
  await forgetContextsKeepDetails(ext);
  // The check is slow: the panel is complete with the kept phone long before CW answers it (5 s: the old
  // phone must still be there when a slow machine gets to look).
  sandbox.faults.add({ method: 'GET', path: '^/company/companies/', latencyMs: 5_000, times: 1 });
  await page.reload();
  await expect(p).toHaveAttribute('data-context', 'ready');
  await expect(people).toContainText(before);
  await expect(people).toContainText('Company phone2125550199', { timeout: 15_000 });
});

test('kept company details outlive a stopped worker: the next context of the customer is complete in one wave', async ({
  ext,
  sandbox,
}) => {
  const { page, people, contoso, before } = await contosoTicket(ext, sandbox);

  // Chromium stops an idle worker after 30 s (a technician reading the ticket): everything in its memory goes.
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  contoso.phoneNumber = '2125550199';
  // 5 s: long enough that a slow machine still sees the kept phone before the check's answer.
  sandbox.faults.add({ method: 'GET', path: '^/company/companies/', latencyMs: 5_000, times: 1 });
  await page.reload();
  // The restarted worker shows the kept phone while CW is still answering the check, then CW's new one.
  await expect(people).toContainText(before);
  const companyReads = sandbox.requests.filter((r) => /^\/company\/companies\/\d+$/.test(r.apiPath));
  expect(companyReads.at(-1)?.status ?? 0).toBe(0); // that check has not been answered yet
  await expect(people).toContainText('Company phone2125550199', { timeout: 15_000 });

  // Kept in session storage, which only the extension reads; Disconnect forgets them.
  const worker = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
  const keptKeys = () =>
    worker.evaluate(async () => {
      const c = (
        globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<object> } } } }
      ).chrome;
      return Object.keys(await c.storage.session.get(null)).filter((k) => k.startsWith('flowpilot.detail|'))
        .length;
    });
  expect(await keptKeys()).toBeGreaterThan(0);
  await askBg(ext, 'optionsToBg', 'connection/disconnect', { discardUnsent: false });
  await expect.poll(keptKeys).toBe(0);
});

// The check of kept details can finish before the ticket's own first wave does (a slow notes read):
// then the worker pushes the corrected context before it answers the panel's ask, and the panel, still
// loading, must not drop it for the kept (stale) answer that follows.
test('a correction of kept details that arrives before the context answer is not lost', async ({
  ext,
  sandbox,
}) => {
  const { page, p, people, contoso } = await contosoTicket(ext, sandbox);

  contoso.phoneNumber = '2125550177';
  await forgetContextsKeepDetails(ext);
  // Wave 1 waits for the ticket's notes; the company check answers long before.
  sandbox.faults.add({ method: 'GET', path: '^/service/tickets/1001/notes', latencyMs: 1500, times: 0 });
  await page.reload();
  await expect(p).toHaveAttribute('data-context', 'ready', { timeout: 10_000 });
  await expect(people).toContainText('Company phone2125550177', { timeout: 10_000 });
});
