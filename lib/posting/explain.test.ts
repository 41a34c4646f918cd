import { describe, expect, it } from 'vitest';
import { classifyHttpFailure } from '../cw/errors';
import { describeUndo, duplicateNotice, explainFailure } from './explain';
import type { DiscardOutcome } from './outbox';

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

describe('describeUndo (issue 9 §3.3: Undo says what it could not cancel)', () => {
  const item = (label: string, outcome: DiscardOutcome) => ({
    outboxId: label,
    label,
    part: 'status' as const,
    outcome,
  });
  it('everything cancelled', () => {
    expect(describeUndo({ items: [item('Internal Analysis note', 'cancelled')] })).toBe(
      'Auto Push undone — nothing was posted.',
    );
  });

  it('the note was already on its way: says so, and what was cancelled', () => {
    expect(
      describeUndo({
        items: [
          item('Internal Analysis note', 'sending'),
          item('30 min time (actual 22 min)', 'cancelled'),
          item('status → Resolved', 'cancelled'),
        ],
      }),
    ).toBe(
      'Too late to undo: Internal Analysis note (already being posted). Cancelled: 30 min time (actual 22 min), status → Resolved.',
    );
  });

  it('landed and unchecked items are named too', () => {
    expect(
      describeUndo({
        items: [item('Internal Analysis note', 'landed'), item('status → Resolved', 'unchecked')],
      }),
    ).toBe(
      'Too late to undo: Internal Analysis note (already on the ticket), status → Resolved (may already be on the ticket; FlowPilot keeps checking).',
    );
  });

  it("Autotask's words on Autotask posts: resource, API user, Autotask, queue", () => {
    const forbidden = { kind: 'forbidden', message: 'Not allowed.', retryable: false } as const;
    const at = explainFailure({ kind: 'timeEntry' }, forbidden, 'autotask');
    expect(at).toContain('The resource the time is attributed to (or the API user)');
    expect(at).toContain('ask an Autotask admin');
    expect(at).not.toMatch(/ConnectWise|member/);
    const status = explainFailure({ kind: 'status' }, { ...forbidden, kind: 'validation' }, 'autotask');
    expect(status).toContain("from the ticket's queue");
    expect(explainFailure({ kind: 'timeEntry' }, forbidden)).toContain('ask a ConnectWise admin');
  });
});

describe('duplicateNotice', () => {
  it('names the ticket by its number on Autotask, by #id on ConnectWise and on posts without one', () => {
    expect(duplicateNotice('note', 40265, [77], 'autotask', 'T20261129.0004')).toBe(
      'A duplicate of this note is on ticket T20261129.0004 (note 77). Autotask does not let FlowPilot delete notes. Remove it in Autotask.',
    );
    expect(duplicateNotice('timeEntry', 40265, [5, 6], 'autotask', 'T20261129.0004')).toBe(
      '2 duplicates of this time entry are on ticket T20261129.0004 (time entries 5, 6). Remove them in Autotask.',
    );
    expect(duplicateNotice('note', 40265, [77], 'autotask')).toContain('on ticket #40265 (note 77)');
    expect(duplicateNotice('note', 1001, [9])).toBe(
      'A duplicate of this note is on ticket #1001 (note 9). Remove it in ConnectWise.',
    );
  });
});
