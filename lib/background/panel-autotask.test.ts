// @vitest-environment node
// The panel's reads on an Autotask connection (issue 15, phase B step 5): ticket context, Link Ticket
// search and the post dialog's statuses go through the Autotask connector, against the sandbox.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SPECIAL_TICKETS, STATUS } from '../../tests/autotask-sandbox/index.ts';
import { useAutotaskSandbox } from '../../tests/support/autotask-connection';
import type { HandlerContext } from '../messages/router';
import { preparePost } from '../posting/service';
import { panelHandlers, ticketContextFor } from './panel-handlers';

const ctx: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/panel.html' } };
const sb = useAutotaskSandbox({ connect: true });

const T = SPECIAL_TICKETS.standard;

describe('panel reads through the Autotask connector', () => {
  it('ticket context: the Autotask ticket with its link under the zone’s web URL', async () => {
    const c = await ticketContextFor({ kind: 'service', id: T }, { refresh: true });
    const row = sb.state.tickets.find((t) => t.id === T)!;
    expect(c).toMatchObject({ ref: { kind: 'service', id: T }, summary: row.title });
    expect(c.webUrl).toContain(new URL(sb.zone.webUrl).host);
    expect(sb.requests.some((r) => /^\/Tickets\/\d+$/i.test(r.apiPath))).toBe(true);
    expect(sb.contractViolations).toEqual([]);
  });

  it('Link Ticket search finds by ticket number and by words', async () => {
    const row = sb.state.tickets.find((t) => t.id === T)!;
    const search = panelHandlers['panel/searchTickets']!;
    const byNumber = await search({ query: String(row.ticketNumber), seq: 1 }, ctx);
    expect(byNumber.results.map((r) => r.ref.id)).toContain(T);
    const word = String(row.title)
      .split(/\s+/)
      .find((w) => w.length > 4)!;
    const byWords = await search({ query: word, seq: 2 }, ctx);
    expect(byWords.results.map((r) => r.ref.id)).toContain(T);
  });

  it('the post dialog offers the ticket status picklist (Complete closes), the ticket’s Autotask link', async () => {
    const p = await preparePost(`service:${T}`);
    const complete = p.statuses.find((s) => s.id === STATUS.complete);
    expect(complete).toMatchObject({ closed: true, timeEntryNotAllowed: false });
    expect(p.statuses.some((s) => s.id === STATUS.onHold)).toBe(false); // inactive
    expect(p.workTypes).toEqual([]);
    expect(p.ticketUrl).toContain(new URL(sb.zone.webUrl).host);
    expect(p.problems).toEqual([]);
  });
});
