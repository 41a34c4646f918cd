import type { Page, Worker } from '@playwright/test';
import { formatRange } from '../../lib/session/away';
import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import type { ExtensionBrowser } from './browser';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, panel, panelFrame, test } from './fixtures';
import { signInAsJsmith } from './posting-helpers';

// Issue 13, active time that matches the work: the machine's idle state (driven through the e2e build's
// background hook, lib/background/test-hooks.ts) opens an away stretch; the panel asks "Keep this time /
// Drop it"; the answer decides the posted minutes and shows in the documentation's time line.

const MIN = 60_000;
const session = (page: Page) => panel(page).getByRole('region', { name: 'FlowPilot session' });

async function worker(ext: ExtensionBrowser): Promise<Worker> {
  const w = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
  // The hook exists once the worker ran its start-up (it is re-installed whenever the worker restarts).
  await expect
    .poll(() => w.evaluate(() => typeof (self as { __flowpilotTest?: unknown }).__flowpilotTest))
    .toBe('object');
  return w;
}

type Hooks = {
  idle(state: string, at?: number): Promise<void>;
  shiftSession(key: string, ms: number): Promise<void>;
};

test('the machine goes idle for 45 minutes: "Drop it" leaves them out of the posted time, the time line says so', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  await signInAsJsmith(ext);
  await askBg(ext, 'optionsToBg', 'settings/save', { timeRounding: 'exact' });
  const w = await worker(ext);
  // Headless Chromium reports the machine as active; nothing here depends on real idleness.
  const idleState = () =>
    (
      self as unknown as { chrome: { idle: { queryState(s: number): Promise<string> } } }
    ).chrome.idle.queryState(15);
  expect(await w.evaluate(idleState)).toBe('active');

  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  const s = session(page);
  await s.getByRole('button', { name: 'Start Session' }).click();
  await expect(s.getByRole('timer', { name: 'Active time' })).toBeVisible();

  // The session has run for an hour; the machine went idle 45 minutes ago and is back now. The idle
  // event comes one detection interval (15 min, the default setting) after the last input.
  const now = await w.evaluate(async () => {
    const h = (self as unknown as { __flowpilotTest: Hooks }).__flowpilotTest;
    const t = Date.now();
    await h.shiftSession('service:1001', 60 * 60_000);
    await h.idle('idle', t - 45 * 60_000 + 15 * 60_000);
    return t;
  });
  await expect(s.getByText('Away', { exact: true })).toBeVisible();
  await expect(s.getByRole('timer', { name: 'Active time' })).toHaveText(/^0:15:\d\d$/);
  await w.evaluate(
    (t) => (self as unknown as { __flowpilotTest: Hooks }).__flowpilotTest.idle('active', t),
    now,
  );

  const away = s.getByRole('region', { name: 'Away time' });
  // Times as the browser shows them (its own time zone), with the days when the stretch crosses midnight
  // (formatRange's own rule: a run just after midnight once expected "23:22–00:07").
  const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const range = formatRange(now - 45 * MIN, now, { timeZone });
  await expect(away).toContainText(`You were away ${range} (45 min).`);
  await away.getByRole('button', { name: 'Drop it' }).click();
  await expect(away).toBeHidden();
  await expect(s.getByRole('timer', { name: 'Active time' })).toHaveText(/^0:15:\d\d$/);

  await s.getByRole('button', { name: 'Resolve', exact: true }).click();
  const dialog = panelFrame(page).getByRole('dialog', { name: 'Resolve the session' });
  await dialog.getByLabel('Resolution').fill('Rebuilt the Outlook profile.');
  await dialog.getByRole('button', { name: 'Resolve session' }).click();
  await expect(s.getByRole('region', { name: 'Session documentation' })).toContainText(
    `Time:\n- Away ${range} (45 min): dropped`,
  );

  await panel(page).getByRole('button', { name: 'Update' }).click();
  const post = panelFrame(page).getByRole('dialog', { name: /Update ticket #1001/ });
  // 15 min worked, to the nearest minute ('exact'): 16 when the real seconds since the hook moved the
  // clock passed 30 (a slow machine). Keeping the away time instead would post 60.
  await expect(post.getByTestId('fp-p-times')).toContainText(/Posted: 1[56] min/);
  await post.getByRole('button', { name: 'Post to Ticket' }).click();
  await expect(panel(page).getByRole('status').filter({ hasText: 'Posted to ticket #1001' })).toBeVisible();
  const entry = sandbox.state.timeEntries.find(
    (e) => e.chargeToId === 1001 && /FlowPilot ref/.test(e.notes ?? ''),
  );
  expect([15, 16]).toContain((Date.parse(entry!.timeEnd!) - Date.parse(entry!.timeStart)) / MIN);
});

test('"Keep this time" counts the away stretch as work', async ({ ext, sandbox }) => {
  await connectExtensionToSandbox(ext, sandbox);
  await askBg(ext, 'optionsToBg', 'settings/save', { timeRounding: 'exact' });
  const w = await worker(ext);
  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  const s = session(page);
  await s.getByRole('button', { name: 'Start Session' }).click();
  // The session exists in the background before the hook moves its clock.
  await expect(s.getByRole('timer', { name: 'Active time' })).toBeVisible();
  await w.evaluate(async () => {
    const h = (self as unknown as { __flowpilotTest: Hooks }).__flowpilotTest;
    const t = Date.now();
    await h.shiftSession('service:1001', 40 * 60_000);
    await h.idle('locked', t - 30 * 60_000); // locked: away from that very moment
    await h.idle('active', t);
  });
  const away = s.getByRole('region', { name: 'Away time' });
  await expect(away).toContainText('(30 min).');
  await away.getByRole('button', { name: 'Keep this time' }).click();
  await expect(away).toBeHidden();
  await expect(s.getByRole('timer', { name: 'Active time' })).toHaveText(/^0:40:\d\d$/);
  // The answer is saved with the session: a reload asks nothing again.
  await page.reload();
  await expect(s.getByRole('timer', { name: 'Active time' })).toHaveText(/^0:40:\d\d$/);
  await expect(away).toHaveCount(0);
});
