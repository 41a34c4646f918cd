import type { PostView } from '@/lib/posting/history';
import { ticketNo } from '@/lib/psa/words';

// A post in a few words for the panel: "Posted to #1001 at 10:14 AM (note, 15 min, status Resolved)"
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

/**
 * When, in the reader's locale: "at 4:17 PM" today; "on Nov 28 at 4:17 PM" another day (with the year
 * when not this one). A post from yesterday must not read like one from this afternoon.
 */
export function postedAt(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const time = d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  if (d.toDateString() === today.toDateString()) return `at ${time}`;
  const year = d.getFullYear() !== today.getFullYear() ? { year: 'numeric' as const } : {};
  return `on ${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...year })} at ${time}`;
}

/** The ticket by the number the post kept (Autotask), else `#id`. */
export function postedLine(
  ticketId: number,
  post: Pick<PostView, 'updatedAt' | 'items' | 'ticketNumber'>,
  now = Date.now(),
): string {
  const parts = postedParts(post.items);
  const ticket = ticketNo(ticketId, post.ticketNumber);
  return `Posted to ${ticket} ${postedAt(post.updatedAt, now)}${parts ? ` (${parts})` : ''}`;
}
