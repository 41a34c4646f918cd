// @vitest-environment node
// "Similar resolved tickets" on Autotask (lib/similar/autotask-load.ts) against the sandbox: what it
// finds for the standard ticket, where "what fixed it" comes from (the Resolution field, else the latest
// note of the admin's resolution note type), how few requests it costs, and what it says when Autotask
// refuses or fails. Every request stays inside the sandbox's contract (filters included).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtClient } from '../../lib/autotask/client';
import { EndpointLimiter } from '../../lib/autotask/limiter';
import { type AutotaskNoteSettings, AutotaskPsa } from '../../lib/autotask/psa';
import { resolve, type Session, startSession } from '../../lib/session/model';
import { loadSimilarAutotask } from '../../lib/similar/autotask-load';
import type { TicketContext } from '../../lib/ticket/types';
import {
  type AutotaskSandbox,
  RESOLVED_TICKETS,
  SANDBOX_NOTE_CHOICES,
  SPECIAL_TICKETS,
  startAutotaskSandbox,
} from '../autotask-sandbox/index.ts';

let sb: AutotaskSandbox;
const T = SPECIAL_TICKETS.standard;

function psa(noteSettings: AutotaskNoteSettings | null = SANDBOX_NOTE_CHOICES) {
  const client = new AtClient({
    credentials: sb.credentials,
    zoneLookupUrl: sb.zoneLookupUrl,
    limiter: new EndpointLimiter(),
    backoff: { baseMs: 5, maxMs: 20, attempts: 2 },
  });
  return new AutotaskPsa({ client, ...(noteSettings ? { noteSettings } : {}) });
}

beforeAll(async () => {
  sb = await startAutotaskSandbox();
});
beforeEach(() => sb.reset());
afterEach(() => expect(sb.contractViolations).toEqual([]));
afterAll(() => sb.close());

async function similar(opts: { psa?: AutotaskPsa; sessions?: Session[]; context?: TicketContext } = {}) {
  const p = opts.psa ?? psa();
  const context = opts.context ?? (await p.ticketContext({ kind: 'service', id: T }));
  await p.ticketPage(T); // the zone lookup, cached from here on
  const mark = sb.requests.length;
  const result = await loadSimilarAutotask({ source: p, context, sessions: opts.sessions ?? [] });
  return { result, requests: sb.requests.slice(mark).filter((r) => r.apiPath) };
}

describe('similar resolved tickets on Autotask', () => {
  it('Complete tickets like this one, same company first, with their resolution; one Tickets query', async () => {
    const { result, requests } = await similar();
    const ids = result.items.map((i) => i.ticketId);
    // Contoso's tickets first (same company as the standard ticket), Northwind's further down.
    const tiers = result.items.map((i) => i.tier);
    expect(tiers).toEqual([...tiers].sort());
    const contoso = result.items.filter((i) => i.tier === 0).map((i) => i.ticketId);
    expect(contoso).toContain(RESOLVED_TICKETS.outlookContoso);
    expect(ids).toContain(RESOLVED_TICKETS.outlookNorthwindNote);
    expect(ids).not.toContain(T);
    // Completed 500 days ago: outside the window, never shown; the printer/VPN fixes share no words.
    expect(ids).not.toContain(RESOLVED_TICKETS.outlookContosoOld);
    expect(ids).not.toContain(RESOLVED_TICKETS.printerFabrikam);
    const first = result.items.find((i) => i.ticketId === RESOLVED_TICKETS.outlookContoso)!;
    const seeded = sb.state.tickets.find((t) => t.id === RESOLVED_TICKETS.outlookContoso)!;
    expect(first).toMatchObject({
      source: 'autotask',
      number: seeded.ticketNumber,
      summary: 'Outlook not syncing after password change',
      company: 'Contoso Ltd',
      closedAt: new Date(String(seeded.completedDate)).toISOString(),
      resolution: seeded.resolution,
      tier: 0,
      webUrl: `${sb.zone.webUrl}Mvc/ServiceDesk/TicketDetail.mvc?ticketId=${RESOLVED_TICKETS.outlookContoso}`,
    });
    expect(first.shared.map((w) => w.toLowerCase())).toEqual(expect.arrayContaining(['outlook']));
    // Every Autotask row shown is Complete.
    for (const i of result.items) {
      expect(sb.state.tickets.find((t) => t.id === i.ticketId)?.status).toBe(5);
    }
    const tickets = requests.filter((r) => /^\/Tickets\/query$/i.test(r.apiPath!));
    expect(tickets).toHaveLength(1);
    expect(result.requests).toBe(requests.length);
    expect(result.requests).toBeLessThanOrEqual(3);
    expect(result.problem).toBeUndefined();
  });

  it('no Resolution field: the latest note of the resolution note type (not a later note of another type)', async () => {
    const { result } = await similar();
    const row = result.items.find((i) => i.ticketId === RESOLVED_TICKETS.outlookNorthwindNote)!;
    expect(row.resolution).toBe(
      'The OST file had reached 50 GB. Set the cached-mode window to 12 months and rebuilt the OST; syncing again.',
    );
    expect(row.company).toBe('Northwind Traders');
    expect(row.tier).toBe(2);
  });

  it('without a resolution note type chosen: no note query, the row says it has no resolution', async () => {
    const { result, requests } = await similar({ psa: psa(null) });
    expect(requests.some((r) => /TicketNotes/i.test(r.apiPath!))).toBe(false);
    const row = result.items.find((i) => i.ticketId === RESOLVED_TICKETS.outlookNorthwindNote)!;
    expect(row.resolution).toBeUndefined();
    expect(row.resolutionMissing).toBe('none');
  });

  it("FlowPilot's own resolved sessions are merged in, the Autotask ticket wins over its own session", async () => {
    const other = startSession({
      id: 's1',
      ticketKey: 'service:40390',
      ticketNumber: 'T20261101.0007',
      ticketSummary: 'Outlook not syncing on laptop',
      problem: 'x',
      now: 1,
    });
    const same = startSession({
      id: 's2',
      ticketKey: `service:${RESOLVED_TICKETS.outlookContoso}`,
      ticketSummary: 'Outlook not syncing after password change',
      problem: 'x',
      now: 1,
    });
    const sessions = [
      resolve(other, { rootCause: 'x', resolution: 'Cleared the Outlook profile.' }, 2),
      resolve(same, { rootCause: 'x', resolution: 'Session text.' }, 2),
    ].map((s) => s as Session);
    const { result } = await similar({ sessions });
    // Named by the number its session kept (the panel's label and "Use this fix from T…").
    expect(result.items.find((i) => i.ticketId === 40390)).toMatchObject({
      source: 'flowpilot',
      number: 'T20261101.0007',
    });
    expect(result.items.filter((i) => i.ticketId === RESOLVED_TICKETS.outlookContoso)).toHaveLength(1);
    expect(result.items.find((i) => i.ticketId === RESOLVED_TICKETS.outlookContoso)?.source).toBe('autotask');
  });

  it('a title that names nothing: no request', async () => {
    const p = psa();
    const context = {
      ...(await p.ticketContext({ kind: 'service', id: T })),
      summary: 'Help!!',
      initialDescription: undefined,
    };
    const { result, requests } = await similar({ psa: p, context });
    expect(requests).toEqual([]);
    expect(result).toMatchObject({ items: [], requests: 0 });
  });

  it('Autotask refusing or failing: said in words, no exception', async () => {
    sb.faults.add({ method: 'POST', path: '^/Tickets/query$', status: 403, times: 1 });
    const refused = (await similar()).result;
    expect(refused.items.filter((i) => i.source === 'autotask')).toEqual([]);
    expect(refused.problem).toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('security level'),
    });
    expect(refused.problem?.message).not.toMatch(/ConnectWise/);
    sb.faults.add({ method: 'POST', path: '^/Tickets/query$', status: 500, times: 0 });
    const failed = (await similar()).result;
    expect(failed.problem?.message).toMatch(/Autotask/);
  });
});
