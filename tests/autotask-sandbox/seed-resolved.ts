// Complete tickets with real resolutions (the "What fixed it last time" of the Autotask panel): near-
// duplicates of the open special tickets across companies. Ids RESOLVED_TICKET_IDS; added after every
// other seeded record, so no other id, date or random draw changes. Unlike the rest of the seed they are
// dated relative to when the sandbox starts: FlowPilot asks for tickets completed in the last year
// (lib/similar/autotask-query.ts), so fixed dates would fall out of that window as the calendar moves.
import {
  NOTE_TYPE,
  PUBLISH,
  RESOLVED_TICKETS,
  SPECIAL_RESOURCES,
  TICKET_FIXED_FIELDS,
} from './seed-constants.ts';
import type { Row } from './types.ts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Spec {
  id: number;
  title: string;
  companyID: number;
  /** Days before the sandbox started that the ticket was completed. */
  ageDays: number;
  /** The ticket's Resolution field; null → the fix is in a note of the resolution note type. */
  resolution: string | null;
  /** Notes on the ticket: [noteType, text], oldest first. */
  notes?: [number, string][];
}

const CONTOSO = 174;
const FABRIKAM = 175;
const NORTHWIND = 176;

const SPECS: Spec[] = [
  {
    id: RESOLVED_TICKETS.outlookContoso,
    title: 'Outlook not syncing after password change',
    companyID: CONTOSO,
    ageDays: 3,
    resolution:
      'Outlook kept the old password in Windows Credential Manager. Removed the MicrosoftOffice16 entries, restarted Outlook and signed in again; mail synced within a minute.',
  },
  {
    id: RESOLVED_TICKETS.outlookNorthwindNote,
    title: 'Outlook not syncing on laptop (OST full)',
    companyID: NORTHWIND,
    ageDays: 20,
    resolution: null,
    notes: [
      [NOTE_TYPE.taskNotes, 'Checked the mailbox size: 49.8 GB.'],
      [
        NOTE_TYPE.taskSummary,
        'The OST file had reached 50 GB. Set the cached-mode window to 12 months and rebuilt the OST; syncing again.',
      ],
      [NOTE_TYPE.taskNotes, 'User confirmed the next morning.'],
    ],
  },
  {
    id: RESOLVED_TICKETS.printerFabrikam,
    title: 'Printer offline on 2nd floor after firmware update',
    companyID: FABRIKAM,
    ageDays: 10,
    resolution: 'Rolled the printer back to firmware 4.2 and set a static IP; it stays online.',
  },
  {
    id: RESOLVED_TICKETS.vpnContoso,
    title: 'VPN drops every hour on home Wi-Fi',
    companyID: CONTOSO,
    ageDays: 40,
    resolution: 'The home router dropped idle UDP after 60 min; set the VPN keep-alive to 30 s.',
  },
  {
    // Completed long ago: outside the window FlowPilot asks for, never shown.
    id: RESOLVED_TICKETS.outlookContosoOld,
    title: 'Outlook not syncing on laptop',
    companyID: CONTOSO,
    ageDays: 500,
    resolution: 'Reinstalled Office (an old fix that should not be offered).',
  },
];

export function resolvedSeed(now: number, firstNoteId: number): { tickets: Row[]; notes: Row[] } {
  const tickets: Row[] = [];
  const notes: Row[] = [];
  let noteId = firstNoteId;
  for (const s of SPECS) {
    const completed = now - s.ageDays * DAY;
    const created = completed - 2 * DAY;
    const d = new Date(created);
    tickets.push({
      id: s.id,
      ticketNumber: `T${d.toISOString().slice(0, 10).replace(/-/g, '')}.${String(9000 + (s.id % 1000)).padStart(4, '0')}`,
      title: s.title,
      description: `${s.title}.\nReported by phone.`,
      status: 5,
      priority: 2,
      queueID: 29682833,
      companyID: s.companyID,
      companyLocationID: null,
      contactID: null,
      configurationItemID: null,
      assignedResourceID: SPECIAL_RESOURCES.jsmith,
      assignedResourceRoleID: null,
      ticketType: 2,
      ticketCategory: 3,
      issueType: 10,
      subIssueType: 201,
      source: 2,
      dueDateTime: iso(created + 2 * DAY),
      createDate: iso(created),
      completedDate: iso(completed),
      completedByResourceID: SPECIAL_RESOURCES.jsmith,
      lastActivityDate: iso(completed),
      resolution: s.resolution,
      ...TICKET_FIXED_FIELDS,
      lastActivityResourceID: SPECIAL_RESOURCES.jsmith,
    });
    (s.notes ?? []).forEach(([noteType, description], i) => {
      const at = iso(created + (i + 1) * 3_600_000);
      notes.push({
        id: noteId++,
        ticketID: s.id,
        title: i === 0 ? 'Triage' : `Update ${i}`,
        description,
        noteType,
        publish: PUBLISH.internal,
        createDateTime: at,
        creatorResourceID: SPECIAL_RESOURCES.jsmith,
        createdByContactID: null,
        lastActivityDate: at,
        impersonatorCreatorResourceID: null,
        impersonatorUpdaterResourceID: null,
      });
    });
  }
  return { tickets, notes };
}
