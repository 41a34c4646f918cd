// The Autotask ticket a web-UI URL points at (docs/reference/autotask-api.md §7). Pure: no DOM, no
// globals; tested against lists of URLs that must and must not match. Parameter names are compared
// without case (`ticketId`, `TicketID`, `TicketId` all occur). The new layout shell carries the inner
// page's URL in base64 JSON `view-data`; it is decoded and read like any other URL.

export type AutotaskUrlTicket = { by: 'id'; id: number } | { by: 'number'; number: string };

/** Autotask ticket numbers: T + yyyymmdd + . + 3–5 digits, optionally .nnn (AQM TICKET_RE). */
export const TICKET_NUMBER = /^T\d{8}\.\d{3,5}(?:\.\d{3})?$/i;

const DETAIL_PATHS = ['/mvc/servicedesk/ticketdetail.mvc', '/mvc/servicedesk/ticketdetail.mvc/index'];
const EXECUTE_PATH = '/autotask/autotaskextend/executecommand.aspx';
const SHELL_PATH = '/autotaskonyx/landingpage';

/** UI hosts: ww{N}.autotask.net and the pre-release hosts prde/pres (N8N deep-link.ts). */
export function isAutotaskUiHost(hostname: string): boolean {
  return /^(?:ww\d{1,3}|prde|pres)\.autotask\.net$/i.test(hostname.replace(/\.$/, ''));
}

function param(params: URLSearchParams, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of params) if (k.toLowerCase() === want) return v;
  return undefined;
}

function positiveId(v: string | undefined): number | undefined {
  if (!v || !/^\d{1,10}$/.test(v.trim())) return undefined;
  const n = Number(v.trim());
  return n > 0 && n <= 2_147_483_647 ? n : undefined;
}

function ticketNumber(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s && TICKET_NUMBER.test(s) ? s.toUpperCase() : undefined;
}

function fromParams(q: URLSearchParams): AutotaskUrlTicket | undefined {
  const id = positiveId(param(q, 'ticketId'));
  if (id) return { by: 'id', id };
  const number = ticketNumber(param(q, 'TicketNumber'));
  return number ? { by: 'number', number } : undefined;
}

/** The inner page URL of the shell's `view-data` (standard or URL-safe base64, padding optional). */
export function shellInnerUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.pathname.toLowerCase().replace(/\/+$/, '') !== SHELL_PATH) return undefined;
  const data = param(url.searchParams, 'view-data');
  if (!data) return undefined;
  try {
    const b64 = data.trim().replace(/-/g, '+').replace(/_/g, '/');
    const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0))));
    const inner = (json as { url?: unknown } | null)?.url;
    return typeof inner === 'string' && inner ? new URL(inner, url).toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The ticket an Autotask page URL names, or undefined for tasks, accounts, projects, grids, home… */
export function autotaskTicketFromUrl(href: string, depth = 0): AutotaskUrlTicket | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const path = url.pathname.toLowerCase().replace(/\/+$/, '');
  if (DETAIL_PATHS.includes(path)) return fromParams(url.searchParams);
  if (path === EXECUTE_PATH) {
    const code = (param(url.searchParams, 'Code') ?? '').trim().toLowerCase();
    return code === 'openticketdetail' ? fromParams(url.searchParams) : undefined;
  }
  if (path === SHELL_PATH && depth === 0) {
    const inner = shellInnerUrl(href);
    return inner ? autotaskTicketFromUrl(inner, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * Path prefixes of Autotask's UI pages (ticket detail, ExecuteCommand, the new shell), as match-pattern
 * paths. The e2e build restricts each PSA's loopback content script by them: the CW and Autotask
 * sandboxes are both loopback, and match patterns cannot tell ports apart.
 */
export const AUTOTASK_PAGE_PATHS = ['/Mvc/*', '/Autotask/*', '/AutotaskOnyx/*'];
