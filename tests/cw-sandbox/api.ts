// One CW API request, in CW's order: record → contract check → latency/faults → throttle →
// clientId → auth → permissions → route → (commit-then-reset / late-commit fault) → answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchAnyMethod, matchPath, validateRequestBody, validateRequestParams } from '../support/openapi.ts';
import { authenticate, checkClientId, decodeBasic, permissionError } from './auth.ts';
import type { ApiResult, Ctx } from './context.ts';
import type { SandboxCore } from './core.ts';
import { ApiError, defaultErrorBody, notFound, tooManyRequests } from './errors.ts';
import { apiHeaders, CW_MEDIA_TYPE, recordHeaders, sendHtml, sendJson, sleep } from './http.ts';
import type { RecordedRequest } from './types.ts';
import { loginPageHtml } from './ui/login-page.ts';

export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** e.g. /v2026_4/apis/3.0 */
  prefix: string;
  apiPath: string;
  rawBody: Buffer;
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

function checkContract(core: SandboxCore, r: ApiRequest, body: unknown, invalidJson: boolean): void {
  const method = r.req.method ?? 'GET';
  const push = (msg: string) => core.contractViolations.push(`${method} ${r.apiPath}: ${msg}`);
  const template = matchPath(method, r.apiPath);
  if (!template) {
    push(
      matchAnyMethod(r.apiPath) ? 'method is not in the OpenAPI subset' : 'path is not in the OpenAPI subset',
    );
    return;
  }
  for (const e of validateRequestParams(method, template, r.url.searchParams, r.req.headers)) push(e);
  if (invalidJson) push('body is not valid JSON');
  else for (const e of validateRequestBody(method, template, body)) push(e);
  if (body !== undefined && !/^application\/json/i.test(r.req.headers['content-type'] ?? '')) {
    push(`Content-Type should be application/json, got '${r.req.headers['content-type'] ?? ''}'`);
  }
}

export async function handleApi(core: SandboxCore, r: ApiRequest): Promise<void> {
  const arrived = Date.now();
  const method = (r.req.method ?? 'GET').toUpperCase();
  const { body, invalidJson } = parseBody(r.rawBody);
  const creds = decodeBasic(r.req.headers.authorization);
  const rec: RecordedRequest = {
    at: new Date().toISOString(),
    method,
    path: r.url.pathname,
    apiPath: r.apiPath,
    query: Object.fromEntries(r.url.searchParams),
    headers: recordHeaders(r.req),
    auth: creds ? { companyId: creds.companyId, publicKey: creds.publicKey } : undefined,
    body,
    status: 0,
  };
  core.requests.push(rec);
  checkContract(core, r, body, invalidJson);

  if (core.faults.latencyMs > 0) await sleep(core.faults.latencyMs);
  const fault = core.faults.take(method, r.apiPath, r.rawBody.toString('utf8'));
  if (fault) {
    rec.fault = true;
    if (fault.label !== undefined) rec.faultLabel = fault.label;
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.reset === 'before') {
      rec.reset = 'before';
      r.req.socket.destroy();
      return;
    }
    if (fault.redirect !== undefined) {
      rec.status = fault.status ?? 307;
      r.res.writeHead(rec.status, { Location: fault.redirect, 'Content-Length': '0' }).end();
      return;
    }
    if (fault.html) {
      rec.status = fault.status ?? 200;
      sendHtml(r.res, rec.status, loginPageHtml());
      return;
    }
    if (fault.status !== undefined || fault.body !== undefined) {
      rec.status = fault.status ?? 500;
      const headers: Record<string, string> = apiHeaders(core.now());
      const retryAfter = fault.retryAfter ?? (rec.status === 429 ? 30 : undefined);
      if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
      sendJson(r.res, rec.status, fault.body ?? defaultErrorBody(rec.status, retryAfter), headers);
      return;
    }
  }

  if (fault?.lateCommitMs !== undefined) {
    // CW still working after the client gave up: no answer ever comes back, and the write is applied
    // lateCommitMs after the request arrived (set it above the client's timeout). The socket stays
    // open until the client closes it, so the client sees its own timeout, not a reset.
    rec.lateCommit = true;
    await sleep(Math.max(0, fault.lateCommitMs - (Date.now() - arrived)));
    rec.status = run(core, r, method, body, invalidJson, creds?.publicKey ?? 'anonymous').status;
    return;
  }
  const result = run(core, r, method, body, invalidJson, creds?.publicKey ?? 'anonymous');
  rec.status = result.status;
  if (fault?.reset === 'after-commit') {
    // The write is applied, but the client never learns it: the "unknown outcome" case.
    rec.reset = 'after-commit';
    r.req.socket.destroy();
    return;
  }
  const headers = { ...apiHeaders(core.now()), ...result.headers };
  if (result.status === 204) {
    // DELETE: no body, no content type (DG "204 (delete)").
    r.res.writeHead(204, { 'Cache-Control': 'no-cache', ...headers }).end();
    return;
  }
  const ok = result.status < 400;
  sendJson(r.res, result.status, result.body, headers, ok ? CW_MEDIA_TYPE : undefined);
}

function run(
  core: SandboxCore,
  r: ApiRequest,
  method: string,
  body: unknown,
  invalidJson: boolean,
  keyId: string,
): ApiResult {
  try {
    const wait = core.faults.throttle(keyId);
    if (wait > 0) throw tooManyRequests(wait);
    const clientIdError = checkClientId(r.req.headers.clientid);
    if (clientIdError) throw clientIdError;
    const key = authenticate(r.req.headers.authorization);
    if (key instanceof ApiError) throw key;
    const denied = permissionError(key, method, r.apiPath);
    if (denied) throw denied;
    const match = core.route(method, r.apiPath);
    if (match.kind === 'none') throw notFound(`The resource '${r.apiPath}' was not found.`);
    if (match.kind === 'method-not-allowed') {
      throw new ApiError(405, {
        code: 'MethodNotAllowed',
        message: `The requested resource does not support http method '${method}'.`,
      });
    }
    if (invalidJson)
      throw new ApiError(400, { code: 'InvalidObject', message: 'The request body is not valid JSON.' });
    const member = core.state.members.find((m) => m.id === core.state.apiMemberId);
    if (!member) throw new Error('API member missing from state');
    const ctx: Ctx = {
      method,
      apiPath: r.apiPath,
      params: match.params,
      query: r.url.searchParams,
      headers: r.req.headers,
      body,
      state: core.state,
      member,
      key,
      apiBase: `http://${r.req.headers.host}${r.prefix}`,
      requestUrl: new URL(r.url.toString()),
      now: core.now,
    };
    return match.route.handler(ctx);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: e.body, headers: e.headers };
    console.error('[cw-sandbox] handler error', e);
    return { status: 500, body: { code: 'UnexpectedError', message: String((e as Error).message ?? e) } };
  }
}
