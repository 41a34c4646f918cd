// Building Autotask queries (docs/reference/autotask-api.md §3) as pure functions. A query is a JSON body
// {filter, IncludeFields, MaxRecords}; values travel as JSON, so nothing is quoted or escaped by hand —
// but values are checked: booleans must be literal true/false, `in` lists must be non-empty arrays,
// null is never a value (use exist/notExist), and a misspelled operator cannot be built at all (Autotask
// would silently ignore it and return too much).

export type Scalar = string | number | boolean;

export type Condition =
  | { op: 'eq' | 'noteq' | 'gt' | 'gte' | 'lt' | 'lte'; field: string; value: Scalar }
  | { op: 'beginsWith' | 'endsWith' | 'contains'; field: string; value: string }
  | { op: 'in' | 'notIn'; field: string; value: (string | number)[] }
  | { op: 'exist' | 'notExist'; field: string };

export type Group = { op: 'and' | 'or'; items: Filter[] };
export type Filter = Condition | Group;

export interface AtQuery {
  filter: Filter[];
  includeFields?: string[];
  /** 1–500; Autotask's page size. */
  maxRecords?: number;
}

/** What goes on the wire (key spelling as in the Swagger QueryModel). */
export interface QueryBody {
  filter: Filter[];
  IncludeFields?: string[];
  MaxRecords?: number;
}

export const MAX_RECORDS = 500;
/** Documented for SOAP ("500 or fewer 'OR' conditions"), assumed for REST (UNCONFIRMED). */
export const MAX_OR = 500;

export class QueryBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryBuildError';
  }
}

const FIELD = /^[A-Za-z][A-Za-z0-9]*$/;

function checkField(field: string): string {
  if (!FIELD.test(field)) throw new QueryBuildError(`Not an Autotask field name: ${JSON.stringify(field)}`);
  return field;
}

function checkScalar(v: unknown): Scalar {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new QueryBuildError(
    `A filter value must be a string, a finite number or true/false, got ${String(v)}`,
  );
}

/** Condition and group builders: `f.and(f.eq('ticketID', 7), f.contains('description', 'ref abc'))`. */
export const f = {
  eq: (field: string, value: Scalar): Filter => ({
    op: 'eq',
    field: checkField(field),
    value: checkScalar(value),
  }),
  noteq: (field: string, value: Scalar): Filter => ({
    op: 'noteq',
    field: checkField(field),
    value: checkScalar(value),
  }),
  gt: (field: string, value: Scalar): Filter => ({
    op: 'gt',
    field: checkField(field),
    value: checkScalar(value),
  }),
  gte: (field: string, value: Scalar): Filter => ({
    op: 'gte',
    field: checkField(field),
    value: checkScalar(value),
  }),
  lt: (field: string, value: Scalar): Filter => ({
    op: 'lt',
    field: checkField(field),
    value: checkScalar(value),
  }),
  lte: (field: string, value: Scalar): Filter => ({
    op: 'lte',
    field: checkField(field),
    value: checkScalar(value),
  }),
  contains: (field: string, value: string): Filter => textCondition('contains', field, value),
  beginsWith: (field: string, value: string): Filter => textCondition('beginsWith', field, value),
  endsWith: (field: string, value: string): Filter => textCondition('endsWith', field, value),
  in: (field: string, values: readonly (string | number)[]): Filter => listCondition('in', field, values),
  notIn: (field: string, values: readonly (string | number)[]): Filter =>
    listCondition('notIn', field, values),
  exist: (field: string): Filter => ({ op: 'exist', field: checkField(field) }),
  notExist: (field: string): Filter => ({ op: 'notExist', field: checkField(field) }),
  and: (...items: Filter[]): Filter => group('and', items),
  or: (...items: Filter[]): Filter => group('or', items),
  /** Every record: Autotask refuses a query without a filter (PAUL), so "id ≥ 0" stands for "all". */
  all: (): Filter => ({ op: 'gte', field: 'id', value: 0 }),
};

function textCondition(op: 'contains' | 'beginsWith' | 'endsWith', field: string, value: string): Filter {
  if (typeof value !== 'string' || value === '') throw new QueryBuildError(`'${op}' needs non-empty text`);
  return { op, field: checkField(field), value };
}

function listCondition(op: 'in' | 'notIn', field: string, values: readonly (string | number)[]): Filter {
  if (!Array.isArray(values) || values.length === 0)
    throw new QueryBuildError(`'${op}' needs at least one value`);
  if (values.length > MAX_OR)
    throw new QueryBuildError(`'${op}' takes at most ${MAX_OR} values; split the list`);
  for (const v of values) {
    if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      throw new QueryBuildError(`'${op}' values must be strings or numbers`);
    }
  }
  return { op, field: checkField(field), value: [...values] };
}

function group(op: 'and' | 'or', items: Filter[]): Filter {
  if (items.length === 0) throw new QueryBuildError(`'${op}' needs at least one condition`);
  return items.length === 1 && op === 'and' ? items[0]! : { op, items };
}

/** OR conditions in a filter (each item of an `or` group counts), for the 500 limit. */
export function countOr(filters: readonly Filter[]): number {
  let n = 0;
  const walk = (x: Filter) => {
    if ('items' in x) {
      if (x.op === 'or') n += x.items.length;
      x.items.forEach(walk);
    }
  };
  filters.forEach(walk);
  return n;
}

/** The request body of `POST {Entity}/query`. Throws QueryBuildError for what Autotask would refuse. */
export function queryBody(q: AtQuery): QueryBody {
  if (!q.filter.length)
    throw new QueryBuildError('An Autotask query needs a filter (use f.all() for every record)');
  if (countOr(q.filter) > MAX_OR) throw new QueryBuildError(`More than ${MAX_OR} OR conditions in one query`);
  const body: QueryBody = { filter: q.filter };
  if (q.includeFields?.length) {
    body.IncludeFields = [...new Set(q.includeFields.map(checkField))];
  }
  if (q.maxRecords !== undefined) {
    if (!Number.isInteger(q.maxRecords) || q.maxRecords < 1 || q.maxRecords > MAX_RECORDS) {
      throw new QueryBuildError(`MaxRecords must be 1–${MAX_RECORDS}`);
    }
    body.MaxRecords = q.maxRecords;
  }
  return body;
}

/** Splits a long id list into `in` chunks that each stay under the OR limit. */
export function chunked<T>(values: readonly T[], size = MAX_OR): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
