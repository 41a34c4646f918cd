import { describe, expect, it } from 'vitest';
import { postedAt, postedLine, postedParts } from './summary';

const item = (kind: 'note' | 'timeEntry' | 'status', label: string) => ({
  outboxId: kind,
  kind,
  part: kind === 'note' ? ('note:internal' as const) : kind,
  label,
  ref: 'abc1234',
  state: 'sent' as const,
  attempts: 1,
});

describe('posted summary', () => {
  it('says what landed in a few words', () => {
    const items = [
      item('note', 'Internal Analysis note'),
      item('timeEntry', '15 min time (actual 3 min)'),
      item('status', 'status → Resolved'),
    ];
    expect(postedParts(items)).toBe('note, 15 min, status Resolved');
    const at1014 = new Date(2026, 0, 5, 10, 14).getTime();
    const sameDay = new Date(2026, 0, 5, 18, 0).getTime();
    expect(postedLine(1001, { updatedAt: at1014, items }, sameDay)).toMatch(
      /^Posted to #1001 at 10:14\s?AM \(note, 15 min, status Resolved\)$/,
    );
    // Another day says which: a post from yesterday must not read like one from this afternoon.
    expect(postedLine(1001, { updatedAt: at1014, items }, new Date(2026, 0, 6, 9, 0).getTime())).toMatch(
      /^Posted to #1001 on Jan 5 at 10:14\s?AM \(/,
    );
    expect(postedAt(at1014, new Date(2027, 1, 1).getTime())).toMatch(/^on Jan 5, 2026 at 10:14/);
    expect(postedParts([item('note', 'Resolution note'), item('note', 'Resolution note (customer)')])).toBe(
      'note',
    );
    // Autotask: the ticket by the number the post kept; a post saved before numbers were kept, by id.
    const at = { updatedAt: at1014, items: [item('note', 'Resolution note')] };
    expect(postedLine(40265, { ...at, ticketNumber: 'T20261129.0004' }, sameDay)).toMatch(
      /^Posted to T20261129\.0004 at .*\(note\)$/,
    );
    expect(postedLine(40265, at, sameDay)).toMatch(/^Posted to #40265 at /);
  });
});
