// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  LONG_TICKET,
  type Sandbox,
  SPECIAL_TICKETS,
  startSandbox,
  XSS_PAYLOAD,
} from '../../tests/cw-sandbox/index';
import { CwClient } from '../cw/client';
import { CwError } from '../cw/errors';
import { loadTicketContext } from './context';
import { DetailCache } from './detail-cache';
import type { TicketContext } from './types';

let sb: Sandbox;
let client: CwClient;
beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  client = new CwClient({
    apiBase: `${sb.url}/v2026_4/apis/3.0`,
    companyId: sb.companyId,
    ...sb.keys,
    clientId: sb.clientId,
  });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const load = (id: number, kind: 'service' | 'project' = 'service', onPartial?: (c: TicketContext) => void) =>
  loadTicketContext({ kind, id }, { client, webOrigin: 'https://na.myconnectwise.net', onPartial });

/** Groups API request arrival times into waves (a gap close to the latency starts a new one). */
function waves(sandbox: Sandbox, gapMs: number): number {
  const times = sandbox.requests.filter((r) => r.apiPath).map((r) => Date.parse(r.at));
  let n = 0;
  let last = -Infinity;
  for (const t of times.sort((a, b) => a - b)) {
    if (t - last > gapMs) n++;
    last = t;
  }
  return n;
}

describe('loadTicketContext against the sandbox', () => {
  it('a very long ticket: the five latest notes, the whole description, every device, still two waves', async () => {
    const ctx = await load(LONG_TICKET.id);
    expect(ctx.summary).toBe(LONG_TICKET.summary);
    expect(ctx.notes).toHaveLength(5);
    expect(ctx.notes[0]?.text).toMatch(/^Update 199:/);
    expect(ctx.initialDescription).toHaveLength(LONG_TICKET.descriptionChars);
    expect(ctx.configurations).toHaveLength(LONG_TICKET.configurations);
    expect(ctx.configurations.every((c) => c.serialNumber)).toBe(true);
    // The notes list asks for five, never the whole history.
    const noteLists = sb.requests.filter((r) => r.apiPath === `/service/tickets/${LONG_TICKET.id}/notes`);
    expect(noteLists.map((r) => r.query.pageSize)).toEqual(['5', '1']);
  });

  it('each second-wave request starts as soon as the answer it needs is in, not after the slowest of wave 1', async () => {
    sb.faults.latencyMs = 200;
    // The two notes lists are slow; the company, contact and device details do not need them.
    sb.faults.add({ method: 'GET', path: '^/service/tickets/1001/notes$', latencyMs: 2000, times: 2 });
    let partialAt = 0;
    const started = Date.now();
    const ctx = await load(SPECIAL_TICKETS.standard, 'service', () => {
      partialAt = Date.now() - started;
    });
    const at = (p: RegExp) => Date.parse(sb.requests.find((r) => p.test(r.apiPath))?.at ?? '');
    const ticketAt = at(/^\/service\/tickets\/1001$/);
    expect(at(/^\/company\/companies\//) - ticketAt).toBeLessThan(1500);
    expect(at(/^\/company\/configurations$/) - ticketAt).toBeLessThan(1500);
    // The first-wave push still waits for the whole first wave (it shows the notes).
    expect(partialAt).toBeGreaterThanOrEqual(2000);
    expect(ctx.notes).toHaveLength(3);
    expect(ctx.company?.phone).toBeTruthy();
  });

  it('loads every section of the standard ticket in two waves, each response trimmed with fields', async () => {
    // A long latency keeps the wave gaps far above scheduling jitter on a busy machine.
    sb.faults.latencyMs = 600;
    let partial: TicketContext | undefined;
    const ctx = await load(SPECIAL_TICKETS.standard, 'service', (c) => {
      partial = c;
    });
    expect(ctx.summary).toBe('Outlook not syncing on laptop');
    expect(ctx.status?.name).toBe('New');
    expect(ctx.board?.name).toBe('Help Desk');
    expect(ctx.priority?.name).toMatch(/Priority 3/);
    expect(ctx.type).toBe('Service Request');
    expect(ctx.owner?.name).toBe('John Smith');
    expect(ctx.company).toMatchObject({ name: 'Contoso Ltd.', identifier: 'ContosoLtd' });
    expect(ctx.company?.phone).toBeTruthy();
    expect(ctx.contact).toMatchObject({ name: 'Emily Carter', email: 'emily.carter@contoso.com' });
    expect(ctx.contact?.phone).toBeTruthy();
    expect(ctx.configurations).toHaveLength(2);
    expect(ctx.configurations[0]).toMatchObject({
      name: 'CONTOSO-LT-001',
      type: 'Laptop',
      serialNumber: 'M05G9Q3',
      osType: 'Windows 11 Pro',
      ipAddress: '10.10.0.142',
      lastLoginName: 'CONTOSO\\ecarter',
    });
    expect(ctx.notes.map((n) => n.id)).toEqual([20002, 20001, 20000]);
    expect(ctx.notes[1]).toMatchObject({ types: ['internal'], author: 'John Smith' });
    expect(ctx.initialDescription).toMatch(/^Outlook on my laptop stopped syncing/);
    expect(ctx.webUrl).toBe(
      'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=1001',
    );
    expect(ctx.problems).toEqual([]);
    expect(ctx.closed).toBe(false);
    // The partial context (after wave 1) already had the ticket and the notes.
    expect(partial?.summary).toBe(ctx.summary);
    expect(partial?.notes).toHaveLength(3);
    expect(partial?.configurations.map((c) => c.name)).toEqual(['CONTOSO-LT-001', 'CONTOSO-FS01']);

    expect(waves(sb, 400)).toBe(2);
    const api = sb.requests.filter((r) => r.apiPath);
    expect(api.every((r) => r.query.fields)).toBe(true);
    expect(api.map((r) => r.status)).toEqual(api.map(() => 200));
    expect(sb.contractViolations).toEqual([]);
  });

  it('a hidden ticket fails as notFound', async () => {
    const err = await load(SPECIAL_TICKETS.hidden).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CwError);
    expect((err as CwError).kind).toBe('notFound');
  });

  it('no contact, no configurations, no notes: empty sections, no problems', async () => {
    const ctx = await load(SPECIAL_TICKETS.noContactNoConfigs);
    expect(ctx.contact).toBeUndefined();
    expect(ctx.configurations).toEqual([]);
    expect(ctx.notes).toEqual([]);
    expect(ctx.problems).toEqual([]);
  });

  it('a closed ticket is marked closed', async () => {
    const ctx = await load(SPECIAL_TICKETS.closed);
    expect(ctx.closed).toBe(true);
    expect(ctx.status?.name).toBe('Closed');
  });

  it('keeps markup in CW text as text', async () => {
    const ctx = await load(SPECIAL_TICKETS.xss);
    expect(ctx.summary).toContain(XSS_PAYLOAD);
    expect(ctx.notes.some((n) => n.text.includes(XSS_PAYLOAD))).toBe(true);
  });

  it('project tickets use the project endpoints and fill the contact from the contact record', async () => {
    const ctx = await load(SPECIAL_TICKETS.project, 'project');
    expect(ctx.ref).toEqual({ kind: 'project', id: 5001 });
    expect(ctx.project?.name).toBe('Contoso M365 Migration');
    expect(ctx.contact?.name).toBe('Emily Carter');
    expect(ctx.contact?.email).toBe('emily.carter@contoso.com');
    expect(ctx.notes.length).toBeGreaterThan(0);
    expect(ctx.notes[0]?.date).toBeTruthy();
    expect(ctx.webUrl).toContain('routeTo=ProjectTicketFV&recid=5001');
    expect(sb.requests.some((r) => r.apiPath.startsWith('/service/tickets'))).toBe(false);
    expect(sb.contractViolations).toEqual([]);
  });

  it('a failing section is reported, the rest still loads', async () => {
    sb.faults.add({ path: '^/company/configurations', status: 500, times: 0 });
    const ctx = await load(SPECIAL_TICKETS.standard);
    expect(ctx.summary).toBe('Outlook not syncing on laptop');
    expect(ctx.configurations.map((c) => c.name)).toEqual(['CONTOSO-LT-001', 'CONTOSO-FS01']);
    expect(ctx.problems.map((p) => p.section)).toEqual(['configurations']);
  });

  describe('with details kept from earlier contexts (issue 12 §5)', () => {
    const keptLoad = (cache: DetailCache, id: number, onRevalidated?: (c: TicketContext) => void) =>
      loadTicketContext(
        { kind: 'service', id },
        {
          client,
          webOrigin: 'https://na.myconnectwise.net',
          details: cache.view('scope-a'),
          onRevalidated,
        },
      );
    const secondWave = (r: { apiPath?: string }) =>
      /^\/company\/(companies\/\d+|configurations)$|^\/company\/contacts\/\d+$/.test(r.apiPath ?? '');

    it('completes after the first wave and checks the kept details in the background', async () => {
      const cache = new DetailCache();
      const cold = await keptLoad(cache, SPECIAL_TICKETS.standard);
      expect(cold.company?.phone).toBeTruthy();
      sb.requests.length = 0;
      // The check is slow: had the load waited for it, its answers would be in when it resolved.
      sb.faults.add({ method: 'GET', path: '^/company/', latencyMs: 1500, times: 5 });
      let revalidated: TicketContext | undefined;
      const warm = await keptLoad(cache, SPECIAL_TICKETS.standard, (c) => {
        revalidated = c;
      });
      // Answered at once: none of the check's requests has its answer (they may still be on their way in).
      const answeredAtReturn = sb.requests.filter(secondWave).filter((r) => r.status !== 0).length;
      await expect.poll(() => sb.requests.filter(secondWave).length).toBe(2); // company + devices
      const checks = sb.requests.filter(secondWave);
      expect(answeredAtReturn).toBe(0);
      expect(checks.every((r) => r.status === 0)).toBe(true); // asked, not yet answered
      expect({ ...warm, fetchedAt: 0 }).toEqual({ ...cold, fetchedAt: 0 });
      await new Promise((r) => setTimeout(r, 1700));
      expect(checks.every((r) => r.status === 200)).toBe(true);
      expect(revalidated).toBeUndefined(); // nothing changed
    });

    it('a changed company phone replaces the kept one once the check has it', async () => {
      const cache = new DetailCache();
      const cold = await keptLoad(cache, SPECIAL_TICKETS.standard);
      const company = sb.state.companies.find((c) => c.id === cold.company?.id);
      if (!company) throw new Error('no company');
      company.phoneNumber = '2125550199';
      const got = new Promise<TicketContext>((resolve) => {
        void keptLoad(cache, SPECIAL_TICKETS.standard, resolve).then((warm) => {
          expect(warm.company?.phone).toBe(cold.company?.phone);
        });
      });
      expect((await got).company?.phone).toBe('2125550199');
      // And the next load starts from the new one.
      expect((await keptLoad(cache, SPECIAL_TICKETS.standard)).company?.phone).toBe('2125550199');
    });

    it('a failing check keeps what was known (no problem shown, nothing reported)', async () => {
      const cache = new DetailCache();
      await keptLoad(cache, SPECIAL_TICKETS.standard);
      sb.faults.add({ method: 'GET', path: '^/company/', status: 500, times: 5 });
      let revalidated = false;
      const warm = await keptLoad(cache, SPECIAL_TICKETS.standard, () => {
        revalidated = true;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(warm.problems).toEqual([]);
      expect(warm.company?.phone).toBeTruthy();
      expect(revalidated).toBe(false);
    });

    it('a ticket whose details were not all seen waits for its second wave as before', async () => {
      const cache = new DetailCache();
      await keptLoad(cache, SPECIAL_TICKETS.standard);
      sb.requests.length = 0;
      // Another ticket: its company or devices were not seen yet.
      const other = sb.state.tickets.find(
        (t) =>
          t.company.id !== sb.state.tickets.find((x) => x.id === SPECIAL_TICKETS.standard)?.company.id &&
          (sb.state.ticketConfigurations[t.id]?.length ?? 0) > 0,
      );
      if (!other) throw new Error('no ticket of another company');
      const ctx = await keptLoad(cache, other.id);
      expect(ctx.company?.phone).toBeTruthy();
      expect(sb.requests.filter(secondWave).every((r) => r.status === 200)).toBe(true);
    });
  });
});
