// One CSV cell for every export (Post History, Activity, …). Quoted when needed (RFC 4180), and a
// value a spreadsheet would run as a formula is neutralised with a leading apostrophe: one starting
// with = + - @ also after leading blanks (spaces, tabs, CR/LF, no-break spaces), and one starting with
// a tab or CR (OWASP's CSV injection list). Numbers cannot be formulas and stay as they are.

const FORMULA = /^\s*[=+\-@]|^[\t\r]/;

export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  const safe = FORMULA.test(s) ? `'${s}` : s;
  return safe !== s || /[",\r\n]/.test(s) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
