import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { resolvedTicketId } from '../cw-sandbox/seed-resolved';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';
import { openConnectedTicket } from './panel-helpers';
import { signInAsJsmith } from './posting-helpers';

// Issue 13, "what fixed it last time": the panel's Similar resolved tickets against the sandbox's seeded
// closed tickets, "Use this fix" through to the posted note, and the section's own plain messages.

const SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/screenshots/similar-tickets.png');

const similar = (page: Page) => panel(page).locator('[data-section="similar"]');
const session = (page: Page) => panel(page).getByRole('region', { name: 'FlowPilot session' });

test('a ticket shows its similar resolved tickets in order; "Use this fix" goes into the lane and the posted note names the source', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  await signInAsJsmith(ext);
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  const section = similar(page);
  await expect(section.getByRole('heading', { name: 'Similar resolved tickets' })).toBeVisible();

  // Contoso first (the best match first, then newest on equal scores), then other companies.
  const closedAt = (id: number) =>
    Date.parse(sandbox.state.tickets.find((t) => t.id === id)?.closedDate ?? '');
  const contosoOutlookSync = [
    resolvedTicketId('Outlook stuck on "Updating inbox" - not syncing'),
    ...sandbox.state.tickets
      .filter(
        (t) => t.id < 1300 && t.company.id === 250 && t.closedFlag && t.summary === 'Outlook not syncing',
      )
      .map((t) => t.id),
  ].sort((a, b) => closedAt(b) - closedAt(a));
  const expected = [
    resolvedTicketId('Outlook not syncing on laptop after Windows update'),
    ...contosoOutlookSync,
    resolvedTicketId('Outlook keeps asking for password'),
    resolvedTicketId('Outlook not syncing on laptop'),
  ].slice(0, 5);
  const rows = section.getByRole('listitem');
  await expect(rows).toHaveCount(expected.length);
  expect(await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-similar'))))).toEqual(
    expected,
  );

  const top = rows.first();
  const topId = expected[0]!;
  await expect(top.getByRole('link', { name: `#${topId}` })).toHaveAttribute(
    'href',
    new RegExp(`routeTo=ServiceFV&recid=${topId}$`),
  );
  await expect(top).toContainText('Outlook not syncing on laptop after Windows update');
  await expect(top).toContainText('Contoso Ltd.');
  await expect(top).toContainText('by John Smith');
  await expect(top).toContainText(/resolved \w{3} \d{1,2}, 2026/);
  // The first lines of the Resolution note, expandable.
  await expect(top).toContainText('What fixed it: The OST file was corrupted by the update.');
  await expect(top).not.toContainText('user confirmed');

  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(SCREENSHOT)) {
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    // Tall enough for the whole list under the ticket's context.
    await page.setViewportSize({ width: 1400, height: 1500 });
    await section.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: SCREENSHOT });
    await page.setViewportSize({ width: 1400, height: 900 });
  }
  // The toggle names its ticket ("Show more of #1042"), not just "more".
  await top.getByRole('button', { name: `Show more of #${topId}` }).click();
  await expect(top).toContainText('Mail was in sync within 20 minutes; user confirmed.');

  // No session yet: "Use this fix" starts one with the fix in Suggested fix, "from #N" beside it.
  await top.getByRole('button', { name: `Use this fix from #${topId}` }).click();
  const s = session(page);
  const fixes = s.getByRole('list', { name: 'Suggested fix' });
  await expect(fixes).toContainText('The OST file was corrupted by the update.');
  await expect(fixes).toContainText(`from #${topId}`);
  await expect(top.getByRole('button', { name: `Use this fix from #${topId}` })).toHaveText(
    'Added to Suggested fix',
  );

  // With the session open, another row's fix is added to the same lane.
  const second = rows.nth(1);
  const secondId = expected[1]!;
  await second.getByRole('button', { name: `Use this fix from #${secondId}` }).click();
  await expect(fixes).toContainText(`from #${secondId}`);

  await s.getByRole('button', { name: 'Resolve', exact: true }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: 'Resolve the session' });
  await expect(dialog.getByLabel('Resolution')).toHaveValue(new RegExp(`\\(from #${topId}\\)`));
  await dialog.getByLabel('Root cause').fill('Corrupted OST after the Windows update');
  await dialog.getByRole('button', { name: 'Resolve session' }).click();
  await expect(s.getByRole('region', { name: 'Session documentation' })).toContainText(`(from #${topId})`);

  await panel(page).getByRole('button', { name: 'Update' }).click();
  const post = panelFrame(page).getByRole('dialog', { name: /Update ticket #1001/ });
  await post.getByRole('button', { name: 'Post to Ticket' }).click();
  await expect(panel(page).getByRole('status').filter({ hasText: 'Posted to ticket #1001' })).toBeVisible();
  const note = sandbox.state.notes.find((n) => n.ticketId === 1001 && /FlowPilot ref/.test(n.text));
  expect(note?.text).toContain(`The OST file was corrupted by the update.`);
  expect(note?.text).toContain(`(from #${topId})`);
  expect(note?.text).toContain(`(from #${secondId})`);

  // The ticket's earlier session is listed with its documentation and who ran it.
  const earlier = panel(page).locator('[data-section="earlier-sessions"]');
  await expect(earlier).toContainText('Resolved');
  await expect(earlier).toContainText('John Smith');
  await expect(earlier.getByRole('button', { name: /^Copy documentation from / })).toBeVisible();
});

test('a ticket nothing resembles says so; a ticket CW does not return has no section', async ({
  ext,
  sandbox,
}) => {
  const page = await openConnectedTicket(ext, sandbox, SPECIAL_TICKETS.noContactNoConfigs);
  await expect(similar(page)).toContainText('No similar resolved tickets found.');
  await expect(similar(page).getByRole('listitem')).toHaveCount(0);
  // A ticket CW does not return has nothing to compare with: no section at all.
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.hidden));
  await expect(panel(page).getByRole('alert')).toContainText('did not return ticket #1005');
  await expect(similar(page)).toHaveCount(0);
});

test('an API member that cannot read closed tickets, or CW failing, leaves the rest of the panel working', async ({
  ext,
  sandbox,
}) => {
  const k = sandbox.restrictedKeys.noClosedTickets!;
  await askBg(ext, 'optionsToBg', 'connection/connect', {
    displayName: 'CW Sandbox (no closed tickets)',
    site: sandbox.site,
    companyId: sandbox.companyId,
    publicKey: k.publicKey,
    privateKey: k.privateKey,
  });
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  const p = panel(page);
  await expect(similar(page).getByRole('status')).toContainText('not allowed to read closed tickets');
  await expect(p).toHaveAttribute('data-context', 'ready');
  await expect(p.getByRole('region', { name: 'Latest notes' })).toContainText('rebuild the Outlook profile');
  await expect(p.getByRole('alert')).toHaveCount(0);
  await session(page).getByRole('button', { name: 'Start Session' }).click();
  await expect(session(page).getByRole('timer', { name: 'Active time' })).toBeVisible();

  // CW down for the search: the section says so; Refresh tries again once it is back.
  sandbox.faults.add({ method: 'GET', path: '^/service/tickets$', status: 503, times: 0 });
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.quotes));
  await expect(similar(page).getByRole('status')).toContainText('can’t be reached right now');
  await expect(p.getByRole('region', { name: 'Ticket', exact: true })).toContainText('Q3 report');
});
