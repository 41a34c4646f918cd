// Typed CW failures. Each kind carries a message a technician can act on; the raw CW body is kept
// only in `cwCode`/`fieldErrors`, never shown as a stack or "[object Object]".

import { type PsaErrorInfoBase, PsaHttpError } from '../psa/http-error';

export type CwErrorKind =
  | 'badSite' // the typed site can't be a CW server
  | 'unknownCompany' // companyinfo doesn't know the company ID
  | 'auth' // wrong company/public/private key (401, or cloud's 404-as-auth on probes)
  | 'missingClientId'
  | 'forbidden' // the API member's security role lacks a permission
  | 'notFound'
  | 'validation' // 400 with CW's errors[]
  | 'conflict' // 409
  | 'throttled' // 429, see retryAfterSec
  | 'server' // 5xx
  | 'network' // unreachable, reset, DNS, TLS
  | 'timeout'
  | 'notJson' // an HTML login/proxy page instead of CW JSON
  | 'redirect' // a redirect FlowPilot does not follow (another origin, or one the browser hides)
  | 'cancelled';

export interface CwFieldError {
  field?: string;
  code?: string;
  message: string;
}

/** Plain-object form, safe to send in a message reply. */
export interface CwErrorInfo extends PsaErrorInfoBase<CwErrorKind> {
  cwCode?: string;
  fieldErrors?: CwFieldError[];
}

const RETRYABLE: ReadonlySet<CwErrorKind> = new Set<CwErrorKind>([
  'throttled',
  'server',
  'network',
  'timeout',
]);

export class CwError extends PsaHttpError<CwErrorKind> {
  readonly cwCode?: string;
  readonly fieldErrors?: CwFieldError[];
  protected get retryableKinds(): ReadonlySet<CwErrorKind> {
    return RETRYABLE;
  }

  constructor(
    kind: CwErrorKind,
    message: string,
    extra: Partial<Omit<CwErrorInfo, 'kind' | 'message'>> = {},
  ) {
    super(kind, message, extra);
    this.name = 'CwError';
    this.cwCode = extra.cwCode;
    this.fieldErrors = extra.fieldErrors;
  }

  toInfo(): CwErrorInfo {
    const info: CwErrorInfo = this.baseInfo();
    if (this.cwCode) info.cwCode = this.cwCode;
    if (this.fieldErrors?.length) info.fieldErrors = this.fieldErrors;
    return info;
  }
}

/** What the request was for, in words ("read tickets"), so a 403 can name the missing permission. */
export function describeResource(method: string, path: string): string {
  const p = path.replace(/^\/+/, '').split('?')[0] ?? '';
  const m = method.toUpperCase();
  const verb = m === 'GET' ? 'read' : m === 'PATCH' ? 'update' : m === 'DELETE' ? 'delete' : 'add';
  const table: [RegExp, string][] = [
    [/^service\/tickets\/\d+\/notes/, 'ticket notes'],
    [/^service\/tickets\/\d+\/configurations/, 'ticket configurations'],
    [/^service\/tickets\/\d+\/timeentries/, 'time entries'],
    [/^service\/tickets/, 'service tickets'],
    [/^service\/boards\/\d+\/statuses/, 'board statuses'],
    [/^service\/boards/, 'service boards'],
    [/^service\/priorities/, 'priorities'],
    [/^system\/members/, 'members'],
    [/^system\/info/, 'system info'],
    [/^time\/entries/, 'time entries'],
    [/^time\/workTypes/, 'work types'],
    [/^time\/workRoles/, 'work roles'],
    [/^company\/companies/, 'companies'],
    [/^company\/contacts/, 'contacts'],
    [/^company\/configurations/, 'configurations'],
    [/^project\/tickets\/\d+\/(all)?[nN]otes/, 'project ticket notes'],
    [/^project\/tickets/, 'project tickets'],
  ];
  const hit = table.find(([re]) => re.test(p));
  return `${verb} ${hit ? hit[1] : p || 'this resource'}`;
}

function retryAfterSeconds(header: string | null, message: string | undefined): number | undefined {
  if (header) {
    const n = Number(header);
    if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const m = message && /try again in (\d+) second/i.exec(message);
  return m ? Number(m[1]) : undefined;
}

interface CwBody {
  code?: unknown;
  error?: unknown;
  message?: unknown;
  errors?: unknown;
}

function fieldErrorsOf(body: CwBody): CwFieldError[] {
  if (!Array.isArray(body.errors)) return [];
  return body.errors.flatMap((e): CwFieldError[] => {
    if (!e || typeof e !== 'object') return [];
    const o = e as Record<string, unknown>;
    const message = typeof o.message === 'string' ? o.message : undefined;
    if (!message) return [];
    return [
      {
        message,
        field: typeof o.field === 'string' ? o.field : undefined,
        code: typeof o.code === 'string' ? o.code : undefined,
      },
    ];
  });
}

export interface HttpFailure {
  status: number;
  method: string;
  path: string;
  retryAfter: string | null;
  contentType: string;
  bodyText: string;
  /** A probe call during Connect on a cloud host, where CW answers bad credentials with 404. */
  probe?: boolean;
}

export function looksLikeHtml(contentType: string, bodyText: string): boolean {
  return /html/i.test(contentType) || /^\s*</.test(bodyText);
}

export const NOT_JSON_MESSAGE =
  'The server answered with a web page instead of ConnectWise data. Check the site name; a login, SSO or proxy page may be in the way.';

/** Maps a non-2xx CW answer to a typed error. Pure: tested without a network. */
export function classifyHttpFailure(f: HttpFailure): CwError {
  if (looksLikeHtml(f.contentType, f.bodyText) && f.status !== 429 && f.status < 500) {
    return new CwError('notJson', NOT_JSON_MESSAGE, { status: f.status });
  }
  let body: CwBody = {};
  try {
    const parsed: unknown = JSON.parse(f.bodyText);
    if (parsed && typeof parsed === 'object') body = parsed as CwBody;
  } catch {
    // Non-JSON error bodies are common behind proxies; the status alone decides below.
  }
  const cwCode =
    typeof body.code === 'string' ? body.code : typeof body.error === 'string' ? body.error : undefined;
  const cwMessage = typeof body.message === 'string' ? body.message : undefined;
  const fieldErrors = fieldErrorsOf(body);
  const base = { status: f.status, cwCode, fieldErrors };
  const what = describeResource(f.method, f.path);

  switch (true) {
    case f.status === 401:
      return new CwError(
        'auth',
        'ConnectWise rejected the API keys. Check the company ID, public key and private key (System → Members → API Keys).',
        base,
      );
    case f.status === 403 && /client\s*id/i.test(`${cwMessage ?? ''} ${cwCode ?? ''}`):
      return new CwError(
        'missingClientId',
        'ConnectWise refused the request because the integration clientId is missing or not valid.',
        base,
      );
    case f.status === 403:
      return new CwError(
        'forbidden',
        `The API member is not allowed to ${what}. Give its security role that permission in ConnectWise.${cwMessage ? ` (ConnectWise said: ${cwMessage})` : ''}`,
        base,
      );
    case f.status === 404 && f.probe === true:
      return new CwError(
        'auth',
        'ConnectWise did not accept these credentials (cloud answers unknown keys with "not found"). Check the company ID and keys.',
        base,
      );
    case f.status === 404:
      return new CwError(
        'notFound',
        `ConnectWise could not find that record (${what}); it may be deleted or hidden from the API member.`,
        base,
      );
    case f.status === 400 || f.status === 422: {
      const details = fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
      // CW's sentences usually end in a full stop already: add one only when missing (no "..").
      const msg = [cwMessage, details]
        .filter(Boolean)
        .join(' — ')
        .replace(/[.\s]+$/, '');
      return new CwError(
        'validation',
        `ConnectWise refused the change: ${msg || 'the request was invalid'}.`,
        base,
      );
    }
    case f.status === 409:
      return new CwError(
        'conflict',
        `ConnectWise reported a conflict: ${cwMessage ?? 'the record is in use'}.`,
        base,
      );
    case f.status === 429: {
      const retryAfterSec = retryAfterSeconds(f.retryAfter, cwMessage);
      const when = retryAfterSec !== undefined ? ` Try again in ${retryAfterSec} s.` : '';
      return new CwError('throttled', `ConnectWise is throttling requests.${when}`, {
        ...base,
        retryAfterSec,
      });
    }
    case f.status === 503 && f.retryAfter !== null: {
      // Down for maintenance and saying until when: waited out like a 429 (the outbox holds this
      // connection's posts until then instead of backing off blindly).
      const retryAfterSec = retryAfterSeconds(f.retryAfter, undefined);
      const when = retryAfterSec !== undefined ? ` Try again in ${retryAfterSec} s.` : '';
      return new CwError('server', `ConnectWise is unavailable (503).${when}`, { ...base, retryAfterSec });
    }
    case f.status >= 500:
      // No promise of a retry here: only posts are retried (the outbox says so itself); a read or Connect is not.
      return new CwError('server', `ConnectWise had a server error (${f.status}).`, base);
    default:
      return new CwError('server', `ConnectWise answered with an unexpected status ${f.status}.`, base);
  }
}
