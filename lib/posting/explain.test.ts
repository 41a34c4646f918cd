import { describe, expect, it } from 'vitest';
import { classifyHttpFailure } from '../cw/errors';
import { explainFailure } from './explain';

const info = (status: number, body: object, path = 'time/entries') =>
  classifyHttpFailure({
    status,
    method: 'POST',
    path,
    retryAfter: null,
    contentType: 'application/json',
    bodyText: JSON.stringify(body),
  }).toInfo();

describe('explainFailure', () => {
  it('closed ticket refusing time: keeps CW’s text and says what to do', () => {
    const msg = explainFailure(
      { kind: 'timeEntry' },
      info(400, {
        code: 'TimeEntryApi',
        message: 'Please update the status of this ticket before entering time.',
      }),
    );
    expect(msg).toContain('Please update the status of this ticket');
    expect(msg).toContain('post without the time entry');
  });

  it('member without time rights', () => {
    const msg = explainFailure(
      { kind: 'timeEntry' },
      info(403, { code: 'Forbidden', message: "Member 'kjones' is not allowed to enter time." }),
    );
    expect(msg).toContain("Member 'kjones' is not allowed to enter time.");
    expect(msg).toMatch(/time-entry rights/);
  });

  it('retryable errors say they will be retried', () => {
    expect(explainFailure({ kind: 'note' }, info(503, {}, 'service/tickets/1/notes'))).toMatch(/will retry/);
  });

  it('a note validation error asks to edit', () => {
    expect(
      explainFailure(
        { kind: 'note' },
        info(400, { code: 'InvalidObject', message: 'x' }, 'service/tickets/1/notes'),
      ),
    ).toMatch(/Edit the note/);
  });
});
