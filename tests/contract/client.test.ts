// @vitest-environment node
// The extension's CW client (lib/cw) against the real sandbox over HTTP: every fault maps to its typed
// error, and every request the client sends stays inside the official OpenAPI subset.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CwClient } from '../../lib/cw/client';
import { cond } from '../../lib/cw/conditions';
import { discoverCompany } from '../../lib/cw/discovery';
import { CwError } from '../../lib/cw/errors';
import { probeConnection } from '../../lib/cw/probe';
import { type CwSite, normalizeSite } from '../../lib/cw/site';
import { type Sandbox, SPECIAL_TICKETS, startSandbox } from '../cw-sandbox/index';

let sandbox: Sandbox;
let site: CwSite;
let client: CwClient;
const clientId = '0b8a2c7e-1d3f-4e5a-9b6c-7d8e9f0a1b2c';

function siteOf(host: string): CwSite {
  const r = normalizeSite(host);
  if (!r.ok) throw new Error(r.message);
  return r.site;
}

async function failure(p: Promise<unknown>): Promise<CwError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CwError) return e;
    throw e;
  }
  throw new Error('expected a CwError');
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, members: 1200 });
  site = siteOf(sandbox.site);
  client = new CwClient({
    companyId: 'FlowPilot',
    ...sandbox.keys,
    clientId,
    apiBase: `${sandbox.url}/v2026_4/apis/3.0`,
  });
});
afterAll(() => sandbox.close());
afterEach(() => {
  expect(sandbox.contractViolations).toEqual([]);
  sandbox.faults.clear();
  sandbox.faults.latencyMs = 0;
});

describe('discovery and the Connect probe', () => {
  it('finds the codebase and the server version', async () => {
    const info = await discoverCompany(site, 'flowpilot');
    expect(info.codebase).toBe('v2026_4/');
    const probe = await probeConnection(site, { companyId: 'flowpilot', ...sandbox.keys, clientId });
    expect(probe.apiBase).toBe(`${sandbox.url}/v2026_4/apis/3.0`);
    expect(probe.serverVersion).toMatch(/2026\.4/);
    expect(probe.missingPermissions).toEqual([]);
  });

  it('unknown company → unknownCompany', async () => {
    expect((await failure(discoverCompany(site, 'nosuchco'))).kind).toBe('unknownCompany');
  });

  it('wrong keys → auth; missing clientId → missingClientId', async () => {
    const creds = {
      companyId: 'flowpilot',
      publicKey: sandbox.keys.publicKey,
      privateKey: 'wrong',
      clientId,
    };
    expect((await failure(probeConnection(site, creds))).kind).toBe('auth');
    expect((await failure(probeConnection(site, { ...creds, ...sandbox.keys, clientId: '' }))).kind).toBe(
      'missingClientId',
    );
  });

  it('names the permission a restricted API member lacks', async () => {
    const probe = await probeConnection(site, {
      companyId: 'flowpilot',
      ...sandbox.restrictedKeys.noTickets!,
      clientId,
    });
    expect(probe.missingPermissions).toEqual(['Service tickets (read)']);
  });

  it('a site that is not ConnectWise (HTML) → notJson; nothing listening → network', async () => {
    const html: Server = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!DOCTYPE html><html><title>Sign in</title></html>');
    });
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    const port = (html.address() as AddressInfo).port;
    expect((await failure(discoverCompany(siteOf(`127.0.0.1:${port}`), 'flowpilot'))).kind).toBe('notJson');
    await new Promise((r) => html.close(r));
    expect((await failure(discoverCompany(siteOf(`127.0.0.1:${port}`), 'flowpilot'))).kind).toBe('network');
  });
});

describe('faults map to typed errors', () => {
  it('429 with Retry-After → throttled', async () => {
    sandbox.faults.add({ path: '^/service/tickets', status: 429, retryAfter: 7 });
    const e = await failure(client.get('service/tickets', { pageSize: 1 }));
    expect(e).toMatchObject({ kind: 'throttled', retryAfterSec: 7, retryable: true });
  });

  it('500 → server; HTML login page → notJson; reset → network', async () => {
    sandbox.faults.add({ path: '^/system/info', status: 500 });
    expect((await failure(client.get('system/info'))).kind).toBe('server');
    sandbox.faults.add({ path: '^/system/info', html: true });
    expect((await failure(client.get('system/info'))).kind).toBe('notJson');
    sandbox.faults.add({ path: '^/system/info', reset: 'before' });
    expect((await failure(client.get('system/info'))).kind).toBe('network');
  });

  it('a slow answer past the timeout → timeout; an abort → cancelled', async () => {
    sandbox.faults.add({ path: '^/system/info', latencyMs: 800 });
    expect((await failure(client.get('system/info', undefined, { timeoutMs: 200 }))).kind).toBe('timeout');
    const ac = new AbortController();
    sandbox.faults.add({ path: '^/system/info', latencyMs: 800 });
    const pending = client.get('system/info', undefined, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect((await failure(pending)).kind).toBe('cancelled');
  });

  it('commit-then-reset on a write → network with outcome unknown, and the note exists', async () => {
    const ticketId = SPECIAL_TICKETS.standard;
    sandbox.faults.add({ method: 'POST', path: '/notes$', reset: 'after-commit' });
    const text = 'Rebooted the router. FlowPilot ref t3st01';
    const e = await failure(
      client.post(`service/tickets/${ticketId}/notes`, { text, internalAnalysisFlag: true }),
    );
    expect(e).toMatchObject({ kind: 'network', outcomeUnknown: true, retryable: true });
    expect(sandbox.state.notes.filter((n) => n.text === text)).toHaveLength(1);
  });

  it('400 validation surfaces the CW field errors', async () => {
    const e = await failure(
      client.post(`service/tickets/${SPECIAL_TICKETS.standard}/notes`, { text: 'no flags' }),
    );
    expect(e.kind).toBe('validation');
    expect(e.fieldErrors?.[0]?.message).toMatch(/display/);
  });
});

describe('queries', () => {
  it('a summary with quotes, %, & and [ finds exactly its ticket', async () => {
    const summary = `Can't print "Q3 report" 100% & [urgent]`;
    const rows = await client.get<{ id: number; summary: string }[]>('service/tickets', {
      conditions: cond.contains('summary', summary),
      fields: ['id', 'summary'],
    });
    expect(rows.map((r) => r.id)).toEqual([SPECIAL_TICKETS.quotes]);
    expect(rows[0]?.summary).toBe(summary);
  });

  it('listAll follows the Link header across pages', async () => {
    const before = sandbox.requests.length;
    const members = await client.listAll<{ id: number }>('system/members', { fields: ['id'], pageSize: 500 });
    const total = sandbox.state.members.length;
    expect(total).toBeGreaterThan(1200);
    expect(members).toHaveLength(total);
    expect(new Set(members.map((m) => m.id)).size).toBe(total);
    expect(sandbox.requests.length - before).toBe(Math.ceil(total / 500));
  });

  it('PATCH sends a JSON-Patch array the sandbox applies', async () => {
    const id = SPECIAL_TICKETS.standard;
    const statuses = await client.get<{ id: number; name: string }[]>(`service/boards/1/statuses`, {
      fields: ['id', 'name'],
    });
    const inProgress = statuses.find((s) => s.name === 'In Progress')!;
    const t = await client.patch<{ status: { id: number } }>(`service/tickets/${id}`, [
      { op: 'replace', path: 'status', value: { id: inProgress.id } },
    ]);
    expect(t.status.id).toBe(inProgress.id);
  });

  it('DELETE answers nothing on 204; a second DELETE is notFound; CW’s Date header is handed back', async () => {
    const id = SPECIAL_TICKETS.standard;
    const note = await client.post<{ id: number }>(`service/tickets/${id}/notes`, {
      text: 'to be deleted',
      internalAnalysisFlag: true,
    });
    sandbox.clock.offsetMs = 3_600_000;
    const received: { serverDate?: number } = {};
    await expect(
      client.delete(`service/tickets/${id}/notes/${note.id}`, { received }),
    ).resolves.toBeUndefined();
    expect(received.serverDate! - Date.now()).toBeGreaterThan(3_590_000);
    sandbox.clock.offsetMs = 0;
    const again = await failure(client.delete(`service/tickets/${id}/notes/${note.id}`));
    expect(again).toMatchObject({ kind: 'notFound', status: 404 });
    expect(again.message).toContain('delete ticket notes');
  });

  it('a lookup with or-ed conditions finds each reference once', async () => {
    const id = SPECIAL_TICKETS.standard;
    for (const ref of ['abcdefg', 'hjkmnpq']) {
      await client.post(`service/tickets/${id}/notes`, {
        text: `x\n\nFlowPilot ref ${ref}`,
        internalAnalysisFlag: true,
      });
    }
    const rows = await client.get<{ id: number; text: string }[]>(`service/tickets/${id}/notes`, {
      conditions: cond.or(
        cond.contains('text', 'FlowPilot ref abcdefg'),
        cond.contains('text', 'FlowPilot ref hjkmnpq'),
      ),
      fields: ['id', 'text'],
    });
    expect(rows).toHaveLength(2);
    const entries = await client.get<unknown[]>('time/entries', {
      conditions: cond.and(
        cond.eq('chargeToId', id),
        cond.or(cond.contains('notes', 'FlowPilot ref a'), cond.contains('notes', 'FlowPilot ref b')),
      ),
    });
    expect(entries).toEqual([]);
  });
});

describe('redirects (issue 10 §4)', () => {
  let other: Sandbox;
  beforeAll(async () => {
    other = await startSandbox({ port: 0 });
  });
  afterAll(() => other.close());

  it('a redirect to another origin is refused: the other host receives nothing, not even the note', async () => {
    const before = sandbox.state.notes.length;
    sandbox.faults.add({
      method: 'POST',
      path: 'notes$',
      status: 307,
      redirect: `${other.url}/v2026_4/apis/3.0/service/tickets/${SPECIAL_TICKETS.standard}/notes`,
    });
    const e = await failure(
      client.post(`service/tickets/${SPECIAL_TICKETS.standard}/notes`, {
        text: 'Internal: the customer’s VPN secret is hunter2',
        internalAnalysisFlag: true,
      }),
    );
    expect(e).toMatchObject({ kind: 'redirect', retryable: false });
    expect(e.message).toContain(other.url);
    expect(e.outcomeUnknown).toBeFalsy();
    expect(other.requests).toEqual([]);
    expect(sandbox.state.notes.length).toBe(before);

    sandbox.faults.add({ path: '^/system/info$', status: 302, redirect: `${other.url}/login` });
    expect((await failure(client.get('system/info'))).kind).toBe('redirect');
    sandbox.faults.add({ status: 301, redirect: `${other.url}/` });
    expect((await failure(client.get('service/boards'))).kind).toBe('redirect');
    expect(other.requests).toEqual([]);
  });

  it('a same-origin redirect is followed where the runtime shows its target (Node)', async () => {
    sandbox.faults.add({
      path: '^/system/info$',
      status: 307,
      redirect: '/v4_6_release/apis/3.0/system/info',
    });
    expect(await client.get<{ version: string }>('system/info')).toMatchObject({
      version: expect.any(String),
    });
  });
});
