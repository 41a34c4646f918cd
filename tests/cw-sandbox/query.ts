// List query parameters shared by every GET: conditions, childConditions, customFieldConditions,
// orderBy, fields, page/pageSize (+ RFC 5988 Link header) and forward-only paging (pageId).
import { resolveSchemaPath } from '../support/openapi.ts';
import { ConditionError, type ConditionNode, evaluate, parseConditions } from './conditions.ts';
import { ApiError } from './errors.ts';
import type { Obj } from './types.ts';

// Top-level condition names that CW maps onto _info (DG: `lastUpdated > [2016-08-20T18:04:26Z]`).
const INFO_ALIASES = ['lastUpdated', 'dateEntered', 'enteredBy', 'updatedBy'];

const findError = (message: string) => new ApiError(400, { code: 'ApiFindCondition', message });

/** Canonical field path for conditions/orderBy, or a 400 like CW's "x is not a recognized name.". */
function conditionField(schema: string, field: string): string {
  const hit = resolveSchemaPath(schema, field, true);
  if (hit) return hit.path;
  const alias = INFO_ALIASES.find((a) => a.toLowerCase() === field.toLowerCase());
  if (alias && resolveSchemaPath(schema, '_info')) return `_info/${alias}`;
  // Message as reported from a real server (LabtechConsulting/ConnectWise-Manage-Powershell#4).
  throw findError(`${field} is not a recognized name.`);
}

export function resolvePath(record: unknown, field: string): unknown[] {
  let current: unknown[] = [record];
  for (const seg of field.split('/')) {
    const next: unknown[] = [];
    for (const v of current) {
      const items = Array.isArray(v) ? v : [v];
      for (const item of items) {
        if (item && typeof item === 'object' && seg in item) next.push((item as Obj)[seg]);
      }
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function compileConditions(schema: string, text: string | null): ConditionNode | undefined {
  if (text === null || text.trim() === '') return undefined;
  let node: ConditionNode;
  try {
    node = parseConditions(text);
  } catch (e) {
    if (e instanceof ConditionError) throw findError(e.message);
    throw e;
  }
  rewriteFields(node, schema);
  return node;
}

function rewriteFields(node: ConditionNode, schema: string): void {
  if (node.kind === 'cmp') node.field = conditionField(schema, node.field);
  else {
    rewriteFields(node.left, schema);
    rewriteFields(node.right, schema);
  }
}

/** Applies conditions + childConditions (+ customFieldConditions: no seeded record has custom fields). */
export function filterItems<T extends Obj>(items: T[], query: URLSearchParams, schema: string): T[] {
  const nodes = [query.get('conditions'), query.get('childConditions')]
    .map((text) => compileConditions(schema, text))
    .filter((n): n is ConditionNode => n !== undefined);
  const custom = query.get('customFieldConditions');
  if (custom?.trim()) {
    try {
      parseConditions(custom);
    } catch (e) {
      if (e instanceof ConditionError) throw findError(e.message);
      throw e;
    }
    return [];
  }
  return items.filter((item) => nodes.every((n) => evaluate(n, item, resolvePath)));
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // SQL Server sorts NULL first in ascending order.
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function sortItems<T extends Obj>(items: T[], orderBy: string | null, schema: string): T[] {
  const keys: { field: string; dir: number }[] = [];
  for (const part of (orderBy ?? '').split(',')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const m = /^(\S+)(?:\s+(asc|desc))?$/i.exec(trimmed);
    if (!m?.[1]) throw findError(`orderBy '${trimmed}' is not valid. Use 'field asc' or 'field desc'.`);
    keys.push({ field: conditionField(schema, m[1]), dir: m[2]?.toLowerCase() === 'desc' ? -1 : 1 });
  }
  keys.push({ field: 'id', dir: 1 });
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(resolvePath(a, k.field)[0], resolvePath(b, k.field)[0]);
      if (c !== 0) return c * k.dir;
    }
    return 0;
  });
}

/** Parsed `fields` list, validated against the schema; undefined when absent. */
export function parseFields(fields: string | null, schema: string): string[][] | undefined {
  if (fields === null || fields.trim() === '') return undefined;
  return fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => {
      const hit = resolveSchemaPath(schema, f, true);
      // Real CW answers 400 for an unknown member in `fields` (DB); body wording is UNCONFIRMED.
      if (!hit) throw new ApiError(400, { code: 'InvalidField', message: `${f} is not a valid field name.` });
      return hit.path.split('/');
    });
}

export function projectFields(record: Obj, paths: string[][] | undefined): Obj {
  if (!paths) return record;
  const out: Obj = {};
  for (const segs of paths) copyPath(out, record, segs);
  return out;
}

function copyPath(out: Obj, src: unknown, segs: string[]): void {
  const [head, ...rest] = segs;
  if (head === undefined || !src || typeof src !== 'object' || !(head in src)) return;
  const v = (src as Obj)[head];
  if (v === undefined) return;
  if (rest.length === 0 || v === null || typeof v !== 'object') {
    out[head] = v;
  } else if (Array.isArray(v)) {
    const arr = (Array.isArray(out[head]) ? out[head] : v.map(() => ({}))) as Obj[];
    for (const [i, el] of v.entries()) copyPath(arr[i] as Obj, el, rest);
    out[head] = arr;
  } else {
    const sub = (out[head] && typeof out[head] === 'object' ? out[head] : {}) as Obj;
    copyPath(sub, v, rest);
    out[head] = sub;
  }
}

export interface Page<T> {
  items: T[];
  link?: string;
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n))
    throw new ApiError(400, { code: 'InvalidObject', message: `${name} must be an integer.` });
  return n;
}

/**
 * page is 1-based; pageSize defaults to 25 and is silently capped at 1000 (DG, DB).
 * Link follows the DG example: next/last from the first page, first/prev from the last one.
 */
export function paginate<T extends Obj>(
  items: T[],
  query: URLSearchParams,
  requestUrl: URL,
  forwardOnly: boolean,
): Page<T> {
  const requested = intParam(query, 'pageSize');
  const size = requested !== undefined && requested > 0 ? Math.min(1000, requested) : 25;
  const link = (params: Record<string, number>, rel: string) => {
    const u = new URL(requestUrl);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  if (forwardOnly) {
    // Forward-only paging: ordered by id, `pageId` acts as id > pageId, page is ignored (DG).
    const after = intParam(query, 'pageId') ?? 0;
    const rest = [...items].sort((a, b) => Number(a.id) - Number(b.id)).filter((i) => Number(i.id) > after);
    const slice = rest.slice(0, size);
    const lastId = slice.at(-1)?.id;
    return {
      items: slice,
      link: rest.length > size && lastId !== undefined ? link({ pageId: Number(lastId) }, 'next') : undefined,
    };
  }
  const page = Math.max(1, intParam(query, 'page') ?? 1);
  const lastPage = Math.max(1, Math.ceil(items.length / size));
  const slice = items.slice((page - 1) * size, page * size);
  const rels: string[] = [];
  if (page > 1) rels.push(link({ page: 1 }, 'first'), link({ page: Math.min(page - 1, lastPage) }, 'prev'));
  if (page < lastPage) rels.push(link({ page: page + 1 }, 'next'), link({ page: lastPage }, 'last'));
  return { items: slice, link: rels.length > 0 ? rels.join(', ') : undefined };
}
