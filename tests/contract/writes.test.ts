// @vitest-environment node
// PATCH tickets, POST notes, POST time entries: CW's validation and side effects.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Sandbox,
  SPECIAL_MEMBERS,
  SPECIAL_TICKETS,
  STATUS_IDS,
  startSandbox,
  XSS_PAYLOAD,
} from '../cw-sandbox/index.ts';
import { basicAuth, cw, schemaErrors } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

const T = SPECIAL_TICKETS.standard;
type Err = { code: string; message: string; errors?: { code: string; field: string; message: string }[] };
const patch = (id: number, ops: unknown, path = 'service') =>
  cw<Record<string, unknown> & Err>(sb, `/${path}/tickets/${id}`, { method: 'PATCH', body: ops });

describe('PATCH /service/tickets/{id}', () => {
  it('replaces status with a status of the same board', async () => {
    const res = await patch(T, [
      { op: 'replace', path: 'status', value: { id: STATUS_IDS.helpDesk.inProgress } },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.status).toMatchObject({ id: 102, name: 'In Progress' });
    expect(sb.state.tickets.find((t) => t.id === T)?.status.id).toBe(102);
    expect(sb.state.tickets.find((t) => t.id === T)?._info.updatedBy).toBe(SPECIAL_MEMBERS.api.identifier);
  });

  it('a closed status sets closedFlag/closedDate; reopening clears them', async () => {
    const closed = await patch(T, [
      { op: 'replace', path: '/status', value: { id: STATUS_IDS.helpDesk.closed } },
    ]);
    expect(closed.body).toMatchObject({ closedFlag: true, closedBy: 'FlowPilotAPI' });
    expect(closed.body.closedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const open = await patch(T, [{ op: 'replace', path: 'status', value: { name: 'new' } }]);
    expect(open.body.closedFlag).toBe(false);
    expect(open.body).not.toHaveProperty('closedDate');
  });

  it('a status of another board → 400 with errors[] on status', async () => {
    const res = await patch(T, [
      { op: 'replace', path: 'status', value: { id: STATUS_IDS.escalations.inProgress } },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('InvalidObject');
    expect(res.body.errors?.[0]?.field).toBe('status');
    expect(sb.state.tickets.find((t) => t.id === T)?.status.id).toBe(STATUS_IDS.helpDesk.new);
  });

  it('several operations apply together; newlines in summary fold to spaces', async () => {
    const res = await patch(T, [
      { op: 'replace', path: 'summary', value: 'Line one\nline two' },
      { op: 'replace', path: 'priority', value: { id: 1 } },
      { op: 'add', path: 'owner', value: { identifier: 'akim' } },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      summary: 'Line one line two',
      priority: { id: 1 },
      owner: { identifier: 'akim' },
    });
  });

  it('is atomic: one bad op changes nothing', async () => {
    const res = await patch(T, [
      { op: 'replace', path: 'summary', value: 'changed' },
      { op: 'replace', path: 'owner', value: { identifier: 'dobrien' } },
    ]);
    expect(res.status).toBe(400);
    expect(sb.state.tickets.find((t) => t.id === T)?.summary).toBe('Outlook not syncing on laptop');
  });

  it.each([
    ['not an array', { op: 'replace', path: 'summary', value: 'x' }],
    ['unknown path', [{ op: 'replace', path: 'colour', value: 'red' }]],
    ['case-sensitive path', [{ op: 'replace', path: 'Summary', value: 'x' }]],
    ['unknown op', [{ op: 'move', path: 'summary', value: 'x' }]],
    ['read-only path', [{ op: 'replace', path: 'id', value: 5 }]],
    ['summary over 100 chars', [{ op: 'replace', path: 'summary', value: 'x'.repeat(101) }]],
    ['remove a required field', [{ op: 'remove', path: 'summary' }]],
  ])('%s → 400', async (_name, body) => {
    const res = await patch(T, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('InvalidObject');
  });

  it('a sub-path of a reference is a false 200 that changes nothing (DG)', async () => {
    const res = await patch(T, [{ op: 'replace', path: 'company/identifier', value: 'NorthwindTraders' }]);
    expect(res.status).toBe(200);
    expect(res.body.company).toMatchObject({ id: 250 });
  });

  it('hidden and project tickets → 404 on the service resource', async () => {
    expect((await patch(SPECIAL_TICKETS.hidden, [])).status).toBe(404);
    expect((await patch(SPECIAL_TICKETS.project, [])).status).toBe(404);
  });

  it('project tickets patch on /project/tickets with project board statuses', async () => {
    const ok = await patch(
      SPECIAL_TICKETS.project,
      [{ op: 'replace', path: 'status', value: { id: 305 } }],
      'project',
    );
    expect(ok.status).toBe(200);
    expect(ok.body.status).toMatchObject({ name: 'Resolved' });
    const bad = await patch(
      SPECIAL_TICKETS.project,
      [{ op: 'replace', path: 'status', value: { id: 105 } }],
      'project',
    );
    expect(bad.status).toBe(400);
  });
});

describe('POST /service/tickets/{id}/notes', () => {
  const post = (body: unknown, id: number = T) =>
    cw<Record<string, unknown> & Err>(sb, `/service/tickets/${id}/notes`, { method: 'POST', body });

  it('creates a note attributed to the key member, keeping line breaks', async () => {
    const res = await post({ text: 'Line 1\nLine 2\r\n\tindented', internalAnalysisFlag: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ticketId: T,
      text: 'Line 1\nLine 2\r\n\tindented',
      internalAnalysisFlag: true,
      detailDescriptionFlag: false,
      member: { id: SPECIAL_MEMBERS.api.id, identifier: 'FlowPilotAPI' },
      createdBy: 'FlowPilotAPI',
    });
    expect(res.body.dateCreated).toMatch(/Z$/);
    expect((res.body._info as Record<string, string>).enteredBy).toBe('FlowPilotAPI');
    expect(sb.state.notes.find((n) => n.id === res.body.id)?.text).toContain('Line 2');
  });

  it('member by identifier or id', async () => {
    expect(
      (await post({ text: 'a', detailDescriptionFlag: true, member: { identifier: 'JSMITH' } })).body.member,
    ).toMatchObject({ id: 101 });
    expect((await post({ text: 'b', resolutionFlag: true, member: { id: 103 } })).body.member).toMatchObject({
      identifier: 'akim',
    });
  });

  it('no display flag → 400 with the CW message', async () => {
    const res = await post({ text: 'x', detailDescriptionFlag: false });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'InvalidObject',
      message: 'serviceNote object is invalid',
      errors: [
        {
          code: 'InvalidObject',
          message: 'Please choose where to display the notes in order to save this record.',
          resource: 'serviceNote',
          field: 'detailDescriptionFlag',
        },
      ],
    });
  });

  it.each([
    ['missing text', { internalAnalysisFlag: true }, 'text'],
    ['blank text', { text: '  ', internalAnalysisFlag: true }, 'text'],
    ['unknown member', { text: 'x', internalAnalysisFlag: true, member: { identifier: 'ghost' } }, 'member'],
    [
      'inactive member',
      { text: 'x', internalAnalysisFlag: true, member: { id: SPECIAL_MEMBERS.inactive.id } },
      'member',
    ],
    ['text over 1,000,000 chars', { text: 'x'.repeat(1_000_001), internalAnalysisFlag: true }, 'text'],
  ])('%s → 400', async (_name, body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.field).toBe(field);
  });

  it('stores XSS text verbatim (escaping is the reader’s job)', async () => {
    const res = await post({ text: XSS_PAYLOAD, detailDescriptionFlag: true });
    expect(res.body.text).toBe(XSS_PAYLOAD);
  });

  it('hidden ticket → 404', async () => {
    expect((await post({ text: 'x', internalAnalysisFlag: true }, SPECIAL_TICKETS.hidden)).status).toBe(404);
  });
});

describe('POST /time/entries', () => {
  const post = (body: Record<string, unknown>) =>
    cw<Record<string, unknown> & Err>(sb, '/time/entries', { method: 'POST', body });
  const base = {
    chargeToType: 'ServiceTicket',
    chargeToId: T,
    member: { identifier: 'jsmith' },
    timeStart: '2026-11-20T13:00:00Z',
    timeEnd: '2026-11-20T14:30:00Z',
    workType: { name: 'Remote Support' },
    workRole: { name: 'Engineer' },
    notes: 'Rebuilt the Outlook profile.',
  };

  it('creates the entry with computed actualHours', async () => {
    const res = await post(base);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      chargeToId: T,
      chargeToType: 'ServiceTicket',
      actualHours: 1.5,
      member: { identifier: 'jsmith' },
      workType: { id: 1, name: 'Remote Support' },
      workRole: { id: 1, name: 'Engineer' },
      company: { id: 250 },
      ticket: { id: T },
    });
    expect(typeof res.body.id).toBe('number');
    expect(sb.state.tickets.find((t) => t.id === T)?.actualHours).toBe(1.5);
  });

  it('addTo*Flag also writes the note; without flags no note is written', async () => {
    const before = sb.state.notes.filter((n) => n.ticketId === T).length;
    await post(base);
    expect(sb.state.notes.filter((n) => n.ticketId === T)).toHaveLength(before);
    await post({ ...base, addToInternalAnalysisFlag: true });
    const notes = sb.state.notes.filter((n) => n.ticketId === T);
    expect(notes).toHaveLength(before + 1);
    expect(notes.at(-1)).toMatchObject({
      text: base.notes,
      internalAnalysisFlag: true,
      member: { identifier: 'jsmith' },
    });
  });

  it.each([
    ['milliseconds', '2026-11-20T13:00:00.000Z'],
    ['no Z', '2026-11-20T13:00:00'],
    ['offset', '2026-11-20T13:00:00+01:00'],
    ['date only', '2026-11-20'],
  ])('timeStart with %s → 400 UnsupportedFormat', async (_name, timeStart) => {
    const res = await post({ ...base, timeStart });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('InvalidObject');
    expect(res.body.errors?.[0]).toMatchObject({ code: 'UnsupportedFormat', field: 'timeStart' });
  });

  it('missing timeStart, timeEnd before timeStart → 400', async () => {
    const { timeStart: _omit, ...noStart } = base;
    expect((await post(noStart)).body.errors?.[0]?.field).toBe('timeStart');
    const backwards = await post({ ...base, timeEnd: '2026-11-20T12:00:00Z' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors?.[0]?.field).toBe('timeEnd');
  });

  it('status with timeEntryNotAllowed → 400 TimeEntryApi', async () => {
    const res = await post({ ...base, chargeToId: SPECIAL_TICKETS.closed });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'TimeEntryApi',
      message:
        'Please update the status of this ticket before entering time. The current status does not allow time entry.',
    });
  });

  it('a member without time rights → 403', async () => {
    const res = await post({ ...base, member: { identifier: SPECIAL_MEMBERS.noTime.identifier } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'Forbidden', message: "Member 'kjones' is not allowed to enter time." });
  });

  it.each([
    ['work type', { workType: { name: 'Remote' } }, 'workType'],
    ['work role', { workRole: { id: 99 } }, 'workRole'],
    ['member', { member: { identifier: 'ghost' } }, 'member'],
    ['ticket', { chargeToId: 424242 }, 'chargeToId'],
    ['service ticket charged as project', { chargeToType: 'ProjectTicket' }, 'chargeToId'],
  ])('unknown %s → 400 NotFound', async (_name, patchBody, field) => {
    const res = await post({ ...base, ...patchBody });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ code: 'NotFound', field });
  });

  it('work type/role by id, and project tickets as ProjectTicket', async () => {
    const res = await post({
      ...base,
      chargeToType: 'ProjectTicket',
      chargeToId: SPECIAL_TICKETS.project,
      workType: { id: 2 },
      workRole: { id: 2 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      workType: { name: 'Onsite' },
      workRole: { name: 'Help Desk Tech' },
      project: { id: 20 },
    });
  });

  it('without a member the entry belongs to the API member', async () => {
    const { member: _omit, ...rest } = base;
    const res = await post(rest);
    expect(res.body.member).toMatchObject({ id: SPECIAL_MEMBERS.api.id });
  });
});

describe('DELETE notes and time entries (CW: 204, 404 for an unknown id, 403 without delete rights)', () => {
  const noteOn = async (path: string) =>
    (
      await cw<{ id: number }>(sb, path, {
        method: 'POST',
        body: { text: 'FlowPilot ref abcdefg', internalAnalysisFlag: true },
      })
    ).body.id;

  it('service ticket note: 204 with no body, the note is gone; again → 404; another ticket’s id → 404', async () => {
    const id = await noteOn(`/service/tickets/${T}/notes`);
    const res = await cw(sb, `/service/tickets/${T}/notes/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    expect(schemaErrors('DELETE', `/service/tickets/${T}/notes/${id}`, res)).toEqual([]);
    expect(sb.state.notes.some((n) => n.id === id)).toBe(false);
    const again = await cw<Err>(sb, `/service/tickets/${T}/notes/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('NotFound');
    expect(schemaErrors('DELETE', `/service/tickets/${T}/notes/${id}`, again)).toEqual([]);
    const other = await noteOn(`/service/tickets/${SPECIAL_TICKETS.quotes}/notes`);
    expect((await cw(sb, `/service/tickets/${T}/notes/${other}`, { method: 'DELETE' })).status).toBe(404);
    expect(sb.state.notes.some((n) => n.id === other)).toBe(true);
  });

  it('project ticket note: 204, then 404', async () => {
    const path = `/project/tickets/${SPECIAL_TICKETS.project}/notes`;
    const id = await noteOn(path);
    const res = await cw(sb, `${path}/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(schemaErrors('DELETE', `${path}/${id}`, res)).toEqual([]);
    expect(sb.state.projectNotes.some((n) => n.id === id)).toBe(false);
    expect((await cw(sb, `${path}/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('time entry: 204 takes its hours and the note it wrote with it; unknown id → 404', async () => {
    const hours = sb.state.tickets.find((t) => t.id === T)!.actualHours ?? 0;
    const notes = sb.state.notes.length;
    const created = await cw<{ id: number }>(sb, '/time/entries', {
      method: 'POST',
      body: {
        chargeToType: 'ServiceTicket',
        chargeToId: T,
        timeStart: '2026-11-20T13:00:00Z',
        timeEnd: '2026-11-20T14:00:00Z',
        notes: 'FlowPilot ref hjkmnpq',
        addToInternalAnalysisFlag: true,
      },
    });
    expect(sb.state.notes.length).toBe(notes + 1);
    const res = await cw(sb, `/time/entries/${created.body.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(schemaErrors('DELETE', `/time/entries/${created.body.id}`, res)).toEqual([]);
    expect(sb.state.timeEntries.some((e) => e.id === created.body.id)).toBe(false);
    expect(sb.state.notes.length).toBe(notes);
    expect(sb.state.tickets.find((t) => t.id === T)!.actualHours ?? 0).toBe(hours);
    expect((await cw(sb, `/time/entries/${created.body.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('noDelete keys: 403 on every DELETE, the record stays; writes and reads still work', async () => {
    const k = sb.restrictedKeys.noDelete!;
    const headers = { Authorization: basicAuth(sb.companyId, k.publicKey, k.privateKey) };
    const id = await noteOn(`/service/tickets/${T}/notes`);
    const res = await cw<Err>(sb, `/service/tickets/${T}/notes/${id}`, { method: 'DELETE', headers });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('Forbidden');
    expect(schemaErrors('DELETE', `/service/tickets/${T}/notes/${id}`, res)).toEqual([]);
    expect(sb.state.notes.some((n) => n.id === id)).toBe(true);
    expect((await cw(sb, '/time/entries/3000', { method: 'DELETE', headers })).status).toBe(403);
    const post = await cw(sb, `/service/tickets/${T}/notes`, {
      method: 'POST',
      headers,
      body: { text: 'still allowed', internalAnalysisFlag: true },
    });
    expect(post.status).toBe(201);
  });

  it('no contract violations from these requests', () => {
    expect(sb.contractViolations).toEqual([]);
  });
});

describe('project issues (isIssueFlag): time is charged as ProjectIssue', () => {
  const body = (chargeToType: string, chargeToId: number) => ({
    chargeToType,
    chargeToId,
    timeStart: '2026-11-20T13:00:00Z',
    timeEnd: '2026-11-20T13:30:00Z',
  });

  it('the seed has one project issue', async () => {
    const res = await cw<{ id: number; isIssueFlag: boolean }>(
      sb,
      `/project/tickets/${SPECIAL_TICKETS.projectIssue}`,
    );
    expect(res.body).toMatchObject({ id: SPECIAL_TICKETS.projectIssue, isIssueFlag: true });
    expect(schemaErrors('GET', `/project/tickets/${SPECIAL_TICKETS.projectIssue}`, res)).toEqual([]);
  });

  it('ProjectIssue on the issue → 201; ProjectTicket on it, or ProjectIssue on a plain project ticket → 400 NotFound', async () => {
    const ok = await cw<Record<string, unknown>>(sb, '/time/entries', {
      method: 'POST',
      body: body('ProjectIssue', SPECIAL_TICKETS.projectIssue),
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ chargeToType: 'ProjectIssue', chargeToId: SPECIAL_TICKETS.projectIssue });
    expect(schemaErrors('POST', '/time/entries', ok)).toEqual([]);
    const asTicket = await cw<Err>(sb, '/time/entries', {
      method: 'POST',
      body: body('ProjectTicket', SPECIAL_TICKETS.projectIssue),
    });
    expect(asTicket.status).toBe(400);
    expect(asTicket.body.errors?.[0]).toMatchObject({ code: 'NotFound', field: 'chargeToId' });
    const asIssue = await cw<Err>(sb, '/time/entries', {
      method: 'POST',
      body: body('ProjectIssue', SPECIAL_TICKETS.project),
    });
    expect(asIssue.status).toBe(400);
    expect(sb.contractViolations).toEqual([]);
  });
});
