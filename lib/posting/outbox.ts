// The durable outbox. Every write of a post is stored in IndexedDB before it is sent, then sent in
// per-ticket order with bounded concurrency. Exactly once, in three parts:
// - After an unknown outcome (timeout or reset after the request went out, or an item left "sending"
//   by a stopped worker) the ticket is searched for the item's reference; the write is sent again only
//   when a lookup made after the server-side limit (timings.ts) still finds nothing, measured on
//   FlowPilot's clock and on CW's (its Date header), so a clock step cannot shorten it.
// - After a create answers, its reference is looked up once more (Chromium resends a POST by itself
//   when a reused socket is reset, and fetch then reports only the second answer): surplus copies are
//   deleted, and what cannot be deleted is named to the technician.
// - Every state change is a compare-and-set on the stored record (update()), so a Discard, an edit or
//   a "Retry now" made while the outbox works is never overwritten by a stale snapshot.
// In-memory fields below only coordinate work inside one worker lifetime; the truth is in the DB.
// It speaks to the connected PSA through a PostingWriter (lib/posting/writer.ts): "CW" below stands
// for whichever PSA that is (ConnectWise, or Autotask, whose notes cannot be deleted: a surplus copy
// is reported instead).

import Dexie from 'dexie';
import type { FlowPilotDb, OutboxRecord, OutboxState, PostRecord } from '../db/schema';
import type { PsaKind } from '../psa/types';
import { ticketNo } from '../psa/words';
import { type TicketRef, ticketKey } from '../ticket/types';
import { REFS_PER_LOOKUP } from './cw-writes';
import { type DiscardOutcomeName, duplicateNotice } from './explain';
import {
  applyChange,
  type Change,
  type Expect,
  type OutboxPayload,
  type PostData,
  payloadOf,
  postStateOf,
  revOf,
  viewOf,
  watchesLateLanding,
} from './outbox-record';
import {
  describePlan,
  describePlanItem,
  type PlanItem,
  type PlanPart,
  type PostPlan,
  planPart,
  sameWrite,
} from './plan';
import { hasRef, newRef, withRef } from './reference';
import {
  backoffMs,
  type Classified,
  classifyError,
  classifyLookupError,
  decideAfterFailure,
  longestWaitMs,
  MAX_RETRY_AFTER_MS,
  MIN_RETRY_DELAY_MS,
} from './retry';
import { type OutboxTimings, withTimings } from './timings';
import { unknownWait } from './unknown-outcome';
import {
  type CreatedKind,
  type CwWriter,
  cwPostingWriter,
  isPostingWriter,
  type PostingWriter,
  type WriteOptions,
} from './writer';

export type { OutboxPayload, PostData, PostItemView } from './outbox-record';
export { postStateOf } from './outbox-record';
export type { CwWriter, PostingWriter } from './writer';

export interface PostMeta {
  technicianId?: string;
  technicianName?: string;
  memberId?: number;
  sessionId?: string;
  ticketUrl?: string;
  /** Auto Push undo window: nothing is sent before now + holdMs. */
  holdMs?: number;
  /** The connection (tenant) it is for: it is sent to that one only (issue 10 §3). */
  scope?: string;
  /** The PSA it is for (Post History words its notices for it). */
  psa?: PsaKind;
  /**
   * The ticket's number as its technicians know it, where it is not the id (Autotask's
   * T20261129.0004): the post's messages, Post History and the Activity log name the ticket by it.
   */
  ticketNumber?: string;
  /**
   * The panel's submission: enqueue() with one already stored for this ticket returns that post and
   * writes nothing (a repeat of an ask the worker never answered, e.g. it was stopped mid-post) — unless
   * that post was discarded (all of it cancelled): then the repeat is posted as a new post.
   */
  submissionId?: string;
}

export interface EnqueueOptions {
  /**
   * Start the post's first write at once with this client (a post made by a click): the write-ahead
   * transaction stores it as "sending" and the request leaves as soon as that transaction commits, with
   * no transaction of its own in between. Only when it is its ticket's next write (nothing of its
   * connection unfinished ahead of it), not held, not throttled, not a status change (those wait for an
   * earlier unanswered one) and for this client's connection; otherwise the post queues for drain().
   */
  sendWith?: CwWriter | PostingWriter;
}

export interface OutboxChange {
  ticketKey: string;
  postId: string;
  state: OutboxState;
  /** Something the technician must act on (a duplicate FlowPilot could not remove); sent once. */
  notice?: string;
  /** The ticket in CW's web UI, for the notice. */
  link?: string;
}

export interface ActivityEntry {
  kind: string;
  actor: string;
  outcome: 'ok' | 'error';
  latencyMs?: number;
  detail?: string;
}

export interface OutboxDeps {
  db: () => FlowPilotDb;
  /** The connected PSA's writer (lib/posting/writer.ts); a CW client is taken as ConnectWise's. */
  client: () => Promise<CwWriter | PostingWriter>;
  now?: () => number;
  /** A clock that never steps (performance.now()): maps CW's clock across one worker lifetime. */
  monotonic?: () => number;
  random?: () => number;
  /** Tickets sent to in parallel (each ticket is strictly sequential). */
  concurrency?: number;
  timings?: Partial<OutboxTimings>;
  onChange?: (c: OutboxChange) => unknown;
  log?: (e: ActivityEntry) => unknown;
  /** Asks for a wake-up at `at` (timer while the worker lives; the alarm covers the rest). */
  schedule?: (at: number) => void;
  /** The connection of the moment: only its items are sent and checked; others wait (issue 10 §3). */
  scope?: () => Promise<string | undefined>;
}

type Mine = (r: OutboxRecord) => boolean;
/** Another tenant's item must not go to (or be looked up on) the PSA this writer talks to. */
const otherTenant = (client: PostingWriter, r: Pick<OutboxRecord, 'scope'>) =>
  client.scope !== undefined && client.scope !== r.scope;

export type DiscardOutcome = DiscardOutcomeName;

export interface DiscardedItem {
  outboxId: string;
  label: string;
  part: PlanPart;
  /** cancelled; landed (on the ticket); sending (in flight, cannot be stopped); unchecked (may have landed, CW could not be asked). */
  outcome: DiscardOutcome;
}

export interface DiscardResult {
  items: DiscardedItem[];
}

const OPEN: OutboxState[] = ['pending', 'sending', 'failed'];
const isOpen = (s: OutboxState) => OPEN.includes(s);
/** Where the 429 throttle is kept (the settings table is a key/value store). */
const THROTTLE_KEY = 'outbox.throttle';

function newId(): string {
  return globalThis.crypto.randomUUID();
}

interface Found {
  byRef: Map<string, number[]>;
  serverDate?: number;
}

export class Outbox {
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private readonly random: () => number;
  private readonly concurrency: number;
  private readonly timings: OutboxTimings;
  private readonly longestWait: number;
  private running?: Promise<void>;
  private rerun = false;
  private checking?: Promise<void>;
  private recheck = false;
  private readonly inFlight = new Set<string>();
  /** A 429's pause, and the connection (scope) whose CW asked for it: another tenant is not paused. */
  private throttle: { until: number; setAt: number; scope?: string } = { until: 0, setAt: 0 };
  /** The connection of the current pass (sendable()): whose pause holds the queue. */
  private scopeNow?: string;
  /** CW's clock at the last answer with a Date header, the monotonic time it arrived, and whose CW. */
  private cwClock?: { cw: number; mono: number; scope?: string };
  private throttleLoad?: Promise<void>;
  private readonly waiters = new Map<string, Set<(p: PostRecord) => void>>();
  /** The post as last stored, for each post someone waits for (see landed()). */
  private readonly waited = new Map<string, PostRecord>();

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? Date.now;
    this.monotonic = deps.monotonic ?? (() => performance.now());
    this.random = deps.random ?? Math.random;
    this.concurrency = Math.max(1, deps.concurrency ?? 4);
    this.timings = withTimings(deps.timings);
    // Auto Push holds at most 60 s (the message schema's cap).
    this.longestWait = Math.max(
      longestWaitMs(this.timings.backoff),
      this.timings.unknownOutcomeWaitMs,
      60_000,
    );
  }

  private get db() {
    return this.deps.db();
  }

  /** Remembers CW's clock from an answer (any status) of the connection `scope`, for cwNow(). */
  private sawCwDate(serverDate: number | undefined, scope: string | undefined) {
    if (serverDate !== undefined) this.cwClock = { cw: serverDate, mono: this.monotonic(), scope };
  }

  /**
   * CW's clock now, estimated from the last answer in this worker lifetime plus monotonic time (which
   * no wall-clock step moves). Undefined before any answer: then the first answer after a failure
   * is the bound on when CW got the request.
   */
  private cwNow(scope: string | undefined): number | undefined {
    const c = this.cwClock;
    // Another tenant's server clock says nothing about this one's.
    if (!c || c.scope !== scope) return undefined;
    return c.cw + (this.monotonic() - c.mono);
  }

  /** The connected PSA's writer. */
  private async writer(): Promise<PostingWriter> {
    const c = await this.deps.client();
    return isPostingWriter(c) ? c : cwPostingWriter(c);
  }

  private requestOpts(extra: WriteOptions = {}): WriteOptions {
    const t = this.timings.requestTimeoutMs;
    return t === undefined ? extra : { ...extra, timeoutMs: t };
  }

  /**
   * Write-ahead: the post and all its writes are stored (one transaction) before anything is sent.
   * With `sendWith`, the first write may start in the same step (see EnqueueOptions).
   */
  async enqueue(plan: PostPlan, meta: PostMeta = {}, opts: EnqueueOptions = {}): Promise<PostRecord> {
    const key = ticketKey(plan.ticket);
    const now = this.now();
    const postId = newId();
    // Upper case as Autotask writes it: Post History's filter looks it up so (lib/posting/history.ts).
    const ticketNumber = meta.ticketNumber?.trim().toUpperCase() || undefined;
    const notBefore = now + Math.max(0, meta.holdMs ?? 0);
    const client =
      opts.sendWith && (isPostingWriter(opts.sendWith) ? opts.sendWith : cwPostingWriter(opts.sendWith));
    const mayStart =
      client !== undefined &&
      notBefore <= now &&
      plan.items[0] !== undefined &&
      plan.items[0].kind !== 'status' &&
      !otherTenant(client, meta);
    if (mayStart) await this.loadThrottle();
    const db = this.db;
    let started: OutboxRecord | undefined;
    const ticketItems = () =>
      db.outbox.where('[ticketKey+seq]').between([key, Dexie.minKey], [key, Dexie.maxKey]);
    // Without a scope dep every item is "mine" (as in sendable()).
    const blocks = (r: OutboxRecord) => isOpen(r.state) && (!this.deps.scope || r.scope === meta.scope);
    const post = await db
      .transaction('rw', db.outbox, db.posts, async () => {
        const [last, ahead, earlier, watched] = await Promise.all([
          ticketItems().last(),
          mayStart && !this.throttled(now, client.scope)
            ? ticketItems().filter(blocks).first()
            : Promise.resolve(true),
          meta.submissionId
            ? db.posts
                .where('submissionId')
                .equals(meta.submissionId)
                // Only this ticket's, and not a discarded one: a click after the discard posts.
                .filter((p) => p.ticketKey === key && p.state !== 'cancelled')
                .first()
            : undefined,
          // Through the checkAt index: only items with a lookup still owed, not the ticket's history.
          db.outbox
            .where('checkAt')
            .between(Dexie.minKey, Dexie.maxKey)
            .filter((r) => r.ticketKey === key && watchesLateLanding(r) && r.scope === meta.scope)
            .toArray(),
        ]);
        // Read in this transaction, so two repeats of one submission cannot both write.
        if (earlier) return earlier;
        const from = await this.inheritFrom(plan.items, watched);
        let seq = last?.seq ?? 0;
        const records: OutboxRecord[] = plan.items.map((item, i) => ({
          id: newId(),
          ticketKey: key,
          seq: ++seq,
          kind: item.kind,
          payload: {
            ticket: plan.ticket,
            item,
            ...(ticketNumber ? { ticketNumber } : {}),
          } satisfies OutboxPayload,
          ref: from[i]?.ref ?? newRef(),
          state: 'pending',
          attempts: 0,
          nextAttemptAt: notBefore,
          postId,
          createdAt: now,
          updatedAt: now,
          rev: 0,
          scope: meta.scope,
        }));
        if (ahead === undefined) {
          // Its ticket's next write: stored as sent-to-be, so the request needs no transaction of its own.
          started = { ...records[0]!, state: 'sending', attempts: 1 };
          records[0] = started;
          this.inFlight.add(started.id);
        }
        const data: PostData = {
          items: records.map((r) => viewOf(r)),
          technicianName: meta.technicianName,
          memberId: meta.memberId,
          sessionId: meta.sessionId,
          ticketUrl: meta.ticketUrl,
          ...(meta.psa && meta.psa !== 'connectwise' ? { psa: meta.psa } : {}),
        };
        const rec: PostRecord = {
          id: postId,
          ticketKey: key,
          ticketId: plan.ticket.id,
          technicianId: meta.technicianId,
          summary: describePlan(plan),
          state: postStateOf(records.map((r) => r.state)),
          createdAt: now,
          updatedAt: now,
          data,
          scope: meta.scope,
          ...(meta.submissionId ? { submissionId: meta.submissionId } : {}),
          ...(ticketNumber ? { ticketNumber } : {}),
        };
        // The discarded items name their heir (a new rev: a late check of theirs read before this
        // transaction cannot then mark them found beside the heir).
        const handed = records.flatMap((r, i) => {
          const w = from[i];
          return w ? [applyChange(w, { payload: { heirId: r.id } }, now)] : [];
        });
        // All writes in one go: awaiting the first before issuing the next would cost a round trip.
        await Promise.all([
          db.outbox.bulkAdd(records),
          db.posts.add(rec),
          handed.length ? db.outbox.bulkPut(handed) : undefined,
        ]);
        return rec;
      })
      .catch((e: unknown) => {
        if (started) this.inFlight.delete(started.id);
        started = undefined;
        throw e;
      });
    // Committed: the request leaves now, in this task, before anything else is told.
    if (started && client) void this.sendStarted(client, started);
    if (post.id !== postId) return post; // a repeated submission: its post as stored, nothing new
    this.emit({ ticketKey: key, postId, state: post.state });
    if (notBefore > now) this.deps.schedule?.(notBefore);
    return post;
  }

  /**
   * The very same write posted again (sameWrite: Discard, then Post to Ticket; or the Update dialog's
   * resubmit) after its earlier copy was discarded while that copy's attempt may still land takes over
   * the earlier item's reference: if CW applies the discarded attempt late, the by-reference checks see
   * both copies and keep one. An edited note is another write (keeping one copy would lose the edit or
   * the older text): both stay, and the discarded one reads "landed after all". A reference has one live
   * heir at a time, never of another connection (the caller filters `watched` by scope).
   */
  private async inheritFrom(
    items: readonly PlanItem[],
    watched: OutboxRecord[],
  ): Promise<(OutboxRecord | undefined)[]> {
    if (watched.length === 0) return [];
    const heirs = await this.db.outbox.bulkGet(watched.flatMap((w) => payloadOf(w).heirId ?? []));
    const taken = new Set(heirs.flatMap((h) => (h && h.state !== 'cancelled' ? [h.ref] : [])));
    return items.map((item) => {
      if (item.kind === 'status') return undefined;
      const w = watched.find((x) => !taken.has(x.ref) && sameWrite(payloadOf(x).item, item));
      if (w) taken.add(w.ref);
      return w;
    });
  }

  /** The first write of a post that enqueue() started: sent and recorded, then the rest of the queue. */
  private async sendStarted(client: PostingWriter, rec: OutboxRecord): Promise<void> {
    try {
      await this.transmit(client, rec, this.now());
    } catch {
      // Storage trouble: it stays "sending", which the next drain treats as an unknown outcome.
    } finally {
      this.inFlight.delete(rec.id);
    }
    // The post's later writes, and the check after the create.
    void this.drain();
  }

  /**
   * Compare-and-set: writes `change` onto the stored record only if it still matches `expect` (state,
   * and rev when given), updating the post summary in the same transaction. Undefined when it did not
   * match: the caller's snapshot is stale and it must not act on it.
   */
  private async update(
    id: string,
    expect: Expect,
    change: Change | ((cur: OutboxRecord) => Change | undefined),
    notice?: string,
  ): Promise<OutboxRecord | undefined> {
    const db = this.db;
    const states: readonly OutboxState[] = typeof expect.state === 'string' ? [expect.state] : expect.state;
    const result = await db.transaction('rw', db.outbox, db.posts, async () => {
      const cur = await db.outbox.get(id);
      if (!cur || !states.includes(cur.state)) return undefined;
      if (expect.rev !== undefined && revOf(cur) !== expect.rev) return undefined;
      const c = typeof change === 'function' ? change(cur) : change;
      if (!c) return undefined;
      const next = applyChange(cur, c, this.now());
      // The write and the post's read go out together (one round trip less on every state change).
      const [, post] = await Promise.all([db.outbox.put(next), db.posts.get(cur.postId)]);
      if (!post) return { next, post: undefined };
      const data = post.data as PostData;
      const items = data.items.map((v) => (v.outboxId === id ? viewOf(next) : v));
      const updated: PostRecord = {
        ...post,
        state: postStateOf(items.map((i) => i.state)),
        updatedAt: this.now(),
        data: { ...data, items },
      };
      await db.posts.put(updated);
      return { next, post: updated };
    });
    if (!result) return undefined;
    if (result.post) {
      // The waiting click first: its answer must not queue behind a broadcast to every tab.
      this.notifyWaiters(result.post);
      const link = (result.post.data as PostData).ticketUrl;
      this.emit({
        ticketKey: result.next.ticketKey,
        postId: result.post.id,
        state: result.post.state,
        ...(notice ? { notice, ...(link ? { link } : {}) } : {}),
      });
    }
    return result.next;
  }

  /** Tells the pages without waiting: a broadcast to every tab must not sit between two CW writes. */
  private emit(c: OutboxChange) {
    try {
      void Promise.resolve(this.deps.onChange?.(c)).catch(() => undefined);
    } catch {
      // A failing listener never decides the fate of a post.
    }
  }

  private notifyWaiters(post: PostRecord) {
    const set = this.waiters.get(post.id);
    if (!set) return;
    this.waited.set(post.id, post);
    for (const fn of [...set]) fn(post);
  }

  /**
   * CW has answered a write with success: whoever waits for its post learns it now, from the post as
   * last stored with this write marked sent, before the transaction that records it (issue 12 §3). That
   * is the truth already; should the record fail to commit, the write stays "sending", which the next
   * pass treats as an unknown outcome and settles by looking it up.
   */
  private landed(rec: OutboxRecord) {
    const post = this.waited.get(rec.postId);
    if (!post) return;
    const data = post.data as PostData;
    if (!data.items.some((v) => v.outboxId === rec.id)) return;
    const items = data.items.map((v) => (v.outboxId === rec.id ? { ...v, state: 'sent' as const } : v));
    this.notifyWaiters({
      ...post,
      state: postStateOf(items.map((i) => i.state)),
      updatedAt: this.now(),
      data: { ...data, items },
    });
  }

  /**
   * Resolves when the post has had its chance: sent, failed, cancelled, or waiting for a retry after a
   * failed attempt. Times out with the current record (the outbox keeps working after that).
   */
  async waitForPost(postId: string, timeoutMs: number): Promise<PostRecord | undefined> {
    const settled = (p: PostRecord) =>
      p.state !== 'pending' && p.state !== 'sending'
        ? true
        : p.state === 'pending' &&
          (p.data as PostData).items.some((i) => i.state === 'pending' && i.lastError);
    const current = await this.db.posts.get(postId);
    if (!current || settled(current)) return current;
    return new Promise((resolve) => {
      const set = this.waiters.get(postId) ?? new Set();
      this.waiters.set(postId, set);
      // A snapshot newer than this read (a write already recorded meanwhile) is kept.
      if (!this.waited.has(postId)) this.waited.set(postId, current);
      const done = (p: PostRecord | undefined) => {
        clearTimeout(timer);
        set.delete(check);
        if (set.size === 0) {
          this.waiters.delete(postId);
          this.waited.delete(postId);
        }
        resolve(p);
      };
      const check = (p: PostRecord) => {
        if (settled(p)) done(p);
      };
      const timer = setTimeout(() => void this.db.posts.get(postId).then(done), timeoutMs);
      set.add(check);
    });
  }

  /** After a worker start: whatever was "sending" may or may not have reached CW. */
  async recoverInterrupted(): Promise<number> {
    const stuck = await this.db.outbox.where('state').equals('sending').toArray();
    let n = 0;
    for (const r of stuck) {
      if (this.inFlight.has(r.id) || !(await this.markUnknown(r))) continue;
      n++;
    }
    return n;
  }

  /** "sending" whose answer we will never hear → pending, outcome unknown: look it up before anything else. */
  private markUnknown(r: OutboxRecord): Promise<OutboxRecord | undefined> {
    const now = this.now();
    return this.update(
      r.id,
      { state: 'sending', rev: revOf(r) },
      {
        state: 'pending',
        nextAttemptAt: now,
        payload: { unknownOutcome: true, unknownSince: now, unknownSinceCw: undefined, lookups: 0 },
      },
    );
  }

  /**
   * Sends everything that is due, then runs the reference checks that are due. Writes and checks are
   * two single-flight passes (concurrent calls coalesce into one more pass of each): a new post never
   * waits behind another post's check, so "Posted" is as quick as the create.
   */
  drain(): Promise<void> {
    return this.writePass().then(() => this.checkPass());
  }

  private writePass(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.rerun = false;
          await this.drainOnce();
        } while (this.rerun);
      } catch {
        // Storage trouble: nothing was lost; the next wake-up (timer, alarm, online) drains again.
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private checkPass(): Promise<void> {
    if (this.checking) {
      this.recheck = true;
      return this.checking;
    }
    this.checking = (async () => {
      try {
        do {
          this.recheck = false;
          await this.checkOnce();
        } while (this.recheck);
      } catch {
        // As above: the checks stay owed (stored) and run on the next wake-up.
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  /** A wait this long or a clock that went back behind the record's last write: due now, not stalled. */
  private steppedBack(at: number, updatedAt: number, now: number): boolean {
    return now < updatedAt || at - now > this.longestWait;
  }

  private isDue(r: OutboxRecord, now: number): boolean {
    // Nothing in flight in this worker is due, whatever its state says (a pending item mid-lookup too).
    if (this.inFlight.has(r.id)) return false;
    // "sending" but not ours: a stopped worker's. process() turns it into an unknown outcome.
    if (r.state === 'sending') return true;
    if (r.state !== 'pending') return false;
    return r.nextAttemptAt <= now || this.steppedBack(r.nextAttemptAt, r.updatedAt, now);
  }

  private checkDue(r: OutboxRecord, now: number): boolean {
    return r.checkAt !== undefined && (r.checkAt <= now || this.steppedBack(r.checkAt, r.updatedAt, now));
  }

  /** Which items may be sent or checked now: the current connection's (all, without a scope dep). */
  private async sendable(): Promise<Mine> {
    if (!this.deps.scope) return () => true;
    const scope = await this.deps.scope();
    this.scopeNow = scope;
    return (r) => r.scope === scope;
  }

  /** The first unfinished item of a ticket (of this connection); later items wait for it. */
  private async headOf(key: string, mine: Mine): Promise<OutboxRecord | undefined> {
    return this.db.outbox
      .where('[ticketKey+seq]')
      .between([key, Dexie.minKey], [key, Dexie.maxKey])
      .filter((r) => isOpen(r.state) && mine(r))
      .first();
  }

  private async heads(mine: Mine): Promise<OutboxRecord[]> {
    const open = (await this.db.outbox.where('state').anyOf(OPEN).toArray()).filter(mine);
    const byTicket = new Map<string, OutboxRecord>();
    for (const r of open) {
      const h = byTicket.get(r.ticketKey);
      if (!h || r.seq < h.seq) byTicket.set(r.ticketKey, r);
    }
    return [...byTicket.values()].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  }

  /** Items with a reference check still owed (few: a check runs right after its create). */
  private owedChecks(): Promise<OutboxRecord[]> {
    return this.db.outbox.where('checkAt').between(Dexie.minKey, Dexie.maxKey).toArray();
  }

  private async drainOnce(): Promise<void> {
    const now = this.now();
    await this.loadThrottle();
    const mine = await this.sendable();
    const heads = await this.heads(mine);
    if (this.throttled(now)) {
      if (heads.length) this.deps.schedule?.(this.throttle.until);
      return;
    }
    const queue = heads.filter((h) => this.isDue(h, now)).map((h) => h.ticketKey);
    // allSettled: one lane failing (storage) must not end the drain while the others still work,
    // or a second drain would start and take the same tickets.
    const results = await Promise.allSettled(this.lanes(queue, (key) => this.sendTicket(key, mine)));
    await this.scheduleNext('write', mine);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The owed reference checks that are due, one ticket per lane. */
  private async checkOnce(): Promise<void> {
    const now = this.now();
    await this.loadThrottle();
    const mine = await this.sendable();
    if (this.throttled(now)) {
      // The write pass asks for a wake-up at the throttle's end only when writes are waiting.
      if ((await this.owedChecks()).length) this.deps.schedule?.(this.throttle.until);
      return;
    }
    const due = (await this.owedChecks()).filter((c) => mine(c) && this.checkDue(c, now));
    const queue = [...new Set(due.map((c) => c.ticketKey))];
    const results = await Promise.allSettled(this.lanes(queue, (key) => this.runChecks(key, mine)));
    await this.scheduleNext('check', mine);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Up to `concurrency` lanes taking tickets from one queue; a failing ticket does not stop its lane. */
  private lanes(queue: string[], work: (key: string) => Promise<void>): Promise<void>[] {
    return Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
      let error: unknown;
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
        if (this.throttled(this.now())) break;
        try {
          await work(key);
        } catch (e) {
          error ??= e;
        }
      }
      if (error) throw error;
    });
  }

  /** A ticket's due items, strictly in order, until one is not done. */
  private async sendTicket(key: string, mine: Mine): Promise<void> {
    for (;;) {
      if (this.throttled(this.now())) return;
      const head = await this.headOf(key, mine);
      if (!head || !this.isDue(head, this.now())) return;
      if (!(await this.process(head))) return;
    }
  }

  /**
   * Wake up for the earliest retry, lookup or check (or the end of throttling). After the write pass,
   * checks that are due need no wake-up: the check pass follows it in the same drain. Asking for one
   * would start the write pass again (it coalesces drains) before the check pass gets its turn, and
   * with IndexedDB slower than a 0 ms timer that repeats for as long as a check is due: the writes
   * loop and the check never runs (found by the fault soak). A check still due after the check pass
   * could not run (not connected, or its item changed meanwhile): it is tried again after a pause.
   */
  private async scheduleNext(after: 'write' | 'check', mine: Mine): Promise<void> {
    const now = this.now();
    const [heads, checks] = await Promise.all([
      this.heads(mine),
      this.owedChecks().then((c) => c.filter(mine)),
    ]);
    const waits = [
      ...heads.filter((h) => h.state === 'pending').map((h) => (this.isDue(h, now) ? now : h.nextAttemptAt)),
      ...checks.flatMap((c) =>
        !this.checkDue(c, now) ? [c.checkAt as number] : after === 'check' ? [now + MIN_RETRY_DELAY_MS] : [],
      ),
    ];
    if (waits.length)
      this.deps.schedule?.(Math.max(Math.min(...waits), this.throttled(now) ? this.throttle.until : 0));
  }

  // ——— throttle (a 429 pauses every request; stored, so a worker restart honours it) ———

  /** Read once per worker lifetime; a caller arriving while it is read waits for it. */
  private loadThrottle(): Promise<void> {
    this.throttleLoad ??= (async () => {
      try {
        const rec = await this.db.settings.get(THROTTLE_KEY);
        const v = rec?.value as { until?: unknown; setAt?: unknown; scope?: unknown } | undefined;
        if (typeof v?.until === 'number' && typeof v.setAt === 'number')
          this.throttle = {
            until: v.until,
            setAt: v.setAt,
            ...(typeof v.scope === 'string' ? { scope: v.scope } : {}),
          };
      } catch {
        // Unreadable: no throttle; CW will say so again.
      }
    })();
    return this.throttleLoad;
  }

  private async setThrottle(until: number, scope: string | undefined): Promise<void> {
    const now = this.now();
    if (this.throttled(now, scope) && until <= this.throttle.until) return;
    this.throttle = { until, setAt: now, ...(scope !== undefined ? { scope } : {}) };
    try {
      await this.db.settings.put({ key: THROTTLE_KEY, value: this.throttle });
    } catch {
      // Kept in memory at least.
    }
  }

  /**
   * Paused by a 429 of this connection's CW. Another tenant's pause does not hold it: after a switch
   * the new connection's posts go out, and the old one's pause holds again when it comes back.
   */
  private throttled(now: number, scope: string | undefined = this.scopeNow): boolean {
    const t = this.throttle;
    if (scope !== undefined && t.scope !== undefined && t.scope !== scope) return false;
    // A clock that went back behind the moment the throttle was set, or a wait beyond any Retry-After
    // we honour, does not stall the queue.
    return now < t.until && now >= t.setAt && t.until - now <= MAX_RETRY_AFTER_MS + 60_000;
  }

  // ——— one item ———

  private actorOf(post: PostRecord | undefined): string {
    return (post?.data as PostData | undefined)?.technicianName ?? 'FlowPilot';
  }

  private async logAttempt(r: OutboxRecord, outcome: 'ok' | 'error', started: number, detail: string) {
    try {
      const post = await this.db.posts.get(r.postId);
      const { ticket, ticketNumber } = payloadOf(r);
      await this.deps.log?.({
        kind: `post.${r.kind}`,
        actor: this.actorOf(post),
        outcome,
        latencyMs: Math.max(0, this.now() - started),
        // Never the note text: ticket, ref and attempt only.
        detail: `ticket ${ticketNo(ticket.id, ticketNumber)} · ref ${r.ref} · attempt ${r.attempts} · ${detail}`,
      });
    } catch {
      // Logging never decides the fate of a post.
    }
  }

  /** One item: settle an unknown outcome, else send. Returns true when the lane may go on. */
  private async process(rec: OutboxRecord): Promise<boolean> {
    this.inFlight.add(rec.id);
    try {
      let cur: OutboxRecord | undefined = rec;
      // Left "sending" by a stopped worker (or a crash in this one): it may have reached CW.
      if (cur.state === 'sending') cur = await this.markUnknown(cur);
      if (!cur) return false;
      let client: PostingWriter;
      try {
        client = await this.writer();
      } catch (e) {
        await this.failSend(cur, e, false, this.now());
        return false;
      }
      // The connection changed since the item was picked: it waits for its own.
      if (otherTenant(client, cur)) return false;
      if (payloadOf(cur).unknownOutcome) {
        const next = await this.settleUnknown(client, cur);
        if (next !== 'send') return next === 'found';
      }
      if (cur.kind === 'status' && !(await this.earlierStatusSettled(client, cur))) return false;
      return await this.send(client, cur);
    } finally {
      this.inFlight.delete(rec.id);
    }
  }

  /** Mark sending (compare-and-set), send, record. */
  private async send(client: PostingWriter, cur: OutboxRecord): Promise<boolean> {
    const started = this.now();
    const sending = await this.update(cur.id, { state: 'pending', rev: revOf(cur) }, (r) => ({
      state: 'sending',
      attempts: r.attempts + 1,
      payload: {
        unknownOutcome: false,
        lookups: undefined,
        // A status change keeps the bound: its unanswered attempt may still land, and a later status
        // change on the ticket waits for that (earlierStatusSettled).
        ...(r.kind === 'status' ? {} : { unknownSince: undefined, unknownSinceCw: undefined }),
      },
    }));
    // Discarded, edited or retried since it was read: the lane reads it again.
    if (!sending) return false;
    return this.transmit(client, sending, started);
  }

  /** Sends a write already stored as "sending" and records the answer. True when the lane may go on. */
  private async transmit(client: PostingWriter, sending: OutboxRecord, started: number): Promise<boolean> {
    const p = payloadOf(sending);
    let res: { id?: number } | undefined;
    const received: { serverDate?: number } = {};
    try {
      res = await client.send(p.ticket, p.item, sending.ref, this.requestOpts({ received }));
      this.sawCwDate(received.serverDate, sending.scope);
    } catch (e) {
      this.sawCwDate(received.serverDate, sending.scope);
      const failed = await this.failSend(sending, e, true, started);
      // Reset after sending (the commonest unknown outcome): look right away; usually it is there.
      if (failed?.state === 'pending' && payloadOf(failed).unknownOutcome) {
        return (await this.settleUnknown(client, failed)) === 'found';
      }
      return false;
    }
    // CW has it. From here on nothing may turn the item into "failed".
    this.landed(sending);
    const created = p.item.kind !== 'status';
    const cwId = created ? res?.id : undefined;
    try {
      const done = await this.update(
        sending.id,
        { state: 'sending', rev: revOf(sending) },
        {
          state: 'sent',
          lastError: null,
          // Confirm after success: due now, run right after the ticket's writes.
          checkAt: created ? this.now() : null,
          payload: {
            failures: 0,
            ...(cwId !== undefined ? { cwId } : {}),
            ...(created ? { check: { tries: 0, removed: 0 } } : {}),
          },
        },
      );
      // Settled meanwhile by another worker's recovery: its lookup decides.
      if (!done) return false;
    } catch {
      // The answer could not be stored: keep it an unknown outcome (a lookup settles it). If even that
      // cannot be written it stays "sending", which the next worker treats the same way.
      await this.markUnknown(sending).catch(() => undefined);
      return false;
    }
    await this.logAttempt(sending, 'ok', started, 'sent');
    return true;
  }

  /**
   * A status change whose answer never came is resent at once (the PATCH is idempotent), but CW may
   * still apply the unanswered attempt until the server-side limit. Sending a later status change on
   * the same ticket before then could let CW apply the older one last and end on the wrong status. So
   * the later one waits until every earlier unanswered attempt is past the limit on both clocks (CW's
   * from a read of the ticket), then those bounds are dropped. True when it may be sent now.
   */
  private async earlierStatusSettled(client: PostingWriter, cur: OutboxRecord): Promise<boolean> {
    const earlier = (
      await this.db.outbox
        .where('[ticketKey+seq]')
        .between([cur.ticketKey, Dexie.minKey], [cur.ticketKey, cur.seq], true, false)
        .toArray()
    ).filter((r) => r.kind === 'status' && payloadOf(r).unknownSince !== undefined);
    if (earlier.length === 0) return true;
    const started = this.now();
    const received: { serverDate?: number } = {};
    try {
      await client.readTicket(payloadOf(cur).ticket, this.requestOpts({ received }));
    } catch (e) {
      await this.failLookup(cur, e, started);
      return false;
    }
    this.sawCwDate(received.serverDate, cur.scope);
    let left = 0;
    for (const r of earlier) {
      const p = payloadOf(r);
      const w = unknownWait(p, received.serverDate, this.now(), this.timings.unknownOutcomeWaitMs);
      left = Math.max(left, w.leftMs);
      // Over: forgotten. Not yet: the bounds as measured (the first CW clock reading counts).
      const change =
        w.leftMs === 0
          ? { unknownSince: undefined, unknownSinceCw: undefined }
          : { unknownSince: w.since, unknownSinceCw: w.sinceCw };
      if (w.leftMs === 0 || p.unknownSince !== w.since || p.unknownSinceCw !== w.sinceCw)
        await this.update(r.id, { state: r.state, rev: revOf(r) }, { payload: change });
    }
    if (left === 0) return true;
    await this.update(
      cur.id,
      { state: 'pending', rev: revOf(cur) },
      { nextAttemptAt: this.now() + Math.max(MIN_RETRY_DELAY_MS, left), payload: { failures: 0 } },
    );
    return false;
  }

  private async failSend(rec: OutboxRecord, e: unknown, afterSend: boolean, started: number) {
    const p = payloadOf(rec);
    const failures = (p.failures ?? 0) + 1;
    const c = classifyError(e);
    // The conflict cap counts sends; the backoff counts every failure.
    const d = decideAfterFailure(
      e,
      c.conflict ? rec.attempts : failures,
      this.now(),
      this.timings.backoff,
      this.random,
      c,
    );
    if (d.throttleMs !== undefined) await this.setThrottle(this.now() + d.throttleMs, rec.scope);
    const becameUnknown = afterSend && d.outcomeUnknown && !p.unknownOutcome;
    // A write that may have landed is never "failed" (a later "Retry now" would resend it blindly).
    const unknown = Boolean(p.unknownOutcome) || becameUnknown;
    const now = this.now();
    const next = await this.update(
      rec.id,
      { state: rec.state, rev: revOf(rec) },
      {
        state: unknown ? 'pending' : d.state,
        nextAttemptAt: unknown && d.state === 'failed' ? now : d.nextAttemptAt,
        lastError: d.error,
        payload: {
          failures,
          unknownOutcome: unknown || undefined,
          // CW cannot get the request later than about now (the client has given up and closed the
          // connection): its clock now bounds the arrival, so after an outage the wait is already over.
          ...(becameUnknown ? { unknownSince: now, unknownSinceCw: this.cwNow(rec.scope), lookups: 0 } : {}),
        },
      },
    );
    await this.logAttempt(
      next ?? rec,
      'error',
      started,
      `${d.error.status ? `HTTP ${d.error.status}` : d.error.kind}${d.state === 'pending' ? ' · will retry' : ''}`,
    );
    return next;
  }

  private async lookup(
    client: PostingWriter,
    ticket: TicketRef,
    kind: CreatedKind,
    refs: readonly string[],
  ): Promise<Found> {
    const received: { serverDate?: number } = {};
    const rows = await client.findRefs(ticket, kind, refs, this.requestOpts({ received }));
    const byRef = new Map<string, number[]>();
    for (const { id, text } of rows) {
      // The full reference only, never the text: nothing FlowPilot did not write is ever touched.
      for (const ref of refs) if (hasRef(text, ref)) byRef.set(ref, [...(byRef.get(ref) ?? []), id]);
    }
    this.sawCwDate(received.serverDate, client.scope);
    return { byRef, serverDate: received.serverDate };
  }

  /**
   * The last attempt may be on the ticket: look. Found → sent (and its copies checked). Not found →
   * 'send' only once the server-side limit is past on both clocks; until then, look again later.
   */
  private async settleUnknown(client: PostingWriter, cur: OutboxRecord): Promise<'found' | 'send' | 'stop'> {
    const p = payloadOf(cur);
    const kind = p.item.kind;
    if (kind === 'status') return 'send'; // a status change: the PATCH is idempotent
    const started = this.now();
    let found: Found;
    try {
      found = await this.lookup(client, p.ticket, kind, [cur.ref]);
    } catch (e) {
      await this.failLookup(cur, e, started);
      return 'stop';
    }
    const ids = found.byRef.get(cur.ref) ?? [];
    if (ids.length > 0) return (await this.markFound(cur, ids, started)) ? 'found' : 'stop';
    const w = unknownWait(p, found.serverDate, this.now(), this.timings.unknownOutcomeWaitMs);
    if (w.leftMs === 0) return 'send';
    const lookups = (p.lookups ?? 0) + 1;
    const next =
      this.now() +
      Math.max(MIN_RETRY_DELAY_MS, Math.min(w.leftMs, backoffMs(lookups, this.timings.backoff, this.random)));
    await this.update(
      cur.id,
      { state: 'pending', rev: revOf(cur) },
      {
        nextAttemptAt: next,
        payload: { unknownSince: w.since, unknownSinceCw: w.sinceCw, lookups, failures: 0 },
      },
    );
    return 'stop';
  }

  private async failLookup(rec: OutboxRecord, e: unknown, started: number) {
    const p = payloadOf(rec);
    const failures = (p.failures ?? 0) + 1;
    // A lookup only reads: keep trying unless access itself is broken (then a person must act; the
    // item stays marked as maybe landed, so Discard and the dialog look it up first).
    const c = classifyLookupError(e);
    const d = decideAfterFailure(e, failures, this.now(), this.timings.backoff, this.random, c);
    if (d.throttleMs !== undefined) await this.setThrottle(this.now() + d.throttleMs, rec.scope);
    const next = await this.update(
      rec.id,
      { state: rec.state, rev: revOf(rec) },
      { state: d.state, nextAttemptAt: d.nextAttemptAt, lastError: d.error, payload: { failures } },
    );
    await this.logAttempt(
      next ?? rec,
      'error',
      started,
      `lookup ${d.error.status ? `HTTP ${d.error.status}` : d.error.kind}${d.state === 'pending' ? ' · will retry' : ''}`,
    );
  }

  /** Found on the ticket by its ref: sent. More than one copy → its check runs right away. */
  private async markFound(cur: OutboxRecord, ids: number[], started: number): Promise<boolean> {
    const keep = Math.min(...ids);
    const done = await this.update(
      cur.id,
      { state: ['pending', 'sending', 'failed', 'cancelled'], rev: revOf(cur) },
      {
        state: 'sent',
        lastError: null,
        checkAt: ids.length > 1 ? this.now() : null,
        payload: {
          unknownOutcome: undefined,
          unknownSince: undefined,
          unknownSinceCw: undefined,
          lookups: undefined,
          cancelledMaybeLanded: undefined,
          failures: 0,
          cwId: keep,
          recovered: true,
          check: { tries: 0, removed: 0, ...(ids.length > 1 ? {} : { done: true }) },
        },
      },
    );
    if (!done) return false;
    await this.logAttempt(
      done,
      'ok',
      started,
      cur.state === 'cancelled'
        ? 'landed after all (found by ref after Discard)'
        : 'already on the ticket (found by ref)',
    );
    return true;
  }

  // ——— confirm after success ———

  /** The ticket's owed checks: one lookup per kind (up to REFS_PER_LOOKUP refs), then per item. */
  private async runChecks(key: string, mine: Mine): Promise<void> {
    const now = this.now();
    const owed = (await this.owedChecks()).filter(
      (r) => r.ticketKey === key && mine(r) && this.checkDue(r, now),
    );
    if (owed.length === 0) return;
    let client: PostingWriter;
    try {
      client = await this.writer();
    } catch {
      return; // not connected: the checks wait for the next drain
    }
    const due = owed.filter((r) => !otherTenant(client, r)); // switched meanwhile: they wait
    for (const kind of ['note', 'timeEntry'] as const) {
      const group = due.filter((r) => r.kind === kind);
      for (let i = 0; i < group.length; i += REFS_PER_LOOKUP) {
        const batch = group.slice(i, i + REFS_PER_LOOKUP);
        const started = this.now();
        let found: Found;
        try {
          // A discarded item and its heir share a reference: it is looked up once.
          found = await this.lookup(client, payloadOf(batch[0]!).ticket, kind, [
            ...new Set(batch.map((r) => r.ref)),
          ]);
        } catch (e) {
          for (const r of batch) await this.checkFailed(r, e, started);
          continue;
        }
        const inBatch = new Set(batch.map((r) => r.id));
        for (const r of batch)
          await this.checkOne(client, r, found.byRef.get(r.ref) ?? [], found.serverDate, started, inBatch);
      }
    }
  }

  private async checkOne(
    client: PostingWriter,
    r: OutboxRecord,
    ids: number[],
    serverDate: number | undefined,
    started: number,
    inBatch: ReadonlySet<string>,
  ) {
    const p = payloadOf(r);
    const expect = { state: r.state, rev: revOf(r) };
    if (r.state === 'cancelled') {
      // Discarded while maybe landed: did CW apply it late after all? If it was posted again since (the
      // re-post has its reference), the re-post keeps one copy; otherwise the discarded one landed.
      const heir = ids.length ? await this.heirOf(r) : undefined;
      if (ids.length && !heir) return void (await this.markFound(r, ids, started));
      if (heir) await this.handOver(heir, ids, started, inBatch);
      const w = unknownWait(p, serverDate, this.now(), this.timings.unknownOutcomeWaitMs);
      await this.update(r.id, expect, {
        checkAt: w.leftMs === 0 ? null : this.now() + w.leftMs,
        payload: {
          unknownSince: w.since,
          unknownSinceCw: w.sinceCw,
          ...(w.leftMs === 0 ? { cancelledMaybeLanded: undefined } : {}),
        },
      });
      return;
    }
    const check = p.check ?? { tries: 0, removed: 0 };
    if (ids.length <= 1) {
      await this.update(r.id, expect, { checkAt: null, payload: { check: { ...check, done: true } } });
      return;
    }
    // Keep the copy the create answered with (or the oldest); delete only other copies of this ref.
    const keep = p.cwId !== undefined && ids.includes(p.cwId) ? p.cwId : Math.min(...ids);
    // Never a copy another sent item of this reference holds as its own: a reference has one live holder
    // (inheritFrom), and should that ever fail, two checks would delete each other's copies to none.
    const theirs = await this.heldBySiblings(r);
    const kind = r.kind as 'note' | 'timeEntry';
    let removed = 0;
    let later = false;
    const left: number[] = [];
    let reason: Classified | undefined;
    const tries = check.tries + 1;
    for (const id of ids.filter((x) => x !== keep && !theirs.has(x))) {
      // The PSA does not let integrations delete it (Autotask notes): reported with its id instead.
      if (!client.canDelete[kind]) {
        left.push(id);
        continue;
      }
      try {
        await client.remove(p.ticket, kind, id, this.requestOpts());
        removed++;
      } catch (e) {
        // Gone already (a resent DELETE, or someone removed it): not on the ticket any more either way.
        if (client.isGone(e)) {
          removed++;
          continue;
        }
        const c = classifyLookupError(e);
        if (c.retryable && tries < this.timings.duplicateCheckTries) later = true;
        else {
          left.push(id);
          reason = c;
        }
      }
    }
    const total = check.removed + removed;
    if (later) {
      await this.update(r.id, expect, {
        checkAt: this.now() + backoffMs(tries, this.timings.backoff, this.random),
        payload: { check: { ...check, tries, removed: total } },
      });
      return;
    }
    const notice = left.length
      ? duplicateNotice(kind, p.ticket.id, left, client.psa, p.ticketNumber)
      : undefined;
    await this.update(
      r.id,
      expect,
      {
        checkAt: null,
        payload: { check: { tries, removed: total, done: true, ...(left.length ? { left } : {}) } },
      },
      notice,
    );
    const what = kind === 'note' ? 'note' : 'time entry';
    if (total) await this.logAttempt(r, 'ok', started, `${total} duplicate${total > 1 ? 's' : ''} removed`);
    if (left.length) {
      const why = !reason
        ? 'the PSA does not allow deleting it'
        : `${reason.info.kind === 'forbidden' ? 'delete refused' : 'delete failed'}: ${reason.info.status ? `HTTP ${reason.info.status}` : reason.info.kind}`;
      await this.logAttempt(r, 'error', started, `duplicate left: ${what} ${left.join(', ')} (${why})`);
    }
  }

  /** CW ids that other sent items with this item's reference hold as their own copies. */
  private async heldBySiblings(r: OutboxRecord): Promise<Set<number>> {
    const siblings = await this.db.outbox
      .where('[ticketKey+seq]')
      .between([r.ticketKey, Dexie.minKey], [r.ticketKey, Dexie.maxKey])
      .filter((x) => x.id !== r.id && x.ref === r.ref && x.state === 'sent')
      .toArray();
    return new Set(siblings.flatMap((x) => payloadOf(x).cwId ?? []));
  }

  /** The live item that took over a discarded item's reference (see inheritFrom). */
  private async heirOf(r: OutboxRecord): Promise<OutboxRecord | undefined> {
    const id = payloadOf(r).heirId;
    const heir = id ? await this.db.outbox.get(id) : undefined;
    return heir && heir.state !== 'cancelled' && heir.ref === r.ref ? heir : undefined;
  }

  /**
   * Copies of a discarded item's write found on the ticket after it was posted again: a re-post not yet
   * sent is already there (never written a second time); a sent one keeps its own copy and its check
   * runs again, with its own lookup, to remove the others (in this very batch, its check already has
   * these copies). One being sent settles it itself (its check, or its unknown-outcome lookup, sees
   * every copy of the shared reference).
   */
  private async handOver(heir: OutboxRecord, ids: number[], started: number, inBatch: ReadonlySet<string>) {
    if ((heir.state === 'pending' || heir.state === 'failed') && !this.inFlight.has(heir.id)) {
      await this.markFound(heir, ids, started);
      return;
    }
    const p = payloadOf(heir);
    if (heir.state !== 'sent' || inBatch.has(heir.id) || ids.every((id) => id === p.cwId)) return;
    await this.update(
      heir.id,
      { state: 'sent', rev: revOf(heir) },
      { checkAt: this.now(), payload: { check: { tries: 0, removed: p.check?.removed ?? 0 } } },
    );
  }

  private async checkFailed(r: OutboxRecord, e: unknown, started: number) {
    const p = payloadOf(r);
    const check = p.check ?? { tries: 0, removed: 0 };
    const tries = check.tries + 1;
    const c = classifyLookupError(e);
    if (c.retryAfterMs !== undefined)
      await this.setThrottle(
        this.now() + backoffMs(tries, this.timings.backoff, this.random, c.retryAfterMs),
        r.scope,
      );
    const again = c.retryable && (tries < this.timings.duplicateCheckTries || r.state === 'cancelled');
    await this.update(
      r.id,
      { state: r.state, rev: revOf(r) },
      {
        checkAt: again
          ? this.now() + backoffMs(tries, this.timings.backoff, this.random, c.retryAfterMs)
          : null,
        payload: { check: { ...check, tries, ...(again ? {} : { done: true, unchecked: true }) } },
      },
    );
    if (!again)
      await this.logAttempt(
        r,
        'error',
        started,
        `could not check for duplicates: ${c.info.status ? `HTTP ${c.info.status}` : c.info.kind}`,
      );
  }

  // ——— what the technician does ———

  /** "Retry now": failed and waiting items of a post become due immediately (the throttle stays). */
  async retry(postId: string): Promise<void> {
    const now = this.now();
    for (const r of await this.db.outbox.where('postId').equals(postId).toArray()) {
      if (this.inFlight.has(r.id) || (r.state !== 'failed' && r.state !== 'pending')) continue;
      await this.update(
        r.id,
        { state: ['failed', 'pending'], rev: revOf(r) },
        { state: 'pending', nextAttemptAt: now },
      );
    }
    void this.drain();
  }

  /**
   * "Discard" / Undo: unsent items are cancelled; a later post on the ticket no longer waits for them.
   * Says per item what happened: an item being sent cannot be stopped, and one whose last attempt may
   * have landed is looked up first (reported as on the ticket when it is).
   */
  async discard(postId: string): Promise<DiscardResult> {
    const items = await this.db.outbox.where('postId').equals(postId).sortBy('seq');
    let client: Promise<PostingWriter> | undefined;
    const out: DiscardedItem[] = [];
    for (const r of items) {
      const item = payloadOf(r).item;
      const outcome = await this.discardOne(r, () => (client ??= this.writer()));
      out.push({ outboxId: r.id, label: describePlanItem(item), part: planPart(item), outcome });
    }
    void this.drain();
    return { items: out };
  }

  private async discardOne(r: OutboxRecord, client: () => Promise<PostingWriter>): Promise<DiscardOutcome> {
    if (r.state === 'sent') return 'landed';
    if (r.state === 'cancelled') return 'cancelled';
    if (r.state === 'sending' && this.inFlight.has(r.id)) return 'sending';
    const p = payloadOf(r);
    const maybe = Boolean(p.unknownOutcome) || r.state === 'sending';
    if (!maybe) {
      if (
        await this.update(
          r.id,
          { state: ['pending', 'failed'], rev: revOf(r) },
          { state: 'cancelled', checkAt: null },
        )
      )
        return 'cancelled';
      return this.nowIs(r.id);
    }
    // Its last attempt may be on the ticket: look before cancelling.
    const kind = p.item.kind;
    const lookable = kind !== 'status';
    let found: Found | undefined;
    if (kind !== 'status') {
      try {
        const c = await client();
        // Another tenant's item is not looked up here: cancelled below, checked on its own connection.
        if (!otherTenant(c, r)) found = await this.lookup(c, p.ticket, kind, [r.ref]);
      } catch {
        return 'unchecked';
      }
      const ids = found?.byRef.get(r.ref) ?? [];
      if (ids.length) return (await this.markFound(r, ids, this.now())) ? 'landed' : this.nowIs(r.id);
    }
    // Not there (yet): cancel, and look once more after the wait in case CW applies it late.
    const w = unknownWait(p, found?.serverDate, this.now(), this.timings.unknownOutcomeWaitMs);
    const cancelled = await this.update(
      r.id,
      { state: ['pending', 'failed', 'sending'], rev: revOf(r) },
      {
        state: 'cancelled',
        checkAt: lookable ? this.now() + w.leftMs : null,
        payload: lookable
          ? { cancelledMaybeLanded: true, unknownSince: w.since, unknownSinceCw: w.sinceCw }
          : {},
      },
    );
    return cancelled ? 'cancelled' : this.nowIs(r.id);
  }

  /** What an item is now, after a compare-and-set found it changed. */
  private async nowIs(id: string): Promise<DiscardOutcome> {
    const r = await this.db.outbox.get(id);
    if (r?.state === 'sent') return 'landed';
    if (r?.state === 'sending') return 'sending';
    if (r?.state === 'cancelled') return 'cancelled';
    return 'unchecked';
  }

  /** "Edit and retry": new text for a note (or a time entry's notes), then retry the post. */
  async editAndRetry(postId: string, outboxId: string, text: string): Promise<void> {
    const r = await this.db.outbox.get(outboxId);
    if (!r || r.postId !== postId) return;
    await this.update(outboxId, { state: ['pending', 'failed'] }, (cur) => {
      const item = payloadOf(cur).item;
      const edited: PlanItem =
        item.kind === 'note'
          ? { ...item, text }
          : item.kind === 'timeEntry'
            ? { ...item, notes: text }
            : item;
      return { payload: { item: edited } };
    });
    await this.retry(postId);
  }
}

/** The note text exactly as it is (or will be) written on the ticket, with its ref. */
export function writtenText(r: OutboxRecord): string | undefined {
  const p = r.payload as OutboxPayload;
  if (p.item.kind === 'note') return withRef(p.item.text, r.ref);
  if (p.item.kind === 'timeEntry') return withRef(p.item.notes, r.ref);
  return undefined;
}
