// Post History: one page of posts through an index (fast with 10 000 rows), and CSV/JSON export.

import Dexie from 'dexie';
import type { FlowPilotDb, OutboxState, PostRecord } from '../db/schema';
import type { PostData, PostItemView } from './outbox';

export interface PostFilter {
  state?: OutboxState;
  ticketId?: number;
  /** Inclusive epoch-ms bounds on createdAt. */
  from?: number;
  to?: number;
}

export interface PostView {
  id: string;
  ticketKey: string;
  ticketId: number;
  createdAt: number;
  updatedAt: number;
  state: OutboxState;
  summary: string;
  technicianName?: string;
  attempts: number;
  lastError?: string;
  ticketUrl?: string;
  items: PostItemView[];
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
  };
  if (data.technicianName) v.technicianName = data.technicianName;
  if (err) v.lastError = err.message;
  if (data.ticketUrl) v.ticketUrl = data.ticketUrl;
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
  if (f.ticketId !== undefined) {
    // One ticket has few posts: read them all through the index, then sort.
    const all = await database.posts.where('ticketId').equals(f.ticketId).toArray();
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
  return { items: rows.slice(0, limit).map(toPostView), hasMore: rows.length > limit };
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
];

export function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // Quote when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function postsToCsv(posts: readonly PostView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of posts) {
    lines.push(
      [
        new Date(p.createdAt).toISOString(),
        p.ticketId,
        p.technicianName,
        p.summary,
        p.state,
        p.attempts,
        p.lastError,
        p.ticketUrl,
      ]
        .map(csvCell)
        .join(','),
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
