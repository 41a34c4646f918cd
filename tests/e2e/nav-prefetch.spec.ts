import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, test } from './fixtures';

// Issue 12 §5: the ticket's context starts when the ticket page's request leaves, not when CW's answer
// commits it. With CW's page held for 2 s, the API reads must reach CW while the page is still being
// served — impossible for anything that waits for the page (commit, content script, panel).

const T = SPECIAL_TICKETS.standard;
const HOLD_MS = 2_000;

test('the context loads beside CW’s own page load: the ticket’s API reads arrive before CW has answered the page', async ({
  ext,
  sandbox,
}) => {
  await connectExtensionToSandbox(ext, sandbox);
  const page = await ext.context.newPage();
  sandbox.faults.pageLatencyMs = HOLD_MS;
  const mark = sandbox.requests.length;
  const started = Date.now();
  await page.goto(sandbox.ticketPageUrl(T));
  const answeredNotBefore = started + HOLD_MS;
  const reads = sandbox.requests
    .slice(mark)
    .filter((r) => r.method === 'GET' && r.apiPath.startsWith(`/service/tickets/${T}`));
  expect(reads.map((r) => r.apiPath)).toEqual(
    expect.arrayContaining([
      `/service/tickets/${T}`,
      `/service/tickets/${T}/notes`,
      `/service/tickets/${T}/configurations`,
    ]),
  );
  for (const r of reads.filter((x) => x.apiPath === `/service/tickets/${T}`))
    expect(Date.parse(r.at)).toBeLessThan(answeredNotBefore);
  // And the panel shows that context without asking CW again.
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  expect(
    sandbox.requests.slice(mark).filter((r) => r.apiPath === `/service/tickets/${T}` && r.method === 'GET'),
  ).toHaveLength(1);
});
