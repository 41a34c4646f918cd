// @vitest-environment node
// Every endpoint the sandbox serves answers with bodies the official OpenAPI subset accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, SPECIAL_TICKETS, startSandbox } from '../cw-sandbox/index.ts';
import { matchPath, openApiSpec } from '../support/openapi.ts';
import { cw, schemaErrors } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const T = SPECIAL_TICKETS.standard;
const GETS = [
  '/system/info',
  '/system/members',
  '/system/members/101',
  '/system/members/count',
  '/service/tickets',
  `/service/tickets/${T}`,
  '/service/tickets/count',
  `/service/tickets/${T}/notes`,
  `/service/tickets/${T}/notes/count`,
  `/service/tickets/${T}/notes/20000`,
  `/service/tickets/${T}/configurations`,
  `/service/tickets/${T}/configurations/700`,
  `/service/tickets/${SPECIAL_TICKETS.closed}/timeentries`,
  '/service/boards',
  '/service/boards/1',
  '/service/boards/1/statuses',
  '/service/boards/1/statuses/106',
  '/service/priorities',
  '/time/entries',
  '/time/entries/3000',
  '/time/workTypes',
  '/time/workTypes/1',
  '/time/workRoles',
  '/time/workRoles/2',
  '/company/companies',
  '/company/companies/250',
  '/company/contacts/400',
  '/company/configurations',
  '/company/configurations/700',
  '/project/tickets',
  `/project/tickets/${SPECIAL_TICKETS.project}`,
  `/project/tickets/${SPECIAL_TICKETS.project}/notes`,
  `/project/tickets/${SPECIAL_TICKETS.project}/allNotes`,
];

// fields lists that trim list answers (nested paths included).
const TRIMMED: Record<string, string> = {
  '/system/members': 'id,identifier,firstName,lastName,primaryEmail,officeEmail,inactiveFlag',
  '/service/tickets': 'id,summary,status/name,board/id,company/name,_info',
  '/time/entries': 'id,chargeToId,member/identifier,actualHours',
  '/company/configurations': 'id,name,type/name',
  '/project/tickets': 'id,summary,phase/name',
  '/service/boards/1/statuses': 'id,name,closedStatus,timeEntryNotAllowed',
};

describe('responses validate against the OpenAPI subset', () => {
  it('covers every GET path of the subset', () => {
    const covered = new Set(GETS.map((p) => matchPath('GET', p)));
    const declared = Object.entries(openApiSpec().paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => p);
    expect(declared.filter((p) => !covered.has(p))).toEqual([]);
  });

  it.each(GETS)('GET %s', async (path) => {
    const res = await cw(sb, path);
    expect(res.status).toBe(200);
    expect(schemaErrors('GET', path, res)).toEqual([]);
    expect(res.headers.get('content-type')).toMatch(
      /^application\/vnd\.connectwise\.com\+json; version=2026\.4/,
    );
  });

  it.each(Object.entries(TRIMMED))('GET %s with fields=%s', async (path, fields) => {
    const res = await cw<Record<string, unknown>[]>(sb, `${path}?fields=${fields}`);
    expect(res.status).toBe(200);
    expect(schemaErrors('GET', path, res)).toEqual([]);
    const allowed = new Set(fields.split(',').map((f) => f.split('/')[0]));
    for (const item of res.body) for (const key of Object.keys(item)) expect(allowed.has(key)).toBe(true);
  });

  it('single-record GET honours fields and drops _info unless listed', async () => {
    const res = await cw<Record<string, unknown>>(sb, `/service/tickets/${T}?fields=id,summary,status/name`);
    expect(res.body).toEqual({ id: T, summary: 'Outlook not syncing on laptop', status: { name: 'New' } });
    expect(schemaErrors('GET', `/service/tickets/${T}`, res)).toEqual([]);
  });

  it('write answers validate too', async () => {
    const note = await cw(sb, `/service/tickets/${T}/notes`, {
      method: 'POST',
      body: { text: 'Schema check', internalAnalysisFlag: true },
    });
    expect(note.status).toBe(201);
    expect(schemaErrors('POST', `/service/tickets/${T}/notes`, note)).toEqual([]);

    const patch = await cw(sb, `/service/tickets/${T}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'status', value: { id: 102 } }],
    });
    expect(patch.status).toBe(200);
    expect(schemaErrors('PATCH', `/service/tickets/${T}`, patch)).toEqual([]);

    const time = await cw(sb, '/time/entries', {
      method: 'POST',
      body: {
        chargeToType: 'ServiceTicket',
        chargeToId: T,
        timeStart: '2026-11-20T13:00:00Z',
        timeEnd: '2026-11-20T13:30:00Z',
      },
    });
    expect(time.status).toBe(201);
    expect(schemaErrors('POST', '/time/entries', time)).toEqual([]);

    const proj = await cw(sb, `/project/tickets/${SPECIAL_TICKETS.project}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'status', value: { id: 303 } }],
    });
    expect(proj.status).toBe(200);
    expect(schemaErrors('PATCH', `/project/tickets/${SPECIAL_TICKETS.project}`, proj)).toEqual([]);
  });

  it('error answers validate against ErrorResponseMessage', async () => {
    const res = await cw(sb, '/service/tickets/999999');
    expect(res.status).toBe(404);
    expect(schemaErrors('GET', '/service/tickets/999999', res)).toEqual([]);
  });

  it('the sandbox made no contract violations of its own in these requests', () => {
    expect(sb.contractViolations).toEqual([]);
  });
});
