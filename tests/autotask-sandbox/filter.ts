// Autotask query filters (docs/reference/autotask-api.md §3): a top-level array is AND; groups are
// {op:'and'|'or', items:[…]}; conditions {op, field, value}. String comparisons ignore case (SQL Server's
// default collation). A misspelled operator is silently ignored by Autotask (PAUL): the sandbox does the
// same but records a contract violation, so tests catch it.
import { canonicalField, ENTITY_FIELDS, type FieldSpec } from './fields.ts';
import type { Row } from './types.ts';

export const COMPARISON_OPS = [
  'eq',
  'noteq',
  'gt',
  'gte',
  'lt',
  'lte',
  'beginsWith',
  'endsWith',
  'contains',
  'exist',
  'notExist',
  'in',
  'notIn',
] as const;
const GROUP_OPS = ['and', 'or'];
export const MAX_OR_CONDITIONS = 500;

export class QueryError extends Error {}

interface Node {
  op?: unknown;
  field?: unknown;
  value?: unknown;
  udf?: unknown;
  items?: unknown;
}

type Predicate = (row: Row) => boolean;

export interface CompiledFilter {
  test: Predicate;
  violations: string[];
}

const lower = (v: unknown) => String(v).toLowerCase();

function comparable(spec: FieldSpec, v: unknown): number | string {
  if (spec.type === 'datetime') return Date.parse(String(v));
  if (typeof v === 'number') return v;
  if (spec.type === 'string') return lower(v);
  const n = Number(v);
  return Number.isNaN(n) ? lower(v) : n;
}

function equal(spec: FieldSpec, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return false;
  return comparable(spec, a) === comparable(spec, b);
}

export function compileFilter(entity: string, filter: unknown): CompiledFilter {
  const fields = ENTITY_FIELDS[entity];
  if (!fields) throw new QueryError(`Unknown entity ${entity}.`);
  const violations: string[] = [];
  let orCount = 0;

  const compile = (raw: unknown, path: string): Predicate => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new QueryError(`Invalid filter at ${path}: expected an object.`);
    }
    const n = raw as Node;
    const op = typeof n.op === 'string' ? n.op : '';
    const opLower = op.toLowerCase();
    if (GROUP_OPS.includes(opLower)) {
      if (!Array.isArray(n.items) || n.items.length === 0) {
        throw new QueryError(`Invalid filter at ${path}: '${op}' needs items.`);
      }
      const preds = n.items.map((item, i) => compile(item, `${path}.items[${i}]`));
      if (opLower === 'or') {
        orCount += preds.length;
        return (row) => preds.some((p) => p(row));
      }
      return (row) => preds.every((p) => p(row));
    }
    const known = COMPARISON_OPS.find((o) => o.toLowerCase() === opLower);
    if (!known) {
      violations.push(`filter ${path}: unknown operator '${op}' (Autotask ignores it silently)`);
      return () => true;
    }
    if (known !== op) violations.push(`filter ${path}: operator '${op}' should be spelled '${known}'`);
    if (n.udf === true) throw new QueryError('User-defined field filters are not emulated by the sandbox.');
    if (typeof n.field !== 'string') throw new QueryError(`Invalid filter at ${path}: missing field.`);
    const field = canonicalField(entity, n.field);
    if (!field) throw new QueryError(`Unable to find ${n.field} in the ${entity} entity.`);
    if (field !== n.field) violations.push(`filter ${path}: field '${n.field}' should be spelled '${field}'`);
    const spec = fields[field]!;
    if (spec.notQueryable) throw new QueryError(`The ${field} field of ${entity} cannot be queried.`);
    const v = n.value;
    const get = (row: Row) => row[field];

    if (known === 'exist') return (row) => get(row) !== null && get(row) !== undefined && get(row) !== '';
    if (known === 'notExist') return (row) => get(row) === null || get(row) === undefined || get(row) === '';
    if (known === 'in' || known === 'notIn') {
      if (!Array.isArray(v))
        throw new QueryError(`Invalid filter at ${path}: '${known}' needs an array value.`);
      const hit = (row: Row) => v.some((x) => equal(spec, get(row), x));
      return known === 'in' ? hit : (row) => !hit(row);
    }
    if (v === undefined || v === null || Array.isArray(v) || typeof v === 'object') {
      throw new QueryError(`Invalid filter at ${path}: '${known}' needs a single value.`);
    }
    if (spec.type === 'boolean' && typeof v !== 'boolean') {
      throw new QueryError(`Invalid filter at ${path}: ${field} takes true or false.`);
    }
    if ((spec.type === 'integer' || spec.type === 'long') && Number.isNaN(Number(v))) {
      throw new QueryError(`Invalid filter at ${path}: ${field} takes a number.`);
    }
    switch (known) {
      case 'eq':
        return (row) => equal(spec, get(row), v);
      case 'noteq':
        return (row) => !equal(spec, get(row), v);
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const want = comparable(spec, v);
        return (row) => {
          const x = get(row);
          if (x === null || x === undefined) return false;
          const have = comparable(spec, x);
          if (known === 'gt') return have > want;
          if (known === 'gte') return have >= want;
          if (known === 'lt') return have < want;
          return have <= want;
        };
      }
      case 'beginsWith':
        return (row) => typeof get(row) === 'string' && lower(get(row)).startsWith(lower(v));
      case 'endsWith':
        return (row) => typeof get(row) === 'string' && lower(get(row)).endsWith(lower(v));
      case 'contains':
        return (row) => typeof get(row) === 'string' && lower(get(row)).includes(lower(v));
    }
    return () => true;
  };

  let test: Predicate = () => true;
  if (filter !== undefined && filter !== null) {
    if (!Array.isArray(filter)) throw new QueryError('Filter must be an array.');
    const preds = filter.map((f, i) => compile(f, `filter[${i}]`));
    test = (row) => preds.every((p) => p(row));
  }
  if (orCount > MAX_OR_CONDITIONS) {
    throw new QueryError(
      `Invalid query syntax. Queries are limited to ${MAX_OR_CONDITIONS} or fewer 'OR' conditions.`,
    );
  }
  return { test, violations };
}
