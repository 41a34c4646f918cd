// Autotask-like web UI pages (docs/reference/autotask-api.md §7): server-rendered ticket detail pages in
// every URL form of the fact sheet, the title bar and heading DOM, element ids that change on every load,
// the "1 of N" navigator, the ExecuteCommand forms and the new layout shell that shows the ticket in an
// iframe named by base64 `view-data`. Paths mirror ww{N}.autotask.net; the host is the sandbox's.
import { randomBytes } from 'node:crypto';
import type { AtState, Row } from './types.ts';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Autotask element ids: "z" + 32 hex, different on every load (never select by id). */
const zid = () => `z${randomBytes(16).toString('hex')}`;

export const DETAIL_PATH = '/Mvc/ServiceDesk/TicketDetail.mvc';
export const EXECUTE_PATH = '/Autotask/AutotaskExtend/ExecuteCommand.aspx';
export const SHELL_PATH = '/AutotaskOnyx/LandingPage';
/** The edit page's path is the sandbox's own guess (the fact sheet only gives its body class and title). */
export const EDIT_PATH = '/Mvc/ServiceDesk/TicketEdit.mvc';

export function viewData(innerUrl: string): string {
  return Buffer.from(JSON.stringify({ url: innerUrl }), 'utf8').toString('base64');
}

/** Every URL form of one ticket, relative to the sandbox origin. */
export function ticketPagePaths(id: number, ticketNumber: string, nextId = id + 1) {
  return {
    plain: `${DETAIL_PATH}?ticketId=${id}`,
    workspace: `${DETAIL_PATH}?workspace=False&mode=0&TicketID=${id}`,
    mixedCase: `${DETAIL_PATH}?TicketId=${id}`,
    grid: `${DETAIL_PATH}?workspace=False&ids%5B0%5D=${id}&ids%5B1%5D=${nextId}&ticketId=${id}`,
    index: `${DETAIL_PATH}/Index?ticketId=${id}`,
    executeById: `${EXECUTE_PATH}?Code=OpenTicketDetail&TicketID=${id}`,
    executeByNumber: `${EXECUTE_PATH}?Code=OpenTicketDetail&TicketNumber=${encodeURIComponent(ticketNumber)}`,
    shell: `${SHELL_PATH}?view=TicketDetail&view-data=${encodeURIComponent(viewData(`${DETAIL_PATH}?ticketId=${id}`))}`,
  };
}

const STYLE = `
body{margin:0;font:13px/1.45 "Segoe UI",Arial,sans-serif;color:#333;background:#f4f6f8}
.TitleBar{background:#2b3e50;color:#fff;padding:8px 14px;display:flex;align-items:center}
.PageHeadingContainer{display:flex;gap:16px;align-items:center;width:100%}
.TitleBarItem.Title .Text{font-weight:600}
.TitleBarItem.Navigator{margin-left:auto;display:flex;gap:8px;align-items:center}
.TitleBarItem.Navigator a{color:#9cd2ff}
.EntityHeadingContainer{background:#fff;padding:10px 14px;border-bottom:1px solid #dde3e8}
.IdentificationText{color:#666;margin-right:8px}
.EntityHeadingContainer .Title .Text{font-size:18px;font-weight:600}
.CategoryChip,.TypeChip{display:inline-block;background:#e8eef4;border-radius:10px;padding:1px 8px;margin-right:6px}
.DetailsSection{background:#fff;margin:10px 14px;padding:8px 12px}
.ReadOnlyData{display:flex;gap:12px;padding:3px 0}
.ReadOnlyLabelContainer{width:160px;color:#666}
.QuickNote{background:#fff;margin:10px 14px;padding:8px 12px}
.QuickNote textarea{width:100%;height:60px}
.Note{border-top:1px solid #eee;padding:6px 0}
.Note .NoteTitle{font-weight:600}
.Note .NoteText{white-space:pre-wrap}
[data-slot=header]{background:#1b2a38;color:#fff;padding:8px 14px;display:flex;gap:12px}
[data-slot=header] a{color:#9cd2ff}
[data-slot=iframe] iframe{border:0;width:100%;height:calc(100vh - 40px)}
`;

function lookup(state: AtState, list: keyof AtState['picklists'], field: string, value: unknown): string {
  return state.picklists[list]?.[field]?.find((p) => p.value === String(value))?.label ?? '';
}

function field(label: string, valueHtml: string): string {
  return `<div class="ReadOnlyData" id="${zid()}"><div class="ReadOnlyLabelContainer">${esc(label)}</div><div class="ReadOnlyValueContainer"><div class="Value">${valueHtml}</div></div></div>`;
}

function navigator(ids: number[], current: number, url: URL): string {
  const at = ids.indexOf(current);
  if (ids.length < 2 || at < 0) return '';
  const link = (id: number, text: string, cls: string) => {
    const u = new URL(url);
    for (const [k] of [...u.searchParams]) if (k.toLowerCase() === 'ticketid') u.searchParams.delete(k);
    u.searchParams.set('ticketId', String(id));
    return `<a class="Button2 ${cls}" href="${esc(u.pathname + u.search)}">${text}</a>`;
  };
  const prev = at > 0 ? link(ids[at - 1]!, '&lsaquo; Previous', 'Previous') : '';
  const next = at < ids.length - 1 ? link(ids[at + 1]!, 'Next &rsaquo;', 'Next') : '';
  return `<div class="TitleBarItem Navigator">${prev}<span class="Text">${at + 1} of ${ids.length}</span>${next}</div>`;
}

export function ticketDetailHtml(
  state: AtState,
  ticket: Row,
  url: URL,
  opts: { edit?: boolean } = {},
): string {
  const company = state.companies.find((c) => c.id === ticket.companyID);
  const contact = state.contacts.find((c) => c.id === ticket.contactID);
  const ci = state.configurationItems.find((c) => c.id === ticket.configurationItemID);
  const assignee = state.resources.find((r) => r.id === ticket.assignedResourceID);
  const creator = state.resources.find((r) => r.id === ticket.creatorResourceID);
  const ids = [...url.searchParams]
    .filter(([k]) => /^ids\[\d+\]$/i.test(k))
    .map(([, v]) => Number(v))
    .filter((n) => n > 0);
  const notes = state.ticketNotes
    .filter((n) => n.ticketID === ticket.id)
    .sort((a, b) => b.id - a.id)
    .slice(0, 10);
  const noteTypes = state.picklists.TicketNotes?.noteType ?? [];
  const name = (r?: Row) => (r ? `${r.firstName} ${r.lastName}` : '');
  const heading = opts.edit ? 'Edit Ticket ' : 'Ticket ';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Autotask</title><style>${STYLE}</style></head>
<body class="${opts.edit ? 'EntityEdit' : 'EntityDetail'}">
<div class="TitleBar TitleBarNavigation" id="${zid()}"><div class="PageHeadingContainer">
<div class="TitleBarItem Title" id="${zid()}"><span class="Text">${heading}</span><span class="SecondaryText">- ${esc(ticket.ticketNumber)} - ${esc(ticket.title)}${company ? ` (${esc(company.companyName)})` : ''}</span></div>
${navigator(ids, ticket.id, url)}
</div></div>
<div class="EntityHeadingContainer" id="${zid()}">
<div class="IdentificationContainer"><span class="IdentificationText">${esc(ticket.ticketNumber)}</span></div>
<div class="Title"><span class="Text">${esc(ticket.title)}</span></div>
<div class="CategoryChip"><span class="Name">${esc(lookup(state, 'Tickets', 'ticketCategory', ticket.ticketCategory))}</span></div><div class="TypeChip">${esc(lookup(state, 'Tickets', 'ticketType', ticket.ticketType))}</div>
<div class="Bundle">Created by ${esc(name(creator))} ${esc(String(ticket.createDate).slice(0, 10))}</div>
</div>
<div class="DetailsSection"><div class="CollapsibleSectionContainer">
${field('Status*', `<div class="ColorBand"><span class="Text ColorSample">${esc(lookup(state, 'Tickets', 'status', ticket.status))}</span></div>`)}
${field('Priority*', `<div class="ColorBand"><span class="Text ColorSample">${esc(lookup(state, 'Tickets', 'priority', ticket.priority))}</span></div>`)}
${field('Queue', `<div class="ColorBand"><span class="Text ColorSample">${esc(lookup(state, 'Tickets', 'queueID', ticket.queueID))}</span></div>`)}
${field('Account*', company ? `<span class="LinkButton2"><span class="Text2">${esc(company.companyName)}</span></span>` : '')}
${field('Contact', contact ? `<span class="LinkButton2"><span class="Text2">${esc(`${contact.firstName} ${contact.lastName}`)}</span></span>` : '')}
${field('Configuration Item', ci ? esc(ci.referenceTitle) : '')}
${field('Primary Resource', esc(name(assignee)))}
</div></div>
<div class="QuickNote"><textarea aria-label="Quick note"></textarea>
<select class="DropDownList2" aria-label="Note type">${noteTypes
    .filter((p) => p.isActive)
    .map((p) => `<option value="${esc(p.value)}">${esc(p.label)}</option>`)
    .join('')}</select> <button class="Button2" type="button">Save</button></div>
<div class="DetailsSection Notes">${notes
    .map(
      (n) =>
        `<div class="Note" id="${zid()}"><div class="NoteTitle">${esc(n.title ?? '')}</div><div class="NoteText">${esc(n.description)}</div></div>`,
    )
    .join('')}</div>
</body></html>`;
}

export function shellHtml(innerUrl: string, links: { href: string; text: string }[]): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Autotask</title><style>${STYLE}</style></head>
<body class="Onyx">
<header data-slot="header"><strong>Autotask</strong> ${links
    .map((l) => `<a href="${esc(l.href)}" data-inner="${esc(l.href)}">${esc(l.text)}</a>`)
    .join(' ')}</header>
<div data-slot="iframe"><iframe title="Autotask page" src="${esc(innerUrl)}"></iframe></div>
<script>
// In-shell navigation: the iframe changes and the shell's URL follows (pushState with a new view-data).
document.querySelector('[data-slot=header]').addEventListener('click', (e) => {
  const a = e.target.closest('a[data-inner]');
  if (!a) return;
  e.preventDefault();
  const inner = a.getAttribute('data-inner');
  document.querySelector('[data-slot=iframe] iframe').src = inner;
  const u = new URL(location.href);
  u.searchParams.set('view-data', btoa(JSON.stringify({ url: inner })));
  history.pushState(null, '', u);
});
</script>
</body></html>`;
}

export function messagePageHtml(title: string, text: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Autotask</title><style>${STYLE}</style></head><body class="Message"><div class="TitleBar"><span class="Text">${esc(title)}</span></div><p style="padding:14px">${esc(text)}</p></body></html>`;
}

export function loginPageHtml(): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Autotask - Sign In</title></head><body><form id="loginForm" action="/Authentication.mvc/SignIn" method="post"><label>Username <input name="username"></label><label>Password <input name="password" type="password"></label><button>Sign In</button></form></body></html>`;
}

export function indexHtml(state: AtState, ticketIds: number[]): string {
  const items = ticketIds.flatMap((id) => {
    const t = state.tickets.find((x) => x.id === id) ?? state.hiddenTickets.find((x) => x.id === id);
    if (!t) return [];
    const p = ticketPagePaths(id, String(t.ticketNumber));
    return [
      `<li><strong>${esc(t.ticketNumber)} ${esc(t.title)}</strong><ul>${Object.entries(p)
        .map(([k, href]) => `<li><a href="${esc(href)}">${esc(k)}</a></li>`)
        .join('')}</ul></li>`,
    ];
  });
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Autotask sandbox</title><style>${STYLE}</style></head><body><div class="TitleBar"><span class="Text">Autotask sandbox: ticket pages</span></div><ul>${items.join('')}</ul></body></html>`;
}
