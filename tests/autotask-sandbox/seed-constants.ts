// Fixed facts of the Autotask sandbox that tests and the CLI refer to.
import type { ApiUser } from './types.ts';

/** The tracking identifier ("Custom (Internal Integration)" code) the sandbox accepts. */
export const INTEGRATION_CODE = 'FLOWPILOTSANDBOXINTEGRATION';

/** API-only users (security level "API User (system)" unless restricted). Secrets carry symbols on purpose. */
export const API_USERS = {
  full: {
    userName: 'flowpilot.api@flowpilotdemo.example',
    secret: 'Zq8#mT2$wL9*rK4@',
    level: 'full',
    resourceId: 29682800,
  },
  noTickets: {
    userName: 'flowpilot.noticket@flowpilotdemo.example',
    secret: 'Hx3!nB7%pD1&',
    level: 'noTickets',
    resourceId: 29682798,
  },
  noResources: {
    userName: 'flowpilot.nores@flowpilotdemo.example',
    secret: 'Vc6^jF0+sG5=',
    level: 'noResources',
    resourceId: 29682799,
  },
} as const satisfies Record<string, ApiUser>;

export const ZONE = { zoneName: 'Sandbox (webservices18-like)', ci: 418418 } as const;

/** Path under which the zone's REST API is served (the zone `url` is origin + this + '/'). */
export const ZONE_PATH = '/zone18/ATServicesRest';
/** A zone the sandbox's database "moved away from": every API call there answers 401 (DJA re-looks up the zone on a 401). */
export const OLD_ZONE_PATH = '/zone5/ATServicesRest';
/** Where the "any zone host" lookup answers, like https://webservices.autotask.net/atservicesrest. */
export const LOOKUP_PATH = '/atservicesrest';

export const STATUS = {
  new: 1,
  complete: 5,
  waitingCustomer: 7,
  inProgress: 8,
  waitingMaterials: 9,
  dispatched: 10,
  escalate: 11,
  waitingVendor: 12,
  /** Inactive in the picklist. */
  onHold: 14,
} as const;

export const NOTE_TYPE = { taskSummary: 1, taskDetail: 2, taskNotes: 3, emailNote: 101 } as const;
export const PUBLISH = { all: 1, internal: 2, internalCoManaged: 4 } as const;
/** The note choices the tests and the demo make on the FlowPilot tab (settings/autotaskNotesSave). */
export const SANDBOX_NOTE_CHOICES = {
  noteTypeByKind: {
    internalAnalysis: NOTE_TYPE.taskNotes,
    resolution: NOTE_TYPE.taskSummary,
    description: NOTE_TYPE.taskDetail,
  },
  internalPublish: PUBLISH.internal,
  customerPublish: PUBLISH.all,
};

/** Ticket categories; 5 requires note titles. */
export const CATEGORY = { standard: 3, alert: 4, titlesRequired: 5 } as const;

/** Tickets tests rely on. */
export const SPECIAL_TICKETS = {
  standard: 40265,
  complete: 40266,
  quotes: 40267,
  titlesRequired: 40268,
  noContact: 40269,
  /** Has a UI page; the API user cannot see it. */
  hidden: 40270,
} as const;

/** Complete tickets with resolutions (seed-resolved.ts), for "Similar resolved tickets". */
export const RESOLVED_TICKETS = {
  /** Contoso, like the standard ticket; its Resolution field holds the fix. */
  outlookContoso: 40501,
  /** Northwind; no Resolution field: the fix is its latest note of the resolution note type. */
  outlookNorthwindNote: 40502,
  printerFabrikam: 40503,
  vpnContoso: 40504,
  /** Contoso, same title as the standard ticket, completed 500 days ago: outside the window. */
  outlookContosoOld: 40505,
} as const;

export const SPECIAL_RESOURCES = {
  /** Active technician with tidy email and two roles. */
  jsmith: 29682833,
  /** Email with capitals and stray spaces; email2 holds the address people use. */
  messyEmail: 29682834,
  /** Inactive resource. */
  inactive: 29682835,
  /** Two active resources sharing one email. */
  sharedA: 29682836,
  sharedB: 29682837,
  /** Active, holds no role (time entries fail "There is no row at position 0."). */
  noRole: 29682838,
} as const;

/** Fields every seeded ticket has alike: no contract or billing code, one estimated hour, created by John Smith. */
export const TICKET_FIXED_FIELDS = {
  contractID: null,
  billingCodeID: null,
  estimatedHours: 1,
  creatorResourceID: SPECIAL_RESOURCES.jsmith,
  creatorType: 1,
  createdByContactID: null,
  lastActivityPersonType: 1,
} as const;

export const ROLES = {
  technician1: 29683426,
  technician2: 29683427,
  engineer: 29683428,
  pm: 29683429,
} as const;
