// What the outbox needs from the connected PSA to post (the posting side of the PSA seam): send one
// plan item, find records by their FlowPilot references, delete a surplus copy where the PSA allows
// it, and read the ticket for the PSA's clock. ConnectWise's writer is below (the exact requests
// lib/posting/cw-writes.ts builds); Autotask's is lib/autotask/posting.ts. Every call takes the
// request timeout and reports the answer's Date header (`received`): the outbox keeps time on the
// PSA's clock too.

import type { PatchOperation, RequestOptions } from '../cw/client';
import type { ListQuery } from '../cw/conditions';
import { CwError } from '../cw/errors';
import type { PsaKind } from '../psa/types';
import type { TicketRef } from '../ticket/types';
import { deleteFor, refLookup, ticketRead, toCwWrite } from './cw-writes';
import type { PlanItem } from './plan';

export interface WriteOptions {
  timeoutMs?: number;
  received?: { serverDate?: number };
}

/** A record found by reference: its id and the text that carries the reference. */
export interface RefRow {
  id: number;
  text?: string;
}

export type CreatedKind = 'note' | 'timeEntry';

export interface PostingWriter {
  readonly psa: PsaKind;
  /** The connection it talks to; an item of another scope is not sent or looked up through it. */
  readonly scope?: string;
  /** Whether a surplus copy can be deleted through the API (Autotask notes cannot: reported instead). */
  readonly canDelete: Record<CreatedKind, boolean>;
  /** → the created record's id (notes, time entries). */
  send(ticket: TicketRef, item: PlanItem, ref: string, o: WriteOptions): Promise<{ id?: number }>;
  /** Records on the ticket whose text may carry one of `refs` (the caller matches with hasRef()). */
  findRefs(ticket: TicketRef, kind: CreatedKind, refs: readonly string[], o: WriteOptions): Promise<RefRow[]>;
  remove(ticket: TicketRef, kind: CreatedKind, id: number, o: WriteOptions): Promise<void>;
  /** The smallest read of the ticket (its answer's Date header is the PSA's clock). */
  readTicket(ticket: TicketRef, o: WriteOptions): Promise<void>;
  /** The record is not there (a resent DELETE, or someone removed it). */
  isGone(e: unknown): boolean;
}

/** What the outbox needs from the CW client (CwClient satisfies it). */
export interface CwWriter {
  /** The connection this client talks to; an item of another scope is not sent or looked up through it. */
  readonly scope?: string;
  get<T>(path: string, query?: ListQuery, opts?: RequestOptions): Promise<T>;
  post<T>(path: string, body: unknown, opts?: RequestOptions): Promise<T>;
  patch<T>(path: string, ops: PatchOperation[], opts?: RequestOptions): Promise<T>;
  delete(path: string, opts?: RequestOptions): Promise<void>;
}

export function isPostingWriter(x: CwWriter | PostingWriter): x is PostingWriter {
  return typeof (x as Partial<PostingWriter>).findRefs === 'function';
}

/** ConnectWise: the requests cw-writes.ts builds, through the CW client. */
export function cwPostingWriter(client: CwWriter): PostingWriter {
  return {
    psa: 'connectwise',
    scope: client.scope,
    canDelete: { note: true, timeEntry: true },
    async send(ticket, item, ref, o) {
      const w = toCwWrite(ticket, item, ref);
      const res =
        w.method === 'POST'
          ? await client.post<{ id?: number }>(w.path, w.body, o)
          : await client.patch<{ id?: number }>(w.path, w.body as PatchOperation[], o);
      return { id: res?.id };
    },
    async findRefs(ticket, kind, refs, o) {
      const l = refLookup(ticket, kind, refs);
      if (!l) return [];
      const rows = await client.get<Record<string, unknown>[]>(l.path, l.query, o);
      return (Array.isArray(rows) ? rows : []).flatMap((row) =>
        typeof row.id === 'number' ? [{ id: row.id, text: row[l.textField] as string | undefined }] : [],
      );
    },
    remove: (ticket, kind, id, o) => client.delete(deleteFor(ticket, kind, id), o),
    async readTicket(ticket, o) {
      const read = ticketRead(ticket);
      await client.get(read.path, read.query, o);
    },
    isGone: (e) => e instanceof CwError && e.kind === 'notFound',
  };
}
