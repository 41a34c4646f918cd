// Turns a failed write into what the technician reads: the precise CW reason plus what to do next.
// The CW client's messages speak about the API member; for posts the useful hint depends on the item.

import type { ErrorInfo } from '../messages/protocol';
import type { PlanItem } from './plan';

export function explainFailure(item: Pick<PlanItem, 'kind'>, e: ErrorInfo): string {
  const cw = e.message;
  if (e.retryable) return `${cw} Saved — FlowPilot will retry automatically.`;
  if (item.kind === 'timeEntry') {
    if (e.cwCode === 'TimeEntryApi')
      return `${cw} The ticket's status does not accept time (usually a closed status). Change the status in ConnectWise or post without the time entry, then retry.`;
    if (e.kind === 'forbidden')
      return `${cw} The member the time is attributed to (or the API member) lacks time-entry rights: ask a ConnectWise admin for "Time Entry" permission, or post without the time entry.`;
    if (e.kind === 'validation') return `${cw} Check the work type, work role and times, then retry.`;
  }
  if (item.kind === 'note' && e.kind === 'validation') return `${cw} Edit the note and retry.`;
  if (item.kind === 'status' && (e.kind === 'validation' || e.kind === 'notFound'))
    return `${cw} Pick another status from the ticket's board and retry.`;
  if (e.kind === 'auth' || e.kind === 'missingClientId')
    return `${cw} Fix the connection in FlowPilot options (Connection tab), then use Retry now in Post History.`;
  if (e.kind === 'forbidden') return `${cw} Then use Retry now in Post History.`;
  if (e.kind === 'notFound')
    return `${cw} Check that the ticket still exists; discard this post if it does not.`;
  return cw;
}
