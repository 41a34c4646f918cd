// One Autotask REST request, in order: record → contract checks → thread slot → hourly threshold (and
// its latency) → latency/faults → authentication → route → (commit-then-reset / slow commit) → answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordHeaders, sendHtml, sendJson, sleep } from '../cw-sandbox/http.ts';
import type { Match } from '../cw-sandbox/router.ts';
import {
  AtApiError,
  atError,
  BAD_INTEGRATION_CODE,
  defaultFaultErrors,
  THREAD_LIMIT_MESSAGE,
  thresholdMessage,
} from './errors.ts';
import type { Limits } from './limits.ts';
import { type AtCtx, type AtResult, type AtRoute, methodNotAllowed } from './routes.ts';
import { API_USERS, INTEGRATION_CODE, ZONE_PATH } from './seed-constants.ts';
import type { ApiUser, AtFaultRule, AtRecordedRequest, AtState } from './types.ts';
import { loginPageHtml } from './ui.ts';

export interface AtCore {
  state: AtState;
  faults: import('../cw-sandbox/faults.ts').Faults<AtFaultRule>;
  limits: Limits;
  requests: AtRecordedRequest[];
  contractViolations: string[];
  route: (method: string, path: string) => Match<AtRoute>;
  now(): Date;
}

export interface AtRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path prefix as the client sent it, e.g. /zone18/ATServicesRest/V1.0 */
  prefix: string;
  apiPath: string;
  rawBody: Buffer;
  origin: string;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

export function redactedHeaders(req: IncomingMessage): Record<string, string> {
  const h = recordHeaders(req);
  if (h.secret !== undefined) h.secret = '[redacted]';
  return h;
}

function parseBody(raw: Buffer): { body?: unknown; invalidJson: boolean } {
  if (raw.length === 0) return { invalidJson: false };
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), invalidJson: false };
  } catch {
    return { body: text, invalidJson: true };
  }
}

function errorBody(errors: string[], asObjects = false): unknown {
  return { errors: asObjects ? errors.map((message) => ({ message, field: null, value: null })) : errors };
}

function checkContract(core: AtCore, r: AtRequest, method: string, body: unknown, invalidJson: boolean) {
  const push = (msg: string) => core.contractViolations.push(`${method} ${r.apiPath}: ${msg}`);
  const exact = `${ZONE_PATH}/V1.0`;
  if (r.prefix !== exact) push(`base path '${r.prefix}' differs from the zone url's '${exact}'`);
  for (const h of ['ApiIntegrationCode', 'UserName', 'Secret']) {
    if (!header(r.req, h)) push(`header ${h} is missing`);
  }
  if (invalidJson) push('body is not valid JSON');
  if (body !== undefined && !/^application\/json/i.test(header(r.req, 'content-type') ?? '')) {
    push(`Content-Type should be application/json, got '${header(r.req, 'content-type') ?? ''}'`);
  }
  if (r.url.pathname.includes('//')) push('path contains a doubled slash');
}

function authenticate(r: AtRequest): ApiUser | AtApiError {
  const userName = (header(r.req, 'UserName') ?? '').trim().toLowerCase();
  const secret = header(r.req, 'Secret') ?? '';
  const user = Object.values(API_USERS).find((u) => u.userName.toLowerCase() === userName);
  // AT-SEC: failed authentication is a 401 (no body is documented; none is sent).
  if (!user || user.secret !== secret) return new AtApiError(401, []);
  if ((header(r.req, 'ApiIntegrationCode') ?? '').trim().toUpperCase() !== INTEGRATION_CODE) {
    return new AtApiError(500, [BAD_INTEGRATION_CODE]);
  }
  return user;
}

export async function handleAtApi(core: AtCore, r: AtRequest): Promise<void> {
  const method = (r.req.method ?? 'GET').toUpperCase();
  const { body, invalidJson } = parseBody(r.rawBody);
  const rec: AtRecordedRequest = {
    at: new Date().toISOString(),
    method,
    path: r.url.pathname,
    apiPath: r.apiPath,
    query: Object.fromEntries(r.url.searchParams),
    headers: redactedHeaders(r.req),
    body,
    status: 0,
  };
  core.requests.push(rec);
  checkContract(core, r, method, body, invalidJson);

  const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
    rec.status = status;
    // Autotask's clock, which the outbox also keeps time by (Node would send the real time).
    sendJson(r.res, status, payload, { Date: core.now().toUTCString(), ...headers });
  };

  const slot = core.limits.acquire(header(r.req, 'ApiIntegrationCode') ?? '', r.apiPath);
  if (!slot.ok) {
    rec.limited = 'thread';
    return answer(core.limits.settings.threadLimitStatus, errorBody([THREAD_LIMIT_MESSAGE]));
  }
  // The socket may close early (client timeout, reset fault): the slot is freed either way.
  r.res.once('close', slot.release);
  try {
    const usage = core.limits.record(core.now().getTime());
    if (usage.over) {
      rec.limited = 'threshold';
      return answer(
        core.limits.settings.thresholdStatus,
        errorBody([thresholdMessage(core.limits.settings.hourlyThreshold)]),
      );
    }
    if (usage.latencyMs) await sleep(usage.latencyMs);
    if (core.faults.latencyMs > 0) await sleep(core.faults.latencyMs);

    const fault = core.faults.take(method, r.apiPath);
    if (fault) {
      rec.fault = true;
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (fault.reset === 'before') {
        rec.reset = 'before';
        r.req.socket.destroy();
        return;
      }
      if (fault.html) {
        rec.status = fault.status ?? 200;
        sendHtml(r.res, rec.status, loginPageHtml());
        return;
      }
      if (fault.status !== undefined || fault.body !== undefined) {
        const status = fault.status ?? 500;
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
        const payload =
          fault.body ??
          (status === 401 ? undefined : errorBody(defaultFaultErrors(status), fault.errorsAsObjects));
        return answer(status, payload, headers);
      }
    }

    const { result, route } = run(core, r, method, body, invalidJson);
    rec.status = result.status;
    const committed = route?.write === true && result.status < 400;
    if (fault?.reset === 'after-commit' && committed) {
      // The write is applied, but the client never learns it: the "unknown outcome" case.
      rec.reset = 'after-commit';
      r.req.socket.destroy();
      return;
    }
    if (fault?.slowCommitMs && committed) await sleep(fault.slowCommitMs);
    answer(result.status, result.body);
  } finally {
    slot.release();
  }
}

function run(
  core: AtCore,
  r: AtRequest,
  method: string,
  body: unknown,
  invalidJson: boolean,
): { result: AtResult; route?: AtRoute } {
  let route: AtRoute | undefined;
  const violations: string[] = [];
  try {
    const user = authenticate(r);
    if (user instanceof AtApiError) throw user;
    const match = core.route(method, r.apiPath);
    if (match.kind === 'none') throw atError(404, `The resource '${r.apiPath}' was not found.`);
    if (match.kind === 'method-not-allowed') throw methodNotAllowed();
    route = match.route;
    if (invalidJson) throw atError(500, 'The request body is not valid JSON.');
    const impersonation = header(r.req, 'ImpersonationResourceId');
    const ctx: AtCtx = {
      method,
      params: match.params,
      query: r.url.searchParams,
      body,
      state: core.state,
      user,
      impersonating: impersonation ? Number(impersonation) : undefined,
      apiBase: `${r.origin}${ZONE_PATH}/V1.0`,
      violations,
      now: core.now,
    };
    const result =
      route.pattern === '/ThresholdInformation'
        ? {
            status: 200,
            body: {
              externalRequestThreshold: core.limits.settings.hourlyThreshold,
              requestThresholdTimeframe: 60,
              currentTimeframeRequestCount: core.limits.count(core.now().getTime()),
            },
          }
        : route.handler(ctx);
    return { result, route };
  } catch (e) {
    if (e instanceof AtApiError) {
      return {
        result: { status: e.status, body: e.status === 401 ? undefined : errorBody(e.errors) },
        route,
      };
    }
    console.error('[autotask-sandbox] handler error', e);
    return { result: { status: 500, body: errorBody([String((e as Error).message ?? e)]) }, route };
  } finally {
    for (const v of violations) core.contractViolations.push(`${method} ${r.apiPath}: ${v}`);
  }
}
