import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small OpenAI-compatible chat completions server for tests. It streams Server-Sent Events exactly
// like api.openai.com (a role chunk, content chunks, a finish chunk, `data: [DONE]`), answers errors
// with OpenAI's error bodies, and records every request so tests can assert what FlowPilot sent.

export interface FakeAiRequest {
  path: string;
  authorization?: string;
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content: string }[];
    [k: string]: unknown;
  };
}

export interface FakeAiFault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeAiOptions {
  port?: number;
  apiKey?: string;
  models?: string[];
  /** Delay between streamed chunks. */
  chunkDelayMs?: number;
}

export interface FakeAi {
  baseUrl: string;
  apiKey: string;
  requests: FakeAiRequest[];
  /** The next answer's text (otherwise one is made from the prompt, see `defaultReply`). */
  reply: ((req: FakeAiRequest) => string) | undefined;
  /** Faults served to the next requests, in order. */
  faults: FakeAiFault[];
  /** Hold the stream open after the first chunk for this long (to test Stop and timeouts). */
  stallMs: number;
  chunkDelayMs: number;
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_AI_KEY = 'sk-test-flowpilot-0000';
export const FAKE_AI_MODEL = 'fake-gpt';

/** Picks "Company: …" etc. out of the system prompt and answers with them, plus a lane suggestion. */
export function defaultReply(req: FakeAiRequest): string {
  const system = req.body.messages?.find((m) => m.role === 'system')?.content ?? '';
  const field = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(system)?.[1]?.trim();
  const company = field('Company') ?? 'an unknown company';
  const status = field('Status') ?? 'unknown';
  const configs = /^Configurations:\n((?:- .+\n?)+)/m.exec(system)?.[1]?.trim().split('\n')[0]?.slice(2);
  return [
    `This ticket is for ${company}${company.endsWith('.') ? '' : '.'} Its status is ${status}.`,
    configs ? ` The attached configuration is ${configs}.` : '',
    '\n\nI suggest checking the basics first.\n',
    '```flowpilot-lane\n',
    JSON.stringify({
      checks: ['Check the network cable is connected'],
      questions: ['When did it last work?'],
    }),
    '\n```',
  ].join('');
}

function split(text: string): string[] {
  // Word-sized pieces, like real token streaming.
  return text.match(/\s*\S+|\s+/g) ?? [];
}

const sse = (res: ServerResponse, data: unknown) =>
  res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);

export async function startFakeAi(opts: FakeAiOptions = {}): Promise<FakeAi> {
  const models = opts.models ?? [FAKE_AI_MODEL];
  const fake: FakeAi = {
    baseUrl: '',
    apiKey: opts.apiKey ?? FAKE_AI_KEY,
    requests: [],
    reply: undefined,
    faults: [],
    stallMs: 0,
    chunkDelayMs: opts.chunkDelayMs ?? 15,
    reset() {
      this.requests = [];
      this.reply = undefined;
      this.faults = [];
      this.stallMs = 0;
    },
    close: async () => undefined,
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: FakeAiRequest['body'] = {};
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return json(res, 400, {
        error: {
          message: 'We could not parse the JSON body of your request.',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
    }
    const record: FakeAiRequest = {
      path,
      body,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };

    if (req.method === 'GET' && path === '/v1/models') {
      return json(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'flowpilot-tests' })),
      });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      return json(res, 404, {
        error: {
          message: `Invalid URL (${req.method} ${path})`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
    }
    fake.requests.push(record);
    const fault = fake.faults.shift();
    if (fault) return json(res, fault.status, fault.body ?? {}, fault.headers);
    if (req.headers.authorization !== `Bearer ${fake.apiKey}`) {
      return json(res, 401, {
        error: {
          message:
            'Incorrect API key provided: sk-…. You can find your API key at https://platform.openai.com/account/api-keys.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    }
    if (!body.model || !models.includes(body.model)) {
      return json(res, 404, {
        error: {
          message: `The model \`${body.model}\` does not exist or you do not have access to it.`,
          type: 'invalid_request_error',
          param: null,
          code: 'model_not_found',
        },
      });
    }
    const text = (fake.reply ?? defaultReply)(record);
    const id = `chatcmpl-fake${fake.requests.length}`;
    const base = {
      id,
      object: 'chat.completion.chunk',
      created: 1700000000,
      model: body.model,
      system_fingerprint: 'fp_fake',
    };
    if (!body.stream) {
      return json(res, 200, {
        id,
        object: 'chat.completion',
        created: 1700000000,
        model: body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    sse(res, {
      ...base,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
    });
    let first = true;
    for (const piece of split(text)) {
      if (closed) return;
      sse(res, {
        ...base,
        choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }],
      });
      if (first && fake.stallMs > 0) await new Promise((r) => setTimeout(r, fake.stallMs));
      first = false;
      if (fake.chunkDelayMs > 0) await new Promise((r) => setTimeout(r, fake.chunkDelayMs));
    }
    if (closed) return;
    sse(res, { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] });
    sse(res, '[DONE]');
    res.end();
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  fake.baseUrl = `http://127.0.0.1:${port}/v1`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}
