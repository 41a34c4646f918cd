// Shared set-up for the outbox tests (lib/posting/outbox*.test.ts): the real sandbox over HTTP, a
// fresh fake-indexeddb database per test, an injected clock that moves together with the sandbox's
// clock (CW's Date header), and hooks that make IndexedDB fail or pause exactly where a test needs it.
import type { DBCoreMutateRequest, DBCoreOpenCursorRequest, DBCoreQueryRequest } from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { CwClient } from '../../lib/cw/client';
import { FlowPilotDb, type OutboxRecord } from '../../lib/db/schema';
import { type ActivityEntry, Outbox, type OutboxChange, type OutboxDeps } from '../../lib/posting/outbox';
import { buildPlan, type PlanInput } from '../../lib/posting/plan';
import { refTag } from '../../lib/posting/reference';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { type Sandbox, STATUS_IDS, startSandbox } from '../cw-sandbox/index';

export const T0 = Date.UTC(2026, 10, 20, 14, 0, 0);
export const MINUTE = 60_000;
/** Past the unknown-outcome wait (5 min): a drain after it may resend, or end a discarded item's watch. */
export const PAST_UNKNOWN_WAIT = 10 * MINUTE;

export interface DbHooks {
  /** Before each write; throw to fail it (the transaction aborts, like a full disk). */
  beforeMutate?: (table: string, req: DBCoreMutateRequest) => void;
  /** After a read returned; may wait (the read's own transaction is over by then). */
  afterRead?: (table: string, req: DBCoreQueryRequest | DBCoreOpenCursorRequest) => void | Promise<void>;
  /** Before a read; throw to fail it. */
  beforeRead?: (table: string, req: DBCoreQueryRequest | DBCoreOpenCursorRequest) => void;
}

let dbCount = 0;

/** A fresh database whose reads and writes go through `hooks` (installed before it opens). */
export function hookedDb(hooks: DbHooks = {}): FlowPilotDb {
  const database = new FlowPilotDb(`outbox-kit-${process.pid}-${++dbCount}`);
  database.use({
    stack: 'dbcore',
    name: 'test-hooks',
    create: (down) => ({
      ...down,
      table(name) {
        const t = down.table(name);
        return {
          ...t,
          mutate(req) {
            hooks.beforeMutate?.(name, req);
            return t.mutate(req);
          },
          async query(req) {
            hooks.beforeRead?.(name, req);
            const r = await t.query(req);
            await hooks.afterRead?.(name, req);
            return r;
          },
          async openCursor(req) {
            hooks.beforeRead?.(name, req);
            const r = await t.openCursor(req);
            await hooks.afterRead?.(name, req);
            return r;
          },
        };
      },
    }),
  });
  return database;
}

export function sandboxClient(sb: Sandbox, timeoutMs = 5_000, keys = sb.keys): CwClient {
  return new CwClient({
    apiBase: `${sb.url}/v2026_4/apis/3.0`,
    companyId: sb.companyId,
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    clientId: sb.clientId,
    timeoutMs,
  });
}

/** An outbox whose client gives up after 200 ms (20 s in the product): CW may commit after that. */
export const quickClient = (sb: Sandbox) => ({
  client: async () => sandboxClient(sb, 200),
  timings: { requestTimeoutMs: 200 },
});

/** CW commits the next note POST `ms` after it arrived (and answers only then): quickClient has given up. */
export const slowNoteCommit = (sb: Sandbox, ms = 700) =>
  sb.faults.add({ method: 'POST', path: '/notes$', lateCommitMs: ms });

/** A `lateCommitMs` fault's write has reached CW's database. */
export const lateCommitted = (sb: Sandbox) => () =>
  sb.requests.some((r) => r.lateCommit && r.status >= 200 && r.status < 300);

export function outboxKit(sb: Sandbox, over: Partial<OutboxDeps> = {}, hooks: DbHooks = {}) {
  const database = hookedDb(hooks);
  const clock = { now: T0 };
  const log: ActivityEntry[] = [];
  const changes: OutboxChange[] = [];
  const make = (extra: Partial<OutboxDeps> = {}) =>
    new Outbox({
      db: () => database,
      client: async () => sandboxClient(sb),
      now: () => clock.now,
      random: () => 0.5,
      onChange: (c) => changes.push(c),
      log: (e) => log.push(e),
      ...over,
      ...extra,
    });
  return {
    database,
    clock,
    log,
    changes,
    make,
    outbox: make(),
    /** Time passes for FlowPilot and for CW alike. */
    advance(ms: number) {
      clock.now += ms;
      sb.clock.offsetMs += ms;
    },
    items: (postId: string): Promise<OutboxRecord[]> =>
      database.outbox.where('postId').equals(postId).sortBy('seq'),
  };
}

export function plan(over: Partial<PlanInput> = {}) {
  return buildPlan({
    ticket: { kind: 'service', id: 1001 },
    settings: { ...DEFAULT_SETTINGS, workTypeId: 1, workRoleId: 1 },
    noteKind: 'internalAnalysis',
    text: 'Problem: Outlook not syncing.\nResolution: cleared cached credentials.',
    time: { startedAt: T0 - 3_600_000, endedAt: T0, activeMs: 22 * MINUTE },
    status: { id: STATUS_IDS.helpDesk.resolved, name: 'Resolved' },
    memberId: 101,
    ...over,
  });
}

export const noteOnly = (over: Partial<PlanInput> = {}) =>
  plan({ timeEntry: false, status: undefined, ...over });

export function sandboxViews(sb: Sandbox) {
  return {
    notesWith: (ref: string) => sb.state.notes.filter((x) => x.text.includes(refTag(ref))),
    entriesWith: (ref: string) => sb.state.timeEntries.filter((x) => (x.notes ?? '').includes(refTag(ref))),
    writes: () => sb.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.apiPath}`),
    posts: (suffix: string) => sb.requests.filter((r) => r.method === 'POST' && r.apiPath.endsWith(suffix)),
    gets: (suffix: string) => sb.requests.filter((r) => r.method === 'GET' && r.apiPath.endsWith(suffix)),
  };
}

/** Resolves when `check` is true (polled), or throws after `timeoutMs` of real time. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error('until(): condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A gate a test opens by hand: `await gate.wait` blocks until `gate.open()`. */
export function gate() {
  let open!: () => void;
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { wait, open };
}

/**
 * The CW sandbox for one test file: started once, reset before each test, and checked after each that
 * every request the outbox sent (lookups and deletes included) stayed inside the OpenAPI subset. It is
 * returned as a stand-in that forwards to the running sandbox, so tests keep writing `sb.faults…`.
 */
export function useContractSandbox(): Sandbox {
  let current: Sandbox | undefined;
  const live = (): Sandbox => {
    if (!current) throw new Error('The sandbox starts in beforeAll: use it inside a test or hook.');
    return current;
  };
  beforeAll(async () => {
    current = await startSandbox({ port: 0 });
  });
  afterAll(() => current?.close());
  beforeEach(() => live().reset());
  afterEach(() => expect(live().contractViolations).toEqual([]));
  return new Proxy({} as Sandbox, {
    get: (_t, p) => Reflect.get(live(), p),
    set: (_t, p, value) => Reflect.set(live(), p, value),
  });
}

/**
 * The contract sandbox (useContractSandbox) with what late-landing tests read: its views, and whether a
 * `lateCommitMs` write has reached CW's database yet.
 */
export function useLateCommitSandbox() {
  const sb = useContractSandbox();
  return { sb, v: () => sandboxViews(sb), committed: lateCommitted(sb) };
}
