// CW API authentication: clientId header (GUID) first, then Basic "{companyId}+{publicKey}:{privateKey}".
import { ApiError, forbidden, UNAUTHORIZED } from './errors.ts';
import { API_KEYS, COMPANY_ID, RESTRICTED_KEYS } from './seed-constants.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type KeyName = 'full' | keyof typeof RESTRICTED_KEYS;

export interface Credentials {
  companyId: string;
  publicKey: string;
  privateKey: string;
}

/** Decodes the Basic header; undefined when it is not `Basic base64(company+public:private)`. */
export function decodeBasic(header: string | undefined): Credentials | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const plus = decoded.indexOf('+');
  if (colon < 0 || plus < 0 || plus > colon) return undefined;
  return {
    companyId: decoded.slice(0, plus),
    publicKey: decoded.slice(plus + 1, colon),
    privateKey: decoded.slice(colon + 1),
  };
}

export function checkClientId(value: string | string[] | undefined): ApiError | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v && GUID.test(v.trim())) return undefined;
  // Self-hosted 2026.3 answers 403 when clientId is missing (cw-api.md §2); wording is the sandbox's.
  return forbidden(
    v
      ? `clientId '${v}' is not a valid clientId. Register one at https://developer.connectwise.com/ClientID`
      : 'clientId header is required. Register one at https://developer.connectwise.com/ClientID',
  );
}

/** Which key the credentials are, or a 401 error. Company id compares case-insensitively. */
export function authenticate(header: string | undefined): KeyName | ApiError {
  const creds = decodeBasic(header);
  if (!creds || creds.companyId.toLowerCase() !== COMPANY_ID) return new ApiError(401, UNAUTHORIZED);
  if (creds.publicKey === API_KEYS.publicKey && creds.privateKey === API_KEYS.privateKey) return 'full';
  for (const [name, key] of Object.entries(RESTRICTED_KEYS)) {
    if (creds.publicKey === key.publicKey && creds.privateKey === key.privateKey) return name as KeyName;
  }
  return new ApiError(401, UNAUTHORIZED);
}

/** 403 for a restricted key's missing permission (security role), else undefined. */
export function permissionError(key: KeyName, method: string, apiPath: string): ApiError | undefined {
  const p = apiPath.toLowerCase();
  const denied =
    (key === 'noTickets' && p.startsWith('/service/tickets')) ||
    (key === 'noTime' && method === 'POST' && p.startsWith('/time/entries')) ||
    (key === 'noMembers' && p.startsWith('/system/members')) ||
    (key === 'noDelete' && method === 'DELETE');
  // Real CW answers 403 for a security-role gap (DG); the body wording is UNCONFIRMED.
  return denied
    ? forbidden('You do not have sufficient security permissions to access this resource.')
    : undefined;
}
