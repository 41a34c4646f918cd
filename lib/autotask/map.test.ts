import { describe, expect, it } from 'vitest';
import { searchOrder, ticketWebUrl, toNoteView, toPerson } from './map';

describe('Autotask → product shapes', () => {
  it('a resource becomes a person with every address tidied and de-duplicated', () => {
    expect(
      toPerson({
        id: 7,
        firstName: ' Ann ',
        lastName: 'Lee',
        email: ' Ann@X.example ',
        email2: 'ann@x.example',
        email3: 'not-an-email',
        isActive: false,
        userName: 'alee',
      }),
    ).toEqual({ id: 7, name: 'Ann Lee', emails: ['ann@x.example'], active: false, login: 'alee' });
    expect(toPerson({ id: 8 }).name).toBe('Resource 8');
  });
  it('notes: publish 1 is discussion, others internal; the title leads the text', () => {
    const r = new Map([[5, { id: 5, firstName: 'Jo', lastName: 'Ng' }]]);
    expect(
      toNoteView(
        {
          id: 1,
          title: 'Triage',
          description: 'Called',
          publish: 1,
          creatorResourceID: 5,
          createDateTime: '2026-11-02T09:00:00Z',
        },
        r,
      ),
    ).toEqual({
      id: 1,
      text: 'Triage\nCalled',
      types: ['discussion'],
      author: 'Jo Ng',
      date: '2026-11-02T09:00:00Z',
    });
    expect(toNoteView({ id: 2, description: 'x', publish: 2 }, r).types).toEqual(['internal']);
  });
  it('web URL from the zone webUrl, with or without its slash', () => {
    expect(ticketWebUrl('https://ww18.autotask.net/', 5)).toBe(
      'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=5',
    );
    expect(ticketWebUrl('https://ww18.autotask.net', 5)).toBe(
      'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=5',
    );
  });
  it('search order: open first, then newest', () => {
    const rows = [
      { id: 1, status: 5 },
      { id: 2, status: 1 },
      { id: 3, status: 5 },
      { id: 4, status: 8 },
    ];
    expect(rows.sort(searchOrder).map((r) => r.id)).toEqual([4, 2, 3, 1]);
  });
});
