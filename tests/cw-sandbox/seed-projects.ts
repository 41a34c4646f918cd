// Project tickets (separate resource from service tickets) with their notes and time.
import { cwDate, DAY, HOUR } from './dates.ts';
import { SEED_NOW } from './seed-constants.ts';
import { memberRef } from './seed-people.ts';
import { priorityRef, statusRef } from './seed-setup.ts';
import type { ProjectNote, ProjectTicket, SandboxState, TimeEntry } from './types.ts';

type Base = Pick<
  SandboxState,
  'companies' | 'contacts' | 'members' | 'statuses' | 'priorities' | 'workTypes' | 'workRoles'
>;

const PROJECTS = [
  {
    project: { id: 20, name: 'Contoso M365 Migration' },
    companyId: 250,
    contactId: 400,
    phases: [
      { id: 40, name: 'Planning' },
      { id: 41, name: 'Migration' },
    ],
  },
  {
    project: { id: 21, name: 'Northwind Firewall Refresh' },
    companyId: 251,
    contactId: 403,
    phases: [
      { id: 42, name: 'Design' },
      { id: 43, name: 'Cutover' },
    ],
  },
];

// [id, summary, project index, phase index, status, owner, isIssueFlag]
const ROWS: [number, string, number, number, string, number, boolean?][] = [
  [5001, 'Migrate pilot group mailboxes', 0, 1, 'In Progress', 101],
  [5002, 'Inventory mailboxes and licenses', 0, 0, 'Closed', 101],
  [5003, 'Configure hybrid connector', 0, 0, 'Resolved', 106],
  [5004, 'Migrate remaining mailboxes', 0, 1, 'New', 101],
  [5005, 'Document current firewall rules', 1, 0, 'Closed', 103],
  [5006, 'Stage FortiGate 60F with new policy', 1, 0, 'In Progress', 103],
  [5007, 'After-hours cutover', 1, 1, 'New', 103],
  [5008, 'Post-cutover verification', 1, 1, 'Waiting on Client', 106],
  // A project issue: CW charges its time as chargeToType "ProjectIssue" (cw-api.md §3.9, ES).
  [5009, 'Shared mailbox over quota after migration', 0, 1, 'In Progress', 101, true],
];

export function seedProjects(base: Base, firstTimeEntryId: number) {
  const tickets: ProjectTicket[] = [];
  const notes: ProjectNote[] = [];
  const timeEntries: TimeEntry[] = [];
  let noteId = 60000;
  let timeId = firstTimeEntryId;
  for (const [id, summary, pi, phi, statusName, ownerId, isIssue] of ROWS) {
    const p = PROJECTS[pi]!;
    const company = base.companies.find((c) => c.id === p.companyId)!;
    const contact = base.contacts.find((c) => c.id === p.contactId)!;
    const status = base.statuses.find((s) => s.board.id === 3 && s.name === statusName)!;
    const owner = base.members.find((m) => m.id === ownerId)!;
    const entered = SEED_NOW - (40 - (id - 5000) * 3) * DAY;
    const t: ProjectTicket = {
      id,
      summary,
      isIssueFlag: isIssue === true,
      board: { id: 3, name: 'Professional Services' },
      status: statusRef(status),
      project: p.project,
      phase: p.phases[phi]!,
      wbsCode: `${phi + 1}.${(id % 10) + 0}`,
      company: { id: company.id, identifier: company.identifier, name: company.name },
      contact: { id: contact.id, name: `${contact.firstName} ${contact.lastName}` },
      contactName: `${contact.firstName} ${contact.lastName}`,
      owner: memberRef(owner),
      priority: priorityRef(base.priorities[2]!),
      budgetHours: 4,
      actualHours: 0,
      closedFlag: status.closedStatus,
      closedDate: status.closedStatus ? cwDate(entered + 5 * DAY) : undefined,
      closedBy: status.closedStatus ? owner.identifier : undefined,
      _info: {
        lastUpdated: cwDate(entered + DAY),
        updatedBy: owner.identifier,
        dateEntered: cwDate(entered),
        enteredBy: 'mgarcia',
      },
    };
    tickets.push(t);
    notes.push({
      id: noteId++,
      ticketId: id,
      text: `Scope: ${summary}.`,
      detailDescriptionFlag: true,
      internalAnalysisFlag: false,
      resolutionFlag: false,
      issueFlag: false,
      member: memberRef(owner),
      customerUpdatedFlag: false,
      internalFlag: false,
      externalFlag: true,
      _info: {
        lastUpdated: cwDate(entered),
        updatedBy: owner.identifier,
        dateEntered: cwDate(entered),
        enteredBy: owner.identifier,
      },
    });
    if (statusName !== 'New') {
      const start = entered + DAY + 2 * HOUR;
      timeEntries.push({
        id: timeId++,
        company: t.company,
        chargeToId: id,
        chargeToType: isIssue ? 'ProjectIssue' : 'ProjectTicket',
        member: memberRef(owner),
        workType: { id: 1, name: 'Remote Support' },
        workRole: { id: 1, name: 'Engineer' },
        timeStart: cwDate(start),
        timeEnd: cwDate(start + 2 * HOUR),
        hoursDeduct: 0,
        actualHours: 2,
        billableOption: 'Billable',
        notes: `Worked on: ${summary}.`,
        addToDetailDescriptionFlag: false,
        addToInternalAnalysisFlag: false,
        addToResolutionFlag: false,
        emailResourceFlag: false,
        emailContactFlag: false,
        emailCcFlag: false,
        hoursBilled: 2,
        enteredBy: owner.identifier,
        dateEntered: cwDate(start + 2 * HOUR),
        status: 'Open',
        ticket: { id, summary },
        project: p.project,
        phase: t.phase,
        ticketBoard: t.board.name,
        ticketStatus: t.status.name,
        _info: { lastUpdated: cwDate(start + 2 * HOUR), updatedBy: owner.identifier },
      });
      t.actualHours = 2;
    }
  }
  return { tickets, notes, timeEntries, nextNoteId: noteId, nextTimeEntryId: timeId };
}
