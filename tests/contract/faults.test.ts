// @vitest-environment node
// Fault injection (in-process and over HTTP), throttling and latency.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Sandbox, SPECIAL_TICKETS, startSandbox } from '../cw-sandbox/index.ts';
import { cw } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

const T = SPECIAL_TICKETS.standard;
const notePath = `/service/tickets/${T}/notes`;

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sb.url}/__sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('status faults', () => {
  it('answers the given status once, then normally', async () => {
    sb.faults.add({ method: 'GET', path: '^/system/info$', status: 500 });
    const first = await cw(sb, '/system/info');
    expect(first.status).toBe(500);
    expect((first.body as { code: string }).code).toBe('UnexpectedError');
    expect((await cw(sb, '/system/info')).status).toBe(200);
    expect(sb.requests.at(-2)).toMatchObject({ status: 500, fault: true });
  });

  it('times and a custom body; times 0 means forever', async () => {
    sb.faults.add({
      path: '^/service/boards$',
      status: 503,
      body: { code: 'Down', message: 'maintenance' },
      times: 2,
    });
    expect((await cw(sb, '/service/boards')).body).toEqual({ code: 'Down', message: 'maintenance' });
    expect((await cw(sb, '/service/boards')).status).toBe(503);
    expect((await cw(sb, '/service/boards')).status).toBe(200);
    sb.faults.add({ path: '^/service/priorities$', status: 502, times: 0 });
    for (let i = 0; i < 3; i++) expect((await cw(sb, '/service/priorities')).status).toBe(502);
    expect(sb.faults.rules).toHaveLength(1);
  });

  it('redirect: answers 307 (or the given status) with the Location, once', async () => {
    sb.faults.add({ path: '^/system/info$', redirect: 'http://127.0.0.1:9/elsewhere' });
    sb.faults.add({
      path: '^/service/boards$',
      status: 301,
      redirect: '/v4_6_release/apis/3.0/service/boards',
    });
    const headers = { Authorization: 'Basic x', clientId: sb.clientId };
    const first = await fetch(`${sb.url}/v2026_4/apis/3.0/system/info`, { headers, redirect: 'manual' });
    expect([first.status, first.headers.get('location')]).toEqual([307, 'http://127.0.0.1:9/elsewhere']);
    const boards = await fetch(`${sb.url}/v2026_4/apis/3.0/service/boards`, { headers, redirect: 'manual' });
    expect([boards.status, boards.headers.get('location')]).toEqual([
      301,
      '/v4_6_release/apis/3.0/service/boards',
    ]);
    expect((await cw(sb, '/system/info')).status).toBe(200);
    expect(sb.requests.at(-3)).toMatchObject({ status: 307, fault: true });
  });

  it('method filter', async () => {
    sb.faults.add({ method: 'POST', path: 'notes', status: 409 });
    expect((await cw(sb, notePath)).status).toBe(200);
    expect(
      (await cw(sb, notePath, { method: 'POST', body: { text: 'x', internalAnalysisFlag: true } })).status,
    ).toBe(409);
  });

  it('bodyMatch picks requests by their body', async () => {
    sb.faults.add({ method: 'POST', path: 'notes$', bodyMatch: 'customer', status: 400 });
    const post = (text: string) =>
      cw(sb, notePath, { method: 'POST', body: { text, internalAnalysisFlag: true } });
    expect((await post('internal')).status).toBe(201);
    expect((await post('for the customer')).status).toBe(400);
    expect((await post('for the customer')).status).toBe(201);
  });

  it('the label of a rule is recorded on the request it hit, so a test can count which faults fired', async () => {
    sb.faults.add({ method: 'POST', path: 'notes$', bodyMatch: 'second', status: 500, label: 'soak:500' });
    const post = (text: string) =>
      cw(sb, notePath, { method: 'POST', body: { text, internalAnalysisFlag: true } });
    await post('first');
    await post('second');
    const notes = sb.requests.filter((r) => r.apiPath === notePath);
    expect(notes.map((r) => [r.status, r.faultLabel])).toEqual([
      [201, undefined],
      [500, 'soak:500'],
    ]);
  });

  it('429 with Retry-After and the CW throttling body', async () => {
    sb.faults.add({ path: '.', status: 429, retryAfter: 7 });
    const res = await cw(sb, '/system/info');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.body).toEqual({
      error: 'ConnectWiseAPI',
      message: 'Too many requests. Please try again in 7 seconds.',
    });
  });
});

describe('html fault', () => {
  it('answers 200 text/html with a CW login page', async () => {
    sb.faults.add({ path: '^/service/tickets', html: true });
    const res = await cw(sb, `/service/tickets/${T}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('<form id="loginForm"');
  });
});

describe('connection resets', () => {
  it('reset before: the client sees a network error and nothing is written', async () => {
    const before = sb.state.notes.length;
    sb.faults.add({ method: 'POST', path: 'notes$', reset: 'before' });
    await expect(
      cw(sb, notePath, { method: 'POST', body: { text: 'lost', internalAnalysisFlag: true } }),
    ).rejects.toThrow();
    expect(sb.state.notes.length).toBe(before);
    expect(sb.requests.at(-1)).toMatchObject({ reset: 'before', status: 0 });
  });

  it('commit then reset: the client sees a network error but the note exists', async () => {
    sb.faults.add({ method: 'POST', path: 'notes$', reset: 'after-commit' });
    const text = 'FlowPilot ref abc123: rebooted router';
    await expect(
      cw(sb, notePath, { method: 'POST', body: { text, internalAnalysisFlag: true } }),
    ).rejects.toThrow();
    expect(sb.state.notes.filter((n) => n.ticketId === T && n.text === text)).toHaveLength(1);
    expect(sb.requests.at(-1)).toMatchObject({ reset: 'after-commit', status: 201 });
    // The client can find its reference afterwards.
    const found = await cw<unknown[]>(
      sb,
      `${notePath}?conditions=${encodeURIComponent('text contains "ref abc123"')}`,
    );
    expect(found.body).toHaveLength(1);
  });
});

describe('late commit: CW keeps working after the client gave up', () => {
  const text = 'FlowPilot ref latecmt: slow commit';
  const postNote = (signal?: AbortSignal) =>
    fetch(`${sb.url}/v2026_4/apis/3.0${notePath}`, {
      method: 'POST',
      signal,
      headers: {
        Authorization: `Basic ${Buffer.from(`flowpilot+${sb.keys.publicKey}:${sb.keys.privateKey}`).toString('base64')}`,
        clientId: sb.clientId,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ text, internalAnalysisFlag: true }),
    });
  const landed = () => sb.state.notes.filter((n) => n.text === text).length;

  it('no answer; the client times out; the write is applied lateCommitMs after arrival', async () => {
    sb.faults.add({ method: 'POST', path: 'notes$', lateCommitMs: 300 });
    const t0 = Date.now();
    await expect(postNote(AbortSignal.timeout(100))).rejects.toThrow();
    expect(landed()).toBe(0);
    await vi.waitFor(() => expect(landed()).toBe(1), { timeout: 3_000, interval: 20 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(sb.requests.at(-1)).toMatchObject({ lateCommit: true, fault: true, status: 201 });
  });

  it('set over the control endpoint', async () => {
    const set = await control('POST', 'faults', [{ method: 'POST', path: 'notes$', lateCommitMs: 150 }]);
    expect((set.body.rules as unknown[])[0]).toMatchObject({ lateCommitMs: 150, times: 1 });
    await expect(postNote(AbortSignal.timeout(50))).rejects.toThrow();
    await vi.waitFor(() => expect(landed()).toBe(1), { timeout: 3_000, interval: 20 });
  });
});

describe('clock', () => {
  it('answers carry CW’s Date from the sandbox clock; moving it moves the dates it writes', async () => {
    const before = Date.parse((await cw(sb, '/system/info')).headers.get('date') ?? '');
    expect(Math.abs(before - Date.now())).toBeLessThan(2_000);
    const moved = await control('POST', 'clock', { advanceMs: 3_600_000 });
    expect(moved.body.offsetMs).toBe(3_600_000);
    const later = Date.parse((await cw(sb, '/system/info')).headers.get('date') ?? '');
    expect(later - before).toBeGreaterThanOrEqual(3_599_000);
    const note = await cw<{ dateCreated: string }>(sb, notePath, {
      method: 'POST',
      body: { text: 'x', internalAnalysisFlag: true },
    });
    expect(Date.parse(note.body.dateCreated) - Date.now()).toBeGreaterThan(3_500_000);
    sb.clock.offsetMs = 0;
    expect((await control('GET', 'clock')).body.offsetMs).toBe(0);
    await control('POST', 'clock', { offsetMs: 5_000 });
    sb.reset();
    expect(sb.clock.offsetMs).toBe(0);
  });
});

describe('latency and throttling', () => {
  it('per-rule latency and global latency delay answers', async () => {
    sb.faults.add({ path: '^/system/info$', latencyMs: 120 });
    let t0 = performance.now();
    expect((await cw(sb, '/system/info')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    sb.faults.latencyMs = 80;
    t0 = performance.now();
    await cw(sb, '/service/priorities');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(70);
  });

  it('rateLimitPerMinute answers 429 with Retry-After once the window is full', async () => {
    sb.faults.rateLimitPerMinute = 3;
    for (let i = 0; i < 3; i++) expect((await cw(sb, '/system/info')).status).toBe(200);
    const res = await cw<{ error: string; message: string }>(sb, '/system/info');
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
    expect(res.body).toEqual({
      error: 'ConnectWiseAPI',
      message: `Too many requests. Please try again in ${wait} seconds.`,
    });
  });
});

describe('HTTP control endpoints', () => {
  it('POST/GET/DELETE /__sandbox/faults', async () => {
    const set = await control('POST', 'faults', {
      rules: [{ path: '^/system/info$', status: 500 }],
      latencyMs: 5,
    });
    expect(set.body).toMatchObject({
      latencyMs: 5,
      rateLimitPerMinute: 0,
      rules: [{ status: 500, times: 1 }],
    });
    expect((await cw(sb, '/system/info')).status).toBe(500);
    await control('POST', 'faults', [{ path: '^/system/info$', status: 418 }]);
    expect((await control('GET', 'faults')).body.rules).toHaveLength(1);
    await control('DELETE', 'faults');
    expect(sb.faults.rules).toHaveLength(0);
    expect(sb.faults.latencyMs).toBe(0);
    expect((await cw(sb, '/system/info')).status).toBe(200);
  });

  it('GET requests/state, POST reset', async () => {
    await cw(sb, notePath, { method: 'POST', body: { text: 'x', internalAnalysisFlag: true } });
    const requests = await fetch(`${sb.url}/__sandbox/requests`).then((r) => r.json());
    expect(requests.at(-1)).toMatchObject({ method: 'POST', apiPath: notePath, status: 201 });
    const state = await fetch(`${sb.url}/__sandbox/state`).then((r) => r.json());
    expect(state.tickets.length).toBe(sb.state.tickets.length);
    const count = sb.state.notes.length;
    expect((await control('POST', 'reset')).status).toBe(200);
    expect(sb.state.notes.length).toBe(count - 1);
    expect(sb.requests).toHaveLength(0);
  });

  it('reset restores the deterministic seed', async () => {
    const snapshot = JSON.stringify(sb.state);
    await cw(sb, `/service/tickets/${T}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'summary', value: 'x' }],
    });
    expect(JSON.stringify(sb.state)).not.toBe(snapshot);
    sb.reset();
    expect(JSON.stringify(sb.state)).toBe(snapshot);
  });
});
