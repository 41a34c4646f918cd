import { describe, expect, it } from 'vitest';
import {
  abandon,
  activeMsAt,
  answerAwayStretch,
  applyLaneOp,
  canTransition,
  escalate,
  formatClock,
  formatDuration,
  markAway,
  markBack,
  pause,
  resolve,
  resume,
  type Session,
  SessionRuleError,
  startSession,
  touch,
} from './model';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function fresh(): Session {
  return startSession({
    id: 's1',
    ticketKey: 'service:1001',
    ticketSummary: 'Outlook',
    problem: ' Outlook ',
    now: T0,
  });
}

let n = 0;
const ctx = (now: number) => ({ newId: `i${++n}`, now });

describe('lifecycle', () => {
  it('starts active with a trimmed problem and no time', () => {
    const s = fresh();
    expect(s.state).toBe('active');
    expect(s.problem).toBe('Outlook');
    expect(activeMsAt(s, T0)).toBe(0);
  });

  it('keeps the ticket’s Autotask number, trimmed and upper case as Autotask writes it; none when blank', () => {
    const base = { id: 's', ticketKey: 'service:40265', ticketSummary: 'Outlook', problem: 'p', now: T0 };
    expect(startSession({ ...base, ticketNumber: ' t20261129.0004 ' }).ticketNumber).toBe('T20261129.0004');
    expect('ticketNumber' in startSession({ ...base, ticketNumber: '  ' })).toBe(false);
    expect('ticketNumber' in startSession(base)).toBe(false);
  });

  it('allows Active ⇄ Paused and closing from either', () => {
    expect(canTransition('active', 'paused')).toBe(true);
    expect(canTransition('paused', 'active')).toBe(true);
    for (const to of ['resolved', 'escalated', 'abandoned'] as const) {
      expect(canTransition('active', to)).toBe(true);
      expect(canTransition('paused', to)).toBe(true);
    }
  });

  it('refuses illegal transitions', () => {
    const s = fresh();
    expect(() => resume(s, T0 + MIN)).toThrow(/already active/);
    const p = pause(s, T0 + MIN);
    expect(() => pause(p, T0 + 2 * MIN)).toThrow(/already paused/);
    const r = resolve(p, { rootCause: 'x', resolution: 'fixed' }, T0 + 3 * MIN);
    expect(() => resume(r, T0 + 4 * MIN)).toThrow(SessionRuleError);
    expect(() => pause(r, T0 + 4 * MIN)).toThrow(/resolved/);
    expect(() => escalate(r, { reason: 'why' }, T0 + 4 * MIN)).toThrow(/can't be changed/);
    expect(() => abandon(r, T0 + 4 * MIN)).toThrow(SessionRuleError);
    const a = abandon(fresh(), T0);
    expect(() => resolve(a, { rootCause: '', resolution: 'y' }, T0)).toThrow(/abandoned/);
    expect(canTransition('resolved', 'active')).toBe(false);
    expect(canTransition('escalated', 'paused')).toBe(false);
    expect(canTransition('abandoned', 'active')).toBe(false);
  });

  it('requires a resolution to resolve and a reason to escalate', () => {
    expect(() => resolve(fresh(), { rootCause: 'x', resolution: '  ' }, T0)).toThrow(/resolution/);
    expect(() => escalate(fresh(), { reason: '' }, T0)).toThrow(/why/);
  });

  it('records outcome, end time and the final duration when closing', () => {
    let s = fresh();
    s = touch(s, T0 + 10 * MIN);
    const r = escalate(s, { reason: ' needs admin ', escalateTo: '  ' }, T0 + 20 * MIN);
    expect(r.state).toBe('escalated');
    expect(r.endedAt).toBe(T0 + 20 * MIN);
    expect(r.outcome).toEqual({ kind: 'escalated', reason: 'needs admin' });
    expect(activeMsAt(r, T0 + 99 * MIN)).toBe(20 * MIN);
    expect(r.activeSince).toBeUndefined();
  });
});

describe('active time', () => {
  it('excludes paused time', () => {
    let s = fresh();
    s = pause(s, T0 + 5 * MIN);
    expect(activeMsAt(s, T0 + 60 * MIN)).toBe(5 * MIN);
    s = resume(s, T0 + 60 * MIN);
    expect(activeMsAt(s, T0 + 63 * MIN)).toBe(8 * MIN);
    s = pause(s, T0 + 64 * MIN);
    s = resume(s, T0 + 70 * MIN);
    const r = resolve(s, { rootCause: '', resolution: 'done' }, T0 + 71 * MIN);
    expect(activeMsAt(r, T0 + 500 * MIN)).toBe(10 * MIN);
  });

  // Until issue 13 an untouched panel paused the session after the idle period, so work done in CW's
  // own screens or a remote-control tool was never billed. The machine's idleness decides now.
  it('keeps counting while the machine is active, however long the panel is untouched', () => {
    let s = fresh();
    s = touch(s, T0 + 10 * MIN);
    expect(activeMsAt(s, T0 + 45 * MIN)).toBe(45 * MIN);
    expect(s.state).toBe('active');
  });

  it('a night away does not count unless the tech keeps it', () => {
    let s = fresh();
    s = markAway(s, T0 + 25 * MIN, 'idle', 'a1');
    const nextMorning = T0 + 24 * 60 * MIN;
    // While away the clock stands still.
    expect(activeMsAt(s, nextMorning)).toBe(25 * MIN);
    s = markBack(s, nextMorning);
    expect(activeMsAt(s, nextMorning + 2 * MIN)).toBe(27 * MIN);
    expect(s.away?.[0]).toMatchObject({ from: T0 + 25 * MIN, to: nextMorning, cause: 'idle' });
    const dropped = answerAwayStretch(s, 'a1', 'drop', nextMorning + 3 * MIN);
    expect(activeMsAt(dropped, nextMorning + 3 * MIN)).toBe(28 * MIN);
    const kept = answerAwayStretch(s, 'a1', 'keep', nextMorning + 3 * MIN);
    expect(activeMsAt(kept, nextMorning + 3 * MIN)).toBe(28 * MIN + (nextMorning - T0 - 25 * MIN));
  });

  it('closing while away ends the stretch there, unanswered and not counted', () => {
    let s = fresh();
    s = markAway(s, T0 + 15 * MIN, 'locked', 'a1');
    const r = resolve(s, { rootCause: '', resolution: 'ok' }, T0 + 8 * 60 * MIN);
    expect(activeMsAt(r, T0 + 9 * 60 * MIN)).toBe(15 * MIN);
    expect(r.away?.[0]?.to).toBe(T0 + 8 * 60 * MIN);
    expect(() => answerAwayStretch(r, 'a1', 'keep', T0 + 9 * 60 * MIN)).toThrow(/resolved/);
  });

  it('away marks only running sessions; answering an unknown or open stretch is refused', () => {
    const p = pause(fresh(), T0 + 5 * MIN);
    expect(markAway(p, T0 + 6 * MIN, 'idle', 'x')).toBe(p);
    const s = markAway(fresh(), T0 + 6 * MIN, 'idle', 'x');
    expect(() => answerAwayStretch(s, 'x', 'keep', T0 + 7 * MIN)).toThrow(/no longer waiting/);
    expect(() => answerAwayStretch(s, 'nope', 'keep', T0 + 7 * MIN)).toThrow(/no longer waiting/);
    expect(markBack(fresh(), T0)).toEqual(fresh());
  });

  it('sessions saved before away time (idle auto-pause, no spans) keep their time', () => {
    const legacy: Session = {
      ...fresh(),
      state: 'paused',
      accumulatedMs: 15 * MIN,
      activeSince: undefined,
      spans: undefined,
      pausedAt: T0 + 15 * MIN,
      pauseReason: 'idle',
    };
    expect(activeMsAt(legacy, T0 + 99 * MIN)).toBe(15 * MIN);
    const resumed = resume(legacy, T0 + 100 * MIN);
    expect(activeMsAt(resumed, T0 + 110 * MIN)).toBe(25 * MIN);
    expect(resumed.spans).toEqual([{ from: T0 + 100 * MIN }]);
  });

  it('lane edits while paused do not resume the session', () => {
    let s = fresh();
    s = applyLaneOp(s, { op: 'add', section: 'facts', text: 'a' }, ctx(T0 + 14 * MIN));
    expect(activeMsAt(s, T0 + 28 * MIN)).toBe(28 * MIN);
    s = pause(s, T0 + 28 * MIN);
    s = applyLaneOp(s, { op: 'add', section: 'facts', text: 'b' }, ctx(T0 + 40 * MIN));
    expect(s.state).toBe('paused');
    expect(activeMsAt(s, T0 + 50 * MIN)).toBe(28 * MIN);
  });

  it('formats durations and the clock', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * MIN + 59_000)).toBe('12 min');
    expect(formatDuration(65 * MIN)).toBe('1 h 05 min');
    expect(formatClock(3 * 3600_000 + 7 * MIN + 42_000)).toBe('3:07:42');
    expect(formatClock(-5)).toBe('0:00:00');
  });
});

describe('task lane', () => {
  it('adds items with stable ids and timestamps, per section', () => {
    let s = fresh();
    s = applyLaneOp(s, { op: 'add', section: 'facts', text: ' OWA works ' }, { newId: 'f1', now: T0 + 1 });
    s = applyLaneOp(
      s,
      { op: 'add', section: 'questions', text: 'Since when?', answer: 'Monday' },
      { newId: 'q1', now: T0 + 2 },
    );
    s = applyLaneOp(
      s,
      { op: 'add', section: 'checks', text: 'Ping', answer: 'ignored' },
      { newId: 'c1', now: T0 + 3 },
    );
    expect(s.lane.facts).toEqual([
      { id: 'f1', text: 'OWA works', done: false, source: 'manual', createdAt: T0 + 1, updatedAt: T0 + 1 },
    ]);
    expect(s.lane.questions[0]).toMatchObject({ id: 'q1', answer: 'Monday' });
    expect(s.lane.checks[0]).toMatchObject({ id: 'c1', result: 'pending' });
    expect(s.lane.checks[0]).not.toHaveProperty('answer');
    expect(() => applyLaneOp(s, { op: 'add', section: 'fixes', text: '   ' }, ctx(T0))).toThrow(/text/);
  });

  it('edits, marks done, clears optional fields and keeps the id and createdAt', () => {
    let s = fresh();
    s = applyLaneOp(
      s,
      { op: 'add', section: 'checks', text: 'Ping', note: 'slow' },
      { newId: 'c1', now: T0 + 1 },
    );
    s = applyLaneOp(
      s,
      { op: 'edit', id: 'c1', patch: { result: 'fail', note: '', done: true, text: 'Ping gw' } },
      ctx(T0 + 9),
    );
    expect(s.lane.checks[0]).toEqual({
      id: 'c1',
      text: 'Ping gw',
      result: 'fail',
      done: true,
      source: 'manual',
      createdAt: T0 + 1,
      updatedAt: T0 + 9,
    });
    expect(() => applyLaneOp(s, { op: 'edit', id: 'c1', patch: { text: ' ' } }, ctx(T0))).toThrow(/text/);
    expect(() => applyLaneOp(s, { op: 'edit', id: 'nope', patch: { done: true } }, ctx(T0))).toThrow(
      /no longer/,
    );
  });

  it('reorders within a section and ignores moves past the edge', () => {
    let s = fresh();
    for (const id of ['a', 'b', 'c'])
      s = applyLaneOp(s, { op: 'add', section: 'fixes', text: id }, { newId: id, now: T0 });
    s = applyLaneOp(s, { op: 'move', id: 'c', delta: -1 }, ctx(T0));
    expect(s.lane.fixes.map((i) => i.id)).toEqual(['a', 'c', 'b']);
    const same = applyLaneOp(s, { op: 'move', id: 'a', delta: -1 }, ctx(T0));
    expect(same).toBe(s);
    s = applyLaneOp(s, { op: 'remove', id: 'c' }, ctx(T0));
    expect(s.lane.fixes.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('Undo of a removal puts the item back where it was, with everything it had, once', () => {
    let s = fresh();
    for (const id of ['a', 'b', 'c'])
      s = applyLaneOp(s, { op: 'add', section: 'checks', text: id }, { newId: id, now: T0 });
    s = applyLaneOp(s, { op: 'edit', id: 'b', patch: { result: 'fail', note: 'seen' } }, ctx(T0));
    const removed = s.lane.checks[1]!;
    s = applyLaneOp(s, { op: 'remove', id: 'b' }, ctx(T0));
    s = applyLaneOp(s, { op: 'restore', section: 'checks', index: 1, item: removed }, ctx(T0));
    expect(s.lane.checks.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(s.lane.checks[1]).toEqual(removed);
    // A second Undo (another tab, a double click) changes nothing.
    expect(applyLaneOp(s, { op: 'restore', section: 'checks', index: 0, item: removed }, ctx(T0))).toBe(s);
  });

  it('edits the problem statement and refuses lane changes once closed', () => {
    let s = applyLaneOp(fresh(), { op: 'problem', text: ' New problem ' }, ctx(T0));
    expect(s.problem).toBe('New problem');
    s = abandon(s, T0 + MIN);
    expect(() => applyLaneOp(s, { op: 'add', section: 'facts', text: 'x' }, ctx(T0))).toThrow(/abandoned/);
  });
});
