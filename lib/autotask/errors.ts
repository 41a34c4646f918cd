// Typed Autotask failures, each with a message a technician can act on. Kinds mirror lib/cw/errors.ts
// where they mean the same (auth, forbidden, notFound, validation, throttled, server, network, timeout,
// notJson, cancelled); Autotask adds unknownUser (the zone lookup does not know the API user),
// badIntegrationCode and notAllowed (e.g. deleting a note). Autotask answers validation failures and
// most refusals with HTTP 500 + {"errors":[…]}, so the body text decides, not only the status.

import { type PsaErrorInfoBase, PsaHttpError } from '../psa/http-error';

export type AtErrorKind =
  | 'unknownUser'
  | 'auth'
  | 'badIntegrationCode'
  | 'forbidden'
  | 'notFound'
  | 'notAllowed'
  | 'validation'
  | 'throttled'
  | 'server'
  | 'network'
  | 'timeout'
  | 'notJson'
  | 'cancelled';

/** Why requests are being refused: the per-endpoint thread limit or the hourly threshold. */
export type AtLimit = 'thread' | 'threshold';

/** Plain-object form, safe to send in a message reply. */
export interface AtErrorInfo extends PsaErrorInfoBase<AtErrorKind> {
  /** Autotask's own error texts. */
  atErrors?: string[];
  limit?: AtLimit;
}

const RETRYABLE: ReadonlySet<AtErrorKind> = new Set<AtErrorKind>([
  'throttled',
  'server',
  'network',
  'timeout',
]);

export class AtError extends PsaHttpError<AtErrorKind> {
  readonly atErrors?: string[];
  readonly limit?: AtLimit;
  protected get retryableKinds(): ReadonlySet<AtErrorKind> {
    return RETRYABLE;
  }

  constructor(
    kind: AtErrorKind,
    message: string,
    extra: Partial<Omit<AtErrorInfo, 'kind' | 'message'>> = {},
  ) {
    super(kind, message, extra);
    this.name = 'AtError';
    this.atErrors = extra.atErrors;
    this.limit = extra.limit;
  }

  toInfo(): AtErrorInfo {
    const info: AtErrorInfo = this.baseInfo();
    if (this.atErrors?.length) info.atErrors = this.atErrors;
    if (this.limit) info.limit = this.limit;
    return info;
  }
}

const ENTITY_WORDS: [RegExp, string][] = [
  [/^tickets\/\d+\/notes/, 'ticket notes'],
  [/^ticketnotes/, 'ticket notes'],
  [/^tickets/, 'tickets'],
  [/^timeentries/, 'time entries'],
  [/^resourceroles/, 'resource roles'],
  [/^resources/, 'resources'],
  [/^roles/, 'roles'],
  [/^companies/, 'companies'],
  [/^contacts/, 'contacts'],
  [/^configurationitems/, 'configuration items'],
  [/^thresholdinformation/, 'API usage'],
];

/** What the request was for, in words ("read tickets"), so a refusal can name it. */
export function describeResource(method: string, path: string): string {
  const p = (path.replace(/^\/+/, '').split('?')[0] ?? '').toLowerCase();
  const m = method.toUpperCase();
  const read = m === 'GET' || /\/query(\/|$)/.test(p);
  const verb = read ? 'read' : m === 'PATCH' || m === 'PUT' ? 'update' : m === 'DELETE' ? 'delete' : 'add';
  const hit = ENTITY_WORDS.find(([re]) => re.test(p));
  const noun = hit ? hit[1] : p || 'this resource';
  return `${verb} ${p.includes('entityinformation') ? `${noun} field lists` : noun}`;
}

/** Autotask's error texts from a body: `{"errors":["…"]}`, or objects `{message}` (UNCONFIRMED shape). */
export function errorTexts(bodyText: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return [];
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e): string[] => {
    if (typeof e === 'string') return e.trim() ? [e.trim()] : [];
    const message = (e as { message?: unknown } | null)?.message;
    return typeof message === 'string' && message.trim() ? [message.trim()] : [];
  });
}

// Thread-limit rejections: code Itgenatr005 / "thread threshold … exceeded", whatever the HTTP status
// (N8N retryHandler.ts). Matched before the hourly threshold because the text contains "threshold".
const THREAD_LIMIT = /itgenatr005|thread\s+threshold|thread\s+limit/i;
const HOURLY_THRESHOLD = /threshold|request limit|rate limit|too many requests/i;
const PERMISSION = /adequate permissions|not have (the )?permission|not authori[sz]ed/i;
// Texts of real server trouble (retryable) rather than a refused value.
const TRANSIENT = /unexpected error|an error has occurred|timeout|timed out|deadlock|try again/i;

export interface AtHttpFailure {
  status: number;
  method: string;
  path: string;
  retryAfter: string | null;
  contentType: string;
  bodyText: string;
}

export function looksLikeHtml(contentType: string, bodyText: string): boolean {
  return /html/i.test(contentType) || /^\s*</.test(bodyText);
}

export const NOT_JSON_MESSAGE =
  'The server answered with a web page instead of Autotask data. A sign-in, SSO or proxy page may be in the way.';

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const n = Number(header);
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** How long to hold off after an hourly-threshold refusal that names no time. */
export const THRESHOLD_WAIT_SEC = 60;

const said = (texts: string[]) => (texts.length ? ` (Autotask said: ${texts.join(' ')})` : '');

/** Maps a non-2xx Autotask answer to a typed error. Pure: tested without a network. */
export function classifyAtFailure(f: AtHttpFailure): AtError {
  const texts = errorTexts(f.bodyText);
  const joined = texts.join(' ');
  const base = { status: f.status, atErrors: texts };
  const what = describeResource(f.method, f.path);
  const retryAfterSec = retryAfterSeconds(f.retryAfter);

  if (THREAD_LIMIT.test(joined)) {
    return new AtError(
      'throttled',
      'Autotask is limiting how many requests FlowPilot may send at once (thread limit). It waits and tries again.',
      { ...base, limit: 'thread', retryAfterSec },
    );
  }
  if (f.status === 429 || (f.status >= 500 && HOURLY_THRESHOLD.test(joined))) {
    const when = retryAfterSec !== undefined ? ` Try again in ${retryAfterSec} s.` : '';
    // No Retry-After is documented: wait at least a minute rather than hammer a tenant-wide refusal.
    return new AtError(
      'throttled',
      `Autotask's hourly API limit for this database is used up (every integration shares it); requests are refused until usage drops.${when}`,
      { ...base, limit: 'threshold', retryAfterSec: retryAfterSec ?? THRESHOLD_WAIT_SEC },
    );
  }
  if (looksLikeHtml(f.contentType, f.bodyText) && f.status < 500) {
    return new AtError('notJson', NOT_JSON_MESSAGE, { status: f.status });
  }
  if (f.status === 401) {
    return new AtError(
      'auth',
      "Autotask rejected the API user's secret. Check the secret (or generate a new one on the API user); repeated failures can lock the API user.",
      base,
    );
  }
  if (/integration\s*code is invalid/i.test(joined)) {
    return new AtError(
      'badIntegrationCode',
      'Autotask refused the tracking identifier. Check the API user\'s "API Tracking Identifier" (sent as ApiIntegrationCode).',
      base,
    );
  }
  if (/zone information could not be determined/i.test(joined)) {
    return new AtError(
      'unknownUser',
      'Autotask does not know this API user name. Use the user name of the API-only user (it often looks like an email address).',
      base,
    );
  }
  if (f.status === 403 || PERMISSION.test(joined)) {
    return new AtError(
      'forbidden',
      `The API user's security level does not allow FlowPilot to ${what}. Give it a security level that does.${said(texts)}`,
      base,
    );
  }
  if (f.status === 404) {
    return new AtError(
      'notFound',
      `Autotask could not find that record (${what}); it may be deleted or hidden from the API user.`,
      base,
    );
  }
  if (f.status === 405) {
    return new AtError('notAllowed', `Autotask does not allow integrations to ${what}.`, base);
  }
  if (f.status >= 500 && texts.length && !TRANSIENT.test(joined)) {
    // PAUL V3: a role the resource does not hold fails with this text; say what it means.
    const hint = /no row at position 0/i.test(joined)
      ? ' — the work role is probably not one this resource holds'
      : '';
    return new AtError('validation', `Autotask refused the change: ${texts.join('; ')}${hint}.`, base);
  }
  if (f.status >= 500) {
    return new AtError(
      'server',
      `Autotask had a server error (${f.status}). It will be retried.${said(texts)}`,
      base,
    );
  }
  if (f.status === 400 || f.status === 422) {
    return new AtError(
      'validation',
      `Autotask refused the request: ${texts.join('; ') || 'it was invalid'}.`,
      base,
    );
  }
  return new AtError('server', `Autotask answered with an unexpected status ${f.status}.`, base);
}
