// An Autotask ticket's number (T20261129.0004) is learnt from its context, which can arrive after the
// technician already clicked: Start Session or Auto Push on a page whose panel had only the ticket id.
// Such a session or post is stored without the number and would read "#31045" in the Sessions tab,
// Post History and the Activity log for good. The number is filled in once the context has it.
// ConnectWise has no number apart from the id, so nothing happens there.

import { connectionScope, type Scope } from '../connection/scope';
import { isAutotask } from '../connection/store';
import { db, type FlowPilotDb } from '../db/schema';
import type { OutboxPayload } from '../posting/outbox-record';
import type { Session } from '../session/model';
import { parseTicketKey, type TicketContext, type TicketRef } from '../ticket/types';

/**
 * Writes `number` into the ticket's sessions, posts and outbox items of `scope` that have none (another
 * connection's ticket with the same id is another ticket). Returns how many records it filled.
 */
export async function fillTicketNumber(
  database: FlowPilotDb,
  key: string,
  scope: Scope,
  number: string,
): Promise<number> {
  const n = number.trim().toUpperCase();
  if (!n) return 0;
  const mine = (r: { scope?: Scope; ticketNumber?: string }) => r.scope === scope && !r.ticketNumber;
  return database.transaction('rw', database.sessions, database.posts, database.outbox, async () => {
    const [sessions, posts, items] = await Promise.all([
      database.sessions
        .where('ticketKey')
        .equals(key)
        .filter(mine)
        .modify((r) => {
          r.ticketNumber = n;
          r.data = { ...(r.data as Session), ticketNumber: n };
        }),
      database.posts.where('ticketKey').equals(key).filter(mine).modify({ ticketNumber: n }),
      // Its later attempts' Activity lines name the ticket by the payload's number.
      database.outbox
        .where('ticketKey')
        .equals(key)
        .filter((r) => r.scope === scope && !(r.payload as OutboxPayload).ticketNumber)
        .modify((r) => {
          r.payload = { ...(r.payload as OutboxPayload), ticketNumber: n };
        }),
    ]);
    return sessions + posts + items;
  });
}

/**
 * After a session or post was stored without its ticket's number: on an Autotask connection, gets the
 * ticket's context (usually already loaded or loading for the panel) and fills the number in. Never
 * throws: without a context now, the record keeps its id, as before.
 */
export async function fillNumberWhenKnown(
  key: string,
  contextOf: (ticket: TicketRef) => Promise<TicketContext>,
): Promise<void> {
  try {
    const record = await db().connections.get('primary');
    const ticket = parseTicketKey(key);
    if (!record || !isAutotask(record) || !ticket) return;
    const scope = connectionScope(record);
    const { number } = await contextOf(ticket);
    // The connection may have changed while the context loaded: a number of another tenant's ticket
    // must not land on this one's records.
    const now = await db().connections.get('primary');
    if (number && now && connectionScope(now) === scope) await fillTicketNumber(db(), key, scope, number);
  } catch {
    // Not connected, the ticket unreadable, storage trouble: the id stays, nothing else is affected.
  }
}
