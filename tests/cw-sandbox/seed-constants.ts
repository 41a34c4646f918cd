// Fixed facts of the seed that tests may rely on. Changing any of these is a breaking change for tests.

/** Seed clock: every seeded date is before this instant, so runs are identical whatever the day. */
export const SEED_NOW = Date.UTC(2026, 10, 20, 17, 0, 0);

export const COMPANY_ID = 'flowpilot';
export const COMPANY_NAME = 'FlowPilot Demo MSP';
/** Any GUID is accepted; this one is handed out for convenience. */
export const CLIENT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** Full-permission keys of the API member (SPECIAL_MEMBERS.api). */
export const API_KEYS = { publicKey: 'FpPub7Kq2Lm9XzA1', privateKey: 'FpPrv3Rt8Vn5Wc0Q' } as const;

/** Keys of the same API member with one permission missing (403 where noted). */
export const RESTRICTED_KEYS = {
  noTickets: {
    publicKey: 'FpPubNoTickets01',
    privateKey: 'FpPrvNoTickets01',
    missing: 'Service Desk > Service Tickets: 403 on every /service/tickets* request',
  },
  noTime: {
    publicKey: 'FpPubNoTime00001',
    privateKey: 'FpPrvNoTime00001',
    missing: 'Time & Expense > Time Entry (Add): 403 on POST /time/entries',
  },
  noMembers: {
    publicKey: 'FpPubNoMembers01',
    privateKey: 'FpPrvNoMembers01',
    missing: 'System > Members: 403 on every /system/members* request',
  },
  noDelete: {
    publicKey: 'FpPubNoDelete001',
    privateKey: 'FpPrvNoDelete001',
    missing:
      'Service Tickets / Project Tickets / Time Entry (Delete): 403 on DELETE of ticket notes and time entries',
  },
  noClosedTickets: {
    publicKey: 'FpPubNoClosed001',
    privateKey: 'FpPrvNoClosed001',
    missing:
      'Service Tickets, closed ones: 403 on a /service/tickets list page that would contain a closed ticket, and on a closed ticket or its notes',
  },
} as const;

export const XSS_PAYLOAD = '<img src=x onerror=alert(1)><script>alert(1)</script>';
export const QUOTES_SUMMARY = `Can't print "Q3 report" 100% & [urgent]`;

export const SPECIAL_TICKETS = {
  /** Help Desk, New, Contoso, contact Emily Carter, 2 configurations, 3 notes, owner jsmith. */
  standard: 1001,
  /** Summary and first note contain XSS_PAYLOAD. */
  xss: 1002,
  /** Help Desk "Closed": closedFlag true, status has timeEntryNotAllowed. */
  closed: 1003,
  /** No contact, no configurations, no notes. */
  noContactNoConfigs: 1004,
  /** UI page exists, every API call for it answers 404. */
  hidden: 1005,
  /** Summary is QUOTES_SUMMARY. */
  quotes: 1006,
  /** Help Desk "Resolved" (not closed, time entry allowed). */
  resolved: 1007,
  /** Escalations board, status "Escalated". */
  escalated: 1008,
  /** Project ticket (Professional Services board); project ticket ids are 5001-5009. */
  project: 5001,
  /** Project issue (`isIssueFlag` true): time is charged to it as `ProjectIssue`. */
  projectIssue: 5009,
} as const;

/**
 * The long ticket, for limits and the bench (seed-long-ticket.ts): a generated Help Desk "New" ticket
 * (not on the board's first page) given these notes, description and devices after seeding. Not in
 * SPECIAL_TICKETS, which the generator skips: it is generated like its neighbours, then rewritten.
 */
export const LONG_TICKET = {
  id: 1290,
  summary: 'Warehouse scanners keep dropping off Wi-Fi (long-running)',
  notes: 200,
  /** The first note, which CW shows as the initial description. */
  descriptionChars: 20_000,
  configurations: 50,
} as const;

/** Service ticket ids are SERVICE_TICKET_RANGE.first..last (300 tickets, 1005 is API-hidden). */
export const SERVICE_TICKET_RANGE = { first: 1000, last: 1299 } as const;
export const PROJECT_TICKET_RANGE = { first: 5001, last: 5009 } as const;
/** Closed/resolved service tickets with real Resolution notes (seed-resolved.ts), after everything else. */
export const RESOLVED_TICKET_RANGE = { first: 1400, last: 1449 } as const;

export const SPECIAL_MEMBERS = {
  /** licenseClass 'A'; owns API_KEYS; notes/time without a member are attributed to it. */
  api: { id: 112, identifier: 'FlowPilotAPI' },
  /** An ordinary technician. */
  tech: { id: 101, identifier: 'jsmith', email: 'john.smith@flowpilotmsp.com' },
  /** primaryEmail ' Maria.Garcia@FlowPilotMSP.com ' (mixed case, stray spaces), officeEmail lower-case. */
  messyEmail: { id: 102, identifier: 'mgarcia', email: 'maria.garcia@flowpilotmsp.com' },
  /** inactiveFlag true. */
  inactive: { id: 108, identifier: 'dobrien' },
  /** Security role without time entry: POST /time/entries for them → 403. */
  noTime: { id: 109, identifier: 'kjones' },
  /** Two members with the same primary email (different case). */
  sharedEmail: { ids: [110, 111], identifiers: ['sbrown', 'sabrown'], email: 'helpdesk@flowpilotmsp.com' },
} as const;

export const BOARD_IDS = { helpDesk: 1, escalations: 2, professionalServices: 3 } as const;

/** Status id = board id * 100 + position; same names on every board. */
export const STATUS_NAMES = [
  'New',
  'In Progress',
  'Waiting on Client',
  'Escalated',
  'Resolved',
  'Closed',
] as const;
export const STATUS_IDS = {
  helpDesk: { new: 101, inProgress: 102, waitingOnClient: 103, escalated: 104, resolved: 105, closed: 106 },
  escalations: {
    new: 201,
    inProgress: 202,
    waitingOnClient: 203,
    escalated: 204,
    resolved: 205,
    closed: 206,
  },
  professionalServices: {
    new: 301,
    inProgress: 302,
    waitingOnClient: 303,
    escalated: 304,
    resolved: 305,
    closed: 306,
  },
} as const;

export const WORK_TYPE_IDS = { remoteSupport: 1, onsite: 2, afterHours: 3 } as const;
export const WORK_ROLE_IDS = { engineer: 1, helpDeskTech: 2 } as const;
export const PRIORITY_IDS = { emergency: 1, quick: 2, normal: 3, low: 4 } as const;
