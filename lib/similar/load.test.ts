// @vitest-environment node
// "Similar resolved tickets" against the real sandbox: what it finds for the seeded tickets, how many
// requests it costs, and what it says when CW refuses, fails or is slow.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, SPECIAL_TICKETS, startSandbox } from '../../tests/cw-sandbox/index';
import { resolvedTicketId } from '../../tests/cw-sandbox/seed-resolved';
import { CwClient } from '../cw/client';
import { resolve, type Session, startSession } from '../session/model';
import { loadTicketContext } from '../ticket/context';
import type { TicketContext } from '../ticket/types';
import { loadSimilar, type SimilarResult } from './load';

let sb: Sandbox;
const WEB = 'https://na.myconnectwise.net';
const clientFor = (keys: { publicKey: string; privateKey: string } = sb.keys) =>
  new CwClient({
    apiBase: `${sb.url}/v2026_4/apis/3.0`,
    companyId: sb.companyId,
    ...keys,
    clientId: sb.clientId,
  });

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());
afterEach(() => {
  expect(sb.contractViolations).toEqual([]);
  sb.reset();
});

async function contextOf(id: number): Promise<TicketContext> {
  return loadTicketContext({ kind: 'service', id }, { client: clientFor(), webOrigin: WEB });
}

async function similar(
  id: number,
  opts: { sessions?: Session[]; keys?: { publicKey: string; privateKey: string }; timeoutMs?: number } = {},
): Promise<SimilarResult> {
  const context = await contextOf(id);
  sb.requests.length = 0;
  return loadSimilar({
    client: clientFor(opts.keys),
    context,
    sessions: opts.sessions ?? [],
    webOrigin: WEB,
    timeoutMs: opts.timeoutMs,
  });
}

const apiRequests = () => sb.requests.filter((r) => r.apiPath);

describe('loadSimilar', () => {
  it('#1001 (Contoso, Outlook not syncing on laptop): Contoso first, best match first, newest on ties', async () => {
    const r = await similar(SPECIAL_TICKETS.standard);
    // The generated seed also has closed Contoso "Outlook not syncing" tickets (junk resolutions).
    const generated = sb.state.tickets
      .filter(
        (t) => t.id < 1300 && t.company.id === 250 && t.closedFlag && t.summary === 'Outlook not syncing',
      )
      .map((t) => ({ id: t.id, at: Date.parse(t.closedDate ?? '') }));
    const same3 = [
      { id: resolvedTicketId('Outlook stuck on "Updating inbox" - not syncing'), at: 0 },
      ...generated,
    ].map((x) => ({
      ...x,
      at: x.at || Date.parse(sb.state.tickets.find((t) => t.id === x.id)?.closedDate ?? ''),
    }));
    const expected = [
      resolvedTicketId('Outlook not syncing on laptop after Windows update'), // Contoso, 4 points
      ...same3.sort((a, b) => b.at - a.at).map((x) => x.id), // Contoso, 3 points, newest first
      resolvedTicketId('Outlook keeps asking for password'), // Contoso, "Outlook" only
      resolvedTicketId('Outlook not syncing on laptop'), // Northwind, 4 points
    ].slice(0, 5);
    expect(r.items.map((i) => i.ticketId)).toEqual(expected);
    const top = r.items[0]!;
    expect(top).toMatchObject({
      source: 'cw',
      company: 'Contoso Ltd.',
      resolvedBy: 'John Smith',
      tier: 0,
      shared: ['outlook', 'syncing', 'laptop'],
      webUrl: `${WEB}/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=${top.ticketId}`,
    });
    expect(top.resolution).toMatch(/^The OST file was corrupted by the update\./);
    expect(top.closedAt).toMatch(/^2026-10-/);
    expect(r.problem).toBeUndefined();
  });

  it('costs one search and one batch of note reads (≤ 6 requests), all with fields=', async () => {
    const r = await similar(SPECIAL_TICKETS.standard);
    const sent = apiRequests();
    expect(sent).toHaveLength(r.requests);
    expect(r.requests).toBeLessThanOrEqual(6);
    expect(sent.filter((q) => q.apiPath === '/service/tickets')).toHaveLength(1);
    expect(sent.filter((q) => /\/notes$/.test(q.apiPath))).toHaveLength(r.items.length);
    for (const q of sent) expect(q.query.fields).toBeTruthy();
  });

  it('a ticket nothing resembles: no rows, no problem', async () => {
    const r = await similar(SPECIAL_TICKETS.noContactNoConfigs); // "Scheduled maintenance window request"
    expect(r.items).toEqual([]);
    expect(r.problem).toBeUndefined();
  });

  it('merges FlowPilot’s own resolved sessions, marked, and leaves out the ticket’s own', async () => {
    const T = Date.UTC(2026, 10, 18, 10);
    const session = (key: string, summary: string): Session =>
      resolve(
        {
          ...startSession({ id: key, ticketKey: key, ticketSummary: summary, problem: 'p', now: T }),
          company: { id: 250, name: 'Contoso Ltd.' },
          technician: { name: 'Maria Garcia' },
        },
        { rootCause: 'x', resolution: 'Removed the stuck sync add-in.' },
        T + 60_000,
      );
    const r = await similar(SPECIAL_TICKETS.standard, {
      sessions: [
        session('service:1186', 'Outlook not syncing on laptop'),
        session('service:1001', 'Outlook'),
      ],
    });
    expect(r.items[0]).toMatchObject({
      source: 'flowpilot',
      ticketId: 1186,
      resolvedBy: 'Maria Garcia',
      resolution: 'Removed the stuck sync add-in.',
      closedAt: new Date(T + 60_000).toISOString(),
    });
    expect(r.items.map((i) => i.ticketId)).not.toContain(1001);
    expect(r.items).toHaveLength(5);
  });

  it('an API member who cannot read closed tickets: the section says so, sessions still show', async () => {
    const r = await similar(SPECIAL_TICKETS.standard, { keys: sb.restrictedKeys.noClosedTickets! });
    expect(r.problem?.kind).toBe('forbidden');
    expect(r.problem?.message).toMatch(/not allowed to read closed tickets/);
    expect(r.items).toEqual([]);
  });

  it('CW down (503) or slow: a plain message, never an exception', async () => {
    sb.faults.add({ path: '^/service/tickets$', status: 503, times: 0 });
    const down = await similar(SPECIAL_TICKETS.standard);
    expect(down.problem).toMatchObject({ kind: 'unavailable' });
    sb.faults.clear();
    sb.faults.add({ path: '^/service/tickets$', latencyMs: 1500, times: 0 });
    const slow = await similar(SPECIAL_TICKETS.standard, { timeoutMs: 300 });
    expect(slow.problem?.kind).toBe('slow');
    expect(slow.problem?.message).toMatch(/slowly/);
  });

  it('a Resolution note that cannot be read leaves the row with a note saying so', async () => {
    const first = resolvedTicketId('Outlook not syncing on laptop after Windows update');
    sb.faults.add({ path: `^/service/tickets/${first}/notes$`, status: 500, times: 0 });
    const r = await similar(SPECIAL_TICKETS.standard);
    expect(r.items[0]).toMatchObject({ ticketId: first, resolutionMissing: 'unreadable' });
    expect(r.items[1]?.resolution).toBeTruthy();
  });
});
