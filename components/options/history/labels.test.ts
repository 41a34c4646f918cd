import { describe, expect, it } from 'vitest';
import { attemptsText, formatWhen, humanizeDetail, kindLabel, STATE_LABELS } from './labels';

describe('Post History and Activity wording', () => {
  it('counts writes and only real retries', () => {
    // A first-try success of note + time + status used to read "Attempts 3".
    expect(attemptsText([{ attempts: 1 }, { attempts: 1 }, { attempts: 1 }])).toBe('3 writes, no retries');
    expect(attemptsText([{ attempts: 3 }, { attempts: 0 }])).toBe('2 writes, 2 retries');
    expect(attemptsText([{ attempts: 2 }])).toBe('1 write, 1 retry');
  });

  it('says states, kinds and tickets in words', () => {
    expect(Object.values(STATE_LABELS)).toEqual([
      'Waiting to send',
      'Sending',
      'Sent',
      'Failed',
      'Discarded',
    ]);
    expect(kindLabel('connection/connect')).toBe('Connect');
    expect(kindLabel('post.timeEntry')).toBe('Post time entry');
    expect(kindLabel('future/newThing')).toBe('Future new thing');
    expect(humanizeDetail('service:1006 resolved after 12 min active')).toBe(
      '#1006 resolved after 12 min active',
    );
    expect(humanizeDetail('project:5001')).toBe('project ticket #5001');
  });

  it('uses one date format with seconds', () => {
    const a = formatWhen(Date.UTC(2026, 0, 2, 10, 14, 5));
    expect(a).toMatch(/\d{1,2}:\d{2}:\d{2}/);
  });
});
