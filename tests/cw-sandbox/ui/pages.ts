// Served HTML: the CW-like SPA shell (same page for every ticket/board URL form) and the index page.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPANY_ID, SPECIAL_TICKETS } from '../seed-constants.ts';

const spaScript = readFileSync(fileURLToPath(new URL('./spa.js', import.meta.url)), 'utf8');

const STYLE = `
body{margin:0;font:13px/1.4 "Segoe UI",Arial,sans-serif;color:#222;background:#eef1f5}
#cwHeader{background:#1f3a5f;color:#fff;padding:8px 14px;font-weight:600}
#cwContent{padding:12px 16px}
.cw_CwHorizontalPanel{display:flex;gap:10px;align-items:center;margin-bottom:6px;color:#555}
.cw_BannerView{background:#fff;border-left:4px solid #2d7dd2;padding:8px 12px;margin-bottom:8px}
.cw_BannerView .detailLabel{font-size:16px;font-weight:600}
.pod_ticketHeaderActions{display:flex;justify-content:space-between;align-items:center;margin-bottom:8px}
.cw-CwActionButtons{display:flex;gap:6px;margin-left:auto}
.cw_CwActionButton{background:#2d7dd2;color:#fff;padding:4px 12px;border-radius:3px;cursor:pointer}
.cw-ticket-nav{display:flex;gap:12px}
.pod_ticketSummary,.pod_ticketNotes,.pod_ticketConfigurations{background:#fff;padding:10px 12px;margin-bottom:8px}
.cw-row{display:flex;gap:12px;flex-wrap:wrap;margin:6px 0}
.cw-field{display:flex;flex-direction:column;min-width:200px}
.cw_PsaSummaryHeader{width:100%;font-weight:600}
.cw-note{border-top:1px solid #e2e6ea;padding:6px 0}
.cw-note-header{color:#666;font-size:12px}
.cw-note-text{white-space:pre-wrap}
.srboard-grid{border-collapse:collapse;background:#fff;width:100%}
.srboard-grid td,.srboard-grid th{border-bottom:1px solid #e2e6ea;padding:4px 8px;text-align:left}
.multilineClickable{color:#1a5fb4;cursor:pointer}
.cw-loading{padding:20px;color:#777}
.cw-saved{color:#2a8a2a;margin-left:8px}
`;

export function shellHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ConnectWise PSA</title>
<style>${STYLE}</style>
</head>
<body class="cw-body">
<div id="cwHeader" class="cw-Header">ConnectWise PSA &middot; FlowPilot Demo MSP (sandbox)</div>
<div id="cwContent"></div>
<script>${spaScript}</script>
</body>
</html>`;
}

/** Every URL form CW uses for one ticket, relative to the sandbox origin (cw-api.md §7). */
export function ticketPagePaths(id: number) {
  const state = encodeURIComponent(
    JSON.stringify({ p: 'sr150', s: { p: { pid: 184, rd: id, screenid: 'sr100' } } }),
  );
  return {
    routeTo: `/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=${id}`,
    srRecId: `/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&srRecID=${id}`,
    rails: `/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=${id}&companyName=${COMPANY_ID}`,
    openRecord: `/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&companyName=${COMPANY_ID}&recordType=ServiceFV&recid=${id}`,
    hashState: `/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr150&state=${state}`,
  };
}

export const projectTicketPagePath = (id: number) =>
  `/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ProjectTicketFV&recid=${id}`;
export const boardPagePath = (boardId = 1) =>
  `/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceBoard&boardId=${boardId}`;
export const boardHashPath = () =>
  '/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr200';

export function indexHtml(): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const link = (href: string, text: string) => `<li><a href="${esc(href)}">${esc(text)}</a></li>`;
  const std = ticketPagePaths(SPECIAL_TICKETS.standard);
  const items = [
    link(boardPagePath(1), 'Service board: Help Desk (click rows: in-app navigation, URL stays stale)'),
    link(boardHashPath(), 'Service board via #startscreen=sr200'),
    link(std.routeTo, `Ticket ${SPECIAL_TICKETS.standard} (routeTo=ServiceFV&recid)`),
    link(std.srRecId, `Ticket ${SPECIAL_TICKETS.standard} (srRecID)`),
    link(std.rails, `Ticket ${SPECIAL_TICKETS.standard} (fv_sr100_request.rails)`),
    link(std.openRecord, `Ticket ${SPECIAL_TICKETS.standard} (openrecord.rails)`),
    link(std.hashState, `Ticket ${SPECIAL_TICKETS.standard} (hash state sr150)`),
    link(
      ticketPagePaths(SPECIAL_TICKETS.xss).routeTo,
      `Ticket ${SPECIAL_TICKETS.xss} (XSS payload in summary and note)`,
    ),
    link(
      ticketPagePaths(SPECIAL_TICKETS.quotes).routeTo,
      `Ticket ${SPECIAL_TICKETS.quotes} (quotes, % & [ in summary)`,
    ),
    link(
      ticketPagePaths(SPECIAL_TICKETS.closed).routeTo,
      `Ticket ${SPECIAL_TICKETS.closed} (closed, no time entry)`,
    ),
    link(
      ticketPagePaths(SPECIAL_TICKETS.noContactNoConfigs).routeTo,
      `Ticket ${SPECIAL_TICKETS.noContactNoConfigs} (no contact, no configurations)`,
    ),
    link(
      ticketPagePaths(SPECIAL_TICKETS.hidden).routeTo,
      `Ticket ${SPECIAL_TICKETS.hidden} (page exists, API answers 404)`,
    ),
    link(projectTicketPagePath(SPECIAL_TICKETS.project), `Project ticket ${SPECIAL_TICKETS.project}`),
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>FlowPilot CW sandbox</title></head>
<body style="font:14px/1.5 system-ui,sans-serif;margin:24px">
<h1>FlowPilot CW sandbox</h1>
<p>A fake ConnectWise PSA for development. Company ID: <code>${COMPANY_ID}</code>. API: <code>/v2026_4/apis/3.0</code>.</p>
<ul>${items.join('\n')}</ul>
</body></html>`;
}
