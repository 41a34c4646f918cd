import type { OutboxState } from '@/lib/db/schema';

// What the Post History and Activity tables show people: states and kinds in words, one date format,
// and no internal keys ("connection/connect", "service:1006").

export const STATE_LABELS: Record<OutboxState, string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Discarded',
};

/** The one date-and-time format of both tables (locale order, seconds shown: they are audit logs). */
export function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * "3 writes, no retries": writes are the post's items (note, time entry, status); retries count only
 * the attempts after each item's first.
 */
export function attemptsText(items: readonly { attempts: number }[]): string {
  const writes = items.length;
  const retries = items.reduce((n, i) => n + Math.max(0, i.attempts - 1), 0);
  const w = `${writes} ${writes === 1 ? 'write' : 'writes'}`;
  return `${w}, ${retries === 0 ? 'no retries' : retries === 1 ? '1 retry' : `${retries} retries`}`;
}

const KIND_LABELS: Record<string, string> = {
  'connection/connect': 'Connect',
  'connection/test': 'Test connection',
  'connection/disconnect': 'Disconnect',
  'mapping/autoMatch': 'Auto-Match by email',
  'mapping/save': 'Save mappings',
  'settings/save': 'Save settings',
  'team/export': 'Export team setup',
  'team/import': 'Import team setup',
  'session/start': 'Session started',
  'session/resolve': 'Session resolved',
  'session/escalate': 'Session escalated',
  'session/abandon': 'Session abandoned',
  'ai/chat': 'Assistant question',
  'post.note': 'Post note',
  'post.timeEntry': 'Post time entry',
  'post.status': 'Change status',
};

/** An activity kind in words; an unknown one is split at its separators rather than shown raw. */
export function kindLabel(kind: string): string {
  const known = KIND_LABELS[kind];
  if (known) return known;
  const words = kind
    .replace(/[/.]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const OUTCOME_LABELS = { ok: 'Succeeded', error: 'Failed' } as const;

/** Ticket keys inside free text ("service:1006 resolved…") as people write them ("#1006"). */
export function humanizeDetail(detail: string): string {
  return detail.replace(/\bservice:(\d+)\b/g, '#$1').replace(/\bproject:(\d+)\b/g, 'project ticket #$1');
}
