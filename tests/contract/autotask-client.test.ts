// @vitest-environment node
// The extension's Autotask client (lib/autotask) against the real sandbox over HTTP: zone discovery and
// re-lookup, every fault mapped to its typed error, paging, at most 3 requests in flight per endpoint,
// backoff on thread-limit refusals whatever their status, and the hourly usage.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtClient, type AtClientOptions, discoverZone } from '../../lib/autotask/client';
import { AtError } from '../../lib/autotask/errors';
import { EndpointLimiter } from '../../lib/autotask/limiter';
import { f } from '../../lib/autotask/query';
import {
  type AutotaskSandbox,
  NOTE_TYPE,
  PUBLISH,
  SPECIAL_TICKETS,
  STATUS,
  startAutotaskSandbox,
} from '../autotask-sandbox/index.ts';

let sb: AutotaskSandbox;
const T = SPECIAL_TICKETS.standard;
const sleeps: number[] = [];

function client(extra: Partial<AtClientOptions> = {}): AtClient {
  return new AtClient({
    credentials: sb.credentials,
    zoneLookupUrl: sb.zoneLookupUrl,
    limiter: new EndpointLimiter(),
    backoff: { baseMs: 5, maxMs: 20, attempts: 5 },
    sleep: async (ms) => {
      sleeps.push(ms);
      await new Promise((r) => setTimeout(r, ms));
    },
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<AtError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AtError) return e;
    throw e;
  }
  throw new Error('expected an AtError');
}

const noteBody = (extra: Record<string, unknown> = {}) => ({
  ticketID: T,
  title: 'FlowPilot',
  description: 'Rebooted the router.\n\nFlowPilot ref t3st0ab',
  noteType: NOTE_TYPE.taskDetail,
  publish: PUBLISH.internal,
  ...extra,
});

beforeAll(async () => {
  sb = await startAutotaskSandbox();
});
beforeEach(() => {
  sb.reset();
  sleeps.length = 0;
});
afterEach(() => {
  expect(sb.contractViolations).toEqual([]);
});
afterAll(() => sb.close());

describe('zone discovery', () => {
  it('finds the zone without credentials, caches it, and uses its url exactly', async () => {
    const zone = await discoverZone(sb.credentials.userName, { lookupUrl: sb.zoneLookupUrl });
    expect(zone).toEqual({
      zoneName: sb.zone.zoneName,
      apiBase: `${sb.zone.url}V1.0`,
      webUrl: sb.zone.webUrl,
      ci: sb.zone.ci,
    });
    expect(sb.requests[0]?.headers.secret).toBeUndefined();
    const c = client();
    await c.get(`Tickets/${T}`);
    await c.get(`Tickets/${T}`);
    expect(sb.requests.filter((r) => r.apiPath === '/zoneInformation')).toHaveLength(2); // discoverZone + client once
  });

  it('an unknown user → unknownUser; a web page → notJson; nothing listening → network', async () => {
    expect((await failure(discoverZone('nobody@x.example', { lookupUrl: sb.zoneLookupUrl }))).kind).toBe(
      'unknownUser',
    );
    const html: Server = createServer((_q, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>Sign in</title>'),
    );
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    const lookup = `http://127.0.0.1:${(html.address() as AddressInfo).port}/atservicesrest/v1.0/zoneInformation`;
    expect((await failure(discoverZone('a@b.example', { lookupUrl: lookup }))).kind).toBe('notJson');
    await new Promise((r) => html.close(r));
    expect((await failure(discoverZone('a@b.example', { lookupUrl: lookup }))).kind).toBe('network');
  });

  it('after a 401 the zone is looked up again, and a moved zone is used at once', async () => {
    const c = client({ zone: { apiBase: sb.oldZoneApiBase } });
    const t = await c.getItem<{ id: number }>('Tickets', T);
    expect(t?.id).toBe(T);
    expect(sb.requests.map((r) => [r.path.includes('zone5') ? 'old' : r.apiPath, r.status])).toEqual([
      ['old', 401],
      ['/zoneInformation', 200],
      [`/Tickets/${T}`, 200],
    ]);
    expect((await c.zone()).apiBase).toBe(`${sb.zone.url}V1.0`);
  });

  it('a wrong secret stays auth after the re-lookup (one retry at most); a wrong code → badIntegrationCode', async () => {
    const bad = client({ credentials: { ...sb.credentials, secret: 'wrong' } });
    const e = await failure(bad.get(`Tickets/${T}`));
    expect(e).toMatchObject({ kind: 'auth', retryable: false });
    expect(sb.requests.filter((r) => r.apiPath === `/Tickets/${T}`)).toHaveLength(1);
    expect(sb.requests.filter((r) => r.apiPath === '/zoneInformation')).toHaveLength(2);
    const code = client({ credentials: { ...sb.credentials, integrationCode: 'NOPE' } });
    expect((await failure(code.get(`Tickets/${T}`))).kind).toBe('badIntegrationCode');
  });
});

describe('queries', () => {
  it('finds a title with quotes, %, & and [ exactly', async () => {
    const page = await client().query<{ id: number }>('Tickets', {
      filter: [f.contains('title', `"Q3 report" 100% & [urgent]`)],
      includeFields: ['id'],
    });
    expect(page.items).toEqual([{ id: SPECIAL_TICKETS.quotes }]);
  });

  it('queryAll follows nextPageUrl with the same body; count agrees; getItem is undefined for 404', async () => {
    const c = client();
    const before = sb.requests.length;
    const all = await c.queryAll<{ id: number }>('Tickets', {
      filter: [f.all()],
      includeFields: ['id'],
      maxRecords: 50,
    });
    expect(all).toHaveLength(sb.state.tickets.length);
    const pages = sb.requests.slice(before).filter((r) => r.apiPath.startsWith('/Tickets/query'));
    expect(pages).toHaveLength(Math.ceil(sb.state.tickets.length / 50));
    expect(new Set(pages.map((p) => JSON.stringify(p.body))).size).toBe(1);
    expect(await c.count('Tickets', [f.eq('status', STATUS.complete)])).toBe(
      sb.state.tickets.filter((t) => t.status === STATUS.complete).length,
    );
    expect(await c.getItem('Tickets', 1)).toBeUndefined();
  });

  it('never has more than 3 requests in flight per endpoint', async () => {
    sb.faults.latencyMs = 40;
    const c = client();
    await c.zone();
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => c.query('Tickets', { filter: [f.eq('id', 40300 + i)] })),
      ...Array.from({ length: 5 }, () => c.query('Resources', { filter: [f.all()], maxRecords: 1 })),
    ]);
    const code = sb.credentials.integrationCode.toLowerCase();
    expect(sb.limits.peak.get(`${code}|tickets`)).toBe(3);
    expect(sb.limits.peak.get(`${code}|resources`)).toBe(3);
    expect(sb.requests.filter((r) => r.limited)).toEqual([]);
  });
});

describe('limits', () => {
  it.each([429, 500])('backs off and retries a thread-limit refusal sent with status %i', async (status) => {
    sb.faults.add({
      path: '^/Tickets/query$',
      status,
      body: { errors: ['Thread Threshold Exceeded (Itgenatr005)'] },
      times: 2,
    });
    const page = await client().query<{ id: number }>('Tickets', { filter: [f.eq('id', T)] });
    expect(page.items.map((t) => t.id)).toEqual([T]);
    expect(sleeps).toHaveLength(2);
    expect(sb.requests.filter((r) => r.apiPath === '/Tickets/query').map((r) => r.status)).toEqual([
      status,
      status,
      200,
    ]);
  });

  it('when another integration holds the threads, the real limit is waited out', async () => {
    sb.limits.settings.threadLimit = 1;
    sb.faults.latencyMs = 30;
    const c = client({ backoff: { baseMs: 20, maxMs: 50, attempts: 20 } });
    await c.zone();
    const rows = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        c.query<{ id: number }>('Tickets', { filter: [f.eq('id', 40300 + i)] }),
      ),
    );
    expect(rows.map((p) => p.items[0]?.id)).toEqual([40300, 40301, 40302, 40303]);
    expect(sb.requests.some((r) => r.limited === 'thread')).toBe(true);
  });

  it('gives up after the configured attempts with a throttled/thread error', async () => {
    sb.faults.add({
      path: '^/Tickets/\\d+$',
      status: 500,
      body: { errors: ['thread threshold of 3 threads has been exceeded'] },
      times: 0,
    });
    const e = await failure(client().get(`Tickets/${T}`));
    expect(e).toMatchObject({ kind: 'throttled', limit: 'thread', retryable: true });
    expect(sb.requests.filter((r) => r.apiPath === `/Tickets/${T}`)).toHaveLength(5);
  });

  it('reads the hourly usage; over the threshold → throttled/threshold at once (the outbox waits, not the client)', async () => {
    const c = client();
    await c.get(`Tickets/${T}`);
    expect(await c.threshold()).toEqual({ limit: 10000, used: 2, timeframeMinutes: 60, share: 0.0002 });
    sb.limits.setCount(10000);
    const e = await failure(c.get(`Tickets/${T}`));
    expect(e).toMatchObject({ kind: 'throttled', limit: 'threshold' });
    expect(sleeps).toEqual([]);
    sb.limits.setCount(0);
    sb.limits.settings.thresholdStatus = 500;
    sb.limits.setCount(10000);
    expect(await failure(c.get(`Tickets/${T}`))).toMatchObject({ kind: 'throttled', limit: 'threshold' });
  });
});

describe('faults map to typed errors', () => {
  it('500 → server; HTML → notJson; reset → network; 403 → forbidden; 429 Retry-After', async () => {
    const c = client();
    sb.faults.add({ path: '^/Tickets/\\d+$', status: 500 });
    expect((await failure(c.get(`Tickets/${T}`))).kind).toBe('server');
    sb.faults.add({ path: '^/Tickets/\\d+$', html: true });
    expect((await failure(c.get(`Tickets/${T}`))).kind).toBe('notJson');
    sb.faults.add({ path: '^/Tickets/\\d+$', reset: 'before' });
    expect(await failure(c.get(`Tickets/${T}`))).toMatchObject({ kind: 'network', outcomeUnknown: false });
    sb.faults.add({ path: '^/Tickets/\\d+$', status: 403 });
    expect((await failure(c.get(`Tickets/${T}`))).message).toMatch(/read tickets/);
    sb.faults.add({ path: '^/Tickets/\\d+$', status: 429, retryAfter: 9 });
    expect(await failure(c.get(`Tickets/${T}`))).toMatchObject({ kind: 'throttled', retryAfterSec: 9 });
  });

  it('a slow answer past the timeout → timeout; an abort → cancelled', async () => {
    const c = client();
    await c.zone();
    sb.faults.add({ path: '^/Tickets/\\d+$', latencyMs: 800 });
    expect((await failure(c.get(`Tickets/${T}`, { timeoutMs: 150 }))).kind).toBe('timeout');
    const ac = new AbortController();
    sb.faults.add({ path: '^/Tickets/\\d+$', latencyMs: 800 });
    const pending = c.get(`Tickets/${T}`, { signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    expect((await failure(pending)).kind).toBe('cancelled');
  });

  it('commit-then-reset on a note → network with outcome unknown, and the note exists', async () => {
    sb.faults.add({ method: 'POST', path: '/Notes$', reset: 'after-commit' });
    const e = await failure(client().create(`Tickets/${T}/Notes`, noteBody()));
    expect(e).toMatchObject({ kind: 'network', outcomeUnknown: true, retryable: true });
    expect(sb.state.ticketNotes.filter((n) => String(n.description).includes('ref t3st0ab'))).toHaveLength(1);
  });

  it('slow commit past the timeout → timeout with outcome unknown, and the entry exists', async () => {
    const c = client();
    await c.zone();
    sb.faults.add({ method: 'POST', path: '^/TimeEntries$', slowCommitMs: 800 });
    const e = await failure(
      c.create(
        'TimeEntries',
        {
          ticketID: T,
          resourceID: 29682833,
          roleID: 29683427,
          startDateTime: '2026-11-20T09:00:00Z',
          endDateTime: '2026-11-20T09:15:00Z',
          hoursWorked: 0.25,
          summaryNotes: 'FlowPilot ref sl0wc0m',
        },
        { timeoutMs: 200 },
      ),
    );
    expect(e).toMatchObject({ kind: 'timeout', outcomeUnknown: true });
    expect(sb.state.timeEntries.some((t) => t.summaryNotes === 'FlowPilot ref sl0wc0m')).toBe(true);
  });

  it('validation (500 + errors) keeps the text; error objects too; deleting a note → notAllowed', async () => {
    const c = client();
    const e = await failure(
      c.create(
        `Tickets/${SPECIAL_TICKETS.titlesRequired}/Notes`,
        noteBody({ ticketID: SPECIAL_TICKETS.titlesRequired, title: '' }),
      ),
    );
    expect(e).toMatchObject({
      kind: 'validation',
      atErrors: ['Missing Required Field: title'],
      retryable: false,
    });
    sb.faults.add({
      method: 'POST',
      path: '/Notes$',
      status: 500,
      body: { errors: [{ message: 'Missing Required Field: publish', field: 'publish', value: null }] },
    });
    expect((await failure(c.create(`Tickets/${T}/Notes`, noteBody()))).message).toMatch(/publish/);
    const id = await c.create(`Tickets/${T}/Notes`, noteBody());
    expect((await failure(c.delete(`Tickets/${T}/Notes/${id}`))).kind).toBe('notAllowed');
  });

  it('a restricted security level: no tickets (empty, no error); resources refused → forbidden', async () => {
    const none = client({ credentials: { ...sb.credentials, ...sb.restrictedUsers.noTickets } });
    expect((await none.query('Tickets', { filter: [f.all()] })).items).toEqual([]);
    const nores = client({ credentials: { ...sb.credentials, ...sb.restrictedUsers.noResources } });
    expect((await failure(nores.query('Resources', { filter: [f.all()] }))).kind).toBe('forbidden');
  });
});

describe('writes', () => {
  it('create → id; patch → id; delete a time entry', async () => {
    const c = client();
    const noteId = await c.create(`Tickets/${T}/Notes`, noteBody(), { impersonateResourceId: 29682833 });
    expect(sb.state.ticketNotes.find((n) => n.id === noteId)?.creatorResourceID).toBe(29682833);
    expect(await c.patch('Tickets', { id: T, status: STATUS.complete })).toBe(T);
    const teId = await c.create('TimeEntries', {
      ticketID: T,
      resourceID: 29682833,
      roleID: 29683427,
      startDateTime: '2026-11-20T09:00:00Z',
      endDateTime: '2026-11-20T09:15:00Z',
      hoursWorked: 0.25,
    });
    await c.delete(`TimeEntries/${teId}`);
    expect(sb.state.timeEntries.some((t) => t.id === teId)).toBe(false);
  });
});
