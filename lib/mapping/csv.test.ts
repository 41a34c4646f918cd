import { describe, expect, it } from 'vitest';
import { describeCsvErrors, parseRosterCsv, splitCsvLine } from './csv';

describe('parseRosterCsv', () => {
  it('imports name,email lines with or without a header', () => {
    const withHeader = parseRosterCsv('Name,Email\nJohn Smith,john@x.com\r\nAna Lee, ana@x.com \n');
    expect(withHeader.rows).toEqual([
      { name: 'John Smith', email: 'john@x.com' },
      { name: 'Ana Lee', email: 'ana@x.com' },
    ]);
    expect(withHeader.errors).toEqual([]);
    const bare = parseRosterCsv('John Smith,john@x.com');
    expect(bare.rows).toHaveLength(1);
  });

  it('reports bad rows by line and keeps the good ones', () => {
    const r = parseRosterCsv(
      [
        'name,email',
        'Good One,good@x.com',
        'No Email,',
        ',nameless@x.com',
        'Bad,not-an-email',
        'Too,many@x.com,cols',
        'Dup,GOOD@x.com',
      ].join('\n'),
    );
    expect(r.rows).toEqual([{ name: 'Good One', email: 'good@x.com' }]);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.errors[0]?.message).toBe('the email is empty');
    expect(r.errors[2]?.message).toContain('not-an-email');
    expect(describeCsvErrors(r.errors, 2)).toBe(
      'line 3: the email is empty; line 4: the name is empty; and 3 more',
    );
  });

  it('handles quotes, a BOM, blank lines and semicolons', () => {
    const r = parseRosterCsv('\uFEFF"Smith, John","john@x.com"\n\n"Say ""Hi""";hi@x.com\n');
    expect(r.rows).toEqual([
      { name: 'Smith, John', email: 'john@x.com' },
      { name: 'Say "Hi"', email: 'hi@x.com' },
    ]);
  });
});

describe('names are trimmed on import (issue 10 §4)', () => {
  it('inside quotes and of no-break spaces too', () => {
    const r = parseRosterCsv('"  \u00a0Ana Lee\u00a0 ", ana@x.com\n" =Bob ",bob@x.com');
    expect(r.rows).toEqual([
      { name: 'Ana Lee', email: 'ana@x.com' },
      { name: '=Bob', email: 'bob@x.com' },
    ]);
  });
});

describe('splitCsvLine', () => {
  it('splits on commas outside quotes', () => {
    expect(splitCsvLine('a, "b,c" ,d')).toEqual(['a', 'b,c', 'd']);
  });
});
