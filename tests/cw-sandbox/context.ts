// What a route handler receives and returns, plus the generic list/get/count answers.
import type { KeyName } from './auth.ts';
import { ApiError, notFound } from './errors.ts';
import { filterItems, paginate, parseFields, projectFields, sortItems } from './query.ts';
import { render } from './render.ts';
import type { Member, Obj, SandboxState } from './types.ts';

export interface Ctx {
  method: string;
  /** Path after apis/3.0, e.g. /service/tickets/1001. */
  apiPath: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  state: SandboxState;
  /** The member the API key belongs to. */
  member: Member;
  /** Which key authenticated ('full' or a RESTRICTED_KEYS name), for restrictions a route decides. */
  key: KeyName;
  /** Absolute API base, e.g. http://127.0.0.1:4000/v2026_4/apis/3.0 */
  apiBase: string;
  requestUrl: URL;
  now(): Date;
}

export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => ApiResult;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

export function intParam(ctx: Ctx, name: string): number {
  return Number(ctx.params[name]);
}

interface ListOptions {
  ticketPath?: string;
  /** Sees the page about to be returned (before `fields`); throws to refuse it (permission checks). */
  checkPage?: (items: Obj[]) => void;
}

/** GET list: conditions → orderBy → paging → fields, with the Link header. */
export function listResult(ctx: Ctx, items: Obj[], schema: string, opts: ListOptions = {}): ApiResult {
  const fields = parseFields(ctx.query.get('fields'), schema);
  const rendered = items.map((i) => render(i, ctx.apiBase, opts.ticketPath));
  const filtered = filterItems(rendered, ctx.query, schema);
  const forwardOnly = String(ctx.headers['pagination-type'] ?? '').toLowerCase() === 'forward-only';
  if (forwardOnly && ctx.query.get('orderBy')) {
    throw new ApiError(400, {
      code: 'InvalidObject',
      message: 'orderBy is not supported with forward-only pagination.',
    });
  }
  const sorted = sortItems(filtered, forwardOnly ? null : ctx.query.get('orderBy'), schema);
  const page = paginate(sorted, ctx.query, ctx.requestUrl, forwardOnly);
  opts.checkPage?.(page.items);
  return {
    status: 200,
    body: page.items.map((i) => projectFields(i, fields)),
    headers: page.link ? { Link: page.link } : {},
  };
}

export function itemResult(
  ctx: Ctx,
  item: Obj | undefined,
  schema: string,
  what: string,
  opts: ListOptions = {},
): ApiResult {
  if (!item) throw notFound(`${what} not found`);
  const fields = parseFields(ctx.query.get('fields'), schema);
  return { status: 200, body: projectFields(render(item, ctx.apiBase, opts.ticketPath), fields) };
}

export function countResult(ctx: Ctx, items: Obj[], schema: string): ApiResult {
  const rendered = items.map((i) => render(i, ctx.apiBase));
  return { status: 200, body: { count: filterItems(rendered, ctx.query, schema).length } };
}
