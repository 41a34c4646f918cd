// Which Autotask ticket to link from what the page showed (lib/detect/autotask/resolve.ts): a URL id
// cannot be compared with a ticket number without the API, so the background confirms it here. The
// number on screen wins: an id whose ticketNumber differs from it (a stale URL) is replaced by the
// ticket that number names. Background only (it reads through the client).

import type { AutotaskOnScreen } from '../detect/autotask/resolve';
import type { TicketRef } from '../ticket/types';
import type { AtClient } from './client';
import { f } from './query';

interface IdAndNumber {
  id: number;
  ticketNumber?: string;
}

const sameNumber = (a?: string, b?: string) =>
  a !== undefined && b !== undefined && a.trim().toUpperCase() === b.trim().toUpperCase();

async function byNumber(
  client: AtClient,
  number: string,
  signal?: AbortSignal,
): Promise<IdAndNumber | undefined> {
  const page = await client.query<IdAndNumber>(
    'Tickets',
    {
      filter: [f.eq('ticketNumber', number.trim().toUpperCase())],
      includeFields: ['id', 'ticketNumber'],
      maxRecords: 1,
    },
    { signal },
  );
  return page.items[0];
}

const confirmed = (t: IdAndNumber): TicketRef & { number?: string } => ({
  kind: 'service',
  id: t.id,
  ...(t.ticketNumber ? { number: t.ticketNumber } : {}),
});

/**
 * The ticket to link (with Autotask's ticket number, which the panel's heading shows), or undefined when
 * the API user cannot see it (or there is none).
 */
export async function confirmAutotaskTicket(
  client: AtClient,
  seen: AutotaskOnScreen,
  signal?: AbortSignal,
): Promise<(TicketRef & { number?: string }) | undefined> {
  if (seen.id !== undefined) {
    const t = await client.getItem<IdAndNumber>('Tickets', seen.id, { signal });
    if (t && (seen.number === undefined || sameNumber(t.ticketNumber, seen.number))) return confirmed(t);
    if (seen.number === undefined) return undefined;
  }
  if (seen.number === undefined) return undefined;
  const t = await byNumber(client, seen.number, signal);
  return t === undefined ? undefined : confirmed(t);
}
