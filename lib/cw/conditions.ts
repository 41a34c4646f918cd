// Builds CW `conditions` strings. Values are always quoted/escaped here, so text typed by a user (a
// ticket summary with quotes, %, &, [) can never change the shape of the query. The whole string is
// then URL-encoded by the client (encodeURIComponent), which handles `&`, `%`, `+` and `[` in transit.

export type CwValue = string | number | boolean | null | Date;

export class ConditionError extends Error {}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new ConditionError(`Not a CW field path: ${name}`);
  return name;
}

/** CW datetimes go in square brackets, `yyyy-MM-ddTHH:mm:ssZ` (no milliseconds). */
export function formatCwDate(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new ConditionError('Invalid date');
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function quoteString(s: string): string {
  // Backslash-escape the escape character and the quote; fold line breaks, which CW can't take here.
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`;
}

export function formatValue(v: CwValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ConditionError('Numbers in conditions must be finite');
    return String(v);
  }
  if (v instanceof Date) return `[${formatCwDate(v)}]`;
  return quoteString(v);
}

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';

export const cond = {
  cmp: (name: string, op: Op, v: CwValue) => `${field(name)} ${op} ${formatValue(v)}`,
  eq: (name: string, v: CwValue) => cond.cmp(name, '=', v),
  ne: (name: string, v: CwValue) => cond.cmp(name, '!=', v),
  contains: (name: string, s: string) => `${field(name)} contains ${quoteString(s)}`,
  notContains: (name: string, s: string) => `${field(name)} not contains ${quoteString(s)}`,
  in: (name: string, values: readonly CwValue[]) => {
    if (values.length === 0) throw new ConditionError('`in` needs at least one value');
    return `${field(name)} in (${values.map(formatValue).join(', ')})`;
  },
  and: (...parts: (string | undefined | false)[]) => join('and', parts),
  or: (...parts: (string | undefined | false)[]) => join('or', parts),
};

function join(op: 'and' | 'or', parts: (string | undefined | false)[]): string {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  if (kept.length === 1) return kept[0]!;
  return kept.map((p) => `(${p})`).join(` ${op} `);
}

export interface ListQuery {
  conditions?: string;
  childConditions?: string;
  orderBy?: string;
  fields?: readonly string[];
  page?: number;
  pageSize?: number;
}

/** encodeURIComponent plus the characters the DG's escaping table lists that it leaves alone (' * ( ) !). */
export function encodeCwParam(v: string): string {
  return encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Query string for a CW list/get call; every value is fully percent-encoded (space → %20, + → %2B). */
export function buildQueryString(q: ListQuery): string {
  const pairs: [string, string][] = [];
  if (q.conditions) pairs.push(['conditions', q.conditions]);
  if (q.childConditions) pairs.push(['childConditions', q.childConditions]);
  if (q.orderBy) pairs.push(['orderBy', q.orderBy]);
  if (q.fields?.length) pairs.push(['fields', q.fields.join(',')]);
  if (q.page !== undefined) pairs.push(['page', String(q.page)]);
  if (q.pageSize !== undefined) pairs.push(['pageSize', String(q.pageSize)]);
  return pairs.map(([k, v]) => `${k}=${encodeCwParam(v)}`).join('&');
}
