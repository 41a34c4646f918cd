import type { TicketKind } from '../ticket/types';

// Ticket ids carried by CW web-UI URLs (cw-api.md §7). Pure: no DOM, no globals, tested against lists
// of real-looking URLs. A URL id can be stale after in-app navigation; watch.ts decides when to trust it.

export interface UrlTicket {
  kind: TicketKind;
  id: number;
}

const SERVICE_ROUTES = new Set(['servicefv', 'serviceticket']);
// ProjectTicketFV is what the sandbox serves; the real route name for project tickets is UNCONFIRMED.
const PROJECT_ROUTES = new Set(['projectticketfv']);

/** Query parameter lookup ignoring case (CW mixes `srRecID`, `recid`, `RecID`). */
function param(params: URLSearchParams, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of params) if (k.toLowerCase() === want) return v;
  return undefined;
}

function positiveInt(v: string | undefined): number | undefined {
  if (!v || !/^\d{1,10}$/.test(v.trim())) return undefined;
  const n = Number(v.trim());
  return n > 0 && n <= 2_147_483_647 ? n : undefined;
}

function kindOfRoute(route: string | undefined): TicketKind | undefined {
  const r = (route ?? '').toLowerCase();
  if (SERVICE_ROUTES.has(r)) return 'service';
  if (PROJECT_ROUTES.has(r)) return 'project';
  return undefined;
}

/** `#startscreen=sr150&state={"p":"sr150","s":{"p":{"pid":184,"rd":123,"screenid":"sr100"}}}` */
function fromHashState(hash: string): UrlTicket | undefined {
  if (!hash || hash.length < 2) return undefined;
  const h = new URLSearchParams(hash.replace(/^#/, ''));
  const screen = (param(h, 'startscreen') ?? '').toLowerCase();
  const stateText = param(h, 'state');
  if (!stateText) return undefined;
  let state: unknown;
  try {
    state = JSON.parse(stateText);
  } catch {
    return undefined;
  }
  const outer = state as { p?: unknown; s?: { p?: { rd?: unknown; screenid?: unknown } } } | null;
  const inner = outer?.s?.p;
  const rd = typeof inner?.rd === 'number' ? String(inner.rd) : typeof inner?.rd === 'string' ? inner.rd : '';
  const id = positiveInt(rd);
  if (!id) return undefined;
  // Service ticket screens are sr100 (detail) / sr150 (ticket tabs); sr200 is the board.
  const screens = [screen, String(outer?.p ?? ''), String(inner?.screenid ?? '')].map((s) => s.toLowerCase());
  if (!screens.some((s) => s === 'sr100' || s === 'sr150')) return undefined;
  return { kind: 'service', id };
}

/** The ticket a CW page URL points at, or undefined for boards, companies, configs, time entries… */
export function ticketFromUrl(href: string): UrlTicket | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const q = url.searchParams;
  const path = url.pathname.toLowerCase();

  if (path.endsWith('/fv_sr100_request.rails')) {
    const id = positiveInt(param(q, 'service_recid'));
    return id ? { kind: 'service', id } : undefined;
  }
  if (path.endsWith('/openrecord.rails')) {
    const kind = kindOfRoute(param(q, 'recordType'));
    const id = positiveInt(param(q, 'recid'));
    return kind && id ? { kind, id } : undefined;
  }

  const hashTicket = fromHashState(url.hash);
  if (hashTicket) return hashTicket;

  if (path.endsWith('.aspx')) {
    const routeTo = param(q, 'routeTo');
    const srRecId = positiveInt(param(q, 'srRecID')) ?? positiveInt(param(q, 'serviceTicketId'));
    const recid = positiveInt(param(q, 'recid'));
    if (routeTo !== undefined) {
      const kind = kindOfRoute(routeTo);
      if (!kind) return undefined; // routeTo=CompanyFV&recid=… is a company, not a ticket
      const id = kind === 'service' ? (recid ?? srRecId) : recid;
      return id ? { kind, id } : undefined;
    }
    // No routeTo: only the explicitly service-named parameters count (a bare recid could be anything).
    if (srRecId) return { kind: 'service', id: srRecId };
  }
  return undefined;
}
