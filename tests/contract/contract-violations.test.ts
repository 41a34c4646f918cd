// @vitest-environment node
// Requests the OpenAPI subset does not allow are recorded (and still answered like CW would).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, SPECIAL_TICKETS, startSandbox } from '../cw-sandbox/index.ts';
import {
  matchPath,
  responseSchemaName,
  schemaAt,
  validateRequestBody,
  validateRequestParams,
  validateResponse,
} from '../support/openapi.ts';
import { cw } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

const notes = `/service/tickets/${SPECIAL_TICKETS.standard}/notes`;

describe('contractViolations', () => {
  it('a valid note is not recorded', async () => {
    const res = await cw(sb, notes, {
      method: 'POST',
      body: {
        text: 'ok',
        internalAnalysisFlag: true,
        member: { identifier: 'jsmith' },
        processNotifications: false,
      },
    });
    expect(res.status).toBe(201);
    expect(sb.contractViolations).toEqual([]);
  });

  it('an unknown body field is recorded, the note is still created', async () => {
    const res = await cw(sb, notes, {
      method: 'POST',
      body: { text: 'x', internalAnalysisFlag: true, internal: true },
    });
    expect(res.status).toBe(201);
    expect(sb.contractViolations).toEqual([`POST ${notes}: body: unknown property 'internal'`]);
  });

  it('nested unknown fields and wrong types are recorded', async () => {
    await cw(sb, '/time/entries', {
      method: 'POST',
      body: { chargeToId: '1001', timeStart: '2026-11-20T13:00:00Z', member: { login: 'jsmith' } },
    });
    expect(sb.contractViolations).toEqual([
      'POST /time/entries: body/chargeToId: must be integer',
      "POST /time/entries: body/member: unknown property 'login'",
    ]);
  });

  it('PATCH values may be strings (the subset wrongly types value as object)', async () => {
    await cw(sb, `/service/tickets/${SPECIAL_TICKETS.standard}`, {
      method: 'PATCH',
      body: [
        { op: 'replace', path: 'summary', value: 'New summary' },
        { op: 'replace', path: 'status', value: { id: 102 } },
      ],
    });
    expect(sb.contractViolations).toEqual([]);
    await cw(sb, `/service/tickets/${SPECIAL_TICKETS.standard}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'summary', value: 'x', from: 'y' }],
    });
    expect(sb.contractViolations).toEqual([
      `PATCH /service/tickets/${SPECIAL_TICKETS.standard}: body/0: unknown property 'from'`,
    ]);
  });

  it('unknown query parameters, bad integers, missing clientId, missing Content-Type', async () => {
    await cw(sb, '/service/tickets?pagesize=5&page=two');
    await cw(sb, '/system/info', { headers: { clientId: undefined } });
    await cw(sb, notes, {
      method: 'POST',
      body: { text: 'x', internalAnalysisFlag: true },
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(sb.contractViolations).toEqual([
      "GET /service/tickets: query: unknown parameter 'pagesize'",
      "GET /service/tickets: query: parameter 'page' must be an integer, got 'two'",
      "GET /system/info: header: required header 'clientId' is missing",
      `POST ${notes}: Content-Type should be application/json, got 'text/plain'`,
    ]);
  });

  it('operations outside the subset are recorded', async () => {
    await cw(sb, '/service/tickets/search', { method: 'POST', body: { conditions: 'id=1' } });
    // The subset has GET and DELETE for one note, not PUT.
    await cw(sb, '/service/tickets/1001/notes/1', {
      method: 'PUT',
      body: { text: 'x', detailDescriptionFlag: true },
    });
    expect(sb.contractViolations).toEqual([
      'POST /service/tickets/search: path is not in the OpenAPI subset',
      'PUT /service/tickets/1001/notes/1: method is not in the OpenAPI subset',
    ]);
  });
});

describe('tests/support/openapi helpers', () => {
  it('matchPath prefers literal segments and respects the method', () => {
    expect(matchPath('GET', '/service/tickets/count')).toBe('/service/tickets/count');
    expect(matchPath('GET', '/service/tickets/1001')).toBe('/service/tickets/{id}');
    expect(matchPath('patch', '/service/tickets/1001')).toBe('/service/tickets/{id}');
    expect(matchPath('GET', '/service/tickets/1/notes/count?x=1')).toBe(
      '/service/tickets/{parentId}/notes/count',
    );
    expect(matchPath('DELETE', '/service/tickets/1001')).toBeUndefined();
    expect(matchPath('GET', '/nope')).toBeUndefined();
  });

  it('validateRequestBody / validateResponse / validateRequestParams', () => {
    expect(validateRequestBody('POST', '/time/entries', { timeStart: '2026-01-01T00:00:00Z' })).toEqual([]);
    expect(validateRequestBody('POST', '/time/entries', {})).toEqual([
      "body: must have required property 'timeStart'",
    ]);
    expect(validateRequestBody('POST', '/time/entries', { timeStart: 'x' })).toEqual([
      'body/timeStart: must match format "date-time"',
    ]);
    expect(validateResponse('GET', '/system/info', 200, { version: 1 })).toEqual([
      'response/version: must be string',
    ]);
    expect(validateResponse('GET', '/system/info', 201, {})).toEqual([
      'status 201 is not declared for GET /system/info',
    ]);
    expect(
      validateRequestParams('GET', '/service/tickets', { conditions: 'id=1' }, { clientid: 'x' }),
    ).toEqual([]);
  });

  it('nullable enums accept null; nullable fields accept null', () => {
    expect(
      validateResponse('GET', '/service/tickets/{id}', 200, { id: 1, severity: null, budgetHours: null }),
    ).toEqual([]);
    expect(validateResponse('GET', '/service/tickets/{id}', 200, { severity: 'Huge' })).toHaveLength(1);
  });

  it('schemaAt / responseSchemaName walk the schemas', () => {
    expect(responseSchemaName('GET', '/service/tickets')).toBe('Ticket');
    expect(schemaAt('Ticket', 'status/name')).toEqual({ type: 'string' });
    expect(schemaAt('Contact', 'communicationItems/value')).toEqual({ type: 'string' });
    expect(schemaAt('Ticket', 'status/colour')).toBeUndefined();
  });
});
