// @vitest-environment node
// Autotask behind the PSA seam (lib/autotask/psa.ts) against the sandbox: probe, context, search,
// people, statuses, note/time options, the three writes, reference lookup after an unknown outcome,
// delete where allowed, and the hourly usage. Every request stays inside the sandbox's contract.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtClient } from '../../lib/autotask/client';
import { AtError } from '../../lib/autotask/errors';
import { EndpointLimiter } from '../../lib/autotask/limiter';
import { type AutotaskNoteSettings, AutotaskPsa } from '../../lib/autotask/psa';
import { hasRef } from '../../lib/posting/reference';
import { isPsaFailure, PsaUnsupportedError } from '../../lib/psa/types';
import {
  type AutotaskSandbox,
  CATEGORY,
  NOTE_TYPE,
  PUBLISH,
  ROLES,
  SANDBOX_NOTE_CHOICES,
  SPECIAL_RESOURCES,
  SPECIAL_TICKETS,
  STATUS,
  startAutotaskSandbox,
} from '../autotask-sandbox/index.ts';

let sb: AutotaskSandbox;
const T = SPECIAL_TICKETS.standard;
const NOTES: AutotaskNoteSettings = SANDBOX_NOTE_CHOICES;

function psa(
  user: { userName: string; secret: string } = sb.credentials,
  extra: Partial<ConstructorParameters<typeof AutotaskPsa>[0]> = {},
) {
  const client = new AtClient({
    credentials: { ...sb.credentials, ...user },
    zoneLookupUrl: sb.zoneLookupUrl,
    limiter: new EndpointLimiter(),
    backoff: { baseMs: 5, maxMs: 20, attempts: 4 },
  });
  return new AutotaskPsa({ client, noteSettings: NOTES, now: () => 1_800_000_000_000, ...extra });
}

beforeAll(async () => {
  sb = await startAutotaskSandbox();
});
beforeEach(() => sb.reset());
afterEach(() => expect(sb.contractViolations).toEqual([]));
afterAll(() => sb.close());

describe('probe', () => {
  it('names the zone and web origin, reports usage, and nothing missing for the full user', async () => {
    const p = await psa().probe();
    expect(p).toMatchObject({
      kind: 'autotask',
      webOrigin: sb.zone.webUrl,
      missingPermissions: [],
      warnings: [],
    });
    expect(p.serverLabel).toContain(sb.zone.zoneName);
    expect(p.apiUsage?.limit).toBe(10000);
  });
  it('a level that hides tickets gives a warning; one refused resources names it', async () => {
    expect((await psa(sb.restrictedUsers.noTickets).probe()).warnings).toEqual([
      'The API user sees no tickets: its security level may hide them.',
    ]);
    expect((await psa(sb.restrictedUsers.noResources).probe()).missingPermissions).toEqual([
      'Resources (read)',
    ]);
  });
  it('a wrong secret fails the probe with a technician-readable auth error', async () => {
    const e = await psa({ ...sb.credentials, secret: 'x' })
      .probe()
      .catch((x) => x);
    expect(e).toBeInstanceOf(AtError);
    expect(e.kind).toBe('auth');
    expect(isPsaFailure(e)).toBe(true);
  });
});

describe('context', () => {
  it('labels from the tenant picklists, company, contact, configuration item, newest notes first', async () => {
    const partial: unknown[] = [];
    const ctx = await psa().ticketContext({ kind: 'service', id: T }, { onPartial: (c) => partial.push(c) });
    const t = sb.state.tickets.find((x) => x.id === T)!;
    expect(ctx).toMatchObject({
      ref: { kind: 'service', id: T },
      // The number an Autotask technician knows the ticket by (the panel's heading shows it).
      number: t.ticketNumber,
      summary: t.title,
      status: { id: STATUS.inProgress, name: 'In Progress' },
      board: { name: 'Level II Support' },
      priority: { name: 'Medium' },
      closed: false,
      company: { id: 174, name: 'Contoso Ltd', identifier: 'C1174', phone: '+1 555 0142' },
      contact: { name: expect.any(String), email: expect.stringContaining('@') },
      owner: { name: expect.any(String) },
      webUrl: `${sb.zone.webUrl}Mvc/ServiceDesk/TicketDetail.mvc?ticketId=${T}`,
      problems: [],
    });
    expect(ctx.configurations[0]).toMatchObject({ type: 'Workstation', osInfo: 'Windows 11 Pro 23H2' });
    const ids = ctx.notes.map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ctx.notes.every((n) => n.author)).toBe(true);
    expect(ctx.initialDescription).toBe(String(t.description).trim());
    expect(partial).toHaveLength(1);
  });
  it('a complete ticket is closed; a hidden or unknown one is notFound; a failing section is a problem', async () => {
    expect((await psa().ticketContext({ kind: 'service', id: SPECIAL_TICKETS.complete })).closed).toBe(true);
    const e = await psa()
      .ticketContext({ kind: 'service', id: SPECIAL_TICKETS.hidden })
      .catch((x) => x);
    expect(e).toMatchObject({ kind: 'notFound' });
    sb.faults.add({ path: '^/Companies/\\d+$', status: 403 });
    const ctx = await psa().ticketContext({ kind: 'service', id: T });
    expect(ctx.problems.map((p) => p.section)).toEqual(['company']);
    expect(ctx.company).toBeUndefined();
  });
});

describe('search', () => {
  it('by id, by ticket number, by words (open first, newest first)', async () => {
    const p = psa();
    expect((await p.searchTickets(`#${T}`)).map((r) => r.ref.id)).toEqual([T]);
    const number = String(sb.state.tickets.find((x) => x.id === T)!.ticketNumber);
    const [byNumber] = await p.searchTickets(number.toLowerCase());
    expect(byNumber).toMatchObject({
      ref: { id: T },
      number,
      summary: sb.state.tickets.find((x) => x.id === T)!.title,
    });
    const words = await p.searchTickets('printer floor');
    expect(words.length).toBeGreaterThan(1);
    const firstClosed = words.findIndex((r) => r.closed);
    if (firstClosed >= 0) expect(words.slice(firstClosed).every((r) => r.closed)).toBe(true);
    expect(words[0]).toMatchObject({ company: expect.any(String), status: expect.any(String) });
    expect(await p.searchTickets('x')).toEqual([]);
  });
  it('quotes and symbols are searched as text', async () => {
    expect((await psa().searchTickets(`"Q3 report" 100%`)).map((r) => r.ref.id)).toEqual([
      SPECIAL_TICKETS.quotes,
    ]);
  });
});

describe('people, statuses and options', () => {
  it('resources with every email tidied, inactive ones flagged', async () => {
    const people = await psa().people();
    expect(people.find((p) => p.id === SPECIAL_RESOURCES.messyEmail)).toEqual({
      id: SPECIAL_RESOURCES.messyEmail,
      name: 'Marcus Oyelaran',
      emails: [
        'marcus.oyelaran@flowpilotdemo.example',
        'marcus@flowpilotdemo.example',
        'm.oyelaran@personal.example',
      ],
      active: true,
      login: 'moyelaran',
    });
    expect(people.find((p) => p.id === SPECIAL_RESOURCES.inactive)?.active).toBe(false);
  });
  it('statuses from the picklist: 5 closes, inactive flagged', async () => {
    const s = await psa().statuses({ kind: 'service', id: T });
    expect(s.find((x) => x.id === 5)).toEqual({
      id: 5,
      name: 'Complete',
      closed: true,
      timeEntryAllowed: true,
      active: true,
    });
    expect(s.filter((x) => x.closed)).toHaveLength(1);
    expect(s.find((x) => x.id === STATUS.onHold)?.active).toBe(false);
  });
  it("note types and visibilities are the tenant's active picklist values", async () => {
    const o = await psa().noteOptions();
    expect(o.visibilities).toEqual([
      { id: 1, name: 'All Autotask Users' },
      { id: 2, name: 'Internal Project Team' },
      { id: 4, name: 'Internal & Co-Managed' },
    ]);
    expect(o.types.some((t) => t.id === 102)).toBe(false);
  });
  it('roles the resource holds, with its default service-desk role', async () => {
    expect(await psa().timeEntryOptions(SPECIAL_RESOURCES.jsmith)).toEqual({
      workTypes: [],
      roles: [
        { id: ROLES.technician1, name: 'Technician I' },
        { id: ROLES.technician2, name: 'Technician II' },
      ],
      defaultRoleId: ROLES.technician2,
    });
    expect((await psa().timeEntryOptions(SPECIAL_RESOURCES.noRole)).roles).toEqual([]);
  });
});

describe('writes', () => {
  it('a note always has a title, the mapped noteType/publish, and the reference', async () => {
    const p = psa(sb.credentials, { impersonate: true });
    const { id } = await p.createNote({
      ticket: { kind: 'service', id: SPECIAL_TICKETS.titlesRequired },
      text: 'Problem: printer offline',
      ref: 'abc2345',
      title: '',
      noteKind: 'resolution',
      audience: 'internal',
      personId: SPECIAL_RESOURCES.jsmith,
    });
    const n = sb.state.ticketNotes.find((x) => x.id === id)!;
    expect(n).toMatchObject({
      title: 'FlowPilot',
      noteType: NOTE_TYPE.taskSummary,
      publish: PUBLISH.internal,
      creatorResourceID: SPECIAL_RESOURCES.jsmith,
    });
    expect(hasRef(String(n.description), 'abc2345')).toBe(true);
    expect(sb.state.tickets.find((x) => x.id === SPECIAL_TICKETS.titlesRequired)?.ticketCategory).toBe(
      CATEGORY.titlesRequired,
    );
    const cust = await p.createNote({
      ticket: { kind: 'service', id: T },
      text: 'Fixed.',
      ref: 'cust234',
      title: 'Resolution',
      noteKind: 'resolution',
      audience: 'customer',
    });
    expect(sb.state.ticketNotes.find((x) => x.id === cust.id)?.publish).toBe(PUBLISH.all);
  });
  it('without note settings the note is refused with a clear message, nothing sent', async () => {
    const before = sb.requests.length;
    const e = await psa(sb.credentials, { noteSettings: undefined })
      .createNote({
        ticket: { kind: 'service', id: T },
        text: 'x',
        ref: 'abc2345',
        title: 't',
        noteKind: 'resolution',
        audience: 'internal',
      })
      .catch((x) => x);
    expect(e.message).toMatch(/note type and visibility/);
    expect(sb.requests.length).toBe(before);
  });
  it('a time entry: the resource, its default role, UTC start/end, hours, reference', async () => {
    const { id } = await psa().createTimeEntry({
      ticket: { kind: 'service', id: T },
      start: '2026-11-20T23:45:00Z',
      end: '2026-11-21T00:15:00Z',
      notes: 'Remote session',
      ref: 'tim3234',
      personId: SPECIAL_RESOURCES.jsmith,
      billable: 'Billable',
    });
    expect(sb.state.timeEntries.find((x) => x.id === id)).toMatchObject({
      resourceID: SPECIAL_RESOURCES.jsmith,
      roleID: ROLES.technician2,
      startDateTime: '2026-11-20T23:45:00Z',
      endDateTime: '2026-11-21T00:15:00Z',
      dateWorked: '2026-11-20T00:00:00Z',
      hoursWorked: 0.5,
      summaryNotes: 'Remote session\n\nFlowPilot ref tim3234',
    });
  });
  it('a time entry for a resource without a role, or unmapped, is refused before sending', async () => {
    const base = {
      ticket: { kind: 'service' as const, id: T },
      start: '2026-11-20T09:00:00Z',
      end: '2026-11-20T09:15:00Z',
      notes: 'x',
      ref: 'abc2345',
      billable: 'Billable' as const,
    };
    expect(
      (
        await psa()
          .createTimeEntry({ ...base, personId: SPECIAL_RESOURCES.noRole })
          .catch((x) => x)
      ).message,
    ).toMatch(/holds no active role/);
    expect(
      (
        await psa()
          .createTimeEntry(base)
          .catch((x) => x)
      ).message,
    ).toMatch(/Member Mapping/);
  });
  it('status by PATCH; Complete closes the ticket', async () => {
    await psa().changeStatus({ ticket: { kind: 'service', id: T }, statusId: STATUS.complete });
    expect(sb.state.tickets.find((x) => x.id === T)).toMatchObject({
      status: 5,
      completedDate: expect.any(String),
    });
  });
});

describe('after an unknown outcome', () => {
  it('finds a committed note and time entry by reference; a different ref is not found', async () => {
    const p = psa();
    sb.faults.add({ method: 'POST', path: '/Notes$', reset: 'after-commit' });
    const note = {
      ticket: { kind: 'service' as const, id: T },
      text: 'Done',
      ref: 'unkn234',
      title: 'x',
      noteKind: 'resolution' as const,
      audience: 'internal' as const,
    };
    const e = await p.createNote(note).catch((x) => x);
    expect(e).toMatchObject({ kind: 'network', outcomeUnknown: true });
    const found = await p.findByReference(note.ticket, 'note', 'unkn234');
    expect(found?.id).toBe(
      sb.state.ticketNotes.find((n) => String(n.description).includes('ref unkn234'))?.id,
    );
    expect(await p.findByReference(note.ticket, 'note', 'unkn235')).toBeUndefined();
    sb.faults.add({ method: 'POST', path: '^/TimeEntries$', reset: 'after-commit' });
    await p
      .createTimeEntry({
        ticket: note.ticket,
        start: '2026-11-20T09:00:00Z',
        end: '2026-11-20T09:15:00Z',
        notes: 'x',
        ref: 'tim4567',
        personId: SPECIAL_RESOURCES.jsmith,
        billable: 'Billable',
      })
      .catch(() => undefined);
    const te = await p.findByReference(note.ticket, 'timeEntry', 'tim4567');
    expect(te?.id).toBeGreaterThan(0);
    await p.deleteById(note.ticket, 'timeEntry', te!.id!);
    expect(sb.state.timeEntries.some((t) => t.id === te!.id)).toBe(false);
  });
  it('a duplicate note cannot be deleted: PsaUnsupportedError with the note id, nothing sent', async () => {
    const before = sb.requests.length;
    const e = await psa()
      .deleteById({ kind: 'service', id: T }, 'note', 30777001)
      .catch((x) => x);
    expect(e).toBeInstanceOf(PsaUnsupportedError);
    expect(e.message).toContain('30777001');
    expect(sb.requests.length).toBe(before);
  });
});
