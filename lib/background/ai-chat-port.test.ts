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
  await db().chats.clear();
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

async function ask(
  message: string,
  context: TicketContext,
  opts: { signal?: AbortSignal; similar?: NonNullable<Parameters<typeof answer>[3]>['similar'] } = {},
) {
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
  await answer(req, (m) => posts.push(m), opts.signal ?? new AbortController().signal, {
    similar: opts.similar,
  });
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

  it('saves the question and the answer with the session, in order with their times', async () => {
    await saveAiConfig({
      enabled: true,
      baseUrl: fake.baseUrl,
      model: FAKE_AI_MODEL,
      redactPii: true,
      apiKey: FAKE_AI_KEY,
    });
    const before = Date.now();
    await ask('What do we know about this ticket?', ctx(1001));
    const [chat] = await db().chats.toArray();
    expect(chat?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(chat?.messages[0]?.content).toBe('What do we know about this ticket?');
    expect(chat?.messages[1]?.content).toContain('Northwind Traders');
    expect(chat?.messages[1]?.content).not.toContain('flowpilot-lane');
    expect(chat?.messages[0]?.at).toBeGreaterThanOrEqual(before);
    expect(chat!.messages[1]!.at).toBeGreaterThanOrEqual(chat!.messages[0]!.at);
    // Never in the activity log.
    expect(JSON.stringify(await db().activity.toArray())).not.toContain('What do we know');
  });

  it('keeps what came before Stop, marked as stopped', async () => {
    await saveAiConfig({
      enabled: true,
      baseUrl: fake.baseUrl,
      model: FAKE_AI_MODEL,
      redactPii: true,
      apiKey: FAKE_AI_KEY,
    });
    fake.stallMs = 5_000;
    const stop = new AbortController();
    const asking = ask('Tell me more', ctx(1001), { signal: stop.signal });
    await expect.poll(() => fake.requests.length).toBe(1);
    await new Promise((r) => setTimeout(r, 300)); // a few words are out before the stall
    stop.abort();
    await expect(asking).rejects.toMatchObject({ kind: 'aiStopped' });
    const [chat] = await db().chats.toArray();
    expect(chat?.messages.at(-1)?.content).toMatch(/\[stopped\]$/);
    fake.stallMs = 0;
  });

  it('gives the model the ticket’s similar resolved tickets', async () => {
    await saveAiConfig({
      enabled: true,
      baseUrl: fake.baseUrl,
      model: FAKE_AI_MODEL,
      redactPii: true,
      apiKey: FAKE_AI_KEY,
    });
    const similar = async (c: TicketContext) => [
      {
        source: 'cw' as const,
        ticketId: 1408,
        summary: `Like ${c.summary}`,
        resolution: 'Reserved the IP in DHCP.',
      },
    ];
    await ask('Has this happened before?', ctx(1001), { similar });
    expect(fake.requests[0]?.body.messages?.[0]?.content).toContain(
      '- #1408 Like Printer offline: Reserved the IP in DHCP.',
    );
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
