// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_AI_KEY, FAKE_AI_MODEL, type FakeAi, startFakeAi } from '../../tests/ai-fake/server';
import { saveAiConfig } from '../ai/config';
import { db } from '../db/schema';
import type { BgToPanelChat } from '../messages/ai-chat-port';
import { startSessionFor } from '../session/service';
import type { TicketContext } from '../ticket/types';
import { answer, ChatRequest, isAllowedPortSender } from './ai-chat-port';

let fake: FakeAi;
beforeAll(async () => {
  fake = await startFakeAi({ chunkDelayMs: 0 });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  await db().sessions.clear();
  await db().settings.clear();
  await db().secrets.clear();
});

const ctx = (id: number): TicketContext => ({
  ref: { kind: 'service', id },
  summary: 'Printer offline',
  status: { name: 'New' },
  closed: false,
  company: { name: 'Northwind Traders' },
  contact: { name: 'Ann', email: 'ann@northwind.example' },
  configurations: [{ id: 1, name: 'NW-PRN-02', type: 'Printer' }],
  notes: [],
  webUrl: 'http://x',
  fetchedAt: 0,
  problems: [],
});

async function ask(message: string, context: TicketContext) {
  const v = await startSessionFor({
    ticketKey: 'service:1001',
    ticketSummary: 'Printer offline',
    problem: '',
  });
  const posts: BgToPanelChat[] = [];
  const req = ChatRequest.parse({
    type: 'ask',
    askId: 'a1',
    sessionId: v.session.id,
    context,
    history: [],
    message,
  });
  if (req.type !== 'ask') throw new Error('parse');
  await answer(req, (m) => posts.push(m), new AbortController().signal);
  return posts;
}

describe('assistant answers over the port', () => {
  it('sends the ticket context (redacted) to the model and streams back text and suggestions', async () => {
    await saveAiConfig({
      enabled: true,
      baseUrl: fake.baseUrl,
      model: FAKE_AI_MODEL,
      redactPii: true,
      apiKey: FAKE_AI_KEY,
    });
    const posts = await ask('What do we know about this ticket?', ctx(1001));
    const sys = fake.requests[0]?.body.messages?.[0]?.content ?? '';
    expect(sys).toContain('Company: Northwind Traders');
    expect(sys).toContain('NW-PRN-02');
    expect(sys).not.toContain('ann@northwind.example');
    expect(posts.filter((p) => p.type === 'delta').length).toBeGreaterThan(3);
    const done = posts.at(-1);
    expect(done).toMatchObject({ type: 'done', askId: 'a1' });
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.text).toContain('Northwind Traders');
    expect(done.text).not.toContain('flowpilot-lane');
    expect(done.suggestions).toContainEqual({
      section: 'checks',
      text: 'Check the network cable is connected',
    });
  });

  it('ignores a context for another ticket and refuses while the assistant is off', async () => {
    await saveAiConfig({
      enabled: true,
      baseUrl: fake.baseUrl,
      model: FAKE_AI_MODEL,
      redactPii: false,
      apiKey: FAKE_AI_KEY,
    });
    await ask('hi', ctx(2002));
    expect(fake.requests[0]?.body.messages?.[0]?.content).not.toContain('Northwind');
    await saveAiConfig({ enabled: false, baseUrl: '', model: '', redactPii: true });
    await expect(ask('hi', ctx(1001))).rejects.toMatchObject({ kind: 'aiNotConfigured' });
  });

  it('checks the port sender like the router does', async () => {
    const deps = {
      extensionId: 'ext',
      extensionOrigin: 'chrome-extension://ext/',
      isPanelHost: (u: string) => u.startsWith('http://127.0.0.1:1/'),
    };
    const frame = (pageUrl: string, frameId = 4) => ({
      id: 'ext',
      url: 'chrome-extension://ext/panel.html',
      tab: { id: 1, url: pageUrl },
      frameId,
    });
    expect(await isAllowedPortSender(frame('http://127.0.0.1:1/x'), deps)).toBe(true);
    // The panel frame on another site, panel.html opened on its own, the content script, other extensions.
    expect(await isAllowedPortSender(frame('https://evil.example/'), deps)).toBe(false);
    expect(await isAllowedPortSender(frame('http://127.0.0.1:1/x', 0), deps)).toBe(false);
    expect(
      await isAllowedPortSender({ id: 'ext', url: 'http://127.0.0.1:1/x', tab: { id: 1 }, frameId: 0 }, deps),
    ).toBe(false);
    expect(await isAllowedPortSender({ ...frame('http://127.0.0.1:1/x'), id: 'other' }, deps)).toBe(false);
    expect(await isAllowedPortSender({ id: 'ext', url: 'chrome-extension://ext/options.html' }, deps)).toBe(
      true,
    );
    expect(await isAllowedPortSender(undefined, deps)).toBe(false);
  });

  it('rejects malformed requests', () => {
    expect(
      ChatRequest.safeParse({ type: 'ask', askId: 'a', sessionId: 's', history: [], message: '' }).success,
    ).toBe(false);
    expect(
      ChatRequest.safeParse({
        type: 'ask',
        askId: 'a',
        sessionId: 's',
        history: [],
        message: 'x',
        context: { summary: 1 },
      }).success,
    ).toBe(false);
    expect(ChatRequest.safeParse({ type: 'stop', askId: 'a' }).success).toBe(true);
  });
});
