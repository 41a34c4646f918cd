// The roster CSV: one technician per line, `name,email`; a header row is optional. Quoted fields
// (RFC 4180: "Smith, John","a@b.com", "" for a quote) are accepted because spreadsheets write them.
// Bad rows are reported by line number and skipped; good rows are returned.

export interface RosterRow {
  name: string;
  email: string;
}

export interface CsvRowError {
  line: number;
  message: string;
}

export interface RosterCsv {
  rows: RosterRow[];
  errors: CsvRowError[];
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
export const MAX_CSV_CHARS = 200_000;

export function isEmail(s: string): boolean {
  return EMAIL.test(s.trim());
}

/** Splits one CSV line into fields, honouring double quotes. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === ',' || ch === ';' || ch === '\t') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

function isHeader(fields: string[]): boolean {
  return /^(full\s*)?name$/i.test(fields[0] ?? '') && /^e-?mail(\s*address)?$/i.test(fields[1] ?? '');
}

export function parseRosterCsv(text: string): RosterCsv {
  const rows: RosterRow[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (!line.trim()) return;
    const fields = splitCsvLine(line);
    if (i === 0 && isHeader(fields)) return;
    const [name = '', email = '', ...rest] = fields;
    if (rest.some((f) => f !== '')) {
      errors.push({ line: lineNo, message: 'expected two columns: name,email' });
    } else if (!name) {
      errors.push({ line: lineNo, message: 'the name is empty' });
    } else if (!isEmail(email)) {
      errors.push({
        line: lineNo,
        message: email ? `"${email}" is not an email address` : 'the email is empty',
      });
    } else if (seen.has(email.toLowerCase())) {
      errors.push({ line: lineNo, message: `${email} appears twice in the file` });
    } else {
      seen.add(email.toLowerCase());
      rows.push({ name, email });
    }
  });
  return { rows, errors };
}

export function describeCsvErrors(errors: readonly CsvRowError[], max = 5): string {
  const shown = errors.slice(0, max).map((e) => `line ${e.line}: ${e.message}`);
  const more = errors.length > max ? `; and ${errors.length - max} more` : '';
  return shown.join('; ') + more;
}
