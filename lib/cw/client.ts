import { ofetch } from 'ofetch';
import { fetchSameOrigin, redirectRefusalOf } from '../platform/same-origin-fetch';
import { authHeaders, type CwCredentials } from './auth';
import { buildQueryString, type ListQuery } from './conditions';
import { CwError, classifyHttpFailure, looksLikeHtml, NOT_JSON_MESSAGE } from './errors';
import { nextPageUrl } from './paging';

export interface CwClientOptions extends CwCredentials {
  /** e.g. https://api-na.myconnectwise.net/v2026_4/apis/3.0 */
  apiBase: string;
  timeoutMs?: number;
  /** The connection (tenant) these keys belong to (lib/connection/scope.ts), for the outbox's check. */
  scope?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Marks Connect's probe calls, where cloud CW answers bad credentials with 404. */
  probe?: boolean;
  /**
   * Filled in from the answer: CW's clock (its `Date` header, epoch ms). The outbox measures how long
   * CW has had a request on CW's clock, which a step of the local clock cannot shorten.
   */
  received?: { serverDate?: number };
}

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

interface RawResult {
  status: number;
  headers: Headers;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;

// Redirects are followed only within the site's own origin (lib/platform/same-origin-fetch.ts): a
// redirect elsewhere would re-send the keys, the clientId and a note's text to that host.
const cwOfetch = ofetch.create({}, { fetch: (input, init) => fetchSameOrigin(input, init) });

function redirectError(e: unknown): CwError | undefined {
  const r = redirectRefusalOf(e);
  if (!r) return undefined;
  const where = r.to ? ` to ${new URL(r.to).origin}` : '';
  return new CwError(
    'redirect',
    `ConnectWise answered with a redirect${where}. FlowPilot does not follow redirects to another address, so your keys and data never go there. Check the site name (use the address your browser ends up on) and any proxy in between.`,
    { status: r.status || undefined },
  );
}

/** One fetch with timeout + cancellation, mapped to CwError. Shared by the API client and discovery. */
export async function cwFetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  opts: RequestOptions & { path: string },
): Promise<RawResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const isWrite = init.method !== 'GET';
  let res: Awaited<ReturnType<typeof ofetch.raw<string>>>;
  try {
    res = await cwOfetch.raw<string>(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal,
      retry: false, // retries are the outbox's job; CW POSTs are not idempotent
      ignoreResponseError: true,
      parseResponse: (t) => t,
    });
  } catch (e) {
    const redirected = redirectError(e);
    if (redirected) throw redirected;
    if (opts.signal?.aborted) throw new CwError('cancelled', 'The request was cancelled.');
    if (timeout.aborted) {
      return Promise.reject(
        new CwError('timeout', `ConnectWise did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
          outcomeUnknown: isWrite,
        }),
      );
    }
    throw new CwError(
      'network',
      'Could not reach ConnectWise: the site is unreachable or the connection was reset. Check the site name and your network.',
      { outcomeUnknown: isWrite },
    );
  }
  return { status: res.status, headers: res.headers, text: typeof res._data === 'string' ? res._data : '' };
}

function parseJson(raw: RawResult): unknown {
  if (!raw.text) return undefined;
  if (looksLikeHtml(raw.headers.get('content-type') ?? '', raw.text)) {
    throw new CwError('notJson', NOT_JSON_MESSAGE, { status: raw.status });
  }
  try {
    return JSON.parse(raw.text);
  } catch {
    throw new CwError('notJson', NOT_JSON_MESSAGE, { status: raw.status });
  }
}

/** The ConnectWise REST client. Lives in the background worker only: it holds the keys. */
export class CwClient {
  constructor(private readonly opts: CwClientOptions) {}

  get apiBase(): string {
    return this.opts.apiBase;
  }

  get scope(): string | undefined {
    return this.opts.scope;
  }

  private url(path: string, query?: ListQuery): string {
    const qs = query ? buildQueryString(query) : '';
    return `${this.opts.apiBase}/${path.replace(/^\/+/, '')}${qs ? `?${qs}` : ''}`;
  }

  private async send(method: string, url: string, path: string, body: unknown, opts: RequestOptions) {
    const headers: Record<string, string> = authHeaders(this.opts);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const raw = await cwFetch(
      url,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
      { ...opts, timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs, path },
    );
    if (opts.received) {
      const date = Date.parse(raw.headers.get('date') ?? '');
      opts.received.serverDate = Number.isNaN(date) ? undefined : date;
    }
    if (raw.status < 200 || raw.status >= 300) {
      throw classifyHttpFailure({
        status: raw.status,
        method,
        path,
        retryAfter: raw.headers.get('retry-after'),
        contentType: raw.headers.get('content-type') ?? '',
        bodyText: raw.text,
        probe: opts.probe,
      });
    }
    return { data: parseJson(raw), headers: raw.headers };
  }

  async get<T>(path: string, query?: ListQuery, opts: RequestOptions = {}): Promise<T> {
    return (await this.send('GET', this.url(path, query), path, undefined, opts)).data as T;
  }

  async post<T>(path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    return (await this.send('POST', this.url(path), path, body, opts)).data as T;
  }

  async patch<T>(path: string, ops: PatchOperation[], opts: RequestOptions = {}): Promise<T> {
    return (await this.send('PATCH', this.url(path), path, ops, opts)).data as T;
  }

  /** DELETE: CW answers 204 with no body. */
  async delete(path: string, opts: RequestOptions = {}): Promise<void> {
    await this.send('DELETE', this.url(path), path, undefined, opts);
  }

  /**
   * Every page of a list, following CW's `Link: <…>; rel="next"` header (and stopping on a short page
   * when a server omits it). `maxItems` bounds memory on huge sites.
   */
  async listAll<T>(
    path: string,
    query: Omit<ListQuery, 'page'> = {},
    opts: RequestOptions & { maxItems?: number } = {},
  ): Promise<T[]> {
    const pageSize = query.pageSize ?? 1000;
    const maxItems = opts.maxItems ?? 50_000;
    const out: T[] = [];
    let url: string | undefined = this.url(path, { ...query, page: 1, pageSize });
    while (url && out.length < maxItems) {
      const { data, headers } = await this.send('GET', url, path, undefined, opts);
      const batch = Array.isArray(data) ? (data as T[]) : [];
      out.push(...batch);
      if (batch.length < pageSize) break;
      url = nextPageUrl(headers.get('link'), url);
    }
    return out.slice(0, maxItems);
  }
}
