import { describe, expect, it } from 'vitest';
import { ticketQuery } from './ticket-query';

describe('ticketQuery (the Ticket filter of Post History and Sessions)', () => {
  it('"1001" or "#1001" is an id (ConnectWise, and any ticket by its id)', () => {
    expect(ticketQuery('1001')).toEqual({ ticketId: 1001 });
    expect(ticketQuery(' #1001 ')).toEqual({ ticketId: 1001 });
  });

  it('anything else is a ticket number as Autotask technicians type it, trimmed and bounded', () => {
    expect(ticketQuery(' t20261129.0004 ')).toEqual({ ticketNumber: 't20261129.0004' });
    expect(ticketQuery('T'.repeat(60)).ticketNumber).toHaveLength(50);
  });

  it('nothing typed: no ticket filter', () => {
    expect(ticketQuery('')).toEqual({});
    expect(ticketQuery('   ')).toEqual({});
  });
});
