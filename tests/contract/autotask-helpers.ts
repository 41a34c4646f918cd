// Minimal Autotask REST caller for the sandbox's own tests (deliberately independent of lib/autotask).
import type { AutotaskSandbox } from '../autotask-sandbox/index.ts';

export interface AtResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface AtCallOptions {
  method?: string;
  body?: unknown;
  /** Header overrides; undefined removes a header. */
  headers?: Record<string, string | undefined>;
}

/** Calls `{zone url}V1.0{path}` with the full-access user unless headers override it. */
export async function at<T = unknown>(
  sb: AutotaskSandbox,
  path: string,
  opts: AtCallOptions = {},
): Promise<AtResponse<T>> {
  const headers: Record<string, string> = {
    ApiIntegrationCode: sb.credentials.integrationCode,
    UserName: sb.credentials.userName,
    Secret: sb.credentials.secret,
  };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  const url = /^https?:/.test(path) ? path : `${sb.zone.url}V1.0${path}`;
  const res = await fetch(url, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
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
    // HTML fault pages stay text
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export type Page<T = Record<string, unknown>> = {
  items: T[];
  pageDetails: {
    count: number;
    requestCount: number;
    prevPageUrl: string | null;
    nextPageUrl: string | null;
  };
};

/** Waits for a state (never for a fixed time): polls `check` until it is true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('waitFor: condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
