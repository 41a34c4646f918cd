import { describe, expect, it } from 'vitest';
import { buildQueryString, ConditionError, cond, formatCwDate, quoteString } from './conditions';

describe('conditions builder', () => {
  it('formats each value type per the CW grammar', () => {
    expect(cond.eq('board/id', 12)).toBe('board/id = 12');
    expect(cond.eq('closedFlag', false)).toBe('closedFlag = False');
    expect(cond.ne('contact', null)).toBe('contact != null');
    expect(cond.cmp('lastUpdated', '>', new Date('2026-08-20T18:04:26.123Z'))).toBe(
      'lastUpdated > [2026-08-20T18:04:26Z]',
    );
    expect(cond.in('id', [3, 2, 4])).toBe('id in (3, 2, 4)');
    expect(cond.contains('summary', 'vpn')).toBe('summary contains "vpn"');
  });

  it('escapes quotes and backslashes so user text cannot widen the query', () => {
    const hostile = 'x" or id > 0 or summary = "';
    expect(cond.contains('summary', hostile)).toBe('summary contains "x\\" or id > 0 or summary = \\""');
    expect(quoteString('a\\"b')).toBe('"a\\\\\\"b"');
    expect(quoteString('two\nlines')).toBe('"two lines"');
  });

  it('refuses field paths that are not plain identifiers', () => {
    expect(() => cond.eq('id = 1 or id', 1)).toThrow(ConditionError);
    expect(() => cond.eq('', 1)).toThrow(ConditionError);
    expect(() => cond.eq('n', Number.NaN)).toThrow(ConditionError);
    expect(() => cond.in('id', [])).toThrow(ConditionError);
  });

  it('combines with parentheses and drops empty parts', () => {
    expect(cond.and(cond.eq('a', 1), undefined, false, cond.eq('b', 2))).toBe('(a = 1) and (b = 2)');
    expect(cond.and(cond.eq('a', 1))).toBe('a = 1');
    expect(cond.or(cond.eq('a', 1), cond.and(cond.eq('b', 2), cond.eq('c', 3)))).toBe(
      '(a = 1) or ((b = 2) and (c = 3))',
    );
  });

  it('formats dates without milliseconds', () => {
    expect(formatCwDate(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z');
  });
});

describe('buildQueryString', () => {
  it('encodes & % + [ and spaces so they survive transit', () => {
    const qs = buildQueryString({
      conditions: cond.contains('summary', `Can't print "Q3 report" 100% & [urgent] a+b`),
      fields: ['id', 'summary', 'status/name'],
      orderBy: 'id desc',
      page: 2,
      pageSize: 50,
    });
    // Only the separators between parameters stay literal.
    expect(qs.split('&').map((p) => p.split('=')[0])).toEqual([
      'conditions',
      'orderBy',
      'fields',
      'page',
      'pageSize',
    ]);
    expect(qs).not.toMatch(/[ "'[\]+*()]/);
    const parsed = new URLSearchParams(qs);
    expect(parsed.get('conditions')).toBe(
      `summary contains "Can't print \\"Q3 report\\" 100% & [urgent] a+b"`,
    );
    expect(parsed.get('fields')).toBe('id,summary,status/name');
    expect(parsed.get('orderBy')).toBe('id desc');
    expect(parsed.get('page')).toBe('2');
    expect(parsed.get('pageSize')).toBe('50');
  });
  it('omits what is not given', () => {
    expect(buildQueryString({})).toBe('');
    expect(buildQueryString({ pageSize: 1 })).toBe('pageSize=1');
  });
});
