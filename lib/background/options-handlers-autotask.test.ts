// @vitest-environment node
// The options page's connection messages on Autotask (issue 15, phase C step 1): connect/get/test/
// disconnect through the handlers the page calls, against the Autotask sandbox. ConnectWise input
// without `psa` keeps working (options-handlers.test.ts, the e2e suite).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { useAutotaskSandbox } from '../../tests/support/autotask-connection';
import { zoneLookupProblem } from '../connection/current';
import { db } from '../db/schema';
import { AnyConnectInput } from '../messages/options-to-bg';
import type { HandlerContext } from '../messages/router';
import { optionsHandlers } from './options-handlers';

const ctx: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/options.html' } };
const sb = useAutotaskSandbox();

beforeEach(async () => {
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async () => undefined);
  vi.spyOn(browser.tabs, 'query').mockImplementation((() =>
    Promise.resolve([])) as typeof browser.tabs.query);
  await db().activity.clear();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const atInput = (over: Record<string, unknown> = {}) =>
  AnyConnectInput.parse({
    psa: 'autotask',
    displayName: 'AT sandbox',
    ...sb.credentials,
    zoneLookupUrl: sb.zoneLookupUrl,
    ...over,
  });

describe('connection messages on Autotask', () => {
  it('a build that is not e2e refuses a custom zone lookup and saves nothing', async () => {
    vi.stubEnv('MODE', 'production');
    await expect(optionsHandlers['connection/connect']!(atInput(), ctx)).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('only accepted by test builds'),
    });
    expect(await db().connections.count()).toBe(0);
    expect(sb.requests).toEqual([]);
  });

  it('connect, get, test and disconnect work for Autotask (e2e build with the sandbox lookup)', async () => {
    vi.stubEnv('MODE', 'e2e');
    sb.limits.setCount(1234);
    const conn = await optionsHandlers['connection/connect']!(atInput(), ctx);
    expect(conn).toMatchObject({ psa: 'autotask', displayName: 'AT sandbox', missingPermissions: [] });
    const got = await optionsHandlers['connection/get']!({}, ctx);
    expect(got).toMatchObject({
      psa: 'autotask',
      userName: sb.credentials.userName,
      apiUsage: { limit: 10_000, measuredAt: expect.any(Number) },
    });
    // The usage read at Connect is kept, so the status shows it after a reload too.
    expect(got?.psa === 'autotask' && got.apiUsage?.used).toBeGreaterThanOrEqual(1234);
    expect(JSON.stringify(got)).not.toContain(sb.credentials.secret);

    const tested = await optionsHandlers['connection/test']!({}, ctx);
    expect(tested).toMatchObject({
      psa: 'autotask',
      serverVersion: expect.stringContaining('Autotask'),
      missingPermissions: [],
      warnings: [],
      apiUsage: { limit: 10_000 },
    });

    expect(await optionsHandlers['connection/disconnect']!({}, ctx)).toEqual({ disconnected: true });
    expect(await optionsHandlers['connection/get']!({}, ctx)).toBeNull();
    expect(await db().secrets.count()).toBe(0);
    const log = await db().activity.orderBy('id').toArray();
    expect(log.map((a) => [a.kind, a.outcome])).toEqual([
      ['connection/connect', 'ok'],
      ['connection/test', 'ok'],
      ['connection/disconnect', 'ok'],
    ]);
    expect(log[0]?.detail).toContain(`Connected to Autotask as ${sb.credentials.userName}`);
    expect(sb.contractViolations).toEqual([]);
  });

  it('a wrong secret is refused with the background’s message and nothing is saved', async () => {
    vi.stubEnv('MODE', 'e2e');
    await expect(
      optionsHandlers['connection/connect']!(atInput({ secret: 'WrongSecret99' }), ctx),
    ).rejects.toMatchObject({ kind: 'auth' });
    expect(await db().connections.count()).toBe(0);
    expect(await optionsHandlers['connection/get']!({}, ctx)).toBeNull();
  });
});

describe('connect input', () => {
  it('a ConnectWise input without psa parses as before, with its field errors on their fields', () => {
    const cw = {
      displayName: '',
      site: 'na.myconnectwise.net',
      companyId: 'acme',
      publicKey: 'p',
      privateKey: 'k',
    };
    expect(AnyConnectInput.parse(cw)).toEqual(cw);
    const bad = AnyConnectInput.safeParse({ ...cw, companyId: ' ' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['companyId', 'Enter the company ID'],
    ]);
    const at = AnyConnectInput.safeParse({
      psa: 'autotask',
      displayName: '',
      userName: 'u',
      secret: '',
      integrationCode: 'c',
    });
    expect(at.error?.issues.map((i) => i.path.join('.'))).toEqual(['secret']);
  });

  it('a custom zone lookup: refused outside e2e builds, loopback only in them', () => {
    expect(zoneLookupProblem(undefined, false)).toBeUndefined();
    expect(zoneLookupProblem('http://127.0.0.1:5/x', false)).toContain('only accepted by test builds');
    expect(zoneLookupProblem('http://127.0.0.1:5/x', true)).toBeUndefined();
    expect(zoneLookupProblem('https://evil.example/zoneInformation', true)).toContain('loopback');
  });
});
