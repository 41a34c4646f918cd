// Records are stored in CW's API shape (what GET returns, minus `_href`s), so conditions, orderBy and
// fields work on them generically. Type aliases (not interfaces) keep them assignable to Obj.
export type Obj = Record<string, unknown>;
export type Info = Record<string, string>;

export type Ref = { id: number; name?: string; identifier?: string; _info?: Info };
export type MemberRef = {
  id: number;
  identifier: string;
  name: string;
  dailyCapacity?: number;
  _info?: Info;
};
export type StatusRef = { id: number; name: string; sort: number; _info?: Info };
export type PriorityRef = { id: number; name: string; sort: number; level: string; _info?: Info };

export type Member = {
  id: number;
  identifier: string;
  firstName: string;
  lastName: string;
  title?: string;
  licenseClass: 'A' | 'C' | 'F' | 'X';
  inactiveFlag: boolean;
  primaryEmail?: string;
  officeEmail?: string;
  mobileEmail?: string;
  defaultEmail: 'Office' | 'Mobile' | 'Home';
  officePhone?: string;
  defaultPhone: 'Office' | 'Mobile' | 'Home';
  hireDate: string;
  securityRole: Ref;
  timeZone: Ref;
  workRole?: Ref;
  workType?: Ref;
  dailyCapacity: number;
  requireStartAndEndTimeOnTimeEntryFlag: boolean;
  enterTimeAgainstCompanyFlag: boolean;
  serviceDefaultBoard?: Ref;
  _info: Info;
};

export type Company = {
  id: number;
  identifier: string;
  name: string;
  status: Ref;
  addressLine1: string;
  city: string;
  state: string;
  zip: string;
  country: Ref;
  phoneNumber: string;
  website: string;
  site: Ref;
  defaultContact?: Ref;
  types: Ref[];
  deletedFlag: boolean;
  _info: Info;
};

export type CommunicationItem = {
  id: number;
  type: Ref;
  value: string;
  extension?: string;
  defaultFlag: boolean;
  communicationType: 'Email' | 'Fax' | 'Phone';
};

export type Contact = {
  id: number;
  firstName: string;
  lastName: string;
  company: Ref;
  site: Ref;
  title?: string;
  inactiveFlag: boolean;
  defaultFlag: boolean;
  communicationItems: CommunicationItem[];
  types: Ref[];
  _info: Info;
};

export type Board = {
  id: number;
  name: string;
  location: Ref;
  department: Ref;
  inactiveFlag: boolean;
  projectFlag: boolean;
  workRole?: Ref;
  workType?: Ref;
  _info: Info;
};

export type BoardStatus = {
  id: number;
  name: string;
  board: Ref;
  sortOrder: number;
  displayOnBoard: boolean;
  inactive: boolean;
  closedStatus: boolean;
  timeEntryNotAllowed: boolean;
  defaultFlag: boolean;
  escalationStatus: 'NotResponded' | 'Responded' | 'ResolutionPlan' | 'Resolved' | 'NoEscalation';
  customerPortalFlag: boolean;
  _info: Info;
};

export type Priority = {
  id: number;
  name: string;
  color: string;
  sortOrder: number;
  defaultFlag: boolean;
  level: 'Critical' | 'High' | 'Medium' | 'Low';
  _info: Info;
};

export type WorkType = {
  id: number;
  name: string;
  billTime: 'Billable' | 'DoNotBill' | 'NoCharge';
  rateType: 'AdjAmount' | 'Custom' | 'Multiplier';
  rate: number;
  inactiveFlag: boolean;
  overallDefaultFlag: boolean;
  utilizationFlag: boolean;
  _info: Info;
};

export type WorkRole = { id: number; name: string; hourlyRate: number; inactiveFlag: boolean; _info: Info };

export type Ticket = {
  id: number;
  summary: string;
  recordType: 'ServiceTicket';
  board: Ref;
  status: StatusRef;
  company: Ref;
  site?: Ref;
  siteName?: string;
  contact?: Ref;
  contactName?: string;
  contactPhoneNumber?: string;
  contactEmailAddress?: string;
  type?: Ref;
  team?: Ref;
  owner?: MemberRef;
  priority: PriorityRef;
  serviceLocation?: Ref;
  source?: Ref;
  severity: 'Low' | 'Medium' | 'High';
  impact: 'Low' | 'Medium' | 'High';
  budgetHours?: number;
  actualHours?: number;
  requiredDate?: string;
  resources?: string;
  customerUpdatedFlag: boolean;
  automaticEmailContactFlag: boolean;
  automaticEmailResourceFlag: boolean;
  automaticEmailCcFlag: boolean;
  closedFlag: boolean;
  closedDate?: string;
  closedBy?: string;
  approved: boolean;
  isInSla: boolean;
  _info: Info;
} & Obj;

export type ProjectTicket = {
  id: number;
  summary: string;
  isIssueFlag: boolean;
  board: Ref;
  status: StatusRef;
  project: Ref;
  phase: Ref;
  wbsCode: string;
  company: Ref;
  contact?: Ref;
  contactName?: string;
  owner?: MemberRef;
  priority: PriorityRef;
  budgetHours?: number;
  actualHours?: number;
  closedFlag: boolean;
  closedDate?: string;
  closedBy?: string;
  _info: Info;
} & Obj;

export type ServiceNote = {
  id: number;
  ticketId: number;
  text: string;
  detailDescriptionFlag: boolean;
  internalAnalysisFlag: boolean;
  resolutionFlag: boolean;
  issueFlag: boolean;
  member?: MemberRef;
  contact?: Ref;
  customerUpdatedFlag: boolean;
  processNotifications?: boolean;
  dateCreated: string;
  createdBy: string;
  internalFlag: boolean;
  externalFlag: boolean;
  _info: Info;
};

/** Project ticket note (`TicketNote` in the subset: same flags, no dateCreated/createdBy). */
export type ProjectNote = {
  id: number;
  ticketId: number;
  text: string;
  detailDescriptionFlag: boolean;
  internalAnalysisFlag: boolean;
  resolutionFlag: boolean;
  issueFlag: boolean;
  member?: MemberRef;
  contact?: Ref;
  customerUpdatedFlag: boolean;
  internalFlag: boolean;
  externalFlag: boolean;
  _info: Info;
};

export type Configuration = {
  id: number;
  name: string;
  type: Ref;
  status: Ref;
  company: Ref;
  contact?: Ref;
  site?: Ref;
  deviceIdentifier: string;
  serialNumber: string;
  modelNumber: string;
  tagNumber?: string;
  manufacturer: Ref;
  macAddress: string;
  ipAddress: string;
  defaultGateway?: string;
  osType?: string;
  osInfo?: string;
  cpuSpeed?: string;
  ram?: string;
  lastLoginName?: string;
  installationDate?: string;
  warrantyExpirationDate?: string;
  notes?: string;
  activeFlag: boolean;
  billFlag: boolean;
  questions: Obj[];
  _info: Info;
};

export type TimeEntry = {
  id: number;
  company: Ref;
  chargeToId?: number;
  chargeToType: 'Company' | 'ServiceTicket' | 'ProjectTicket' | 'ProjectIssue' | 'ChargeCode' | 'Activity';
  member: MemberRef;
  workType: Ref;
  workRole: Ref;
  timeStart: string;
  timeEnd?: string;
  hoursDeduct: number;
  actualHours: number;
  billableOption: 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault';
  notes?: string;
  internalNotes?: string;
  addToDetailDescriptionFlag: boolean;
  addToInternalAnalysisFlag: boolean;
  addToResolutionFlag: boolean;
  emailResourceFlag: boolean;
  emailContactFlag: boolean;
  emailCcFlag: boolean;
  hoursBilled: number;
  enteredBy: string;
  dateEntered: string;
  status: 'Open';
  ticket?: { id: number; summary: string };
  project?: Ref;
  phase?: Ref;
  ticketBoard?: string;
  ticketStatus?: string;
  _info: Info;
};

export interface SandboxState {
  companies: Company[];
  contacts: Contact[];
  members: Member[];
  boards: Board[];
  statuses: BoardStatus[];
  priorities: Priority[];
  workTypes: WorkType[];
  workRoles: WorkRole[];
  /** Service tickets the API can see. */
  tickets: Ticket[];
  /** Tickets with a UI page whose API GET answers 404 (security-hidden in real CW). */
  hiddenTickets: Ticket[];
  projectTickets: ProjectTicket[];
  notes: ServiceNote[];
  projectNotes: ProjectNote[];
  configurations: Configuration[];
  /** ticket id → configuration ids attached to it. */
  ticketConfigurations: Record<number, number[]>;
  timeEntries: TimeEntry[];
  /** Members whose security role forbids time entry. */
  noTimeMemberIds: number[];
  /** The API member that owns the sandbox's keys. */
  apiMemberId: number;
  /**
   * Time entry id → the ticket note its addTo*Flag wrote. In CW that text is part of the time entry, so
   * deleting the entry removes it too.
   */
  timeEntryNotes: Record<number, { kind: 'service' | 'project'; noteId: number }>;
  nextIds: { note: number; projectNote: number; timeEntry: number };
}

export interface RecordedRequest {
  at: string;
  method: string;
  /** Full path without the query, e.g. /v2026_4/apis/3.0/service/tickets/1001. */
  path: string;
  /** Path after apis/3.0 (empty for companyinfo). */
  apiPath: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** companyId and public key decoded from Authorization (the private key is never recorded). */
  auth?: { companyId: string; publicKey: string };
  body?: unknown;
  /** 0 when the connection was reset before an answer. */
  status: number;
  reset?: 'before' | 'after-commit';
  /** The late-commit fault held this request: no answer was sent. */
  lateCommit?: boolean;
  fault?: boolean;
  /** The `label` of the fault rule that matched, if it had one. */
  faultLabel?: string;
}

export interface FaultRule {
  method?: string;
  /** Regex (string) tested against the API path after apis/3.0, e.g. '^/service/tickets/\\d+/notes$'. */
  path?: string;
  /** Regex (string) tested against the raw request body, e.g. a note's text or a FlowPilot ref. */
  bodyMatch?: string;
  /** Matches left; default 1; 0 = forever. */
  times?: number;
  status?: number;
  body?: unknown;
  retryAfter?: number;
  latencyMs?: number;
  /**
   * 'before': destroy the socket before handling; 'after-commit': apply the write, then destroy (with a
   * kept-alive socket that carried an earlier request, Chromium then resends the request by itself).
   */
  reset?: 'before' | 'after-commit';
  /**
   * "Commit lands after the client gave up": never answer, and apply the write this many ms after the
   * request arrived. Set it above the client's timeout (FlowPilot's is 20 s unless a test build shortens it).
   */
  lateCommitMs?: number;
  /** Answer with a CW login page (text/html), like an SSO/proxy page. */
  html?: boolean;
  /** Copied to the matching request's record (`faultLabel`), so a test can count which faults fired. */
  label?: string;
  /** Answer with a redirect to this URL (absolute, or a path on the sandbox); `status` 307 unless given. */
  redirect?: string;
}

export interface FaultSettings {
  /** Added to every API request. */
  latencyMs: number;
  /** Requests per minute per public key (sliding window); 0 = unlimited. */
  rateLimitPerMinute: number;
  /** Added before CW's web pages (the ticket screen, boards) are answered: a real CW page is a round trip too. */
  pageLatencyMs?: number;
}

/** The sandbox's clock: CW's `Date` header and every date it writes. Tests move it to play "later". */
export interface SandboxClock {
  /** Added to the real time; 0 after reset(). */
  offsetMs: number;
  now(): Date;
}

export interface FaultControl extends FaultSettings {
  add(rule: FaultRule): void;
  /** Remove all rules and reset latency/rate limit to 0. */
  clear(): void;
  /** Rules still active (with their remaining `times`). */
  readonly rules: readonly FaultRule[];
}
