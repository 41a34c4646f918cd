import { FAKE_AI_KEY, FAKE_AI_MODEL, type FakeAi, startFakeAi } from '../ai-fake/server';
import { type Sandbox, SPECIAL_TICKETS, STATUS_IDS, startSandbox } from '../cw-sandbox/index';
import { askBg, connectExtensionToSandbox } from './connect';
import { expect, test } from './fixtures';

// Issue 10 §4: CW and AI requests never follow a redirect to another origin. In Chromium a manual
// redirect is opaque (its target is hidden), so the extension refuses every redirect there; the point
// proven here is that the other host receives nothing: no keys, no clientId, no note text.

let other: Sandbox;
let otherAi: FakeAi;
let ai: FakeAi;
test.beforeAll(async () => {
  [other, otherAi, ai] = await Promise.all([
    startSandbox({ port: 0 }),
    startFakeAi({ chunkDelayMs: 1, apiKey: 'sk-anything' }),
    startFakeAi({ chunkDelayMs: 1 }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([other.close(), otherAi.close(), ai.close()]);
});

test('a CW redirect to another host is refused with a clear message; that host receives nothing', async ({
  ext,
  sandbox,
  openOptions,
}) => {
  other.reset();
  await connectExtensionToSandbox(ext, sandbox);
  const options = await openOptions('connection');
  sandbox.faults.add({
    path: '^/system/info$',
    status: 307,
    redirect: `${other.url}/v2026_4/apis/3.0/system/info`,
  });
  await options.getByRole('button', { name: 'Test Connection' }).click();
  await expect(options.getByRole('alert')).toContainText('ConnectWise answered with a redirect');

  // A note whose POST is redirected (307 keeps method and body) is not re-sent anywhere, nor retried.
  sandbox.faults.add({
    method: 'POST',
    path: '/notes$',
    status: 307,
    redirect: `${other.url}/v2026_4/apis/3.0/service/tickets/${SPECIAL_TICKETS.standard}/notes`,
  });
  const r = await askBg<{ outcome: string; message: string }>(ext, 'panelToBg', 'posting/post', {
    ticketKey: `service:${SPECIAL_TICKETS.standard}`,
    noteKind: 'internalAnalysis',
    text: 'Redirected note: the VPN pre-shared key is on the sticky note',
    timeEntry: false,
    status: { id: STATUS_IDS.helpDesk.inProgress, name: 'In Progress' },
    waitMs: 10_000,
  });
  expect(r.outcome).not.toBe('sent');
  expect(r.message).toContain('redirect');
  expect(sandbox.state.notes.filter((n) => n.text.includes('Redirected note'))).toEqual([]);
  expect(sandbox.requests.filter((q) => q.method === 'POST' && q.apiPath.endsWith('/notes'))).toHaveLength(1);
  expect(other.requests).toEqual([]);
});

test('an AI endpoint redirecting to another host is refused; that host never sees the key or the prompt', async ({
  openOptions,
}) => {
  otherAi.reset();
  ai.reset();
  const options = await openOptions('flowpilot');
  const form = options.getByRole('region', { name: 'AI Assistant' });
  await form.getByLabel('Endpoint base URL').fill(ai.baseUrl);
  await form.getByLabel('Model').fill(FAKE_AI_MODEL);
  await form.getByLabel('API key').fill(FAKE_AI_KEY);
  ai.faults.push({ status: 307, headers: { Location: `${otherAi.baseUrl}/chat/completions` } });
  await form.getByRole('button', { name: 'Test' }).click();
  await expect(form.getByRole('alert')).toContainText('The AI endpoint answered with a redirect');
  expect(ai.requests).toHaveLength(1);
  expect(otherAi.requests).toEqual([]);
  // Without the redirect the same settings work.
  await form.getByRole('button', { name: 'Test' }).click();
  await expect(form.getByRole('status')).toContainText(`The model ${FAKE_AI_MODEL} answered`);
});
