import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';

// The panel asks the worker to post and waits for the answer. When Chromium stops the worker while the
// create is in flight (an update, a crash, the 5-minute event limit), the panel's message fails with
// "message port closed" — which the messaging client retries for a worker that was starting. The retry
// must join the post the first message already wrote ahead, never post it a second time.

const T = SPECIAL_TICKETS.standard;

test('the worker stops while the panel waits for "Post to Ticket": one note on the ticket, and the panel hears how it went', async ({
  ext,
  sandbox,
}) => {
  test.setTimeout(60_000);
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(T));
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  await panel(page).getByRole('button', { name: 'Update' }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: /Update ticket/ });
  await expect(dialog.getByLabel('Note Type')).toBeVisible();
  await dialog.getByLabel('Preview').fill('Worker stop check: reseated the dock.');
  const time = dialog.getByLabel('Add a time entry');
  if (await time.isChecked()) await time.uncheck();
  // CW takes its time with the create; the worker is stopped while it does.
  sandbox.faults.add({ method: 'POST', path: `^/service/tickets/${T}/notes$`, latencyMs: 1_500 });
  await dialog.getByRole('button', { name: 'Post to Ticket' }).click();
  const creates = () =>
    sandbox.requests.filter((r) => r.method === 'POST' && r.apiPath === `/service/tickets/${T}/notes`);
  await expect.poll(() => creates().length).toBe(1);
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');

  const notes = () => sandbox.state.notes.filter((n) => n.text.includes('Worker stop check'));
  await expect.poll(() => notes().length, { timeout: 15_000 }).toBe(1);
  // The panel is told: posted (the restarted worker found the note by its ref), or still being checked.
  await expect(
    panel(page)
      .getByRole('status')
      .filter({ hasText: `#${T}` }),
  ).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(2_000); // anything a retry would send has had time to arrive
  expect(notes()).toHaveLength(1);
  expect(creates()).toHaveLength(1);
});
