import type { PostView } from '@/lib/posting/history';
import { ticketNo } from '@/lib/psa/words';

// A post in a few words for the panel: "Posted to #1001 at 10:14 (note, 15 min, status Resolved)"
// (Autotask: "Posted to T20261129.0004 at …").

/** "note, 15 min, status Resolved" from the post's items (note, time entry, status). */
export function postedParts(items: PostView['items']): string {
  const parts: string[] = [];
  if (items.some((i) => i.kind === 'note')) parts.push('note');
  for (const i of items) {
    if (i.kind === 'timeEntry') {
      const minutes = /^(\d+) min/.exec(i.label)?.[1];
      parts.push(minutes ? `${minutes} min` : 'time');
    }
    if (i.kind === 'status') parts.push(`status ${i.label.replace(/^status → /, '')}`);
  }
  return parts.join(', ');
}

/** Hours and minutes in the reader's locale ("10:14"). */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** The ticket by the number the post kept (Autotask), else `#id`. */
export function postedLine(
  ticketId: number,
  post: Pick<PostView, 'updatedAt' | 'items' | 'ticketNumber'>,
): string {
  const parts = postedParts(post.items);
  const ticket = ticketNo(ticketId, post.ticketNumber);
  return `Posted to ${ticket} at ${clockTime(post.updatedAt)}${parts ? ` (${parts})` : ''}`;
}
