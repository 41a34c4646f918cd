import { describe, expect, it } from 'vitest';
import {
  type AwayStretch,
  activeWithin,
  addAway,
  answerAway,
  awayLine,
  awayQuestion,
  closeAway,
  formatRange,
  isAwayNow,
  openAway,
  pendingAway,
  type Span,
  stretchActiveMs,
  uncountedMs,
  union,
} from './away';
import { activeMsAt, markAway, markBack, pause, resume, type Session, startSession } from './model';

const MIN = 60_000;
const H = 60 * MIN;
/** 14:00 UTC on a Monday. */
const T = Date.UTC(2026, 10, 23, 14, 0, 0);
const at = (h: number, m = 0) => Date.UTC(2026, 10, 23, h, m, 0);

describe('interval arithmetic', () => {
  it('merges overlapping and touching intervals, drops empty ones', () => {
    expect(
      union([
        [5, 8],
        [1, 3],
        [3, 4],
        [7, 10],
        [12, 12],
      ]),
    ).toEqual([
      [1, 4],
      [5, 10],
    ]);
  });

  it('counts only active spans inside the intervals, open spans up to now', () => {
    const spans: Span[] = [{ from: 0, to: 10 }, { from: 20 }];
    expect(activeWithin(spans, [[5, 25]], 30)).toBe(5 + 5);
    expect(activeWithin(spans, [[5, 25]], 22)).toBe(5 + 2);
    expect(activeWithin(spans, [[11, 19]], 30)).toBe(0);
    // Overlapping intervals are not counted twice.
    expect(
      activeWithin(
        spans,
        [
          [0, 6],
          [4, 8],
        ],
        30,
      ),
    ).toBe(8);
  });
});

describe('away stretches', () => {
  const session = (): Session =>
    startSession({ id: 's', ticketKey: 'service:1001', ticketSummary: 'x', problem: 'y', now: T });

  it('"You were away 14:02–14:47": unanswered is not counted, Keep adds it back, Drop leaves it out', () => {
    let s = session();
    s = markAway(s, at(14, 2), 'idle', 'a');
    expect(isAwayNow(s.away)).toBe(true);
    expect(activeMsAt(s, at(14, 30))).toBe(2 * MIN); // the clock stands still while away
    s = markBack(s, at(14, 47));
    expect(activeMsAt(s, at(15, 0))).toBe(2 * MIN + 13 * MIN);
    const stretch = s.away![0]!;
    expect(awayQuestion(stretch, { timeZone: 'UTC' })).toBe('You were away 14:02–14:47 (45 min).');
    expect(pendingAway(s.spans!, s.away!, at(15, 0)).map((a) => a.id)).toEqual(['a']);
    const kept = { ...s, away: answerAway(s.away!, 'a', 'keep', at(15, 0))! };
    expect(activeMsAt(kept, at(15, 0))).toBe(60 * MIN);
    expect(pendingAway(kept.spans!, kept.away!, at(15, 0))).toEqual([]);
    const dropped = { ...s, away: answerAway(s.away!, 'a', 'drop', at(15, 0))! };
    expect(activeMsAt(dropped, at(15, 0))).toBe(15 * MIN);
  });

  it('a manual pause inside the stretch is not subtracted twice, nor added back by Keep', () => {
    // Paused 14:10, machine idle from 14:05 (detection reaches back), resumed 14:50, back at 14:55.
    let s = session();
    s = markAway(s, at(14, 5), 'idle', 'a');
    s = pause(s, at(14, 10));
    s = resume(s, at(14, 50));
    s = markBack(s, at(14, 55));
    const stretch = s.away![0]!;
    expect(stretchActiveMs(s.spans!, stretch, at(15, 0))).toBe(5 * MIN + 5 * MIN);
    expect(activeMsAt(s, at(15, 0))).toBe(5 * MIN + 5 * MIN); // 14:00–14:05 and 14:55–15:00
    const kept = { ...s, away: answerAway(s.away!, 'a', 'keep', at(15, 0))! };
    expect(activeMsAt(kept, at(15, 0))).toBe(20 * MIN); // the 40 paused minutes stay out
  });

  it('a stretch that falls entirely in a pause asks nothing', () => {
    let s = session();
    s = pause(s, at(14, 5));
    s = { ...s, away: closeAway(openAway([], at(14, 5), 'idle', 'a'), at(14, 45)) };
    s = resume(s, at(14, 46));
    expect(pendingAway(s.spans!, s.away!, at(15, 0))).toEqual([]);
    expect(activeMsAt(s, at(15, 0))).toBe(5 * MIN + 14 * MIN);
  });

  it('a session across midnight: the stretch crosses days and says so', () => {
    let s = startSession({ id: 's', ticketKey: 'k', ticketSummary: 'x', problem: 'y', now: at(23, 0) });
    s = markAway(s, at(23, 40), 'locked', 'a');
    const back = at(24, 25); // 00:25 the next day
    s = markBack(s, back);
    expect(activeMsAt(s, at(24, 30))).toBe(40 * MIN + 5 * MIN);
    expect(awayQuestion(s.away![0]!, { timeZone: 'UTC' })).toBe(
      'You were away Nov 23, 23:40 – Nov 24, 00:25 (45 min).',
    );
    // The technician's own zone decides what "midnight" is.
    expect(formatRange(at(23, 40), back, { timeZone: 'America/New_York' })).toBe('18:40–19:25');
  });

  it('a browser restart while away: the stretch stays open across it and ends when the machine is back', () => {
    let s = session();
    s = markAway(s, at(14, 2), 'idle', 'a');
    // The worker is gone; the saved session is read again after the restart at 16:00, machine active.
    const reloaded: Session = structuredClone(s);
    expect(isAwayNow(reloaded.away)).toBe(true);
    const back = markBack(reloaded, at(16, 0));
    expect(back.away).toEqual([{ id: 'a', from: at(14, 2), to: at(16, 0), cause: 'idle' }]);
    expect(activeMsAt(back, at(16, 10))).toBe(2 * MIN + 10 * MIN);
  });

  it('idle then locked is one stretch; a new stretch never reaches back into the last one', () => {
    let away = openAway([], at(14, 2), 'idle', 'a');
    away = openAway(away, at(14, 10), 'locked', 'b');
    expect(away.map((a) => a.id)).toEqual(['a']);
    away = closeAway(away, at(14, 30));
    away = openAway(away, at(14, 20), 'idle', 'c'); // detection interval reaching back to 14:20
    expect(away[1]).toEqual({ id: 'c', from: at(14, 30), cause: 'idle' });
  });

  it('counts only what falls inside the session, and tiny stretches are not asked about', () => {
    const spans: Span[] = [{ from: T, to: T + H }];
    const away: AwayStretch[] = [
      { id: 'before', from: T - H, to: T + 30_000, cause: 'idle' },
      { id: 'after', from: T + 2 * H, to: T + 3 * H, cause: 'idle' },
    ];
    expect(uncountedMs(spans, away, T + 4 * H)).toBe(30_000);
    expect(pendingAway(spans, away, T + 4 * H)).toEqual([]);
  });

  it('the browser closed (or the computer asleep) with no idle event: a stretch already over', () => {
    let s = session();
    // FlowPilot's last sign of life 14:20; the browser starts again 09:00 the next day.
    const next = at(24 + 9);
    s = { ...s, away: addAway(s.away ?? [], at(14, 20), next, 'browser', 'b') };
    expect(activeMsAt(s, next + 5 * MIN)).toBe(20 * MIN + 5 * MIN);
    expect(awayQuestion(s.away![0]!, { timeZone: 'UTC' })).toBe(
      'FlowPilot was not running (browser closed or computer asleep) Nov 23, 14:20 – Nov 24, 09:00 (18 h 40 min).',
    );
    // An idle stretch still open covers it; a gap under a minute is noise.
    const open = openAway([], at(14, 2), 'idle', 'a');
    expect(addAway(open, at(14, 20), next, 'browser', 'b')).toEqual(open);
    expect(addAway([], at(14, 20), at(14, 20) + 30_000, 'browser', 'b')).toEqual([]);
    // It never reaches back into a stretch that ended later than its start.
    const closed = closeAway(open, at(15, 0));
    expect(addAway(closed, at(14, 20), at(16, 0), 'browser', 'b')[1]).toMatchObject({ from: at(15, 0) });
  });

  it('answers only a stretch that is over', () => {
    const open = openAway([], T, 'idle', 'a');
    expect(answerAway(open, 'a', 'keep', T)).toBeUndefined();
    expect(answerAway(closeAway(open, T + MIN), 'zzz', 'keep', T)).toBeUndefined();
  });

  it('writes the time line', () => {
    const a: AwayStretch = { id: 'a', from: at(14, 2), to: at(14, 47), cause: 'idle' };
    const f = { timeZone: 'UTC' };
    expect(awayLine({ ...a, answer: 'keep' }, f)).toBe('Away 14:02–14:47 (45 min): kept');
    expect(awayLine({ ...a, answer: 'drop' }, f)).toBe('Away 14:02–14:47 (45 min): dropped');
    expect(awayLine(a, f)).toBe('Away 14:02–14:47 (45 min): not answered, not counted');
    expect(awayLine({ ...a, cause: 'browser', to: at(16, 7) }, f)).toBe(
      'Not running 14:02–16:07 (2 h 05 min): not answered, not counted',
    );
  });
});
