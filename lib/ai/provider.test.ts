// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_AI_KEY, FAKE_AI_MODEL, type FakeAi, startFakeAi } from '../../tests/ai-fake/server';
import { AiError, completionsUrl, errorFromResponse, streamChat, testEndpoint } from './provider';

let fake: FakeAi;
beforeAll(async () => {
  fake = await startFakeAi({ chunkDelayMs: 1 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const ep = () => ({ baseUrl: fake.baseUrl, model: FAKE_AI_MODEL, apiKey: FAKE_AI_KEY });
const msgs = [
  { role: 'system' as const, content: 'Company: Contoso Dental\nStatus: New' },
  { role: 'user' as const, content: 'hi' },
];

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AiError ? e.kind : `other: ${String(e)}`;
  }
}

describe('streamChat against the fake OpenAI-compatible server', () => {
  it('streams the answer in pieces and sends model, messages, stream and the bearer key', async () => {
    const pieces: string[] = [];
    const text = await streamChat(ep(), msgs, (d) => pieces.push(d));
    expect(text).toMatch(/^This ticket is for Contoso Dental\. Its status is New\./);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(text);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      authorization: `Bearer ${FAKE_AI_KEY}`,
      body: { model: FAKE_AI_MODEL, stream: true, messages: msgs },
    });
  });

  it('maps a bad key, a missing model, rate limiting, server errors and a dead endpoint to plain errors', async () => {
    expect(await kindOf(streamChat({ ...ep(), apiKey: 'sk-wrong' }, msgs, () => undefined))).toBe('aiBadKey');
    expect(await kindOf(streamChat({ ...ep(), model: 'gpt-nope' }, msgs, () => undefined))).toBe(
      'aiModelMissing',
    );
    fake.faults.push({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    });
    const e = await streamChat(ep(), msgs, () => undefined).catch((x: AiError) => x);
    expect(e).toBeInstanceOf(AiError);
    expect((e as AiError).kind).toBe('aiRateLimited');
    expect((e as AiError).message).toContain('7 s');
    fake.faults.push({ status: 500, body: { error: { message: 'boom' } } });
    expect(await kindOf(streamChat(ep(), msgs, () => undefined))).toBe('aiProviderError');
    expect(
      await kindOf(streamChat({ ...ep(), baseUrl: `${fake.baseUrl}/wrong` }, msgs, () => undefined)),
    ).toBe('aiEndpointDown');
    expect(
      await kindOf(streamChat({ ...ep(), baseUrl: 'http://127.0.0.1:1/v1' }, msgs, () => undefined)),
    ).toBe('aiEndpointDown');
    expect(await kindOf(streamChat({ ...ep(), model: '' }, msgs, () => undefined))).toBe('aiNotConfigured');
  });

  it('times out when the stream stalls, and stops on request', async () => {
    fake.stallMs = 1000;
    const got: string[] = [];
    expect(await kindOf(streamChat(ep(), msgs, (d) => got.push(d), { idleTimeoutMs: 200 }))).toBe(
      'aiTimeout',
    );
    expect(got.length).toBe(1); // what arrived before the stall was delivered
    const ctl = new AbortController();
    const p = streamChat(ep(), msgs, () => ctl.abort(), { signal: ctl.signal });
    expect(await kindOf(p)).toBe('aiStopped');
  });

  it('tests an endpoint with a tiny completion', async () => {
    fake.reply = () => 'OK';
    expect(await testEndpoint(ep())).toEqual({ model: FAKE_AI_MODEL, sample: 'OK' });
    expect(fake.requests[0]?.body.max_tokens).toBe(5);
  });
});

describe('endpoint URLs and error bodies', () => {
  it('builds the completions URL from common base URLs', () => {
    expect(completionsUrl('https://api.openai.com/v1/')).toBe('https://api.openai.com/v1/chat/completions');
    expect(completionsUrl(' http://localhost:11434/v1 ')).toBe('http://localhost:11434/v1/chat/completions');
    expect(completionsUrl('https://x.openai.azure.com/openai/deployments/gpt4o?api-version=2024-06-01')).toBe(
      'https://x.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-06-01',
    );
    expect(completionsUrl('http://127.0.0.1:1234/v1/chat/completions')).toBe(
      'http://127.0.0.1:1234/v1/chat/completions',
    );
    expect(() => completionsUrl('ftp://x')).toThrow(/http/);
    expect(() => completionsUrl('not a url')).toThrow(/valid URL/);
  });

  it('recognises Ollama-style and plain-text error bodies', () => {
    expect(
      errorFromResponse(404, '{"error":"model \\"llama9\\" not found, try pulling it first"}', 'llama9', null)
        .kind,
    ).toBe('aiModelMissing');
    expect(errorFromResponse(403, 'Forbidden', 'm', null).kind).toBe('aiBadKey');
    expect(errorFromResponse(504, '', 'm', null).kind).toBe('aiTimeout');
    expect(errorFromResponse(429, '', 'm', 'soon').message).toContain('shortly');
  });
});

describe('endpoint URLs (issue 10 §2)', () => {
  it('refuses plain http anywhere but on this computer, and user names in the URL', () => {
    expect(() => completionsUrl('http://ai.example.com/v1')).toThrow(/https/);
    expect(() => completionsUrl('http://192.168.1.20:11434/v1')).toThrow(/https/);
    expect(() => completionsUrl('https://user:pw@ai.example.com/v1')).toThrow(AiError);
    expect(completionsUrl('http://localhost:11434/v1')).toBe('http://localhost:11434/v1/chat/completions');
    expect(completionsUrl('http://127.0.0.1:1234/v1/')).toBe('http://127.0.0.1:1234/v1/chat/completions');
  });
});

describe('redirects (issue 10 §4)', () => {
  it('an endpoint redirecting to another origin is refused and the other host gets nothing', async () => {
    const other = await startFakeAi({ chunkDelayMs: 1 });
    try {
      fake.faults.push({ status: 307, headers: { Location: `${other.baseUrl}/chat/completions` } });
      const azure = { ...ep(), apiKey: FAKE_AI_KEY };
      const e = await streamChat(azure, msgs, () => undefined).catch((x: AiError) => x);
      expect(e).toMatchObject({ kind: 'aiRedirected' });
      expect((e as AiError).message).toContain(new URL(other.baseUrl).origin);
      expect(other.requests).toEqual([]);
      // Same origin: followed (Node shows the target; Chromium refuses every redirect, see same-origin-fetch).
      fake.faults.push({ status: 308, headers: { Location: '/v1/chat/completions' } });
      expect(await streamChat(ep(), msgs, () => undefined)).toMatch(/^This ticket is for/);
    } finally {
      await other.close();
    }
  });
});
