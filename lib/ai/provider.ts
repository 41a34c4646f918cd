import { fetchSameOrigin, redirectRefusalOf } from '../platform/same-origin-fetch';
import { checkAiBaseUrl } from './endpoint';
import { chunkDelta, SseParser } from './sse';

// An OpenAI-compatible chat completions client (OpenAI, Azure OpenAI, Ollama, LM Studio, …), used only
// by the background worker. It streams with fetch + SSE and turns every failure into an AiError
// whose message a technician can act on.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface AiEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
}

export type AiErrorKind =
  | 'aiNotConfigured'
  | 'aiBadKey'
  | 'aiModelMissing'
  | 'aiEndpointDown'
  | 'aiTimeout'
  | 'aiRateLimited'
  | 'aiProviderError'
  | 'aiRedirected'
  | 'aiStopped';

export class AiError extends Error {
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'AiError';
  }
  toInfo() {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.retryAfterSec !== undefined ? { retryAfterSec: this.retryAfterSec } : {}),
    };
  }
}

/**
 * `{base}/chat/completions`, keeping a query string (Azure's `?api-version=`) after the path.
 * Accepts a base with or without a trailing slash; refuses what `checkAiBaseUrl` refuses (plain http
 * off this computer, user names).
 */
export function completionsUrl(baseUrl: string): string {
  const checked = checkAiBaseUrl(baseUrl);
  if (!checked.ok) throw new AiError('aiNotConfigured', checked.message);
  const u = checked.url;
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/chat/completions`.replace(
    /\/chat\/completions\/chat\/completions$/,
    '/chat/completions',
  );
  return u.toString();
}

function headers(ep: AiEndpoint): Record<string, string> {
  const h: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
  if (ep.apiKey) {
    h.Authorization = `Bearer ${ep.apiKey}`;
    // Azure OpenAI authenticates with its own header; sending both is harmless elsewhere.
    if (/\.openai\.azure\.com$/i.test(new URL(ep.baseUrl).hostname)) h['api-key'] = ep.apiKey;
  }
  return h;
}

interface ProviderErrorBody {
  error?: { message?: string; code?: string | null; type?: string } | string;
  message?: string;
}

/** Maps an HTTP failure to what the tech should do about it. */
export function errorFromResponse(
  status: number,
  body: string,
  model: string,
  retryAfter: string | null,
): AiError {
  let parsed: ProviderErrorBody = {};
  try {
    parsed = JSON.parse(body) as ProviderErrorBody;
  } catch {
    /* not JSON: status decides */
  }
  const err = typeof parsed.error === 'object' ? parsed.error : undefined;
  const text = `${err?.message ?? (typeof parsed.error === 'string' ? parsed.error : '') ?? ''} ${parsed.message ?? ''}`;
  const code = err?.code ?? '';
  if (status === 401 || status === 403 || code === 'invalid_api_key') {
    return new AiError(
      'aiBadKey',
      'The AI provider rejected the API key. Check it in FlowPilot options → AI Assistant.',
    );
  }
  if (status === 429) {
    const sec = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
    return new AiError(
      'aiRateLimited',
      `The AI provider is rate limiting requests${sec ? `; try again in ${sec} s` : '; try again shortly'}.`,
      sec,
    );
  }
  if (code === 'model_not_found' || ((status === 404 || status === 400) && /model/i.test(text))) {
    return new AiError(
      'aiModelMissing',
      `The AI provider has no model "${model}". Check the model name in FlowPilot options.`,
    );
  }
  if (status === 404) {
    return new AiError(
      'aiEndpointDown',
      'The AI endpoint was not found. Check the base URL (it usually ends in /v1).',
    );
  }
  if (status === 408 || status === 504)
    return new AiError('aiTimeout', 'The AI provider timed out. Try again.');
  return new AiError(
    'aiProviderError',
    `The AI provider answered with an error (HTTP ${status}). Try again later.`,
  );
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** No response headers (or no new chunk) for this long → timeout. */
  idleTimeoutMs?: number;
  fetchImpl?: typeof fetch;
  temperature?: number;
  maxTokens?: number;
}

/**
 * Streams a chat completion, calling `onDelta` with each piece of text; resolves with the whole text.
 * Stopping (the signal) rejects with kind 'aiStopped' and keeps nothing running.
 */
export async function streamChat(
  ep: AiEndpoint,
  messages: ChatMessage[],
  onDelta: (text: string) => void,
  opts: StreamOptions = {},
): Promise<string> {
  if (!ep.baseUrl.trim() || !ep.model.trim()) {
    throw new AiError(
      'aiNotConfigured',
      'The AI assistant needs an endpoint and a model in FlowPilot options.',
    );
  }
  const url = completionsUrl(ep.baseUrl);
  const idleMs = opts.idleTimeoutMs ?? 30_000;
  const ctl = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, idleMs);
  };
  const onStop = () => ctl.abort();
  if (opts.signal?.aborted) throw new AiError('aiStopped', 'Stopped.');
  opts.signal?.addEventListener('abort', onStop, { once: true });
  const fail = (e: unknown): never => {
    if (e instanceof AiError) throw e;
    const redirect = redirectRefusalOf(e);
    if (redirect) {
      throw new AiError(
        'aiRedirected',
        `The AI endpoint answered with a redirect${redirect.to ? ` to ${new URL(redirect.to).origin}` : ''}. FlowPilot does not follow redirects to another address, so the key and ticket data never go there. Use the final URL as the endpoint base URL.`,
      );
    }
    if (timedOut)
      throw new AiError('aiTimeout', `The AI provider did not answer within ${Math.round(idleMs / 1000)} s.`);
    if (opts.signal?.aborted) throw new AiError('aiStopped', 'Stopped.');
    throw new AiError(
      'aiEndpointDown',
      'Could not reach the AI endpoint. Check the base URL and that the server is running.',
    );
  };

  arm();
  try {
    let res: Response;
    try {
      // Redirects only within the endpoint's origin: elsewhere they would re-send the key and the prompt.
      res = await fetchSameOrigin(
        url,
        {
          method: 'POST',
          headers: headers(ep),
          body: JSON.stringify({
            model: ep.model,
            messages,
            stream: true,
            ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
            ...(opts.maxTokens !== undefined ? { max_tokens: opts.maxTokens } : {}),
          }),
          signal: ctl.signal,
        },
        opts.fetchImpl,
      );
    } catch (e) {
      return fail(e);
    }
    if (!res.ok) {
      const body = await res.text().catch(() => '');
      throw errorFromResponse(res.status, body, ep.model, res.headers.get('retry-after'));
    }
    if (!res.body) throw new AiError('aiProviderError', 'The AI provider sent an empty answer.');

    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    let full = '';
    const handle = (data: string): boolean => {
      if (data === '[DONE]') return true;
      const err = (() => {
        try {
          return (JSON.parse(data) as ProviderErrorBody).error;
        } catch {
          return undefined;
        }
      })();
      if (err)
        throw new AiError(
          'aiProviderError',
          `The AI provider stopped with an error: ${typeof err === 'string' ? err : (err.message ?? 'unknown')}`,
        );
      const d = chunkDelta(data);
      if (d) {
        full += d;
        onDelta(d);
      }
      return false;
    };
    try {
      for (;;) {
        arm();
        if (opts.signal?.aborted) throw new AiError('aiStopped', 'Stopped.');
        const { done, value } = await reader.read();
        if (done) break;
        for (const ev of parser.push(decoder.decode(value, { stream: true }))) {
          if (opts.signal?.aborted) throw new AiError('aiStopped', 'Stopped.');
          if (handle(ev.data)) {
            await reader.cancel().catch(() => undefined);
            return full;
          }
        }
      }
      for (const ev of parser.flush()) handle(ev.data);
    } catch (e) {
      await reader.cancel().catch(() => undefined);
      return fail(e);
    }
    return full;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onStop);
  }
}

/** The options page's "Test": a tiny real completion, so key, model and endpoint are all checked. */
export async function testEndpoint(
  ep: AiEndpoint,
  fetchImpl?: typeof fetch,
): Promise<{ model: string; sample: string }> {
  const sample = await streamChat(
    ep,
    [{ role: 'user', content: 'Reply with the single word OK.' }],
    () => undefined,
    {
      idleTimeoutMs: 20_000,
      maxTokens: 5,
      ...(fetchImpl ? { fetchImpl } : {}),
    },
  );
  return { model: ep.model, sample: sample.trim().slice(0, 40) };
}
