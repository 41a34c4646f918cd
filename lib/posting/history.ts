// Post History: one page of posts through an index (fast with 10 000 rows), and CSV/JSON export.

import Dexie from 'dexie';
import { csvRow } from '../csv/cell';
import type { FlowPilotDb, OutboxState, PostRecord } from '../db/schema';
import type { PsaKind } from '../psa/types';
import { duplicateNotice } from './explain';
import type { PostData, PostItemView } from './outbox';

export interface PostFilter {
  state?: OutboxState;
  ticketId?: number;
  /** The ticket's number where it is not the id (Autotask's T20261129.0004), in any case. */
  ticketNumber?: string;
  /** Inclusive epoch-ms bounds on createdAt. */
  from?: number;
  to?: number;
}

export interface PostView {
  id: string;
  ticketKey: string;
  ticketId: number;
  /** Autotask's ticket number (T20261129.0004) when the post kept it; name it with ticketNo(). */
  ticketNumber?: string;
  createdAt: number;
  updatedAt: number;
  state: OutboxState;
  summary: string;
  technicianName?: string;
  /** The PSA it was posted to (its words in Post History); missing means ConnectWise. */
  psa?: PsaKind;
  attempts: number;
  lastError?: string;
  ticketUrl?: string;
  /** The FlowPilot session this post documents (the panel shows "Posted to #N at …" for it). */
  sessionId?: string;
  items: PostItemView[];
  /**
   * What the technician should know beyond the state: "Internal Analysis note: 1 duplicate removed",
   * or a duplicate FlowPilot could not remove ("A duplicate of this note is on ticket #N (note 123).
   * Remove it in ConnectWise.", `removeInCw`: show the link to the ticket with it).
   */
  notices: PostNotice[];
  /** A waiting post stuck behind this failed post on the same ticket. */
  blockedBy?: string;
  /** The connection it was made for (issue 10 §3). */
  scope?: string;
  /** Set when it waits for another connection than the current one: who it waits for, in words. */
  waitingFor?: string;
}

export interface PostNotice {
  text: string;
  /** A record the technician has to remove in ConnectWise. */
  removeInCw?: boolean;
}

function noticesOf(
  ticketId: number,
  items: readonly PostItemView[],
  psa?: PsaKind,
  ticketNumber?: string,
): PostNotice[] {
  const out: PostNotice[] = [];
  for (const i of items) {
    if (i.duplicatesRemoved) {
      const n = i.duplicatesRemoved;
      out.push({ text: `${i.label}: ${n} duplicate${n > 1 ? 's' : ''} removed` });
    }
    if (i.duplicateLeft?.length && (i.kind === 'note' || i.kind === 'timeEntry'))
      out.push({
        text: duplicateNotice(i.kind, ticketId, i.duplicateLeft, psa, ticketNumber),
        removeInCw: true,
      });
  }
  return out;
}

export function toPostView(p: PostRecord): PostView {
  const data = (p.data ?? { items: [] }) as PostData;
  const items = data.items ?? [];
  const err = items.find((i) => i.lastError && i.state !== 'sent')?.lastError;
  const v: PostView = {
    id: p.id,
    ticketKey: p.ticketKey,
    ticketId: p.ticketId,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    state: p.state,
    summary: p.summary,
    attempts: items.reduce((n, i) => n + i.attempts, 0),
    items,
    notices: noticesOf(p.ticketId, items, data.psa, p.ticketNumber),
  };
  if (p.ticketNumber) v.ticketNumber = p.ticketNumber;
  if (data.technicianName) v.technicianName = data.technicianName;
  if (data.psa) v.psa = data.psa;
  if (err) v.lastError = err.message;
  if (data.ticketUrl) v.ticketUrl = data.ticketUrl;
  if (data.sessionId) v.sessionId = data.sessionId;
  if (p.scope) v.scope = p.scope;
  return v;
}

/** Newest first. Each filter combination reads through an index; only one page is materialised. */
export async function listPosts(
  database: FlowPilotDb,
  f: PostFilter,
  offset: number,
  limit: number,
): Promise<{ items: PostView[]; hasMore: boolean }> {
  const lo = f.from ?? Dexie.minKey;
  const hi = f.to ?? Dexie.maxKey;
  const inRange = (p: PostRecord) =>
    (f.from === undefined || p.createdAt >= f.from) && (f.to === undefined || p.createdAt <= f.to);
  let rows: PostRecord[];
  if (f.ticketId !== undefined || f.ticketNumber) {
    // One ticket has few posts: read them all through the index, then sort.
    const all = await (f.ticketId !== undefined
      ? database.posts.where('ticketId').equals(f.ticketId)
      : // Stored as Autotask writes it, upper case (Outbox.enqueue): "t2026…" as typed finds it too.
        database.posts.where('ticketNumber').equals(f.ticketNumber!.trim().toUpperCase())
    ).toArray();
    rows = all
      .filter((p) => inRange(p) && (!f.state || p.state === f.state))
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(offset, offset + limit + 1);
  } else if (f.state) {
    rows = await database.posts
      .where('[state+createdAt]')
      .between([f.state, lo], [f.state, hi], true, true)
      .reverse()
      .offset(offset)
      .limit(limit + 1)
      .toArray();
  } else {
    rows = await database.posts
      .where('createdAt')
      .between(lo, hi, true, true)
      .reverse()
      .offset(offset)
      .limit(limit + 1)
      .toArray();
  }
  const items = rows.slice(0, limit).map(toPostView);
  await markBlocked(database, items);
  return { items, hasMore: rows.length > limit };
}

/**
 * Waiting posts stuck behind a failed post on their ticket say which one: one index read per ticket, all
 * asked for at once (one after the other, a page with many waiting tickets took one round trip each).
 */
export async function markBlocked(database: FlowPilotDb, posts: PostView[]): Promise<void> {
  const waiting = posts.filter((p) => p.state === 'pending');
  const keys = [...new Set(waiting.map((p) => p.ticketKey))];
  const found = await Promise.all(
    keys.map((key) =>
      database.outbox
        .where('[ticketKey+seq]')
        .between([key, Dexie.minKey], [key, Dexie.maxKey])
        .filter((r) => r.state === 'pending' || r.state === 'sending' || r.state === 'failed')
        .first(),
    ),
  );
  const heads = new Map<string, { postId: string; state: OutboxState } | undefined>(
    keys.map((key, i) => {
      const head = found[i];
      return [key, head && { postId: head.postId, state: head.state }];
    }),
  );
  for (const p of waiting) {
    const head = heads.get(p.ticketKey);
    if (head && head.postId !== p.id && head.state === 'failed') p.blockedBy = head.postId;
  }
}

const CSV_COLUMNS = [
  'createdAt',
  'ticketId',
  'technician',
  'summary',
  'state',
  'attempts',
  'lastError',
  'ticketUrl',
  // Last, so spreadsheets built on the older columns keep their positions (as in the Sessions CSV).
  'ticketNumber',
];

export function postsToCsv(posts: readonly PostView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of posts) {
    lines.push(
      csvRow([
        new Date(p.createdAt).toISOString(),
        p.ticketId,
        p.technicianName,
        p.summary,
        p.state,
        p.attempts,
        p.lastError,
        p.ticketUrl,
        p.ticketNumber,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function postsToJson(posts: readonly PostView[]): string {
  return JSON.stringify(
    posts.map((p) => ({
      ...p,
      createdAt: new Date(p.createdAt).toISOString(),
      updatedAt: new Date(p.updatedAt).toISOString(),
    })),
    null,
    2,
  );
}
