import { describe, expect, it } from 'vitest';
import {
  abandon,
  activeMsAt,
  applyIdle,
  applyLaneOp,
  canTransition,
  escalate,
  formatClock,
  formatDuration,
  pause,
  resolve,
  resume,
  type Session,
  SessionRuleError,
  startSession,
  touch,
} from './model';

const MIN = 60_000;
const IDLE = 15 * MIN;
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
const ctx = (now: number) => ({ newId: `i${++n}`, now, idleMs: IDLE });

describe('lifecycle', () => {
  it('starts active with a trimmed problem and no time', () => {
    const s = fresh();
    expect(s.state).toBe('active');
    expect(s.problem).toBe('Outlook');
    expect(activeMsAt(s, T0, IDLE)).toBe(0);
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
    expect(() => resume(s, T0 + MIN, IDLE)).toThrow(/already active/);
    const p = pause(s, T0 + MIN, IDLE);
    expect(() => pause(p, T0 + 2 * MIN, IDLE)).toThrow(/already paused/);
    const r = resolve(p, { rootCause: 'x', resolution: 'fixed' }, T0 + 3 * MIN, IDLE);
    expect(() => resume(r, T0 + 4 * MIN, IDLE)).toThrow(SessionRuleError);
    expect(() => pause(r, T0 + 4 * MIN, IDLE)).toThrow(/resolved/);
    expect(() => escalate(r, { reason: 'why' }, T0 + 4 * MIN, IDLE)).toThrow(/can't be changed/);
    expect(() => abandon(r, T0 + 4 * MIN, IDLE)).toThrow(SessionRuleError);
    const a = abandon(fresh(), T0, IDLE);
    expect(() => resolve(a, { rootCause: '', resolution: 'y' }, T0, IDLE)).toThrow(/abandoned/);
    expect(canTransition('resolved', 'active')).toBe(false);
    expect(canTransition('escalated', 'paused')).toBe(false);
    expect(canTransition('abandoned', 'active')).toBe(false);
  });

  it('requires a resolution to resolve and a reason to escalate', () => {
    expect(() => resolve(fresh(), { rootCause: 'x', resolution: '  ' }, T0, IDLE)).toThrow(/resolution/);
    expect(() => escalate(fresh(), { reason: '' }, T0, IDLE)).toThrow(/why/);
  });

  it('records outcome, end time and the final duration when closing', () => {
    let s = fresh();
    s = touch(s, T0 + 10 * MIN, IDLE);
    const r = escalate(s, { reason: ' needs admin ', escalateTo: '  ' }, T0 + 20 * MIN, IDLE);
    expect(r.state).toBe('escalated');
    expect(r.endedAt).toBe(T0 + 20 * MIN);
    expect(r.outcome).toEqual({ kind: 'escalated', reason: 'needs admin' });
    expect(activeMsAt(r, T0 + 99 * MIN, IDLE)).toBe(20 * MIN);
    expect(r.activeSince).toBeUndefined();
  });
});

describe('active time', () => {
  it('excludes paused time', () => {
    let s = fresh();
    s = pause(s, T0 + 5 * MIN, IDLE);
    expect(activeMsAt(s, T0 + 60 * MIN, IDLE)).toBe(5 * MIN);
    s = resume(s, T0 + 60 * MIN, IDLE);
    expect(activeMsAt(s, T0 + 63 * MIN, IDLE)).toBe(8 * MIN);
    s = pause(s, T0 + 64 * MIN, IDLE);
    s = resume(s, T0 + 70 * MIN, IDLE);
    const r = resolve(s, { rootCause: '', resolution: 'done' }, T0 + 71 * MIN, IDLE);
    expect(activeMsAt(r, T0 + 500 * MIN, IDLE)).toBe(10 * MIN);
  });

  it('stops counting at the idle limit, so a night away does not count', () => {
    let s = fresh();
    s = touch(s, T0 + 10 * MIN, IDLE); // last activity 09:10
    // 14 min idle: still counting.
    expect(activeMsAt(s, T0 + 24 * MIN, IDLE)).toBe(24 * MIN);
    // Exactly at the limit and overnight: capped at last activity + 15 min.
    expect(activeMsAt(s, T0 + 25 * MIN, IDLE)).toBe(25 * MIN);
    const nextMorning = T0 + 24 * 60 * MIN;
    expect(activeMsAt(s, nextMorning, IDLE)).toBe(25 * MIN);
    const p = applyIdle(s, nextMorning, IDLE);
    expect(p).toMatchObject({
      state: 'paused',
      pauseReason: 'idle',
      pausedAt: T0 + 25 * MIN,
      accumulatedMs: 25 * MIN,
    });
    // Resuming in the morning counts from then.
    const r = resume(s, nextMorning, IDLE);
    expect(activeMsAt(r, nextMorning + 2 * MIN, IDLE)).toBe(27 * MIN);
  });

  it('closing an idle session counts only up to the idle limit', () => {
    const s = fresh();
    const r = resolve(s, { rootCause: '', resolution: 'ok' }, T0 + 8 * 60 * MIN, IDLE);
    expect(activeMsAt(r, T0 + 9 * 60 * MIN, IDLE)).toBe(IDLE);
  });

  it('pausing an already idle session keeps the idle pause', () => {
    const p = pause(fresh(), T0 + 60 * MIN, IDLE);
    expect(p.pauseReason).toBe('idle');
    expect(p.accumulatedMs).toBe(IDLE);
  });

  it('lane edits keep an active session from idling; edits while paused do not resume it', () => {
    let s = fresh();
    s = applyLaneOp(s, { op: 'add', section: 'facts', text: 'a' }, ctx(T0 + 14 * MIN));
    expect(activeMsAt(s, T0 + 28 * MIN, IDLE)).toBe(28 * MIN);
    s = pause(s, T0 + 28 * MIN, IDLE);
    s = applyLaneOp(s, { op: 'add', section: 'facts', text: 'b' }, ctx(T0 + 40 * MIN));
    expect(s.state).toBe('paused');
    expect(activeMsAt(s, T0 + 50 * MIN, IDLE)).toBe(28 * MIN);
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
    s = applyLaneOp(
      s,
      { op: 'add', section: 'facts', text: ' OWA works ' },
      { newId: 'f1', now: T0 + 1, idleMs: IDLE },
    );
    s = applyLaneOp(
      s,
      { op: 'add', section: 'questions', text: 'Since when?', answer: 'Monday' },
      { newId: 'q1', now: T0 + 2, idleMs: IDLE },
    );
    s = applyLaneOp(
      s,
      { op: 'add', section: 'checks', text: 'Ping', answer: 'ignored' },
      { newId: 'c1', now: T0 + 3, idleMs: IDLE },
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
      { newId: 'c1', now: T0 + 1, idleMs: IDLE },
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
      s = applyLaneOp(s, { op: 'add', section: 'fixes', text: id }, { newId: id, now: T0, idleMs: IDLE });
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
      s = applyLaneOp(s, { op: 'add', section: 'checks', text: id }, { newId: id, now: T0, idleMs: IDLE });
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
    s = abandon(s, T0 + MIN, IDLE);
    expect(() => applyLaneOp(s, { op: 'add', section: 'facts', text: 'x' }, ctx(T0))).toThrow(/abandoned/);
  });
});
