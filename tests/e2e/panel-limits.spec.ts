import { LONG_TICKET } from '../cw-sandbox/index';
import { expect, panel, test } from './fixtures';
import { openConnectedTicket, panelFrameOf, ticketHeading } from './panel-helpers';

// Issue 12 "Bad input and limits": a very long ticket (200 notes, a 20,000-character initial
// description, 50 configurations). The panel shows the latest five notes and clips long text; nothing
// renders all of it; a session still starts from it.

test('a very long ticket: five latest notes, clipped text, ten devices until asked, and a session starts', async ({
  ext,
  sandbox,
}) => {
  const page = await openConnectedTicket(ext, sandbox, LONG_TICKET.id);
  const p = panel(page);
  await expect(ticketHeading(page)).toContainText(`#${LONG_TICKET.id}`);
  await expect(p).toHaveAttribute('data-context', 'ready');

  const notes = p.getByRole('region', { name: 'Latest notes' });
  await expect(notes.locator('.fp-note')).toHaveCount(5);
  await expect(notes.locator('.fp-note').first()).toContainText('Update 199:');
  // "Update 195" is a pasted report: clipped, with "more" to read it.
  const long = notes.locator('.fp-note').filter({ hasText: 'Update 195:' });
  const clipped = (await long.locator('.fp-note-text').textContent()) ?? '';
  expect(clipped.length).toBeLessThanOrEqual(241);
  await long.getByRole('button', { name: 'more' }).click();
  expect(((await long.locator('.fp-note-text').textContent()) ?? '').length).toBeGreaterThan(241);

  const configs = p.getByRole('region', { name: 'Configurations' });
  await expect(configs.getByRole('heading')).toHaveText(`Configurations (${LONG_TICKET.configurations})`);
  await expect(configs.locator('.fp-config')).toHaveCount(10);
  await configs.getByRole('button', { name: `Show all ${LONG_TICKET.configurations}` }).click();
  await expect(configs.locator('.fp-config')).toHaveCount(LONG_TICKET.configurations);

  // Nothing in the panel frame holds the whole description or the whole history.
  const frame = await panelFrameOf(page);
  const text = await frame.evaluate(() => document.body.textContent ?? '');
  expect(text).not.toContain('Update 100:');

  // Start Session prefills the problem from the description, cut to what a session can hold.
  const problem = p.getByLabel('Problem statement');
  await expect(problem).toHaveValue(new RegExp(`^${LONG_TICKET.summary.replace(/[()]/g, '\\$&')}`));
  expect((await problem.inputValue()).length).toBeLessThanOrEqual(4000);
  await p.getByRole('button', { name: 'Start Session' }).click();
  await expect(p.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(p.getByRole('alert')).toHaveCount(0);
});
