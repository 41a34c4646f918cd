import { describe, expect, it } from 'vitest';
import { classifyHttpFailure, describeResource, type HttpFailure } from './errors';

const base: HttpFailure = {
  status: 500,
  method: 'GET',
  path: 'service/tickets',
  retryAfter: null,
  contentType: 'application/json',
  bodyText: '',
};
const classify = (f: Partial<HttpFailure>) => classifyHttpFailure({ ...base, ...f });

describe('classifyHttpFailure', () => {
  it('401 → auth, with a message naming the keys', () => {
    const e = classify({ status: 401, bodyText: '{"code":"Unauthorized","message":"nope"}' });
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/API keys/);
    expect(e.retryable).toBe(false);
  });

  it('403 mentioning clientId → missingClientId; other 403 → forbidden naming the resource', () => {
    expect(
      classify({ status: 403, bodyText: '{"code":"Forbidden","message":"clientId header is required"}' })
        .kind,
    ).toBe('missingClientId');
    const e = classify({
      status: 403,
      method: 'POST',
      path: 'time/entries',
      bodyText: '{"code":"Forbidden","message":"x"}',
    });
    expect(e.kind).toBe('forbidden');
    expect(e.message).toMatch(/add time entries/);
  });

  it("404 is 'not found', except on cloud probe calls where it means bad credentials", () => {
    expect(classify({ status: 404 }).kind).toBe('notFound');
    expect(classify({ status: 404, probe: true }).kind).toBe('auth');
  });

  it('400 surfaces CW errors[] field by field', () => {
    const e = classify({
      status: 400,
      bodyText: JSON.stringify({
        code: 'InvalidObject',
        message: 'serviceNote object is invalid',
        errors: [
          {
            code: 'InvalidObject',
            message: 'Please choose where to display the notes.',
            field: 'detailDescriptionFlag',
          },
        ],
      }),
    });
    expect(e.kind).toBe('validation');
    expect(e.cwCode).toBe('InvalidObject');
    expect(e.fieldErrors).toEqual([
      {
        code: 'InvalidObject',
        message: 'Please choose where to display the notes.',
        field: 'detailDescriptionFlag',
      },
    ]);
    expect(e.message).toContain('detailDescriptionFlag: Please choose where to display the notes.');
    // CW's sentence already ends in a full stop: no "..".
    expect(e.message).not.toContain('..');
    const time = classifyHttpFailure({
      status: 400,
      method: 'POST',
      path: 'time/entries',
      retryAfter: null,
      contentType: 'application/json',
      bodyText: JSON.stringify({
        code: 'TimeEntryApi',
        message:
          'Please update the status of this ticket before entering time. The current status does not allow time entry.',
      }),
    });
    expect(time.message).toMatch(/does not allow time entry\.$/);
  });

  it('429 reads Retry-After, else the seconds in the body (which uses `error`, not `code`)', () => {
    const body = '{"error":"ConnectWiseAPI","message":"Too many requests. Please try again in 30 seconds."}';
    const a = classify({ status: 429, retryAfter: '12', bodyText: body });
    expect(a).toMatchObject({ kind: 'throttled', retryAfterSec: 12, cwCode: 'ConnectWiseAPI' });
    expect(a.message).toMatch(/12 s/);
    expect(classify({ status: 429, bodyText: body }).retryAfterSec).toBe(30);
    expect(a.retryable).toBe(true);
  });

  it('5xx → server (retryable); 409 → conflict', () => {
    expect(classify({ status: 503 })).toMatchObject({ kind: 'server', retryable: true });
    expect(classify({ status: 503 }).retryAfterSec).toBeUndefined();
    // Maintenance: a 503 that says when to come back is waited out like a 429 (RFC 9110 §10.2.3).
    const down = classify({ status: 503, retryAfter: '120' });
    expect(down).toMatchObject({ kind: 'server', retryable: true, retryAfterSec: 120 });
    expect(down.message).toBe('ConnectWise is unavailable (503). Try again in 120 s.');
    expect(classify({ status: 500, retryAfter: '120' }).retryAfterSec).toBeUndefined();
    expect(classify({ status: 409, bodyText: '{"code":"Conflict","message":"in use"}' }).kind).toBe(
      'conflict',
    );
  });

  it('an HTML answer is "not JSON", whatever the status', () => {
    const html = '<!DOCTYPE html><html><body>Login</body></html>';
    expect(classify({ status: 200, contentType: 'text/html', bodyText: html }).kind).toBe('notJson');
    expect(classify({ status: 401, contentType: 'text/html', bodyText: html }).kind).toBe('notJson');
    expect(classify({ status: 404, contentType: '', bodyText: html }).kind).toBe('notJson');
  });

  it('never produces "[object Object]" and serialises to a plain object', () => {
    const info = classify({ status: 400, bodyText: '{"message":{"nested":true}}' }).toInfo();
    expect(JSON.stringify(info)).not.toContain('[object Object]');
    expect(info).toMatchObject({ kind: 'validation', retryable: false });
  });
});

describe('describeResource', () => {
  it.each([
    ['GET', 'service/tickets/5/notes', 'read ticket notes'],
    ['POST', 'service/tickets/5/notes', 'add ticket notes'],
    ['PATCH', 'service/tickets/5', 'update service tickets'],
    ['GET', 'system/members?pageSize=1', 'read members'],
    ['GET', 'service/boards/1/statuses', 'read board statuses'],
  ])('%s %s → %s', (m, p, want) => expect(describeResource(m, p)).toBe(want));
});
