// The durable outbox. Every CW write of a post is stored in IndexedDB before it is sent, then sent in
// per-ticket order with bounded concurrency. Retries follow retry.ts; after an unknown outcome (timeout
// or reset after the request went out, or an item left "sending" by a stopped worker) the ticket is
// searched for the item's reference before anything is sent again, so each write lands exactly once.
// In-memory fields below only coordinate work inside one worker lifetime; the truth is in the DB.

import Dexie from 'dexie';
import type { PatchOperation } from '../cw/client';
import type { FlowPilotDb, OutboxRecord, OutboxState, PostRecord } from '../db/schema';
import type { ErrorInfo } from '../messages/protocol';
import { type TicketRef, ticketKey } from '../ticket/types';
import { refLookup, toCwWrite } from './cw-writes';
import { describePlan, describePlanItem, type PlanItem, type PostPlan } from './plan';
import { hasRef, newRef, withRef } from './reference';
import { type BackoffOptions, classifyError, DEFAULT_BACKOFF, decideAfterFailure } from './retry';

export interface OutboxPayload {
  ticket: TicketRef;
  item: PlanItem;
  /** The last attempt may have reached CW: search for the ref before sending again. */
  unknownOutcome?: boolean;
  /** Id of the CW record created (note / time entry). */
  cwId?: number;
  /** Found on the ticket by its ref instead of being sent again. */
  recovered?: boolean;
}

export interface PostItemView {
  outboxId: string;
  kind: OutboxRecord['kind'];
  label: string;
  ref: string;
  state: OutboxState;
  attempts: number;
  lastError?: ErrorInfo;
  cwId?: number;
}

export interface PostData {
  items: PostItemView[];
  technicianName?: string;
  memberId?: number;
  sessionId?: string;
  ticketUrl?: string;
}

export interface PostMeta {
  technicianId?: string;
  technicianName?: string;
  memberId?: number;
  sessionId?: string;
  ticketUrl?: string;
  /** Auto Push undo window: nothing is sent before now + holdMs. */
  holdMs?: number;
}

/** What the outbox needs from the CW client (CwClient satisfies it). */
export interface CwWriter {
  get<T>(path: string, query?: import('../cw/conditions').ListQuery): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, ops: PatchOperation[]): Promise<T>;
}

export interface OutboxChange {
  ticketKey: string;
  postId: string;
  state: OutboxState;
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
  client: () => Promise<CwWriter>;
  now?: () => number;
  random?: () => number;
  /** Tickets sent to in parallel (each ticket is strictly sequential). */
  concurrency?: number;
  backoff?: BackoffOptions;
  onChange?: (c: OutboxChange) => unknown;
  log?: (e: ActivityEntry) => unknown;
  /** Asks for a wake-up at `at` (timer while the worker lives; the alarm covers the rest). */
  schedule?: (at: number) => void;
  /**
   * How long a request left "sending" by a stopped worker may still be in flight at CW (the client's
   * timeout). The ref lookup waits this long after the send started, so it cannot miss a late commit.
   */
  inFlightGraceMs?: number;
}

const OPEN: OutboxState[] = ['pending', 'sending', 'failed'];
const isOpen = (s: OutboxState) => OPEN.includes(s);

/** A post's state from its items: in flight, then failure, then waiting; sent + discarded reads as sent. */
export function postStateOf(states: readonly OutboxState[]): OutboxState {
  if (states.includes('sending')) return 'sending';
  // A failed item blocks the items after it, so the post is failed until someone acts.
  if (states.includes('failed')) return 'failed';
  if (states.includes('pending')) return 'pending';
  if (states.length > 0 && states.every((s) => s === 'cancelled')) return 'cancelled';
  return 'sent';
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

export class Outbox {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly concurrency: number;
  private readonly backoff: BackoffOptions;
  private readonly grace: number;
  private running?: Promise<void>;
  private rerun = false;
  private readonly inFlight = new Set<string>();
  private throttledUntil = 0;
  private readonly waiters = new Map<string, Set<(p: PostRecord) => void>>();

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.concurrency = Math.max(1, deps.concurrency ?? 4);
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
    this.grace = deps.inFlightGraceMs ?? 20_000;
  }

  private get db() {
    return this.deps.db();
  }

  /** Write-ahead: the post and all its writes are stored (one transaction) before anything is sent. */
  async enqueue(plan: PostPlan, meta: PostMeta = {}): Promise<PostRecord> {
    const key = ticketKey(plan.ticket);
    const now = this.now();
    const postId = newId();
    const notBefore = now + Math.max(0, meta.holdMs ?? 0);
    const db = this.db;
    const post = await db.transaction('rw', db.outbox, db.posts, async () => {
      const last = await db.outbox
        .where('[ticketKey+seq]')
        .between([key, Dexie.minKey], [key, Dexie.maxKey])
        .last();
      let seq = last?.seq ?? 0;
      const records: OutboxRecord[] = plan.items.map((item) => ({
        id: newId(),
        ticketKey: key,
        seq: ++seq,
        kind: item.kind,
        payload: { ticket: plan.ticket, item } satisfies OutboxPayload,
        ref: newRef(),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: notBefore,
        postId,
        createdAt: now,
        updatedAt: now,
      }));
      await db.outbox.bulkAdd(records);
      const data: PostData = {
        items: records.map((r) => this.viewOf(r)),
        technicianName: meta.technicianName,
        memberId: meta.memberId,
        sessionId: meta.sessionId,
        ticketUrl: meta.ticketUrl,
      };
      const rec: PostRecord = {
        id: postId,
        ticketKey: key,
        ticketId: plan.ticket.id,
        technicianId: meta.technicianId,
        summary: describePlan(plan),
        state: 'pending',
        createdAt: now,
        updatedAt: now,
        data,
      };
      await db.posts.add(rec);
      return rec;
    });
    this.emit({ ticketKey: key, postId, state: 'pending' });
    if (notBefore > now) this.deps.schedule?.(notBefore);
    return post;
  }

  private viewOf(r: OutboxRecord): PostItemView {
    const p = r.payload as OutboxPayload;
    const v: PostItemView = {
      outboxId: r.id,
      kind: r.kind,
      label: describePlanItem(p.item),
      ref: r.ref,
      state: r.state,
      attempts: r.attempts,
    };
    if (r.lastError) v.lastError = r.lastError as ErrorInfo;
    if (p.cwId !== undefined) v.cwId = p.cwId;
    return v;
  }

  /** Updates one item and its post summary atomically, then tells the pages. */
  private async update(id: string, patch: Partial<OutboxRecord>): Promise<OutboxRecord | undefined> {
    const db = this.db;
    const result = await db.transaction('rw', db.outbox, db.posts, async () => {
      const cur = await db.outbox.get(id);
      if (!cur) return undefined;
      const next: OutboxRecord = { ...cur, ...patch, updatedAt: this.now() };
      await db.outbox.put(next);
      const post = await db.posts.get(cur.postId);
      if (!post) return { next, post: undefined };
      const data = post.data as PostData;
      const items = data.items.map((v) => (v.outboxId === id ? this.viewOf(next) : v));
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
      this.emit({ ticketKey: result.next.ticketKey, postId: result.post.id, state: result.post.state });
      this.notifyWaiters(result.post);
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
    for (const fn of set) fn(post);
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
      const done = (p: PostRecord | undefined) => {
        clearTimeout(timer);
        set.delete(check);
        if (set.size === 0) this.waiters.delete(postId);
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
    for (const r of stuck) {
      if (this.inFlight.has(r.id)) continue;
      const p = r.payload as OutboxPayload;
      await this.update(r.id, {
        state: 'pending',
        nextAttemptAt: Math.max(this.now(), r.updatedAt + this.grace),
        payload: { ...p, unknownOutcome: true },
      });
    }
    return stuck.length;
  }

  /** Sends everything that is due. Concurrent calls coalesce into one more pass. */
  drain(): Promise<void> {
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
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private isDue(r: OutboxRecord, now: number): boolean {
    // Left "sending" by a stopped worker: due once its request can no longer be in flight.
    if (r.state === 'sending') return !this.inFlight.has(r.id) && now >= r.updatedAt + this.grace;
    return r.state === 'pending' && r.nextAttemptAt <= now;
  }

  /** The first unfinished item of a ticket; later items wait for it. */
  private async headOf(key: string): Promise<OutboxRecord | undefined> {
    return this.db.outbox
      .where('[ticketKey+seq]')
      .between([key, Dexie.minKey], [key, Dexie.maxKey])
      .filter((r) => isOpen(r.state))
      .first();
  }

  private async heads(): Promise<OutboxRecord[]> {
    const open = await this.db.outbox.where('state').anyOf(OPEN).toArray();
    const byTicket = new Map<string, OutboxRecord>();
    for (const r of open) {
      const h = byTicket.get(r.ticketKey);
      if (!h || r.seq < h.seq) byTicket.set(r.ticketKey, r);
    }
    return [...byTicket.values()].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  }

  private async drainOnce(): Promise<void> {
    const now = this.now();
    const heads = await this.heads();
    if (now < this.throttledUntil) {
      if (heads.length) this.deps.schedule?.(this.throttledUntil);
      return;
    }
    const queue = heads.filter((h) => this.isDue(h, now)).map((h) => h.ticketKey);
    const lanes = Math.min(this.concurrency, queue.length);
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
          for (;;) {
            if (this.now() < this.throttledUntil) return;
            const head = await this.headOf(key);
            if (!head || !this.isDue(head, this.now())) break;
            if (!(await this.process(head))) break;
          }
        }
      }),
    );
    // Wake up for the earliest retry (or the end of throttling).
    const after = await this.heads();
    const waits = after
      .filter((h) => h.state === 'pending')
      .map((h) => Math.max(h.nextAttemptAt, this.throttledUntil));
    if (waits.length) this.deps.schedule?.(Math.min(...waits));
  }

  private actorOf(post: PostRecord | undefined): string {
    return (post?.data as PostData | undefined)?.technicianName ?? 'FlowPilot';
  }

  private async logAttempt(r: OutboxRecord, outcome: 'ok' | 'error', started: number, detail: string) {
    const post = await this.db.posts.get(r.postId);
    const ticket = (r.payload as OutboxPayload).ticket;
    try {
      await this.deps.log?.({
        kind: `post.${r.kind}`,
        actor: this.actorOf(post),
        outcome,
        latencyMs: Math.max(0, this.now() - started),
        // Never the note text: ticket, ref and attempt only.
        detail: `ticket #${ticket.id} · ref ${r.ref} · attempt ${r.attempts} · ${detail}`,
      });
    } catch {
      // Logging never decides the fate of a post.
    }
  }

  /** One item: verify-if-unknown, mark sending, send, record. Returns true on success. */
  private async process(rec: OutboxRecord): Promise<boolean> {
    this.inFlight.add(rec.id);
    const started = this.now();
    try {
      const p = rec.payload as OutboxPayload;
      let client: CwWriter;
      try {
        client = await this.deps.client();
      } catch (e) {
        await this.fail(rec, p, e, rec.attempts, Boolean(p.unknownOutcome));
        return false;
      }

      if (rec.state === 'sending' || p.unknownOutcome) {
        const lookup = refLookup(p.ticket, p.item, rec.ref);
        if (lookup) {
          try {
            const found = await this.findByRef(client, lookup, rec.ref);
            if (found) {
              await this.update(rec.id, {
                state: 'sent',
                lastError: undefined,
                payload: { ...p, unknownOutcome: false, cwId: found.id, recovered: true },
              });
              await this.logAttempt(rec, 'ok', started, 'already on the ticket (found by ref)');
              return true;
            }
          } catch (e) {
            await this.fail(rec, p, e, rec.attempts, true);
            return false;
          }
        }
      }

      const attempts = rec.attempts + 1;
      const sending = await this.update(rec.id, {
        state: 'sending',
        attempts,
        payload: { ...p, unknownOutcome: false },
      });
      if (sending?.state !== 'sending') return false;
      const w = toCwWrite(p.ticket, p.item, rec.ref);
      try {
        const res =
          w.method === 'POST'
            ? await client.post<{ id?: number }>(w.path, w.body)
            : await client.patch<{ id?: number }>(w.path, w.body as PatchOperation[]);
        const cwId = p.item.kind === 'status' ? undefined : res?.id;
        await this.update(rec.id, {
          state: 'sent',
          lastError: undefined,
          payload: { ...p, unknownOutcome: false, ...(cwId !== undefined ? { cwId } : {}) },
        });
        await this.logAttempt(sending, 'ok', started, 'sent');
        return true;
      } catch (e) {
        await this.fail(sending, p, e, attempts, false);
        return false;
      }
    } finally {
      this.inFlight.delete(rec.id);
    }
  }

  private async fail(rec: OutboxRecord, p: OutboxPayload, e: unknown, attempts: number, wasUnknown: boolean) {
    const d = decideAfterFailure(e, Math.max(1, attempts), this.now(), this.backoff, this.random);
    const c = classifyError(e);
    if (c.retryAfterMs !== undefined) this.throttledUntil = Math.max(this.throttledUntil, d.nextAttemptAt);
    // A write that may have landed must never end up "failed" and be re-sent blindly by a user retry.
    const unknownOutcome = wasUnknown || d.outcomeUnknown;
    await this.update(rec.id, {
      state: d.state,
      nextAttemptAt: d.nextAttemptAt,
      lastError: d.error,
      payload: { ...p, unknownOutcome },
    });
    await this.logAttempt(
      rec,
      'error',
      this.now(),
      `${d.error.status ? `HTTP ${d.error.status}` : d.error.kind}${d.state === 'pending' ? ' · will retry' : ''}`,
    );
  }

  private async findByRef(
    client: CwWriter,
    lookup: NonNullable<ReturnType<typeof refLookup>>,
    ref: string,
  ): Promise<{ id?: number } | undefined> {
    const rows = await client.get<Record<string, unknown>[]>(lookup.path, lookup.query);
    const hit = (Array.isArray(rows) ? rows : []).find((r) =>
      hasRef(r[lookup.textField] as string | undefined, ref),
    );
    return hit ? { id: typeof hit.id === 'number' ? hit.id : undefined } : undefined;
  }

  private async openItemsOf(postId: string): Promise<OutboxRecord[]> {
    return (await this.db.outbox.where('postId').equals(postId).toArray()).filter((r) => r.state !== 'sent');
  }

  /** "Retry now": failed and waiting items of a post become due immediately. */
  async retry(postId: string): Promise<void> {
    this.throttledUntil = 0;
    for (const r of await this.openItemsOf(postId)) {
      if (r.state === 'failed' || r.state === 'pending') {
        await this.update(r.id, { state: 'pending', nextAttemptAt: this.now() });
      }
    }
    void this.drain();
  }

  /** "Discard": unsent items are cancelled; a later post on the ticket no longer waits for them. */
  async discard(postId: string): Promise<void> {
    for (const r of await this.openItemsOf(postId)) {
      if (r.state === 'sending' && this.inFlight.has(r.id)) continue;
      if (r.state !== 'cancelled') await this.update(r.id, { state: 'cancelled' });
    }
    void this.drain();
  }

  /** "Edit and retry": new text for a note (or a time entry's notes), then retry the post. */
  async editAndRetry(postId: string, outboxId: string, text: string): Promise<void> {
    const r = await this.db.outbox.get(outboxId);
    if (!r || r.postId !== postId || r.state === 'sent') return;
    const p = r.payload as OutboxPayload;
    const item: PlanItem =
      p.item.kind === 'note'
        ? { ...p.item, text }
        : p.item.kind === 'timeEntry'
          ? { ...p.item, notes: text }
          : p.item;
    await this.update(outboxId, { payload: { ...p, item } });
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
