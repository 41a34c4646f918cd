// @vitest-environment node
// The conditions language: parser units and end-to-end filtering over HTTP (values URL-encoded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConditionError, evaluate, parseConditions } from '../cw-sandbox/conditions.ts';
import {
  QUOTES_SUMMARY,
  type Sandbox,
  SPECIAL_TICKETS,
  startSandbox,
  XSS_PAYLOAD,
} from '../cw-sandbox/index.ts';
import { resolvePath } from '../cw-sandbox/query.ts';
import { cw, q } from './helpers.ts';

const match = (conditions: string, record: unknown) =>
  evaluate(parseConditions(conditions), record, resolvePath);

describe('parser', () => {
  const t = {
    id: 7,
    summary: `Can't print "Q3" 100% & [x] C:\\temp`,
    closedFlag: false,
    status: { name: 'In Progress' },
    company: { id: 250 },
    _info: { lastUpdated: '2026-11-02T10:00:00Z' },
    items: [{ value: 'a@x.com' }, { value: 'B@Y.COM' }],
  };

  it('double and single quotes with backslash escapes', () => {
    expect(match(`summary contains "Can't print \\"Q3\\""`, t)).toBe(true);
    expect(match(`summary contains 'Can\\'t print'`, t)).toBe(true);
    expect(match(`summary contains "C:\\\\temp"`, t)).toBe(true);
    expect(match(`summary contains "C:\\temp"`, t)).toBe(true); // unknown escape stays literal
  });

  it('case-insensitive strings, booleans, keywords', () => {
    expect(match('status/name = "in progress"', t)).toBe(true);
    expect(match('closedFlag = FALSE and STATUS/NAME != "New"', t)).toBe(true);
    expect(match('closedFlag = true', t)).toBe(false);
  });

  it('numbers, in, not in, parentheses and precedence', () => {
    expect(match('company/id in (1, 250, 3)', t)).toBe(true);
    expect(match('company/id not in (1,2)', t)).toBe(true);
    expect(match('id = 1 or id = 7 and closedFlag = false', t)).toBe(true);
    expect(match('(id = 1 or id = 7) and closedFlag = true', t)).toBe(false);
    expect(match('id >= 7 and id < 8 and id <= 7 and id > 6', t)).toBe(true);
  });

  it('like with * and % wildcards; not contains; not like', () => {
    expect(match('summary like "can*100"', t)).toBe(false); // anchored at both ends
    expect(match('summary like "can*100%"', t)).toBe(true); // % is a wildcard too
    expect(match('summary like "can*100*"', t)).toBe(true);
    expect(match('summary like "%Q3%"', t)).toBe(true);
    expect(match('summary not contains "fax"', t)).toBe(true);
    expect(match('summary not like "*Q3*"', t)).toBe(false);
  });

  it('dates in brackets compare as instants; null', () => {
    expect(match('lastUpdated > [2026-11-01T00:00:00Z]', { lastUpdated: t._info.lastUpdated })).toBe(true);
    expect(match('_info/lastUpdated < [2026-11-02]', t)).toBe(false);
    expect(match('contact = null', t)).toBe(true);
    expect(match('summary != null', t)).toBe(true);
  });

  it('array paths match when any element matches', () => {
    expect(match('items/value = "b@y.com"', t)).toBe(true);
    expect(match('items/value contains "z"', t)).toBe(false);
  });

  it.each([
    ['summary = "unterminated', /Unterminated string/],
    ['summary contains', /Expected a value/],
    ['= "x"', /Expected a field name/],
    ['summary "x"', /Expected an operator/],
    ['id in 1, 2', /Expected '\('/],
    ['(id = 1', /Missing '\)'/],
    ['id = 1 id = 2', /Unexpected/],
    ['summary = New', /not a valid value/],
    ['lastUpdated > [yesterday]', /not a valid date/],
    ['summary not equals "x"', /after 'not'/],
    ['', /empty/],
  ])('syntax error: %s', (text, message) => {
    expect(() => parseConditions(text)).toThrow(ConditionError);
    expect(() => parseConditions(text)).toThrow(message);
  });
});

describe('conditions over HTTP', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb.close());

  const ids = async (query: string, path = '/service/tickets') => {
    const res = await cw<{ id: number }[]>(sb, `${path}?${query}&fields=id&pageSize=1000`);
    expect(res.status).toBe(200);
    return res.body.map((t) => t.id);
  };

  it('quotes, escapes, %, & and [ inside values survive URL encoding', async () => {
    expect(await ids(q(`summary contains "Can't print \\"Q3"`))).toEqual([SPECIAL_TICKETS.quotes]);
    expect(await ids(q(`summary = '${QUOTES_SUMMARY.replace(/'/g, "\\'")}'`))).toEqual([
      SPECIAL_TICKETS.quotes,
    ]);
    expect(await ids(q('summary contains "100% & [urgent]"'))).toEqual([SPECIAL_TICKETS.quotes]);
    expect(await ids(q(`summary contains "${XSS_PAYLOAD.slice(0, 12)}"`))).toEqual([SPECIAL_TICKETS.xss]);
  });

  it('AND/OR/parentheses, reference paths and in', async () => {
    const got = await ids(
      q(
        '(board/name = "Escalations" or priority/id = 1) and status/name = "Escalated" and company/id in (257, 1)',
      ),
    );
    expect(got).toContain(SPECIAL_TICKETS.escalated);
    for (const id of got) {
      const t = sb.state.tickets.find((x) => x.id === id)!;
      expect(t.status.name).toBe('Escalated');
      expect(t.company.id).toBe(257);
    }
  });

  it('owner/identifier and not contains', async () => {
    const got = await ids(q('owner/identifier = "jsmith" and summary not contains "outlook"'));
    expect(got.length).toBeGreaterThan(0);
    expect(got).not.toContain(SPECIAL_TICKETS.standard);
  });

  it('dates and the lastUpdated alias', async () => {
    const since = '2026-11-15T00:00:00Z';
    const got = await ids(q(`lastUpdated > [${since}]`));
    const expected = sb.state.tickets
      .filter((t) => Date.parse(t._info.lastUpdated ?? '') > Date.parse(since))
      .map((t) => t.id);
    expect(got).toEqual(expected);
    expect(got.length).toBeGreaterThan(0);
  });

  it('closedFlag and count', async () => {
    const res = await cw<{ count: number }>(sb, `/service/tickets/count?${q('closedFlag = False')}`);
    expect(res.body.count).toBe(sb.state.tickets.filter((t) => !t.closedFlag).length);
  });

  it('note flags on a ticket sub-resource', async () => {
    const got = await ids(
      q('detailDescriptionFlag = true'),
      `/service/tickets/${SPECIAL_TICKETS.standard}/notes`,
    );
    expect(got).toEqual([20000, 20002]);
  });

  it('members by email are case-insensitive but do not trim stored spaces', async () => {
    const exact = await ids(q('primaryEmail = "helpdesk@flowpilotmsp.com"'), '/system/members');
    expect(exact).toEqual([110, 111]);
    const messy = await ids(q('primaryEmail contains "maria.garcia@flowpilotmsp.com"'), '/system/members');
    expect(messy).toEqual([102]);
  });

  it('unknown field → 400 ApiFindCondition', async () => {
    const res = await cw(sb, `/service/tickets?${q('noteType = "x"')}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'ApiFindCondition', message: 'noteType is not a recognized name.' });
    const nested = await cw(sb, `/service/tickets?${q('status/colour = "x"')}`);
    expect(nested.status).toBe(400);
  });

  it('syntax error → 400 with a message', async () => {
    const res = await cw<{ code: string; message: string }>(sb, `/service/tickets?${q('summary = "x" and')}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ApiFindCondition');
    expect(res.body.message).toMatch(/field name/);
  });

  it('customFieldConditions: nothing has custom fields', async () => {
    const res = await cw<unknown[]>(
      sb,
      `/service/tickets?customFieldConditions=${encodeURIComponent('caption="X" AND value != null')}`,
    );
    expect(res.body).toEqual([]);
  });

  it('childConditions filter arrays', async () => {
    const res = await cw<unknown[]>(
      sb,
      `/company/companies?childConditions=${encodeURIComponent('types/name = "Client"')}&fields=id`,
    );
    expect(res.body).toHaveLength(8);
  });
});
