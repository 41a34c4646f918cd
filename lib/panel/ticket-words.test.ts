import { describe, expect, it } from 'vitest';
import { wordsFor } from '../psa/words';
import { closedStatusSuffix, hiddenTicketMessage, statusIsClosedWord } from './ticket-words';

describe('closed ticket wording', () => {
  it('names the status only when it adds something to “closed”', () => {
    expect(closedStatusSuffix('Closed')).toBe('');
    expect(closedStatusSuffix(' closed ')).toBe('');
    expect(closedStatusSuffix(undefined)).toBe('');
    expect(closedStatusSuffix('Completed')).toBe(' (Completed)');
    expect(closedStatusSuffix('Closed - No Response')).toBe(' (Closed - No Response)');
    expect(statusIsClosedWord('Closed')).toBe(true);
    expect(statusIsClosedWord('Closed - No Response')).toBe(false);
  });
});

describe('a ticket the API cannot see', () => {
  it('ConnectWise: says who can fix it and how', () => {
    expect(hiddenTicketMessage(wordsFor('connectwise'), '#1005')).toBe(
      'ConnectWise did not return ticket #1005: it may be deleted, or the API member may not be allowed to see it. Ask your ConnectWise admin to check the API member’s security role and board access.',
    );
  });
  it('Autotask: its own words (API user, security level, queue)', () => {
    const text = hiddenTicketMessage(wordsFor('autotask'), 'T20261129.0004');
    expect(text).toContain('Ask your Autotask admin to check the API user’s security level');
    expect(text).not.toMatch(/ConnectWise|member|board/i);
  });
});
