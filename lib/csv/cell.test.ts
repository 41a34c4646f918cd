import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './cell';

describe('csvCell (every CSV export)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', `"'+1+2"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    // Spreadsheets skip leading blanks before deciding a cell is a formula.
    ['  =1+1', `"'  =1+1"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['\r\n @x', `"'\r\n @x"`],
    ['\u00a0=1+1', `"'\u00a0=1+1"`],
    // A leading tab or CR is neutralised on its own too (OWASP CSV injection list).
    ['\tplain', `"'\tplain"`],
  ])('neutralises %j', (input, out) => expect(csvCell(input)).toBe(out));

  it('leaves ordinary text and numbers alone, quoting only when needed', () => {
    expect(csvCell('Outlook not syncing')).toBe('Outlook not syncing');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('a-b=c')).toBe('a-b=c');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('joins a row', () => {
    expect(csvRow(['x', '=1', 3])).toBe(`x,"'=1",3`);
  });
});
