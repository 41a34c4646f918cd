// @vitest-environment node
// The Autotask sandbox behaves as the fact sheet (docs/reference/autotask-api.md) says: zone lookup,
// auth errors, the query model, picklists, writes and their rules, limits, faults and UI pages.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AutotaskSandbox,
  NOTE_TYPE,
  PUBLISH,
  ROLES,
  SPECIAL_RESOURCES,
  SPECIAL_TICKETS,
  STATUS,
  startAutotaskSandbox,
} from '../autotask-sandbox/index.ts';
import { at, type Page, waitFor } from './autotask-helpers.ts';

let sb: AutotaskSandbox;
beforeAll(async () => {
  sb = await startAutotaskSandbox();
});
beforeEach(() => sb.reset());
afterEach(() => {
  expect(sb.contractViolations).toEqual([]);
});
afterAll(() => sb.close());

const T = SPECIAL_TICKETS.standard;
const note = (extra: Record<string, unknown> = {}) => ({
  ticketID: T,
  title: 'FlowPilot',
  description: 'Rebooted the router.',
  noteType: NOTE_TYPE.taskDetail,
  publish: PUBLISH.internal,
  ...extra,
});
const timeEntry = (extra: Record<string, unknown> = {}) => ({
  ticketID: T,
  resourceID: SPECIAL_RESOURCES.jsmith,
  roleID: ROLES.technician2,
  dateWorked: '2026-11-20T00:00:00Z',
  startDateTime: '2026-11-20T09:00:00Z',
  endDateTime: '2026-11-20T09:30:00Z',
  hoursWorked: 0.5,
  summaryNotes: 'Remote session',
  ...extra,
});

describe('zone lookup', () => {
  it('answers without credentials on the lookup host and on the zone; unknown users get a 500', async () => {
    for (const base of [sb.zoneLookupUrl, `${sb.zone.url}V1.0/zoneInformation`]) {
      const res = await fetch(`${base}?user=${encodeURIComponent(sb.credentials.userName.toUpperCase())}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(sb.zone);
    }
    const bad = await fetch(`${sb.zoneLookupUrl}?user=nobody%40x.example`);
    expect(bad.status).toBe(500);
    expect(await bad.json()).toEqual({ errors: ['Zone information could not be determined'] });
    expect(sb.zone.url).toMatch(/\/ATServicesRest\/$/);
  });
});

describe('authentication', () => {
  it('wrong secret → 401; wrong integration code → 500 IntegrationCode is invalid; header names any case', async () => {
    expect(
      (
        await at(sb, '/Tickets/query', {
          body: { filter: [{ op: 'eq', field: 'id', value: T }] },
          headers: { Secret: 'nope' },
        })
      ).status,
    ).toBe(401);
    const code = await at(sb, `/Tickets/${T}`, { headers: { ApiIntegrationCode: 'WRONG' } });
    expect(code.status).toBe(500);
    expect(code.body).toEqual({ errors: ['IntegrationCode is invalid.'] });
    const lower = await at(sb, `/Tickets/${T}`, {
      headers: { ApiIntegrationCode: undefined, ApiIntegrationcode: sb.credentials.integrationCode },
    });
    expect(lower.status).toBe(200);
    expect(sb.requests.at(-1)?.headers.secret).toBe('[redacted]');
  });
  it('a missing header is a contract violation (and fails)', async () => {
    expect((await at(sb, `/Tickets/${T}`, { headers: { UserName: undefined } })).status).toBe(401);
    expect(sb.contractViolations.splice(0)).toEqual([`GET /Tickets/${T}: header UserName is missing`]);
  });
});

describe('queries', () => {
  it('get by id wraps the record in item; unknown ids are 404', async () => {
    const r = await at<{ item: Record<string, unknown> }>(sb, `/Tickets/${T}`);
    expect(r.body.item).toMatchObject({ id: T, status: STATUS.inProgress });
    expect((await at(sb, '/Tickets/1')).status).toBe(404);
  });

  it('filter operators, nested and/or, case-insensitive text, IncludeFields, id ascending', async () => {
    const r = await at<Page>(sb, '/Tickets/query', {
      body: {
        Filter: [
          {
            op: 'or',
            items: [
              { op: 'contains', field: 'title', value: 'OUTLOOK' },
              { op: 'beginsWith', field: 'title', value: 'vpn' },
            ],
          },
          { op: 'noteq', field: 'status', value: STATUS.complete },
          { op: 'exist', field: 'assignedResourceID' },
        ],
        IncludeFields: ['id', 'title', 'status'],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(2);
    for (const t of r.body.items) {
      expect(Object.keys(t).sort()).toEqual(['id', 'status', 'title']);
      expect(String(t.title)).toMatch(/^(Outlook|VPN)/);
      expect(t.status).not.toBe(STATUS.complete);
    }
    const ids = r.body.items.map((t) => Number(t.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('quotes, %, & and [ in a contains value find exactly their ticket', async () => {
    const r = await at<Page>(sb, '/Tickets/query', {
      body: {
        filter: [{ op: 'contains', field: 'title', value: `"Q3 report" 100% & [urgent] <b>` }],
        IncludeFields: ['id'],
      },
    });
    expect(r.body.items).toEqual([{ id: SPECIAL_TICKETS.quotes }]);
  });

  it('in/notIn, gt/lte on dates, GET ?search= and count', async () => {
    const inQ = { filter: [{ op: 'in', field: 'id', value: [T, SPECIAL_TICKETS.complete, 1] }] };
    expect((await at<Page>(sb, '/Tickets/query', { body: inQ })).body.items.map((t) => t.id)).toEqual([
      T,
      SPECIAL_TICKETS.complete,
    ]);
    const search = await at<Page>(sb, `/Tickets/query?search=${encodeURIComponent(JSON.stringify(inQ))}`);
    expect(search.body.items).toHaveLength(2);
    const count = await at<{ queryCount: number }>(sb, '/Tickets/query/count', {
      body: { filter: [{ op: 'eq', field: 'status', value: STATUS.complete }] },
    });
    expect(count.body.queryCount).toBe(sb.state.tickets.filter((t) => t.status === STATUS.complete).length);
    const dated = await at<Page>(sb, '/Tickets/query', {
      body: {
        filter: [{ op: 'gt', field: 'createDate', value: '2026-11-30T00:00:00Z' }],
        IncludeFields: ['id', 'createDate'],
      },
    });
    for (const t of dated.body.items)
      expect(Date.parse(String(t.createDate))).toBeGreaterThan(Date.parse('2026-11-30T00:00:00Z'));
  });

  it('pages by nextPageUrl (POST the same body) and prevPageUrl; GET on a page link is 405', async () => {
    const body = { filter: [{ op: 'gte', field: 'id', value: 0 }], MaxRecords: 50, IncludeFields: ['id'] };
    const seen: number[] = [];
    let r = await at<Page>(sb, '/Tickets/query', { body });
    const first = r.body;
    while (true) {
      seen.push(...r.body.items.map((t) => Number(t.id)));
      if (!r.body.pageDetails.nextPageUrl) break;
      r = await at<Page>(sb, r.body.pageDetails.nextPageUrl, { body });
    }
    expect(seen).toHaveLength(sb.state.tickets.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(first.pageDetails).toMatchObject({ count: 50, requestCount: 50, prevPageUrl: null });
    const back = await at<Page>(sb, r.body.pageDetails.prevPageUrl!, { body });
    expect(back.body.items).toHaveLength(50);
    expect((await at(sb, first.pageDetails.nextPageUrl!)).status).toBe(405);
    expect((await at(sb, first.pageDetails.nextPageUrl!, { method: 'POST' })).status).toBe(500);
  });

  it('refuses what Autotask refuses: no filter, unknown field, non-boolean for a boolean, MaxRecords > 500, unqueryable field', async () => {
    const refuse = async (body: unknown, entity = 'Tickets') => {
      const r = await at<{ errors: string[] }>(sb, `/${entity}/query`, { body });
      expect(r.status).toBe(500);
      return r.body.errors[0];
    };
    expect(await refuse({ filter: [] })).toMatch(/filters/);
    expect(await refuse({ filter: [{ op: 'eq', field: 'nosuch', value: 1 }] })).toMatch(/nosuch/);
    expect(await refuse({ filter: [{ op: 'eq', field: 'isActive', value: 'true' }] }, 'Resources')).toMatch(
      /true or false/,
    );
    expect(await refuse({ filter: [{ op: 'eq', field: 'creatorType', value: 1 }] })).toMatch(
      /cannot be queried/,
    );
    expect(await refuse({ filter: [{ op: 'gte', field: 'id', value: 0 }], MaxRecords: 501 })).toMatch(
      /MaxRecords/,
    );
    sb.contractViolations.length = 0; // MaxRecords is also recorded as a violation
  });

  it('a misspelled operator is ignored silently (everything matches) but recorded as a violation', async () => {
    const r = await at<Page>(sb, '/Tickets/query', {
      body: { filter: [{ op: 'noteExist', field: 'contactID' }], MaxRecords: 5, IncludeFields: ['id'] },
    });
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(5);
    expect(sb.contractViolations.splice(0)).toEqual([
      "POST /Tickets/query: filter filter[0]: unknown operator 'noteExist' (Autotask ignores it silently)",
    ]);
  });

  it("ASK's operators (startsWith, isNull, between; no other source) are not Autotask's: ignored silently, recorded", async () => {
    for (const op of ['startsWith', 'isNull', 'between']) {
      const r = await at<Page>(sb, '/Tickets/query', {
        body: {
          filter: [
            { op: 'eq', field: 'status', value: 5 },
            { op, field: 'title', value: 'Outlook' },
          ],
          MaxRecords: 500,
          IncludeFields: ['id', 'status'],
        },
      });
      expect(r.status).toBe(200);
      // Only the known condition filtered: every Complete ticket came back, whatever its title.
      const complete = sb.state.tickets.filter((t) => t.status === 5).length;
      expect(r.body.items).toHaveLength(complete);
      expect(sb.contractViolations.splice(0)).toEqual([
        `POST /Tickets/query: filter filter[1]: unknown operator '${op}' (Autotask ignores it silently)`,
      ]);
    }
  });

  it('picklists: tenant labels, status 5 = Complete, inactive values, parent values', async () => {
    const r = await at<{
      fields: {
        name: string;
        isPickList: boolean;
        picklistValues: { value: string; label: string; isActive: boolean; parentValue: string }[] | null;
      }[];
    }>(sb, '/Tickets/entityInformation/fields');
    const status = r.body.fields.find((x) => x.name === 'status')!;
    expect(status.isPickList).toBe(true);
    expect(status.picklistValues?.find((p) => p.value === '5')?.label).toBe('Complete');
    expect(status.picklistValues?.find((p) => p.value === String(STATUS.onHold))?.isActive).toBe(false);
    const sub = r.body.fields.find((x) => x.name === 'subIssueType')!;
    expect(sub.picklistValues?.every((p) => p.parentValue !== '')).toBe(true);
    const notes = await at<{
      fields: { name: string; picklistValues: { value: string; label: string }[] | null }[];
    }>(sb, '/TicketNotes/entityInformation/fields');
    expect(
      notes.body.fields.find((x) => x.name === 'publish')?.picklistValues?.find((p) => p.value === '2')
        ?.label,
    ).toBe('Internal Project Team');
  });

  it('resources carry email, email2, email3 and isActive; contacts isActive is 1/0', async () => {
    const r = await at<Page>(sb, '/Resources/query', {
      body: {
        filter: [{ op: 'eq', field: 'email2', value: 'marcus@flowpilotdemo.example' }],
        IncludeFields: ['id', 'email', 'email3', 'isActive'],
      },
    });
    expect(r.body.items).toEqual([
      {
        id: SPECIAL_RESOURCES.messyEmail,
        email: '  Marcus.OYELARAN@FlowPilotDemo.example ',
        email3: 'm.oyelaran@personal.example',
        isActive: true,
      },
    ]);
    const c = await at<Page>(sb, '/Contacts/query', {
      body: { filter: [{ op: 'eq', field: 'isActive', value: 0 }], IncludeFields: ['id', 'isActive'] },
    });
    expect(c.body.items.length).toBeGreaterThan(0);
    expect(c.body.items.every((x) => x.isActive === 0)).toBe(true);
  });

  it('a restricted security level sees no tickets (no error); another is refused resources', async () => {
    const h = {
      UserName: sb.restrictedUsers.noTickets.userName,
      Secret: sb.restrictedUsers.noTickets.secret,
    };
    const r = await at<Page>(sb, '/Tickets/query', {
      body: { filter: [{ op: 'gte', field: 'id', value: 0 }] },
      headers: h,
    });
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([]);
    const h2 = {
      UserName: sb.restrictedUsers.noResources.userName,
      Secret: sb.restrictedUsers.noResources.secret,
    };
    const res = await at<{ errors: string[] }>(sb, '/Resources/query', {
      body: { filter: [{ op: 'gte', field: 'id', value: 0 }] },
      headers: h2,
    });
    expect(res.status).toBe(500);
    expect(res.body.errors[0]).toMatch(/adequate permissions/);
  });
});

describe('ticket notes', () => {
  it('POST Tickets/{id}/Notes → itemId; the note is readable by query and under the ticket', async () => {
    const r = await at<{ itemId: number }>(sb, `/Tickets/${T}/Notes`, {
      body: note({ description: 'FlowPilot ref abc2345' }),
    });
    expect(r.status).toBe(200);
    const found = await at<Page>(sb, '/TicketNotes/query', {
      body: {
        filter: [
          { op: 'eq', field: 'ticketID', value: T },
          { op: 'contains', field: 'description', value: 'ref abc2345' },
        ],
      },
    });
    expect(found.body.items.map((n) => n.id)).toEqual([r.body.itemId]);
    const child = await at<Page>(sb, `/Tickets/${T}/Notes`);
    expect(child.body.items.some((n) => n.id === r.body.itemId)).toBe(true);
  });
  it('ticketID in the body is optional (UNCONFIRMED both ways); a mismatch is refused', async () => {
    const { ticketID: _, ...withoutTicket } = note();
    expect((await at(sb, `/Tickets/${T}/Notes`, { body: withoutTicket })).status).toBe(200);
    expect(
      (await at(sb, `/Tickets/${T}/Notes`, { body: note({ ticketID: SPECIAL_TICKETS.complete }) })).status,
    ).toBe(500);
  });
  it('title required by the ticket category; noteType/publish must be active picklist values', async () => {
    const t = SPECIAL_TICKETS.titlesRequired;
    const noTitle = await at<{ errors: string[] }>(sb, `/Tickets/${t}/Notes`, {
      body: note({ ticketID: t, title: '' }),
    });
    expect(noTitle.body).toEqual({ errors: ['Missing Required Field: title'] });
    expect((await at(sb, `/Tickets/${T}/Notes`, { body: note({ title: undefined }) })).status).toBe(200);
    expect((await at(sb, `/Tickets/${T}/Notes`, { body: note({ noteType: 102 }) })).status).toBe(500);
    expect((await at(sb, `/Tickets/${T}/Notes`, { body: note({ publish: 3 }) })).status).toBe(500);
    expect((await at(sb, `/Tickets/${T}/Notes`, { body: note({ description: '' }) })).body).toEqual({
      errors: ['Missing Required Field: description'],
    });
  });
  it('notes cannot be deleted (405) nor created at the top level (404)', async () => {
    const id = (await at<{ itemId: number }>(sb, `/Tickets/${T}/Notes`, { body: note() })).body.itemId;
    expect((await at(sb, `/Tickets/${T}/Notes/${id}`, { method: 'DELETE' })).status).toBe(405);
    expect((await at(sb, '/TicketNotes', { body: note() })).status).toBe(404);
  });
  it('impersonation makes the resource the creator', async () => {
    const id = (
      await at<{ itemId: number }>(sb, `/Tickets/${T}/Notes`, {
        body: note(),
        headers: { ImpersonationResourceId: String(SPECIAL_RESOURCES.jsmith) },
      })
    ).body.itemId;
    expect(sb.state.ticketNotes.find((n) => n.id === id)).toMatchObject({
      creatorResourceID: SPECIAL_RESOURCES.jsmith,
    });
  });
  it('an unknown field in the body is a contract violation', async () => {
    await at(sb, `/Tickets/${T}/Notes`, { body: note({ text: 'CW field name' }) });
    expect(sb.contractViolations.splice(0)).toEqual([
      `POST /Tickets/${T}/Notes: unknown field 'text' for TicketNotes`,
    ]);
  });
});

describe('time entries', () => {
  it('POST → itemId, query by ticket, DELETE', async () => {
    const id = (await at<{ itemId: number }>(sb, '/TimeEntries', { body: timeEntry() })).body.itemId;
    const q = await at<Page>(sb, '/TimeEntries/query', {
      body: { filter: [{ op: 'eq', field: 'ticketID', value: T }], IncludeFields: ['id', 'hoursWorked'] },
    });
    expect(q.body.items).toContainEqual({ id, hoursWorked: 0.5 });
    expect((await at(sb, `/TimeEntries/${id}`, { method: 'DELETE' })).body).toEqual({ itemId: id });
    expect(sb.state.timeEntries.some((t) => t.id === id)).toBe(false);
  });
  it.each([
    ['no roleID', { roleID: undefined }, 'TimeEntries for Tickets must have a roleID.'],
    ['a role the resource does not hold', { roleID: ROLES.pm }, 'There is no row at position 0.'],
    [
      'no end time',
      { endDateTime: undefined },
      'TimeEntries for Service tickets require a start and stop time.',
    ],
    [
      '24 hours',
      { endDateTime: '2026-11-21T09:00:00Z', hoursWorked: 24 },
      'hoursWorked must be greater than 0 and less than 24.',
    ],
    ['no resource', { resourceID: undefined }, 'Missing Required Field: resourceID'],
    [
      'an inactive resource',
      { resourceID: SPECIAL_RESOURCES.inactive, roleID: ROLES.technician1 },
      `Resource ${SPECIAL_RESOURCES.inactive} is inactive.`,
    ],
  ])("refuses %s with Autotask's 500", async (_n, patch, message) => {
    const r = await at(sb, '/TimeEntries', { body: timeEntry(patch) });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ errors: [message] });
  });
});

describe('ticket PATCH', () => {
  it('changes the status sparsely; 5 completes; an inactive status is refused', async () => {
    expect(
      (await at(sb, '/Tickets', { method: 'PATCH', body: { id: T, status: STATUS.complete } })).body,
    ).toEqual({ itemId: T });
    const t = sb.state.tickets.find((x) => x.id === T)!;
    expect(t).toMatchObject({ status: 5, title: 'Outlook not syncing on laptop' });
    expect(t.completedDate).toBeTruthy();
    expect(
      (await at(sb, '/Tickets', { method: 'PATCH', body: { id: T, status: STATUS.onHold } })).status,
    ).toBe(500);
    expect((await at(sb, '/Tickets', { method: 'PATCH', body: { status: 1 } })).body).toEqual({
      errors: ['Missing Required Field: id'],
    });
  });
});

describe('limits', () => {
  it('refuses a 4th concurrent request on one endpoint (429 by default, or another status) but not on another', async () => {
    sb.faults.add({ path: '^/Tickets/query$', latencyMs: 1000, times: 3 });
    const body = { filter: [{ op: 'eq', field: 'id', value: T }] };
    const slow = [1, 2, 3].map(() => at(sb, '/Tickets/query', { body }));
    const code = sb.credentials.integrationCode;
    await waitFor(() => sb.limits.busy(code, '/Tickets/query') === 3);
    const fourth = await at<{ errors: string[] }>(sb, '/Tickets/query', { body });
    const other = await at(sb, '/TimeEntries/query', {
      body: { filter: [{ op: 'eq', field: 'ticketID', value: T }] },
    });
    expect(fourth.status).toBe(429);
    expect(fourth.body.errors[0]).toMatch(/Itgenatr005/);
    expect(other.status).toBe(200);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200]);
    sb.limits.settings.threadLimitStatus = 500;
    sb.faults.add({ path: `^/Tickets/${T}/Notes$`, latencyMs: 1000, times: 3 });
    const notes = [1, 2, 3].map(() => at(sb, `/Tickets/${T}/Notes`));
    await waitFor(() => sb.limits.busy(code, '/TicketNotes/query') === 3);
    // The child endpoint counts as TicketNotes: a TicketNotes query is the 4th on it.
    const q = await at(sb, '/TicketNotes/query', {
      body: { filter: [{ op: 'eq', field: 'ticketID', value: T }] },
    });
    expect(q.status).toBe(500);
    await Promise.all(notes);
  });

  it('counts the hourly threshold, reports it, slows down past 50 % and refuses past 100 %', async () => {
    sb.limits.settings.hourlyThreshold = 10;
    sb.limits.settings.usageLatencyMs = [40, 80];
    await at(sb, `/Tickets/${T}`);
    const info = await at(sb, '/ThresholdInformation');
    expect(info.body).toEqual({
      externalRequestThreshold: 10,
      requestThresholdTimeframe: 60,
      currentTimeframeRequestCount: 2,
    });
    sb.limits.setCount(9);
    expect((await at(sb, `/Tickets/${T}`)).status).toBe(200);
    const over = await at<{ errors: string[] }>(sb, `/Tickets/${T}`);
    expect(over.status).toBe(429);
    expect(over.body.errors[0]).toMatch(/threshold/);
    expect(sb.requests.at(-1)).toMatchObject({ limited: 'threshold' });
  });
});

describe('faults (the CW sandbox kinds, Autotask bodies)', () => {
  it('status with Autotask body; 429 with Retry-After when asked; HTML; error objects', async () => {
    sb.faults.add({ path: '^/Tickets/\\d+$', status: 500 });
    expect((await at(sb, `/Tickets/${T}`)).body).toEqual({
      errors: ['An error has occurred. Please try again.'],
    });
    sb.faults.add({ path: '^/Tickets/\\d+$', status: 429, retryAfter: 7 });
    const t = await at(sb, `/Tickets/${T}`);
    expect([t.status, t.headers.get('retry-after')]).toEqual([429, '7']);
    sb.faults.add({ path: '^/Tickets/\\d+$', html: true });
    expect((await at(sb, `/Tickets/${T}`)).text).toContain('loginForm');
    sb.faults.add({ path: '^/Tickets/\\d+$', status: 500, errorsAsObjects: true });
    expect((await at(sb, `/Tickets/${T}`)).body).toEqual({
      errors: [{ message: 'An error has occurred. Please try again.', field: null, value: null }],
    });
  });
  it('reset before (nothing written), commit then reset (written), slow commit (written, late answer)', async () => {
    const before = sb.state.ticketNotes.length;
    sb.faults.add({ method: 'POST', path: '/Notes$', reset: 'before' });
    await expect(at(sb, `/Tickets/${T}/Notes`, { body: note() })).rejects.toThrow();
    expect(sb.state.ticketNotes.length).toBe(before);
    sb.faults.add({ method: 'POST', path: '/Notes$', reset: 'after-commit' });
    await expect(
      at(sb, `/Tickets/${T}/Notes`, { body: note({ description: 'committed' }) }),
    ).rejects.toThrow();
    expect(sb.state.ticketNotes.filter((n) => n.description === 'committed')).toHaveLength(1);
    sb.faults.add({ method: 'POST', path: '^/TimeEntries$', slowCommitMs: 1000 });
    let answered = false;
    const pending = at(sb, '/TimeEntries', { body: timeEntry({ summaryNotes: 'slow' }) }).then((r) => {
      answered = true;
      return r;
    });
    await waitFor(() => sb.state.timeEntries.some((t) => t.summaryNotes === 'slow'));
    expect(answered).toBe(false);
    expect((await pending).status).toBe(200);
  });
  it('the zone base with another case works but is recorded (use the zone url as returned)', async () => {
    const url = `${sb.zone.url.replace('ATServicesRest', 'atservicesrest')}V1.0/Tickets/${T}`;
    expect((await at(sb, url)).status).toBe(200);
    expect(sb.contractViolations.splice(0)[0]).toMatch(/differs from the zone url/);
  });
});

describe('UI pages', () => {
  it('every URL form renders the ticket with the title bar and heading; ids change on every load', async () => {
    const forms = sb.ticketPageUrls(T);
    const t = sb.state.tickets.find((x) => x.id === T)!;
    const ids = new Set<string>();
    for (const url of Object.values(forms)) {
      const html = await (await fetch(url)).text();
      if (url.includes('LandingPage')) {
        expect(html).toContain('data-slot="iframe"');
        expect(html).toContain(`TicketDetail.mvc?ticketId=${T}`);
        continue;
      }
      expect(html).toContain('class="EntityDetail"');
      expect(html).toContain(
        `<span class="Text">Ticket </span><span class="SecondaryText">- ${t.ticketNumber} - ${t.title} (Contoso Ltd)</span>`,
      );
      expect(html).toContain(`<span class="IdentificationText">${t.ticketNumber}</span>`);
      for (const m of html.matchAll(/id="(z[0-9a-f]{32})"/g)) ids.add(m[1]!);
    }
    expect(ids.size).toBeGreaterThan(20);
    const grid = await (await fetch(forms.grid)).text();
    expect(grid).toMatch(/1 of 2/);
    const quotes = await (await fetch(sb.ticketPageUrls(SPECIAL_TICKETS.quotes).plain)).text();
    expect(quotes).toContain('&#60;b&#62;');
    expect(quotes).not.toContain('<b>');
  });
  it('a hidden ticket still has a page; an unknown one is 404', async () => {
    expect((await fetch(sb.ticketPageUrls(SPECIAL_TICKETS.hidden).plain)).status).toBe(200);
    expect((await fetch(`${sb.url}/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1`)).status).toBe(404);
  });
});
