// Service tickets with notes, configurations and time entries, including the SPECIAL_TICKETS.
import { cwDate, DAY, HOUR } from './dates.ts';
import type { Rng } from './prng.ts';
import {
  QUOTES_SUMMARY,
  SEED_NOW,
  SERVICE_TICKET_RANGE,
  SPECIAL_TICKETS,
  XSS_PAYLOAD,
} from './seed-constants.ts';
import { NOTE_OPENERS, SUMMARIES } from './seed-data.ts';
import { memberRef, TECH_IDS } from './seed-people.ts';
import { priorityRef, statusRef } from './seed-setup.ts';
import type { Contact, Member, SandboxState, ServiceNote, Ticket, TimeEntry } from './types.ts';

type Base = Pick<
  SandboxState,
  | 'companies'
  | 'contacts'
  | 'members'
  | 'boards'
  | 'statuses'
  | 'priorities'
  | 'workTypes'
  | 'workRoles'
  | 'configurations'
>;

interface TicketSpec {
  id: number;
  summary: string;
  boardId: number;
  statusName: string;
  companyId: number;
  contactId?: number;
  priorityId: number;
  ownerId?: number;
  enteredMs: number;
}

export interface NoteSpec {
  text: string;
  detail?: boolean;
  internal?: boolean;
  resolution?: boolean;
  memberId?: number;
  contactId?: number;
  ms: number;
}

export class TicketFactory {
  noteId = 20000;
  timeEntryId = 3000;
  readonly tickets: Ticket[] = [];
  readonly hidden: Ticket[] = [];
  readonly notes: ServiceNote[] = [];
  readonly timeEntries: TimeEntry[] = [];
  readonly ticketConfigurations: Record<number, number[]> = {};

  constructor(
    private readonly base: Base,
    private readonly rng: Rng,
  ) {}

  member(id: number): Member {
    const m = this.base.members.find((x) => x.id === id);
    if (!m) throw new Error(`seed: no member ${id}`);
    return m;
  }

  contact(id: number): Contact {
    const c = this.base.contacts.find((x) => x.id === id);
    if (!c) throw new Error(`seed: no contact ${id}`);
    return c;
  }

  ticket(spec: TicketSpec): Ticket {
    const board = this.base.boards.find((b) => b.id === spec.boardId)!;
    const status = this.base.statuses.find((s) => s.board.id === board.id && s.name === spec.statusName)!;
    const company = this.base.companies.find((c) => c.id === spec.companyId)!;
    const priority = this.base.priorities.find((p) => p.id === spec.priorityId)!;
    const contact = spec.contactId ? this.contact(spec.contactId) : undefined;
    const owner = spec.ownerId ? this.member(spec.ownerId) : undefined;
    const email = contact?.communicationItems.find((c) => c.communicationType === 'Email');
    const phone = contact?.communicationItems.find((c) => c.communicationType === 'Phone');
    const updated = Math.min(SEED_NOW - HOUR, spec.enteredMs + this.rng.int(1, 72) * HOUR);
    const closed = status.closedStatus;
    const t: Ticket = {
      id: spec.id,
      summary: spec.summary,
      recordType: 'ServiceTicket',
      board: { id: board.id, name: board.name },
      status: statusRef(status),
      company: { id: company.id, identifier: company.identifier, name: company.name },
      site: company.site,
      siteName: company.site.name,
      contact: contact ? { id: contact.id, name: `${contact.firstName} ${contact.lastName}` } : undefined,
      contactName: contact ? `${contact.firstName} ${contact.lastName}` : undefined,
      contactPhoneNumber: phone?.value,
      contactPhoneExtension: phone?.extension,
      contactEmailAddress: email?.value,
      type: this.rng.pick([
        { id: 1, name: 'Incident' },
        { id: 2, name: 'Service Request' },
        { id: 3, name: 'Problem' },
      ]),
      team: board.id === 2 ? { id: 2, name: 'Tier 2' } : { id: 1, name: 'Tier 1' },
      owner: owner ? memberRef(owner) : undefined,
      priority: priorityRef(priority),
      serviceLocation: this.rng.chance(0.8) ? { id: 1, name: 'Remote' } : { id: 2, name: 'On-Site' },
      source: this.rng.pick([
        { id: 1, name: 'Email' },
        { id: 2, name: 'Phone' },
        { id: 3, name: 'Portal' },
      ]),
      severity: this.rng.pick(['Low', 'Medium', 'Medium', 'High'] as const),
      impact: this.rng.pick(['Low', 'Medium', 'Medium', 'High'] as const),
      budgetHours: this.rng.pick([0.5, 1, 1, 2, 4]),
      actualHours: 0,
      resources: owner?.identifier,
      customerUpdatedFlag: false,
      automaticEmailContactFlag: true,
      automaticEmailResourceFlag: false,
      automaticEmailCcFlag: false,
      closedFlag: closed,
      closedDate: closed ? cwDate(updated) : undefined,
      closedBy: closed ? (owner?.identifier ?? 'lchen') : undefined,
      approved: true,
      isInSla: this.rng.chance(0.85),
      _info: {
        lastUpdated: cwDate(updated),
        updatedBy: owner?.identifier ?? 'lchen',
        dateEntered: cwDate(spec.enteredMs),
        enteredBy: spec.contactId ? 'Email Connector' : 'lchen',
      },
    };
    if (spec.id === SPECIAL_TICKETS.hidden) this.hidden.push(t);
    else this.tickets.push(t);
    return t;
  }

  note(ticketId: number, spec: NoteSpec): ServiceNote {
    const member = spec.memberId ? memberRef(this.member(spec.memberId)) : undefined;
    const contact = spec.contactId ? this.contact(spec.contactId) : undefined;
    const detail = spec.detail ?? false;
    const internal = spec.internal ?? false;
    const resolution = spec.resolution ?? false;
    const by = member?.identifier ?? 'Email Connector';
    const note: ServiceNote = {
      id: this.noteId++,
      ticketId,
      text: spec.text,
      detailDescriptionFlag: detail,
      internalAnalysisFlag: internal,
      resolutionFlag: resolution,
      issueFlag: false,
      member,
      contact: contact ? { id: contact.id, name: `${contact.firstName} ${contact.lastName}` } : undefined,
      customerUpdatedFlag: false,
      dateCreated: cwDate(spec.ms),
      createdBy: by,
      internalFlag: internal,
      externalFlag: detail || resolution,
      _info: { lastUpdated: cwDate(spec.ms), updatedBy: by, dateEntered: cwDate(spec.ms), enteredBy: by },
    };
    this.notes.push(note);
    return note;
  }

  timeEntry(t: Ticket, memberId: number, startMs: number, hours: number, notes: string): TimeEntry {
    const m = this.member(memberId);
    const workType = this.base.workTypes[0]!;
    const workRole = this.base.workRoles[m.id % 2 === 0 ? 1 : 0]!;
    const e: TimeEntry = {
      id: this.timeEntryId++,
      company: t.company,
      chargeToId: t.id,
      chargeToType: 'ServiceTicket',
      member: memberRef(m),
      workType: { id: workType.id, name: workType.name },
      workRole: { id: workRole.id, name: workRole.name },
      timeStart: cwDate(startMs),
      timeEnd: cwDate(startMs + hours * HOUR),
      hoursDeduct: 0,
      actualHours: hours,
      billableOption: 'Billable',
      notes,
      addToDetailDescriptionFlag: false,
      addToInternalAnalysisFlag: false,
      addToResolutionFlag: false,
      emailResourceFlag: false,
      emailContactFlag: false,
      emailCcFlag: false,
      hoursBilled: hours,
      enteredBy: m.identifier,
      dateEntered: cwDate(startMs + hours * HOUR),
      status: 'Open',
      ticket: { id: t.id, summary: t.summary },
      ticketBoard: t.board.name,
      ticketStatus: t.status.name,
      _info: { lastUpdated: cwDate(startMs + hours * HOUR), updatedBy: m.identifier },
    };
    this.timeEntries.push(e);
    t.actualHours = Math.round(((t.actualHours ?? 0) + hours) * 100) / 100;
    return e;
  }

  attach(ticketId: number, configIds: number[]): void {
    if (configIds.length > 0) this.ticketConfigurations[ticketId] = configIds;
  }
}

function configsOf(base: Base, companyId: number): number[] {
  return base.configurations.filter((c) => c.company.id === companyId).map((c) => c.id);
}

function contactsOf(base: Base, companyId: number): number[] {
  return base.contacts.filter((c) => c.company.id === companyId).map((c) => c.id);
}

function seedSpecials(f: TicketFactory, base: Base): void {
  const S = SPECIAL_TICKETS;
  const day = (n: number) => SEED_NOW - n * DAY;

  const std = f.ticket({
    id: S.standard,
    summary: 'Outlook not syncing on laptop',
    boardId: 1,
    statusName: 'New',
    companyId: 250,
    contactId: 400,
    priorityId: 3,
    ownerId: 101,
    enteredMs: day(2),
  });
  f.note(std.id, {
    text: 'Outlook on my laptop stopped syncing since yesterday.\nNew emails only show up on my phone.\n\nEmily',
    detail: true,
    contactId: 400,
    ms: day(2),
  });
  f.note(std.id, {
    text: 'Checked M365 admin: mailbox healthy, license assigned. Likely a local OST problem.',
    internal: true,
    memberId: 101,
    ms: day(2) + 2 * HOUR,
  });
  f.note(std.id, {
    text: 'Hi Emily, I will connect to your laptop this afternoon to rebuild the Outlook profile.',
    detail: true,
    memberId: 101,
    ms: day(2) + 3 * HOUR,
  });
  const contoso = configsOf(base, 250);
  f.attach(std.id, contoso.slice(0, 2));

  const xss = f.ticket({
    id: S.xss,
    summary: `Email signature shows ${XSS_PAYLOAD}`,
    boardId: 1,
    statusName: 'In Progress',
    companyId: 252,
    contactId: contactsOf(base, 252)[0],
    priorityId: 3,
    ownerId: 104,
    enteredMs: day(5),
  });
  f.note(xss.id, {
    text: `Customer pasted this into the signature editor:\n${XSS_PAYLOAD}\nNow every email shows the raw code.`,
    detail: true,
    memberId: 104,
    ms: day(5),
  });
  f.attach(xss.id, configsOf(base, 252).slice(0, 1));

  const closed = f.ticket({
    id: S.closed,
    summary: 'Password reset request',
    boardId: 1,
    statusName: 'Closed',
    companyId: 253,
    contactId: contactsOf(base, 253)[1],
    priorityId: 4,
    ownerId: 105,
    enteredMs: day(20),
  });
  f.note(closed.id, {
    text: 'User forgot password after vacation.',
    detail: true,
    memberId: 105,
    ms: day(20),
  });
  f.note(closed.id, {
    text: 'Reset password, user signed in successfully.',
    detail: true,
    resolution: true,
    memberId: 105,
    ms: day(20) + HOUR,
  });
  f.timeEntry(closed, 105, day(20) + HOUR, 0.25, 'Password reset and sign-in test.');

  f.ticket({
    id: S.noContactNoConfigs,
    summary: 'Scheduled maintenance window request',
    boardId: 1,
    statusName: 'New',
    companyId: 251,
    priorityId: 4,
    enteredMs: day(1),
  });

  const hidden = f.ticket({
    id: S.hidden,
    summary: 'Confidential: executive mailbox access review',
    boardId: 2,
    statusName: 'In Progress',
    companyId: 255,
    contactId: contactsOf(base, 255)[0],
    priorityId: 2,
    ownerId: 102,
    enteredMs: day(3),
  });
  f.note(hidden.id, { text: 'Review requested by the CFO.', internal: true, memberId: 102, ms: day(3) });

  const quotes = f.ticket({
    id: S.quotes,
    summary: QUOTES_SUMMARY,
    boardId: 1,
    statusName: 'Waiting on Client',
    companyId: 254,
    contactId: contactsOf(base, 254)[2],
    priorityId: 2,
    ownerId: 103,
    enteredMs: day(4),
  });
  f.note(quotes.id, {
    text: 'Printing "Q3 report.xlsx" fails with 100% CPU on the spooler & the queue shows [error].',
    detail: true,
    memberId: 103,
    ms: day(4),
  });
  f.attach(quotes.id, configsOf(base, 254).slice(0, 3));

  const resolved = f.ticket({
    id: S.resolved,
    summary: 'Teams calls dropping',
    boardId: 1,
    statusName: 'Resolved',
    companyId: 256,
    contactId: contactsOf(base, 256)[0],
    priorityId: 3,
    ownerId: 106,
    enteredMs: day(6),
  });
  f.note(resolved.id, {
    text: 'Calls drop after about 10 minutes.',
    detail: true,
    memberId: 106,
    ms: day(6),
  });
  f.note(resolved.id, {
    text: 'Updated the NIC driver and disabled power saving on the adapter.',
    resolution: true,
    detail: true,
    memberId: 106,
    ms: day(5),
  });
  f.timeEntry(resolved, 106, day(5), 0.75, 'Driver update and testing.');

  const esc = f.ticket({
    id: S.escalated,
    summary: 'Server CPU at 100%',
    boardId: 2,
    statusName: 'Escalated',
    companyId: 257,
    contactId: contactsOf(base, 257)[0],
    priorityId: 1,
    ownerId: 103,
    enteredMs: day(1),
  });
  f.note(esc.id, {
    text: 'FS01 pinned at 100% CPU since 6am, users cannot open files.',
    detail: true,
    memberId: 107,
    ms: day(1),
  });
  f.note(esc.id, {
    text: 'Escalated to Tier 2: suspect runaway backup agent.',
    internal: true,
    memberId: 104,
    ms: day(1) + HOUR,
  });
  f.attach(esc.id, configsOf(base, 257).slice(1, 2));
}

function seedGenerated(f: TicketFactory, base: Base, rng: Rng): void {
  const specials = new Set<number>(Object.values(SPECIAL_TICKETS));
  for (let id = SERVICE_TICKET_RANGE.first; id <= SERVICE_TICKET_RANGE.last; id++) {
    if (specials.has(id)) continue;
    const company = rng.pick(base.companies);
    const contacts = contactsOf(base, company.id);
    const ageDays = rng.int(0, 150);
    const enteredMs = SEED_NOW - ageDays * DAY - rng.int(1, 9) * HOUR;
    const boardId = rng.chance(0.15) ? 2 : 1;
    const statusName =
      ageDays > 45 && rng.chance(0.75)
        ? 'Closed'
        : rng.pick([
            'New',
            'New',
            'In Progress',
            'In Progress',
            'In Progress',
            'Waiting on Client',
            'Escalated',
            'Resolved',
            'Closed',
          ]);
    const ownerId = statusName === 'New' && rng.chance(0.5) ? undefined : rng.pick(TECH_IDS);
    const contactId = rng.chance(0.9) ? rng.pick(contacts) : undefined;
    const t = f.ticket({
      id,
      summary: rng.pick(SUMMARIES),
      boardId,
      statusName,
      companyId: company.id,
      contactId,
      priorityId: rng.pick([1, 2, 3, 3, 3, 4, 4]),
      ownerId,
      enteredMs,
    });
    const noteCount = statusName === 'Closed' ? rng.int(2, 5) : rng.int(0, 4);
    let ms = enteredMs;
    for (let n = 0; n < noteCount; n++) {
      const last = n === noteCount - 1;
      const resolving = last && (statusName === 'Closed' || statusName === 'Resolved');
      const fromContact = n === 0 && contactId !== undefined && rng.chance(0.4);
      const internal = !fromContact && !resolving && n > 0 && rng.chance(0.45);
      f.note(id, {
        text:
          n === 0
            ? `${t.summary}.\n${rng.pick(NOTE_OPENERS)}`
            : rng.pick(NOTE_OPENERS) + (rng.chance(0.3) ? `\n\n${rng.pick(NOTE_OPENERS)}` : ''),
        detail: !internal,
        internal,
        resolution: resolving,
        contactId: fromContact ? contactId : undefined,
        memberId: fromContact ? undefined : (ownerId ?? rng.pick(TECH_IDS)),
        ms,
      });
      ms = Math.min(SEED_NOW - HOUR, ms + rng.int(1, 30) * HOUR);
    }
    if (statusName !== 'New' && rng.chance(0.35)) {
      const entries = rng.int(1, 2);
      for (let e = 0; e < entries; e++) {
        const start = Math.min(SEED_NOW - 3 * HOUR, enteredMs + (e + 1) * rng.int(2, 20) * HOUR);
        f.timeEntry(
          t,
          ownerId ?? rng.pick(TECH_IDS),
          start,
          rng.pick([0.25, 0.5, 0.75, 1, 1.5]),
          rng.pick(NOTE_OPENERS),
        );
      }
    }
    if (rng.chance(0.6)) f.attach(id, rng.sample(configsOf(base, company.id), rng.int(0, 3)));
  }
}

export function seedServiceTickets(base: Base, rng: Rng): TicketFactory {
  const f = new TicketFactory(base, rng);
  seedSpecials(f, base);
  seedGenerated(f, base, rng);
  f.tickets.sort((a, b) => a.id - b.id);
  return f;
}
