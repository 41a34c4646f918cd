// Reading the Autotask ticket on screen from the page DOM (AQM, captured 2026; English UI): the title bar
// "Ticket - T20260101.0001 - Printer not working (Contoso Ltd)" (edit page: "Edit Ticket - …") and the
// heading (.EntityHeadingContainer: number in .IdentificationText, title in .Title .Text). Element ids
// change on every load, so only classes are used. Parsing is pure; readers only query the given tree.

import { TICKET_NUMBER } from './url';

export interface AutotaskScreenTicket {
  number: string;
  title?: string;
  /** The edit page (body.EntityEdit, "Edit Ticket - …") rather than the detail page. */
  editing: boolean;
  source: 'heading' | 'titleBar';
}

export const TITLE_BAR_SELECTOR = '.TitleBarItem.Title';
export const HEADING_SELECTOR = '.EntityHeadingContainer';

const clean = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const NUMBER_IN_TEXT = /\bT\d{8}\.\d{3,5}(?:\.\d{3})?\b/i;

/**
 * "Ticket - T20260101.0001 - Printer not working (Contoso Ltd)" → number and the text after it. The
 * account in brackets cannot be told from a title that ends in brackets, so `rest` keeps it; the
 * heading has the clean title.
 */
export function parseTitleBar(
  text: string | null | undefined,
): { number: string; rest?: string; editing: boolean } | undefined {
  const m = /^(edit\s+)?ticket\s*[-–—:]\s*(T\d{8}\.\d{3,5}(?:\.\d{3})?)\b\s*(?:[-–—:]\s*(.*))?$/i.exec(
    clean(text),
  );
  if (!m) return undefined;
  const rest = m[3]?.trim();
  return { number: m[2]!.toUpperCase(), editing: Boolean(m[1]), ...(rest ? { rest } : {}) };
}

function isShown(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el) : !(el as HTMLElement).hidden;
}

/** The ticket the page shows: the heading when rendered, else the title bar; undefined otherwise. */
export function readAutotaskTicket(root: Document | Element): AutotaskScreenTicket | undefined {
  const body = 'body' in root ? root.body : root.closest('body');
  const editClass = Boolean(body?.classList.contains('EntityEdit'));
  for (const h of root.querySelectorAll(HEADING_SELECTOR)) {
    if (!isShown(h)) continue;
    const number = clean(h.querySelector('.IdentificationText')?.textContent);
    if (!TICKET_NUMBER.test(number)) continue;
    const title = clean(h.querySelector('.Title .Text')?.textContent);
    const bar = parseTitleBar(root.querySelector(TITLE_BAR_SELECTOR)?.textContent);
    return {
      number: number.toUpperCase(),
      ...(title ? { title } : {}),
      editing: editClass || Boolean(bar?.editing),
      source: 'heading',
    };
  }
  for (const el of root.querySelectorAll(TITLE_BAR_SELECTOR)) {
    if (!isShown(el)) continue;
    const bar = parseTitleBar(el.textContent);
    if (!bar) continue;
    return {
      number: bar.number,
      ...(bar.rest ? { title: bar.rest } : {}),
      editing: editClass || bar.editing,
      source: 'titleBar',
    };
  }
  return undefined;
}

/** A ticket number anywhere in a text (e.g. a document title), for last-resort hints only. */
export function ticketNumberIn(text: string | null | undefined): string | undefined {
  return NUMBER_IN_TEXT.exec(text ?? '')?.[0]?.toUpperCase();
}
