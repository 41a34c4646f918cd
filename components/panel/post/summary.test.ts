import { describe, expect, it } from 'vitest';
import { postedLine, postedParts } from './summary';

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
    expect(postedLine(1001, { updatedAt: Date.UTC(2026, 0, 5, 10, 14), items })).toMatch(
      /^Posted to #1001 at .*\(note, 15 min, status Resolved\)$/,
    );
    expect(postedParts([item('note', 'Resolution note'), item('note', 'Resolution note (customer)')])).toBe(
      'note',
    );
    // Autotask: the ticket by the number the post kept; a post saved before numbers were kept, by id.
    const at = { updatedAt: Date.UTC(2026, 0, 5, 10, 14), items: [item('note', 'Resolution note')] };
    expect(postedLine(40265, { ...at, ticketNumber: 'T20261129.0004' })).toMatch(
      /^Posted to T20261129\.0004 at .*\(note\)$/,
    );
    expect(postedLine(40265, at)).toMatch(/^Posted to #40265 at /);
  });
});
