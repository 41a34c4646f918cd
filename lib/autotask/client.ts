import { ofetch } from 'ofetch';
import { type AtCredentials, authHeaders } from './auth';
import { AtError, classifyAtFailure, looksLikeHtml, NOT_JSON_MESSAGE } from './errors';
import {
  type BackoffOptions,
  backoffDelay,
  type EndpointLimiter,
  endpointOf,
  sharedLimiter,
  THREAD_BACKOFF,
} from './limiter';
import { type QueryPage, readPage, rebasePageUrl } from './paging';
import { type AtQuery, type Filter, queryBody } from './query';
import { parseThreshold, type ThresholdUsage } from './threshold';
import {
  type AtZone,
  DEFAULT_ZONE_LOOKUP,
  memoryZoneCache,
  parseZoneAnswer,
  type ZoneCache,
  zoneLookupUrl,
} from './zone';

// The Autotask REST client. Lives in the background worker only: it holds the secret. It finds the
// zone (cached; looked up again after a 401), sends the three auth headers, keeps at most 3 requests in
// flight per object endpoint, waits and retries when Autotask's thread limit refuses a request anyway
// (whatever the HTTP status), and maps every failure to an AtError. Other retries are the outbox's job.

export interface AtClientOptions {
  credentials: AtCredentials;
  /** The zone lookup (default https://webservices.autotask.net/…/zoneInformation). */
  zoneLookupUrl?: string;
  /** A zone known already (stored with the connection): no lookup until a 401. */
  zone?: AtZone;
  zoneCache?: ZoneCache;
  timeoutMs?: number;
  limiter?: EndpointLimiter;
  backoff?: BackoffOptions;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface AtRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** ImpersonationResourceId: the write appears as this resource's (needs the API user's permission). */
  impersonateResourceId?: number;
  /** Filled with the answer's Date header (any status): the outbox keeps time on Autotask's clock too. */
  received?: { serverDate?: number };
}

interface Raw {
  status: number;
  headers: Headers;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One fetch with timeout + cancellation; network trouble becomes an AtError. */
export async function atFetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  opts: { signal?: AbortSignal; timeoutMs?: number; what?: string },
): Promise<Raw> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const isWrite = init.method !== 'GET' && !/\/query(\/|\?|$)/i.test(url);
  try {
    const res = await ofetch.raw<string>(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal,
      retry: false, // Autotask writes are not idempotent; retries belong to the outbox
      ignoreResponseError: true,
      redirect: 'follow',
      parseResponse: (t) => t,
    });
    return { status: res.status, headers: res.headers, text: typeof res._data === 'string' ? res._data : '' };
  } catch {
    if (opts.signal?.aborted) throw new AtError('cancelled', 'The request was cancelled.');
    if (timeout.aborted) {
      throw new AtError('timeout', `Autotask did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
        outcomeUnknown: isWrite,
      });
    }
    throw new AtError(
      'network',
      `Could not reach ${opts.what ?? 'Autotask'}: the server is unreachable or the connection was reset. Check the network.`,
      { outcomeUnknown: isWrite },
    );
  }
}

function parseJson(raw: Raw): unknown {
  if (!raw.text) return undefined;
  if (looksLikeHtml(raw.headers.get('content-type') ?? '', raw.text)) {
    throw new AtError('notJson', NOT_JSON_MESSAGE, { status: raw.status });
  }
  try {
    return JSON.parse(raw.text);
  } catch {
    throw new AtError('notJson', NOT_JSON_MESSAGE, { status: raw.status });
  }
}

/** `GET …/zoneInformation?user=` without credentials: where this API user's database lives. */
export async function discoverZone(
  userName: string,
  opts: { lookupUrl?: string; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<AtZone> {
  const url = zoneLookupUrl(userName, opts.lookupUrl ?? DEFAULT_ZONE_LOOKUP);
  const raw = await atFetch(
    url,
    { method: 'GET', headers: { Accept: 'application/json' } },
    { ...opts, what: `Autotask's zone lookup (${new URL(url).host})` },
  );
  if (raw.status < 200 || raw.status >= 300) {
    throw classifyAtFailure({
      status: raw.status,
      method: 'GET',
      path: 'zoneInformation',
      retryAfter: raw.headers.get('retry-after'),
      contentType: raw.headers.get('content-type') ?? '',
      bodyText: raw.text,
    });
  }
  const zone = parseZoneAnswer(parseJson(raw));
  if (!zone) {
    throw new AtError(
      'notJson',
      'The zone lookup did not answer like Autotask. Check the zone lookup address.',
      {
        status: raw.status,
      },
    );
  }
  return zone;
}

export class AtClient {
  private readonly cache: ZoneCache;
  private readonly limiter: EndpointLimiter;
  private readonly backoff: BackoffOptions;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: AtClientOptions) {
    this.cache = opts.zoneCache ?? memoryZoneCache();
    if (opts.zone) this.cache.set(opts.credentials.userName, opts.zone);
    this.limiter = opts.limiter ?? sharedLimiter;
    this.backoff = opts.backoff ?? THREAD_BACKOFF;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  /** The zone (cached). `refresh` looks it up again, e.g. after a 401 (DJA: the zone may have moved). */
  async zone(opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<AtZone> {
    const user = this.opts.credentials.userName;
    const cached = opts.refresh ? undefined : this.cache.get(user);
    if (cached) return cached;
    const zone = await discoverZone(user, { lookupUrl: this.opts.zoneLookupUrl, signal: opts.signal });
    this.cache.set(user, zone);
    return zone;
  }

  private headers(body: boolean, o: AtRequestOptions): Record<string, string> {
    const h = authHeaders(this.opts.credentials);
    if (body) h['Content-Type'] = 'application/json';
    if (o.impersonateResourceId !== undefined) h.ImpersonationResourceId = String(o.impersonateResourceId);
    return h;
  }

  /**
   * One logical request. `target` is a path under the zone's `V1.0` base, or an absolute URL (a page
   * link, already rebased). Retries only what Autotask did not execute: thread-limit refusals, and
   * one retry against a moved zone after a 401.
   */
  private async send(
    method: string,
    target: string,
    body: unknown,
    o: AtRequestOptions,
  ): Promise<{ data: unknown; url: string }> {
    let zone = await this.zone({ signal: o.signal });
    let zoneChecked = false;
    for (let attempt = 1; ; attempt++) {
      const url = /^https?:/i.test(target) ? target : `${zone.apiBase}/${target.replace(/^\/+/, '')}`;
      const endpoint = endpointOf(url);
      const key =
        endpoint &&
        `${zone.apiBase}|${this.opts.credentials.integrationCode.trim().toUpperCase()}|${endpoint}`;
      const raw = await this.limiter.run(
        key,
        () =>
          atFetch(
            url,
            {
              method,
              headers: this.headers(body !== undefined, o),
              body: body === undefined ? undefined : JSON.stringify(body),
            },
            { signal: o.signal, timeoutMs: o.timeoutMs ?? this.opts.timeoutMs },
          ),
        o.signal,
      );
      if (o.received) {
        const date = Date.parse(raw.headers.get('date') ?? '');
        o.received.serverDate = Number.isNaN(date) ? undefined : date;
      }
      if (raw.status >= 200 && raw.status < 300) return { data: parseJson(raw), url };
      const err = classifyAtFailure({
        status: raw.status,
        method,
        path: url.slice(zone.apiBase.length),
        retryAfter: raw.headers.get('retry-after'),
        contentType: raw.headers.get('content-type') ?? '',
        bodyText: raw.text,
      });
      if (err.kind === 'throttled' && err.limit === 'thread' && attempt < this.backoff.attempts) {
        const wait =
          err.retryAfterSec !== undefined
            ? err.retryAfterSec * 1000
            : backoffDelay(attempt, this.backoff, this.opts.random);
        await this.sleep(wait);
        continue;
      }
      if (err.kind === 'auth' && !zoneChecked) {
        zoneChecked = true;
        const fresh = await this.zone({ refresh: true, signal: o.signal });
        if (fresh.apiBase !== zone.apiBase && !/^https?:/i.test(target)) {
          zone = fresh;
          continue;
        }
      }
      throw err;
    }
  }

  async get<T>(path: string, o: AtRequestOptions = {}): Promise<T> {
    return (await this.send('GET', path, undefined, o)).data as T;
  }

  /** `GET {Entity}/{id}` → the record, or undefined when Autotask answers 404 or `{item: null}`. */
  async getItem<T>(entity: string, id: number, o: AtRequestOptions = {}): Promise<T | undefined> {
    try {
      const data = await this.get<{ item?: T | null }>(`${entity}/${id}`, o);
      return data?.item ?? undefined;
    } catch (e) {
      if (e instanceof AtError && e.kind === 'notFound') return undefined;
      throw e;
    }
  }

  /** One page of `POST {Entity}/query`. */
  async query<T>(entity: string, q: AtQuery, o: AtRequestOptions = {}): Promise<QueryPage<T>> {
    return readPage<T>((await this.send('POST', `${entity}/query`, queryBody(q), o)).data);
  }

  /** Every page, following `nextPageUrl` with the same body; `maxItems` bounds memory. */
  async queryAll<T>(
    entity: string,
    q: AtQuery,
    o: AtRequestOptions & { maxItems?: number } = {},
  ): Promise<T[]> {
    const body = queryBody(q);
    const maxItems = o.maxItems ?? 50_000;
    const out: T[] = [];
    let target: string | undefined = `${entity}/query`;
    while (target && out.length < maxItems) {
      const res = await this.send('POST', target, body, o);
      const page = readPage<T>(res.data);
      out.push(...page.items);
      if (page.items.length === 0) break;
      target = rebasePageUrl(page.pageDetails.nextPageUrl, res.url);
    }
    return out.slice(0, maxItems);
  }

  async count(entity: string, filter: Filter[], o: AtRequestOptions = {}): Promise<number> {
    const data = (await this.send('POST', `${entity}/query/count`, queryBody({ filter }), o)).data as {
      queryCount?: unknown;
    };
    return Number(data?.queryCount ?? 0);
  }

  /** POST a new record (`TimeEntries`, `Tickets/{id}/Notes`) → its id. */
  async create(path: string, body: Record<string, unknown>, o: AtRequestOptions = {}): Promise<number> {
    return itemIdOf((await this.send('POST', path, body, o)).data);
  }

  /** PATCH: a sparse update of the fields sent (AT-PATCH), `body.id` names the record. */
  async patch(entity: string, body: Record<string, unknown> & { id: number }, o: AtRequestOptions = {}) {
    return itemIdOf((await this.send('PATCH', entity, body, o)).data);
  }

  async delete(path: string, o: AtRequestOptions = {}): Promise<void> {
    await this.send('DELETE', path, undefined, o);
  }

  /** Hourly API usage of the database. The call itself counts and takes a thread slot. */
  async threshold(o: AtRequestOptions = {}): Promise<ThresholdUsage> {
    const usage = parseThreshold(await this.get('ThresholdInformation', o));
    if (!usage) throw new AtError('notJson', 'Autotask did not report its API usage in the expected form.');
    return usage;
  }
}

function itemIdOf(data: unknown): number {
  const id = Number((data as { itemId?: unknown } | undefined)?.itemId);
  if (!Number.isInteger(id) || id <= 0) {
    throw new AtError('notJson', 'Autotask accepted the change but did not say which record it created.', {
      outcomeUnknown: true,
    });
  }
  return id;
}
