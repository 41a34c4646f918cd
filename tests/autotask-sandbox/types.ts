// Records are kept in Autotask's wire shape (camelCase, what a query returns), so filters and
// IncludeFields work on them generically.
import type { FaultRule } from '../cw-sandbox/types.ts';

export type Row = Record<string, unknown> & { id: number };

export interface PicklistValue {
  value: string;
  label: string;
  isDefaultValue: boolean;
  sortOrder: number;
  parentValue: string;
  isActive: boolean;
  isSystem: boolean;
}

export interface ApiUser {
  userName: string;
  secret: string;
  /** Security level: what the user may see (AT-SEC: a restricted level returns nothing, not an error). */
  level: 'full' | 'noTickets' | 'noResources';
  resourceId: number;
}

export interface AtState {
  tickets: Row[];
  /** Tickets with a UI page that the API user's security level hides (queries return nothing). */
  hiddenTickets: Row[];
  ticketNotes: Row[];
  timeEntries: Row[];
  companies: Row[];
  contacts: Row[];
  resources: Row[];
  roles: Row[];
  resourceRoles: Row[];
  configurationItems: Row[];
  /** entity → field → picklist. */
  picklists: Record<string, Record<string, PicklistValue[]>>;
  /** Ticket categories whose "Require titles on ticket notes" setting is on (AT-NOTE). */
  noteTitleRequiredCategories: number[];
  nextIds: { ticketNote: number; timeEntry: number };
}

export interface AtFaultRule extends FaultRule {
  /** Apply the write, then wait this long before answering (a client timeout after commit). */
  slowCommitMs?: number;
  /** Answer the errors array as objects {message, field, value} (ASK's shape, UNCONFIRMED). */
  errorsAsObjects?: boolean;
}

/** Autotask-specific limits, all adjustable by tests. */
export interface AtLimits {
  /** Concurrent requests per tracking identifier + object endpoint; 0 = unlimited. Default 3. */
  threadLimit: number;
  /** HTTP status of a thread-limit rejection (UNCONFIRMED; default 429). */
  threadLimitStatus: number;
  /** Requests per rolling hour per database (default 10 000). */
  hourlyThreshold: number;
  /** HTTP status once the hourly threshold is exceeded (UNCONFIRMED; default 429). */
  thresholdStatus: number;
  /** Added per request at ≥ 50 % and ≥ 75 % of the threshold (N8N, CD: 0.5 s and 1 s). */
  usageLatencyMs: [number, number];
}

export interface AtRecordedRequest {
  at: string;
  method: string;
  path: string;
  /** Path after /V1.0, e.g. /Tickets/query; empty for pages. */
  apiPath: string;
  query: Record<string, string>;
  /** Secret redacted. */
  headers: Record<string, string>;
  body?: unknown;
  status: number;
  reset?: 'before' | 'after-commit';
  fault?: boolean;
  /** The request was refused by the thread limit or the hourly threshold. */
  limited?: 'thread' | 'threshold';
}
