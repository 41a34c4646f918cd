import Dexie, { type EntityTable } from 'dexie';
import type { AtZone } from '../autotask/zone';
import { connectionScope, UNKNOWN_SCOPE } from '../connection/scope';
import type { PsaKind } from '../psa/types';
import { readCacheMiddleware } from './read-cache';

// The background worker's IndexedDB. Only the background opens it; pages and panels ask through
// messages. Secrets (API keys) sit in their own table so no record that is sent to a page has them.

export interface ConnectionRecord {
  id: 'primary';
  /** Which PSA (issue 15). Version 5 writes 'connectwise' on older records; absent reads the same. */
  psa?: PsaKind;
  displayName: string;
  /** Normalised site host (`na.myconnectwise.net`, `cw.example.com:8443`). */
  site: string;
  scheme: 'https' | 'http';
  companyId: string;
  companyName?: string;
  codebase: string;
  apiBase: string;
  cloud: boolean;
  serverVersion: string;
  missingPermissions: string[];
  clientIdOverride?: string;
  grantedOrigin?: string;
  connectedAt: number;
  lastTestedAt: number;
  /** Set from the administrator's policy (options page shows it read-only; Disconnect is refused). */
  managed?: boolean;
  /**
   * Autotask only (psa 'autotask'): the API user and the zone found for it (cached here; looked up
   * again after a 401). The CW-shaped fields above then hold: site = the zone's web host, companyId =
   * the API user name, apiBase = the zone's REST base, serverVersion = "Autotask (zone)". The secret
   * and the tracking identifier are in `secrets` ('autotask:primary'), never here.
   */
  autotask?: {
    userName: string;
    zone: AtZone;
    /** A zone lookup other than Autotask's own (the sandbox; e2e builds only). */
    zoneLookupUrl?: string;
    /** The hourly API usage as last read (Connect / Test Connection), shown in the connection status. */
    apiUsage?: { used: number; limit: number; timeframeMinutes: number; measuredAt: number };
    /** What the last probe found working but looking wrong (e.g. a level that hides tickets). */
    warnings?: string[];
  };
}

export interface SecretRecord {
  id: string; // 'cw:primary', 'autotask:primary', 'ai:primary'
  publicKey?: string;
  /** CW private key, Autotask API secret, AI key. */
  privateKey: string;
  /** Autotask: the integration's tracking identifier (ApiIntegrationCode header). */
  integrationCode?: string;
  /** The AI key's endpoint origin: the key is sent nowhere else (lib/ai/config.ts). */
  origin?: string;
}

export interface TechnicianRecord {
  id: string;
  name: string;
  email: string;
  memberId?: number;
  memberIdentifier?: string;
  memberName?: string;
  /** 'auto' when Auto-Match picked it, 'manual' when an admin did. */
  mappedBy?: 'auto' | 'manual';
  /** On the roster because the administrator's policy lists them (not editable on this browser). */
  managed?: boolean;
  updatedAt: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface SessionRecord {
  id: string;
  /** `service:1234` or `project:5001`. */
  ticketKey: string;
  state: 'active' | 'paused' | 'resolved' | 'escalated' | 'abandoned';
  createdAt: number;
  updatedAt: number;
  /** The full session (lib/session/model.ts `Session`). */
  data: unknown;
  /** Copies for posting and history (issue 6): when it started/ended and its active time so far. */
  startedAt?: number;
  endedAt?: number;
  activeMs?: number;
  /** Resolved/escalated documentation (lib/session/artifacts.ts `SessionDoc`), set when it closes. */
  doc?: { kind: 'resolved' | 'escalated'; internalText: string; customerText: string };
  /** The connection it belongs to (lib/connection/scope.ts); never sent or shown elsewhere. */
  scope?: string;
  /**
   * The session's `ticketNumber` (Autotask's T20261129.0004, upper case), copied here so the Sessions
   * tab finds a ticket's sessions by it through an index. Absent on ConnectWise and on older sessions.
   */
  ticketNumber?: string;
}

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxRecord {
  id: string;
  ticketKey: string;
  /** Order within a ticket: a later item waits for the one before it. */
  seq: number;
  kind: 'note' | 'timeEntry' | 'status';
  payload: unknown;
  /** Short idempotency reference written into the CW record (`FlowPilot ref abc123`). */
  ref: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError?: unknown;
  postId: string;
  createdAt: number;
  updatedAt: number;
  /** Bumped on every write: the outbox's compare-and-set (absent on records from before version 2). */
  rev?: number;
  /**
   * When a sent (or cancelled-while-unknown) item's reference check is due: confirm after success,
   * remove surplus copies. Absent when there is nothing left to check (indexed, so a restarted worker
   * finds the checks it still owes).
   */
  checkAt?: number;
  /** The connection it belongs to (lib/connection/scope.ts); never sent or shown elsewhere. */
  scope?: string;
}

export interface PostRecord {
  id: string;
  ticketKey: string;
  ticketId: number;
  technicianId?: string;
  summary: string;
  state: OutboxState;
  createdAt: number;
  updatedAt: number;
  data: unknown;
  /** The connection it belongs to (lib/connection/scope.ts); never sent or shown elsewhere. */
  scope?: string;
  /** The panel submission it was written for: a repeat of it joins this post (Outbox.enqueue). */
  submissionId?: string;
  /**
   * The ticket's number as its technicians know it, where it is not the id (Autotask's
   * T20261129.0004); absent on ConnectWise and on posts made before it was kept. Indexed: Post History
   * finds a ticket's posts by it.
   */
  ticketNumber?: string;
}

/** A session's assistant conversation (lib/session/chat.ts), kept apart so session saves stay small. */
export interface ChatRecord {
  sessionId: string;
  messages: { role: 'user' | 'assistant'; content: string; at: number }[];
  /** Older messages dropped to stay under the cap. */
  dropped: number;
  updatedAt: number;
}

export interface ActivityRecord {
  id?: number;
  at: number;
  kind: string;
  actor: string;
  outcome: 'ok' | 'error';
  latencyMs?: number;
  detail?: string;
}

export const DB_NAME = 'flowpilot';

export class FlowPilotDb extends Dexie {
  connections!: EntityTable<ConnectionRecord, 'id'>;
  secrets!: EntityTable<SecretRecord, 'id'>;
  technicians!: EntityTable<TechnicianRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  sessions!: EntityTable<SessionRecord, 'id'>;
  outbox!: EntityTable<OutboxRecord, 'id'>;
  posts!: EntityTable<PostRecord, 'id'>;
  activity!: EntityTable<ActivityRecord, 'id'>;
  chats!: EntityTable<ChatRecord, 'sessionId'>;

  constructor(name = DB_NAME) {
    super(name);
    // Hot small records (connection, keys, settings) read from worker memory: lib/db/read-cache.ts.
    this.use(readCacheMiddleware());
    // Schema history. Never edit a shipped version: add version(N+1) with the new indexes and an
    // .upgrade(tx => …) that rewrites old records (see tests/unit/db-schema.test.ts for the pattern).
    this.version(1).stores({
      connections: 'id',
      secrets: 'id',
      technicians: 'id, email, memberId',
      settings: 'key',
      sessions: 'id, ticketKey, state, updatedAt, [ticketKey+state]',
      outbox: 'id, ticketKey, state, nextAttemptAt, postId, [ticketKey+seq], [state+nextAttemptAt]',
      posts: 'id, ticketKey, ticketId, state, createdAt, [state+createdAt]',
      activity: '++id, at, kind',
    });
    // Issue 9: checks owed after a create (confirm after success) survive a worker stop.
    this.version(2).stores({
      outbox: 'id, ticketKey, state, nextAttemptAt, postId, [ticketKey+seq], [state+nextAttemptAt], checkAt',
    });
    // Issue 10 §3: posts, outbox items and sessions belong to one CW tenant. Existing records get the
    // scope of the connection saved at upgrade time (the one they were made with, unless the admin
    // switched tenants before: that cannot be told apart any more); with none saved, UNKNOWN_SCOPE,
    // which no connection matches. No new index: lookups stay per ticket and filter by scope.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        const conn = await tx.table('connections').get('primary');
        const scope = conn ? connectionScope(conn) : UNKNOWN_SCOPE;
        for (const table of ['sessions', 'outbox', 'posts']) {
          await tx
            .table(table)
            .toCollection()
            .modify((r: { scope?: string }) => {
              r.scope ??= scope;
            });
        }
      });
    // Issue 13: Sessions tab paging by start time (all, or one state), saved assistant chats.
    this.version(4)
      .stores({
        sessions: 'id, ticketKey, state, updatedAt, startedAt, [ticketKey+state], [state+startedAt]',
        chats: 'sessionId',
      })
      .upgrade((tx) =>
        tx
          .table('sessions')
          .toCollection()
          .modify((r: SessionRecord) => {
            r.startedAt ??= r.createdAt;
          }),
      );
    // Issue 15: a connection names its PSA; every connection saved before is ConnectWise.
    this.version(5)
      .stores({})
      .upgrade((tx) =>
        tx
          .table('connections')
          .toCollection()
          .modify((r: ConnectionRecord) => {
            r.psa ??= 'connectwise';
          }),
      );
    // A panel submission finds the post it already wrote (a repeat after the worker stopped mid-post)
    // by index, inside the write-ahead transaction. Older posts have none: nothing to rewrite.
    this.version(6).stores({
      posts: 'id, ticketKey, ticketId, state, createdAt, [state+createdAt], submissionId',
    });
    // Post History finds an Autotask ticket's posts by its number. Older posts have none (nothing to
    // rewrite): they are found by their id, as before.
    this.version(7).stores({
      posts: 'id, ticketKey, ticketId, state, createdAt, [state+createdAt], submissionId, ticketNumber',
    });
    // The Sessions tab finds an Autotask ticket's sessions by its number. Older sessions have none
    // (nothing to rewrite): they are found by their id, as before.
    this.version(8).stores({
      sessions:
        'id, ticketKey, state, updatedAt, startedAt, [ticketKey+state], [state+startedAt], ticketNumber',
    });
  }
}

let instance: FlowPilotDb | undefined;

/** The worker's database (opened lazily, reopened after a worker restart). */
export function db(): FlowPilotDb {
  instance ??= new FlowPilotDb();
  return instance;
}
