// @vitest-environment node
// companyinfo, Basic auth, clientId, headers, permissions, routing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, SPECIAL_TICKETS, startSandbox } from '../cw-sandbox/index.ts';
import { basicAuth, cw, q } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('companyinfo', () => {
  it('answers CW string fields without auth, company id case-insensitive', async () => {
    const res = await fetch(`${sb.url}/login/companyinfo/FlowPilot`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      CompanyName: 'FlowPilot Demo MSP',
      Codebase: 'v2026_4/',
      VersionCode: 'v2026.4',
      VersionNumber: 'v4.6.12345',
      CompanyID: 'flowpilot',
      IsCloud: 'False',
      SiteUrl: sb.site,
    });
  });

  it('unknown company → 404 JSON', async () => {
    const res = await fetch(`${sb.url}/login/companyinfo/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'NotFound', message: "Company 'nope' was not found." });
  });
});

describe('authentication', () => {
  const UNAUTHORIZED = {
    code: 'Unauthorized',
    message: 'Authentication failed. Check your company ID, public key and private key.',
  };

  it('accepts the keys with any case of the company id, on both codebases', async () => {
    const upper = basicAuth('FLOWPILOT', sb.keys.publicKey, sb.keys.privateKey);
    expect((await cw(sb, '/system/info', { headers: { Authorization: upper } })).status).toBe(200);
    expect((await cw(sb, '/system/info', { codebase: 'v4_6_release/' })).status).toBe(200);
  });

  it.each([
    ['wrong private key', basicAuth('flowpilot', 'FpPub7Kq2Lm9XzA1', 'wrong')],
    ['wrong company', basicAuth('other', 'FpPub7Kq2Lm9XzA1', 'FpPrv3Rt8Vn5Wc0Q')],
    ['no plus sign', `Basic ${Buffer.from('flowpilotFpPub7Kq2Lm9XzA1:FpPrv3Rt8Vn5Wc0Q').toString('base64')}`],
    ['not basic', 'Bearer abc'],
  ])('%s → 401', async (_name, header) => {
    const res = await cw(sb, '/service/tickets', { headers: { Authorization: header } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it('missing Authorization → 401', async () => {
    const res = await cw(sb, '/system/info', { headers: { Authorization: undefined } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it('missing clientId → 403, checked before auth', async () => {
    const res = await cw(sb, '/system/info', {
      headers: { clientId: undefined, Authorization: 'Basic eA==' },
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      code: 'Forbidden',
      message: 'clientId header is required. Register one at https://developer.connectwise.com/ClientID',
    });
  });

  it('clientId must be a GUID; any GUID works', async () => {
    expect((await cw(sb, '/system/info', { headers: { clientId: 'my-app' } })).status).toBe(403);
    const other = await cw(sb, '/system/info', {
      headers: { clientId: '00000000-1111-2222-3333-444444444444' },
    });
    expect(other.status).toBe(200);
  });

  it('answers carry CW headers', async () => {
    const res = await cw(sb, '/system/info');
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.connectwise.com+json; version=2026.4; charset=utf-8',
    );
    expect(res.headers.get('api-current-version')).toBe('2026.4');
    expect(res.headers.get('x-cw-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records requests with the Authorization header redacted', async () => {
    sb.requests.length = 0;
    await cw(sb, '/system/info');
    const rec = sb.requests.at(-1);
    expect(rec?.headers.authorization).toBe('Basic [redacted]');
    expect(rec?.auth).toEqual({ companyId: 'flowpilot', publicKey: sb.keys.publicKey });
    expect(JSON.stringify(sb.requests)).not.toContain(sb.keys.privateKey);
    expect(rec?.status).toBe(200);
  });
});

describe('restricted keys', () => {
  const as = (name: string) => {
    const k = sb.restrictedKeys[name]!;
    return { Authorization: basicAuth('flowpilot', k.publicKey, k.privateKey) };
  };

  it('noTickets: 403 on /service/tickets*, other endpoints fine', async () => {
    expect((await cw(sb, '/service/tickets', { headers: as('noTickets') })).status).toBe(403);
    expect((await cw(sb, '/service/tickets/1001/notes', { headers: as('noTickets') })).status).toBe(403);
    expect((await cw(sb, '/system/members', { headers: as('noTickets') })).status).toBe(200);
  });

  it('noClosedTickets: 403 only where a closed ticket would be returned', async () => {
    const h = { headers: as('noClosedTickets') };
    expect((await cw(sb, '/service/tickets/1001', h)).status).toBe(200);
    expect((await cw(sb, `/service/tickets?${q('closedFlag = False')}&pageSize=5`, h)).status).toBe(200);
    const closed = await cw(sb, `/service/tickets?${q('closedFlag = True')}`, h);
    expect(closed.status).toBe(403);
    expect((closed.body as { code: string }).code).toBe('Forbidden');
    // The connection probe's first page (ticket 1000) is open: Connect works with this key.
    expect((await cw(sb, '/service/tickets?pageSize=1&fields=id', h)).status).toBe(200);
    expect((await cw(sb, '/service/tickets?pageSize=10&fields=id', h)).status).toBe(403);
    expect((await cw(sb, '/service/tickets/1003', h)).status).toBe(403);
    expect((await cw(sb, '/service/tickets/1003/notes', h)).status).toBe(403);
    expect((await cw(sb, '/service/tickets/1003', {})).status).toBe(200);
  });

  it('noTime: 403 on POST /time/entries only', async () => {
    const body = { chargeToType: 'ServiceTicket', chargeToId: 1001, timeStart: '2026-11-20T13:00:00Z' };
    const res = await cw(sb, '/time/entries', { method: 'POST', body, headers: as('noTime') });
    expect(res.status).toBe(403);
    expect((res.body as { code: string }).code).toBe('Forbidden');
    expect((await cw(sb, '/time/entries', { headers: as('noTime') })).status).toBe(200);
  });

  it('noMembers: 403 on /system/members*', async () => {
    expect((await cw(sb, '/system/members/101', { headers: as('noMembers') })).status).toBe(403);
    expect((await cw(sb, '/service/tickets/1001', { headers: as('noMembers') })).status).toBe(200);
  });
});

describe('routing', () => {
  it('unknown route → 404 NotFound JSON', async () => {
    const res = await cw(sb, '/service/widgets');
    expect(res.status).toBe(404);
    expect((res.body as { code: string }).code).toBe('NotFound');
  });

  it('paths are case-insensitive like IIS', async () => {
    expect((await cw(sb, '/time/worktypes')).status).toBe(200);
  });

  it('project ticket ids are not service tickets and vice versa', async () => {
    const svc = await cw(sb, `/service/tickets/${SPECIAL_TICKETS.project}`);
    expect(svc.status).toBe(404);
    expect(svc.body).toEqual({ code: 'NotFound', message: 'Ticket not found' });
    expect((await cw(sb, `/project/tickets/${SPECIAL_TICKETS.standard}`)).status).toBe(404);
    expect((await cw(sb, `/project/tickets/${SPECIAL_TICKETS.project}`)).status).toBe(200);
  });

  it('the hidden ticket is invisible to the API everywhere', async () => {
    const id = SPECIAL_TICKETS.hidden;
    expect((await cw(sb, `/service/tickets/${id}`)).status).toBe(404);
    expect((await cw(sb, `/service/tickets/${id}/notes`)).status).toBe(404);
    const list = await cw<unknown[]>(sb, `/service/tickets?conditions=id=${id}`);
    expect(list.body).toEqual([]);
  });

  it('wrong method on a known path → 405', async () => {
    expect((await cw(sb, '/service/boards', { method: 'DELETE' })).status).toBe(405);
  });
});
