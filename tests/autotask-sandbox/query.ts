// POST {Entity}/query (and GET ?search=, /query/count, the paging URL): filter → id ascending → page →
// IncludeFields. Autotask has no server-side sort; results come back id ascending (PAUL). The paging URL
// carries only the position; the client POSTs the same body to it again (PAUL, DJA, KT).
import { canonicalField } from './fields.ts';
import { compileFilter, QueryError } from './filter.ts';
import type { Row } from './types.ts';

export const MAX_PAGE = 500;

export interface QueryModel {
  filter?: unknown;
  includeFields?: unknown;
  maxRecords?: unknown;
}

/** Reads a QueryModel whatever the key casing (KT/APG send `filter`, PAUL sends `Filter`). */
export function readQueryModel(body: unknown): QueryModel | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const out: QueryModel = {};
  for (const [k, v] of Object.entries(body)) {
    const key = k.toLowerCase();
    if (key === 'filter') out.filter = v;
    else if (key === 'includefields') out.includeFields = v;
    else if (key === 'maxrecords') out.maxRecords = v;
  }
  return out;
}

export interface Paging {
  pageSize: number;
  previousIds: number[];
  nextIds: number[];
}

export interface QueryAnswer {
  items: Record<string, unknown>[];
  pageDetails: {
    count: number;
    requestCount: number;
    prevPageUrl: string | null;
    nextPageUrl: string | null;
  };
}

export interface QueryRun {
  entity: string;
  rows: Row[];
  model: QueryModel;
  /** Absolute URL of `{Entity}/query` without a query string; paging URLs hang off it. */
  queryUrl: string;
  paging?: Paging;
  violations: string[];
}

function pageSizeOf(model: QueryModel, violations: string[]): number {
  if (model.maxRecords === undefined || model.maxRecords === null) return MAX_PAGE;
  const n = Number(model.maxRecords);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    violations.push(
      `MaxRecords must be an integer from 1 to ${MAX_PAGE}, got ${JSON.stringify(model.maxRecords)}`,
    );
    throw new QueryError(`MaxRecords must be between 1 and ${MAX_PAGE}.`);
  }
  return n;
}

function includeFieldsOf(entity: string, model: QueryModel, violations: string[]): string[] | undefined {
  const inc = model.includeFields;
  if (inc === undefined || inc === null) return undefined;
  if (!Array.isArray(inc) || inc.some((f) => typeof f !== 'string')) {
    throw new QueryError('IncludeFields must be an array of field names.');
  }
  if (inc.length === 0) return undefined;
  return inc.map((f: string) => {
    const canon = canonicalField(entity, f);
    if (!canon) throw new QueryError(`Unable to find ${f} in the ${entity} entity.`);
    if (canon !== f) violations.push(`IncludeFields '${f}' should be spelled '${canon}'`);
    return canon;
  });
}

/** The rows matching the model's filter, id ascending. Throws QueryError for what Autotask refuses. */
export function matchingRows(entity: string, rows: Row[], model: QueryModel, violations: string[]): Row[] {
  if (!Array.isArray(model.filter) || model.filter.length === 0) {
    // PAUL: a query without a filter answers 500 "Parameter name: filters".
    throw new QueryError('Value cannot be null. Parameter name: filters');
  }
  const compiled = compileFilter(entity, model.filter);
  violations.push(...compiled.violations);
  return rows.filter(compiled.test).sort((a, b) => a.id - b.id);
}

export function runQuery(run: QueryRun): QueryAnswer {
  const { entity, model, violations } = run;
  const pageSize = run.paging?.pageSize ?? pageSizeOf(model, violations);
  const fields = includeFieldsOf(entity, model, violations);
  const all = matchingRows(entity, run.rows, model, violations);

  let start = 0;
  if (run.paging?.nextIds.length) {
    const after = Math.max(...run.paging.nextIds);
    start = all.findIndex((r) => r.id > after);
    if (start < 0) start = all.length;
  } else if (run.paging?.previousIds.length) {
    const before = Math.min(...run.paging.previousIds);
    const end = all.findIndex((r) => r.id >= before);
    start = Math.max(0, (end < 0 ? all.length : end) - pageSize);
  }
  const page = all.slice(start, start + pageSize);
  if (fields && !fields.includes('id') && all.length > pageSize) {
    throw new QueryError(
      'For search results that contain more than 500 results, you must include Id as a field.',
    );
  }
  const link = (p: Paging) => `${run.queryUrl}/next?paging=${encodeURIComponent(JSON.stringify(p))}`;
  const first = page[0];
  const last = page.at(-1);
  const hasNext = last !== undefined && start + page.length < all.length;
  const hasPrev = first !== undefined && start > 0;
  return {
    items: page.map((r) => project(r, fields)),
    pageDetails: {
      count: page.length,
      requestCount: pageSize,
      prevPageUrl: hasPrev ? link({ pageSize, previousIds: [first.id], nextIds: [] }) : null,
      nextPageUrl: hasNext ? link({ pageSize, previousIds: [], nextIds: [last.id] }) : null,
    },
  };
}

export function countQuery(entity: string, rows: Row[], model: QueryModel, violations: string[]) {
  return { queryCount: matchingRows(entity, rows, model, violations).length };
}

function project(row: Row, fields: string[] | undefined): Record<string, unknown> {
  const copy = structuredClone(row) as Record<string, unknown>;
  if (!fields) return { ...copy, userDefinedFields: [] };
  return Object.fromEntries(fields.map((f) => [f, copy[f] ?? null]));
}

export function parsePaging(text: string | null): Paging | undefined {
  if (!text) return undefined;
  try {
    const p = JSON.parse(text) as Partial<Paging>;
    if (typeof p.pageSize !== 'number') return undefined;
    return {
      pageSize: p.pageSize,
      previousIds: Array.isArray(p.previousIds) ? p.previousIds.map(Number) : [],
      nextIds: Array.isArray(p.nextIds) ? p.nextIds.map(Number) : [],
    };
  } catch {
    return undefined;
  }
}
