import { describe, expect, it } from 'vitest';
import type { TicketRef } from '../ticket/types';
import { deleteFor, refLookup, toCwWrite } from './cw-writes';
import type { TimeEntryItem } from './plan';

const time: TimeEntryItem = {
  kind: 'timeEntry',
  start: '2026-11-20T13:00:00Z',
  end: '2026-11-20T13:30:00Z',
  actualMinutes: 22,
  postedMinutes: 30,
  billableOption: 'Billable',
  notes: 'Printer',
};

describe('toCwWrite: chargeToType follows where the ticket lives', () => {
  it.each<[TicketRef, Partial<TimeEntryItem>, string]>([
    [{ kind: 'service', id: 1001 }, {}, 'ServiceTicket'],
    [{ kind: 'project', id: 5001 }, {}, 'ProjectTicket'],
    [{ kind: 'project', id: 5009 }, { projectIssue: true }, 'ProjectIssue'],
  ])('%o %o → %s', (ticket, extra, chargeToType) => {
    const w = toCwWrite(ticket, { ...time, ...extra }, 'abcdefg');
    expect(w.body).toMatchObject({ chargeToType, chargeToId: ticket.id });
  });
});

describe('refLookup and deleteFor', () => {
  it('one lookup can ask for several refs of the same kind on a ticket', () => {
    const l = refLookup({ kind: 'service', id: 1001 }, 'note', ['abcdefg', 'hjkmnpq']);
    expect(l?.path).toBe('service/tickets/1001/notes');
    expect(l?.query.conditions).toBe(
      '(text contains "FlowPilot ref abcdefg") or (text contains "FlowPilot ref hjkmnpq")',
    );
    const t = refLookup({ kind: 'project', id: 5001 }, 'timeEntry', ['abcdefg']);
    expect(t?.query.conditions).toBe('(chargeToId = 5001) and (notes contains "FlowPilot ref abcdefg")');
    expect(refLookup({ kind: 'service', id: 1 }, 'status', ['abcdefg'])).toBeUndefined();
  });

  it('deletes go to the record’s own resource', () => {
    expect(deleteFor({ kind: 'service', id: 1001 }, 'note', 7)).toBe('service/tickets/1001/notes/7');
    expect(deleteFor({ kind: 'project', id: 5001 }, 'note', 7)).toBe('project/tickets/5001/notes/7');
    expect(deleteFor({ kind: 'project', id: 5001 }, 'timeEntry', 9)).toBe('time/entries/9');
  });
});
