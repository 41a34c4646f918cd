// An outbox item as stored, and the one way it changes: a compare-and-set merge (applyChange), plus
// the summary a post keeps of its items. Pure; lib/posting/outbox.ts does the IndexedDB side.

import type { OutboxRecord, OutboxState } from '../db/schema';
import type { ErrorInfo } from '../messages/protocol';
import type { PsaKind } from '../psa/types';
import type { TicketRef } from '../ticket/types';
import { describePlanItem, type PlanItem, type PlanPart, planPart } from './plan';

export interface OutboxPayload {
  ticket: TicketRef;
  /** The ticket's number where it is not the id (Autotask): the item's log lines and notices name it. */
  ticketNumber?: string;
  item: PlanItem;
  /** The last attempt may have reached CW: search for the ref before sending again. */
  unknownOutcome?: boolean;
  /** When the outcome became unknown, on FlowPilot's clock (epoch ms). */
  unknownSince?: number;
  /** CW's clock (Date header) on the first answer after that: a bound on when CW got the request. */
  unknownSinceCw?: number;
  /** Lookups that found nothing while waiting out the unknown outcome (paces them). */
  lookups?: number;
  /** Consecutive failed requests for this item, sends and lookups alike: drives the backoff. */
  failures?: number;
  /** Id of the CW record created (note / time entry). */
  cwId?: number;
  /** Found on the ticket by its ref instead of being sent again. */
  recovered?: boolean;
  /** Confirm after success: copies removed, copies left (ids), tries so far. */
  check?: { tries: number; removed: number; left?: number[]; done?: boolean; unchecked?: boolean };
  /** Discarded while its outcome was unknown: one more lookup after the wait says whether it landed. */
  cancelledMaybeLanded?: boolean;
  /** Discarded while maybe landed: the same write posted again since, under this item's reference. */
  heirId?: string;
}

export interface PostItemView {
  outboxId: string;
  kind: OutboxRecord['kind'];
  part: PlanPart;
  label: string;
  ref: string;
  state: OutboxState;
  attempts: number;
  lastError?: ErrorInfo;
  cwId?: number;
  /** Surplus copies (a resent create) FlowPilot deleted. */
  duplicatesRemoved?: number;
  /** Surplus copies FlowPilot could not delete (CW ids): the technician must. */
  duplicateLeft?: number[];
  /** The last attempt may be on the ticket; FlowPilot is still checking. */
  maybeLanded?: boolean;
}

export interface PostData {
  items: PostItemView[];
  technicianName?: string;
  memberId?: number;
  sessionId?: string;
  ticketUrl?: string;
  /** Absent = ConnectWise (every post made before issue 15). */
  psa?: PsaKind;
}

/** A post's state from its items: in flight, then failure, then waiting; sent + discarded reads as sent. */
export function postStateOf(states: readonly OutboxState[]): OutboxState {
  if (states.includes('sending')) return 'sending';
  // A failed item blocks the items after it, so the post is failed until someone acts.
  if (states.includes('failed')) return 'failed';
  if (states.includes('pending')) return 'pending';
  if (states.length > 0 && states.every((s) => s === 'cancelled')) return 'cancelled';
  return 'sent';
}

export const payloadOf = (r: OutboxRecord) => r.payload as OutboxPayload;
export const revOf = (r: OutboxRecord) => r.rev ?? 0;

/** What update() checks before it writes: the stored record is in one of these states (and at this rev). */
export interface Expect {
  state: OutboxState | readonly OutboxState[];
  rev?: number;
}

/** A change merged onto the stored record; null removes a field. */
export interface Change {
  state?: OutboxState;
  attempts?: number;
  nextAttemptAt?: number;
  lastError?: ErrorInfo | null;
  checkAt?: number | null;
  payload?: Partial<OutboxPayload>;
}

export function applyChange(cur: OutboxRecord, c: Change, now: number): OutboxRecord {
  const next: OutboxRecord = { ...cur, updatedAt: now, rev: revOf(cur) + 1 };
  if (c.state !== undefined) next.state = c.state;
  if (c.attempts !== undefined) next.attempts = c.attempts;
  if (c.nextAttemptAt !== undefined) next.nextAttemptAt = c.nextAttemptAt;
  if (c.lastError === null) delete next.lastError;
  else if (c.lastError !== undefined) next.lastError = c.lastError;
  if (c.checkAt === null) delete next.checkAt;
  else if (c.checkAt !== undefined) next.checkAt = c.checkAt;
  if (c.payload) {
    const merged: Record<string, unknown> = { ...(cur.payload as object), ...c.payload };
    for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
    next.payload = merged;
  }
  return next;
}

/** An item as the post summary (Post History, the dialog) shows it. */
export function viewOf(r: OutboxRecord): PostItemView {
  const p = payloadOf(r);
  const v: PostItemView = {
    outboxId: r.id,
    kind: r.kind,
    part: planPart(p.item),
    label: describePlanItem(p.item),
    ref: r.ref,
    state: r.state,
    attempts: r.attempts,
  };
  if (r.lastError) v.lastError = r.lastError as ErrorInfo;
  if (p.cwId !== undefined) v.cwId = p.cwId;
  if (p.check?.removed) v.duplicatesRemoved = p.check.removed;
  if (p.check?.left?.length) v.duplicateLeft = p.check.left;
  if ((p.unknownOutcome && r.state !== 'sent') || watchesLateLanding(r)) v.maybeLanded = true;
  return v;
}

/** Discarded while its last attempt may still land, and still looked up in case CW applies it late. */
export function watchesLateLanding(r: OutboxRecord): boolean {
  return r.state === 'cancelled' && Boolean(payloadOf(r).cancelledMaybeLanded) && r.checkAt !== undefined;
}
