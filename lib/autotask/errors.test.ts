import { describe, expect, it } from 'vitest';
import { type AtHttpFailure, classifyAtFailure, describeResource, errorTexts } from './errors';

const fail = (status: number, body: unknown, extra: Partial<AtHttpFailure> = {}) =>
  classifyAtFailure({
    status,
    method: 'POST',
    path: 'Tickets/40265/Notes',
    retryAfter: null,
    contentType: 'application/json',
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    ...extra,
  });

describe('classifyAtFailure', () => {
  it('401 → auth, whatever the body', () => {
    expect(fail(401, '')).toMatchObject({ kind: 'auth', retryable: false });
    expect(fail(401, '').message).toMatch(/secret/);
  });
  it('500 texts decide: integration code, unknown user, permissions', () => {
    expect(fail(500, { errors: ['IntegrationCode is invalid.'] }).kind).toBe('badIntegrationCode');
    expect(fail(500, { errors: ['Zone information could not be determined'] }).kind).toBe('unknownUser');
    const perm = fail(
      500,
      { errors: ['The logged in Resource does not have the adequate permissions to query this entity.'] },
      { method: 'POST', path: 'Resources/query' },
    );
    expect(perm.kind).toBe('forbidden');
    expect(perm.message).toMatch(/read resources/);
    expect(fail(403, '').kind).toBe('forbidden');
  });
  it('500 validation keeps Autotask\'s words and explains "no row at position 0"', () => {
    const e = fail(500, { errors: ['Missing Required Field: title'] });
    expect(e).toMatchObject({
      kind: 'validation',
      retryable: false,
      atErrors: ['Missing Required Field: title'],
    });
    expect(e.message).toBe('Autotask refused the change: Missing Required Field: title.');
    expect(fail(500, { errors: ['There is no row at position 0.'] }).message).toMatch(
      /role is probably not one this resource holds/,
    );
  });
  it('error objects {message, field, value} are read too (UNCONFIRMED shape)', () => {
    expect(
      fail(500, { errors: [{ message: 'Missing Required Field: title', field: 'title', value: null }] }),
    ).toMatchObject({
      kind: 'validation',
      atErrors: ['Missing Required Field: title'],
    });
  });
  it('thread-limit refusals are throttled whatever the status, with their reason', () => {
    for (const status of [429, 500, 503, 403]) {
      const e = fail(status, { errors: ['Thread Threshold Exceeded: … (Itgenatr005)'] });
      expect(e).toMatchObject({ kind: 'throttled', limit: 'thread', retryable: true });
    }
    expect(fail(500, { errors: ['The thread limit for this endpoint was reached'] }).limit).toBe('thread');
  });
  it('the hourly threshold: 429, or a 500 that says so; Retry-After is read when sent', () => {
    expect(fail(429, '')).toMatchObject({ kind: 'throttled', limit: 'threshold' });
    expect(fail(500, { errors: ['API request threshold exceeded'] })).toMatchObject({
      kind: 'throttled',
      limit: 'threshold',
    });
    expect(fail(429, '', { retryAfter: '30' }).retryAfterSec).toBe(30);
    expect(fail(429, '').retryAfterSec).toBe(60);
    expect(fail(429, '').message).not.toMatch(/Try again/);
    expect(fail(429, '', { retryAfter: '30' }).message).toMatch(/Try again in 30 s/);
  });
  it('404 → notFound, 405 → notAllowed naming the action', () => {
    expect(fail(404, { errors: [] }, { method: 'GET', path: 'Tickets/9' }).message).toMatch(/read tickets/);
    const e = fail(405, '', { method: 'DELETE', path: 'Tickets/1/Notes/2' });
    expect(e.kind).toBe('notAllowed');
    expect(e.message).toBe('Autotask does not allow integrations to delete ticket notes.');
  });
  it('5xx without a usable body, or with a transient text, is a retryable server error', () => {
    expect(fail(500, '')).toMatchObject({ kind: 'server', retryable: true });
    expect(fail(502, '<html>Bad gateway</html>', { contentType: 'text/html' }).kind).toBe('server');
    expect(fail(500, { errors: ['An unexpected error has occurred.'] }).kind).toBe('server');
  });
  it('an HTML page on a 2xx/4xx → notJson', () => {
    expect(fail(200, '<!DOCTYPE html><title>Sign in</title>', { contentType: 'text/html' }).kind).toBe(
      'notJson',
    );
  });
});

describe('describeResource and errorTexts', () => {
  it.each([
    ['POST', 'Tickets/query', 'read tickets'],
    ['POST', 'Tickets/1/Notes', 'add ticket notes'],
    ['PATCH', 'Tickets', 'update tickets'],
    ['POST', 'TimeEntries', 'add time entries'],
    ['DELETE', 'TimeEntries/5', 'delete time entries'],
    ['GET', 'Tickets/entityInformation/fields', 'read tickets field lists'],
    ['POST', 'ResourceRoles/query', 'read resource roles'],
    ['GET', 'ThresholdInformation', 'read API usage'],
  ])('%s %s → %s', (m, p, want) => expect(describeResource(m, p)).toBe(want));
  it('reads only string or {message} entries', () => {
    expect(errorTexts('{"errors":["a"," ",{"message":"b"},{"x":1},null]}')).toEqual(['a', 'b']);
    expect(errorTexts('not json')).toEqual([]);
  });
});
