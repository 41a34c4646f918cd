// Minimal CW client for the contract tests (deliberately independent of the extension's client).
import type { Sandbox } from '../cw-sandbox/index.ts';
import { matchPath, validateResponse } from '../support/openapi.ts';

export interface CwResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function basicAuth(companyId: string, publicKey: string, privateKey: string): string {
  return `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`;
}

export function apiBase(sb: Sandbox, codebase = 'v2026_4/'): string {
  return `${sb.url}/${codebase}apis/3.0`;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string | undefined>;
  codebase?: string;
}

/** Calls the sandbox API with full-permission keys unless headers override them. */
export async function cw<T = unknown>(
  sb: Sandbox,
  path: string,
  opts: CallOptions = {},
): Promise<CwResponse<T>> {
  const headers: Record<string, string> = {
    Authorization: basicAuth(sb.companyId, sb.keys.publicKey, sb.keys.privateKey),
    clientId: sb.clientId,
    Accept: 'application/vnd.connectwise.com+json; version=2026.4',
  };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  const res = await fetch(apiBase(sb, opts.codebase) + path, {
    method: opts.method ?? 'GET',
    headers,
    body:
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (e.g. the HTML fault)
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

/** Schema errors of a response for a concrete path (query string ignored). */
export function schemaErrors(method: string, path: string, res: CwResponse): string[] {
  const template = matchPath(method, path.split('?')[0] ?? '');
  if (!template) return [`${method} ${path} is not in the subset`];
  return validateResponse(method, template, res.status, res.body);
}

export const q = (conditions: string) => `conditions=${encodeURIComponent(conditions)}`;
