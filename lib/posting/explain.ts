// Turns a failed write into what the technician reads: the precise CW reason plus what to do next.
// The CW client's messages speak about the API member; for posts the useful hint depends on the item.

import type { ErrorInfo } from '../messages/protocol';
import type { PsaKind } from '../psa/types';
import { ticketNo, wordsFor } from '../psa/words';
import type { PlanItem } from './plan';

export function explainFailure(item: Pick<PlanItem, 'kind'>, e: ErrorInfo, psa?: PsaKind): string {
  const cw = e.message;
  const w = wordsFor(psa);
  if (e.retryable) return `${cw} Saved — FlowPilot will retry automatically.`;
  if (item.kind === 'timeEntry') {
    if (e.cwCode === 'TimeEntryApi')
      return `${cw} The ticket's status does not accept time (usually a closed status). Change the status in ${w.psa} or post without the time entry, then retry.`;
    if (e.kind === 'forbidden')
      return `${cw} The ${w.person} the time is attributed to (or ${w.apiAccount}) lacks time-entry rights: ask ${psa === 'autotask' ? 'an' : 'a'} ${w.psa} admin for "Time Entry" permission, or post without the time entry.`;
    if (e.kind === 'validation')
      return `${cw} Check the ${psa === 'autotask' ? 'role' : 'work type, work role'} and times, then retry.`;
  }
  if (item.kind === 'note' && e.kind === 'validation') return `${cw} Edit the note and retry.`;
  if (item.kind === 'status' && (e.kind === 'validation' || e.kind === 'notFound'))
    return `${cw} Pick another status from the ticket's ${w.board.toLowerCase()} and retry.`;
  if (e.kind === 'auth' || e.kind === 'missingClientId')
    return `${cw} Fix the connection in FlowPilot options (Connection tab), then use Retry now in Post History.`;
  if (e.kind === 'forbidden') return `${cw} Then use Retry now in Post History.`;
  if (e.kind === 'notFound')
    return `${cw} Check that the ticket still exists; discard this post if it does not.`;
  return cw;
}

/** What a discard did with one item of a post. */
export type DiscardOutcomeName = 'cancelled' | 'landed' | 'sending' | 'unchecked';

interface DiscardedLike {
  label: string;
  outcome: DiscardOutcomeName;
}

const NOT_UNDONE: Record<Exclude<DiscardOutcomeName, 'cancelled'>, string> = {
  landed: 'already on the ticket',
  sending: 'already being posted',
  unchecked: 'may already be on the ticket; FlowPilot keeps checking',
};

/** The Undo toast after Auto Push: honest about anything that could not be taken back. */
export function describeUndo(result: { items: readonly DiscardedLike[] }): string {
  const kept = result.items.filter((i) => i.outcome !== 'cancelled');
  if (kept.length === 0) return 'Auto Push undone — nothing was posted.';
  const cancelled = result.items.filter((i) => i.outcome === 'cancelled').map((i) => i.label);
  const late = kept.map((i) => `${i.label} (${NOT_UNDONE[i.outcome as keyof typeof NOT_UNDONE]})`);
  return `Too late to undo: ${late.join(', ')}.${cancelled.length ? ` Cancelled: ${cancelled.join(', ')}.` : ''}`;
}

/** Post History's toast after Discard. */
export function describeDiscard(result: { items: readonly DiscardedLike[] }): string {
  const kept = result.items.filter((i) => i.outcome === 'sending' || i.outcome === 'unchecked');
  if (kept.length === 0) return 'Discarded.';
  return `Discarded the rest. Not cancelled: ${kept
    .map((i) => `${i.label} (${NOT_UNDONE[i.outcome as keyof typeof NOT_UNDONE]})`)
    .join(', ')}.`;
}

/**
 * A surplus copy FlowPilot could not delete: which record, where (the ticket by its number when the PSA
 * has one), and that a person must remove it.
 */
export function duplicateNotice(
  kind: 'note' | 'timeEntry',
  ticketId: number,
  ids: readonly number[],
  psa: PsaKind = 'connectwise',
  ticketNumber?: string,
): string {
  const what = kind === 'note' ? 'note' : 'time entry';
  const where = wordsFor(psa).psa;
  // Autotask has no API to delete notes: the copy is reported rather than removed (issue 15).
  const why = psa === 'autotask' && kind === 'note' ? ' Autotask does not let FlowPilot delete notes.' : '';
  const ticket = ticketNo(ticketId, ticketNumber);
  if (ids.length === 1)
    return `A duplicate of this ${what} is on ticket ${ticket} (${what} ${ids[0]}).${why} Remove it in ${where}.`;
  const whats = kind === 'note' ? 'notes' : 'time entries';
  return `${ids.length} duplicates of this ${what} are on ticket ${ticket} (${whats} ${ids.join(', ')}).${why} Remove them in ${where}.`;
}
