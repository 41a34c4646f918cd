import type { PsaWords } from '../psa/words';

// Sentences about the linked ticket's state that the panel shows in more than one place. Pure.

/** The status's name is just "Closed": saying it beside "closed" repeats the word. */
export function statusIsClosedWord(name: string | undefined): boolean {
  return name?.trim().toLowerCase() === 'closed';
}

/** " (Completed)" after "This ticket is closed", or nothing when the status adds no information. */
export function closedStatusSuffix(name: string | undefined): string {
  const n = name?.trim();
  return n && !statusIsClosedWord(n) ? ` (${n})` : '';
}

/** The PSA answered 404/403 for the linked ticket: what may be wrong, and who can fix it. */
export function hiddenTicketMessage(words: PsaWords, label: string): string {
  return `${words.psa} did not return ticket ${label}: it may be deleted, or ${words.apiAccount} may not be allowed to see it. ${words.hiddenTicketFix}`;
}
