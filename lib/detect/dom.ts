import type { TicketKind } from '../ticket/types';

// Reading the ticket on screen from CW's DOM: the banner ("Service Ticket #12345 - Summary", cw-api.md §7)
// and the document title. Parsing is pure; readBanner only queries the tree it is given.

export interface LabelTicket {
  kind: TicketKind;
  id: number;
  summary?: string;
}

export const BANNER_SELECTOR = '.cw_BannerView .detailLabel';

// "Service Ticket #12345 - Summary", "Project Ticket # 5001 – Summary", "Service Ticket #12345".
// Anchored at the start so a board label mentioning a ticket in passing does not count.
const LABEL = /^\s*(service|project)\s+ticket\s*#\s*(\d{1,10})(?:\s*(?:[-–—:]\s*|\s+)(.*?))?\s*$/is;

/** Parses a banner or title text; undefined when it does not name a service or project ticket. */
export function parseTicketLabel(text: string | null | undefined): LabelTicket | undefined {
  if (!text) return undefined;
  const m = LABEL.exec(text.replace(/\u00a0/g, ' '));
  if (!m) return undefined;
  const id = Number(m[2]);
  if (!(id > 0 && id <= 2_147_483_647)) return undefined;
  const kind: TicketKind = m[1]!.toLowerCase() === 'project' ? 'project' : 'service';
  const summary = m[3]?.replace(/\s+/g, ' ').trim();
  return summary ? { kind, id, summary } : { kind, id };
}

/** Titles: CW's own "Service Ticket #N - summary", or "#N - summary" as renamed by tab scripts. */
export function parseTicketTitle(title: string | null | undefined): LabelTicket | undefined {
  const label = parseTicketLabel(title);
  if (label) return label;
  const m = /^\s*#(\d{1,10})\s*[-–—:]\s*(.+?)\s*$/s.exec(title ?? '');
  if (!m) return undefined;
  const id = Number(m[1]);
  return id > 0 && id <= 2_147_483_647 ? { kind: 'service', id, summary: m[2] } : undefined;
}

function isShown(el: Element): boolean {
  // GWT keeps hidden views in the DOM; only a rendered banner describes what is on screen.
  const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(el);
  return !(el as HTMLElement).hidden;
}

/**
 * The text of the banner on screen: a string when a banner is rendered (it may name a board, not a
 * ticket), null when there is none (a loading screen, or a CW page without banners).
 */
export function readBanner(root: ParentNode): string | null {
  const el = findBanner(root);
  return el ? (el.textContent ?? '') : null;
}

/** The banner element on screen, if any (see readBanner). */
export function findBanner(root: ParentNode): Element | null {
  for (const el of root.querySelectorAll(BANNER_SELECTOR)) {
    if (isShown(el)) return el;
  }
  return null;
}
