// The request contract of the Autotask sandbox, written as data.
//
// Provenance: no usable OpenAPI document exists for Autotask's responses (the official Swagger
// "Datto|Autotask PSA Rest API" v1, `v1.json` in KelvinTegelaar/AutotaskAPI, declares query answers as the
// bare model instead of {items, pageDetails}). Requests are therefore validated against these field
// lists, transcribed on 2026-11-29 from that Swagger's models as generated in
// aenichols/ATREST-CSharp-Client @ f163eafd `docs/{Ticket,TicketNote,TimeEntry,Resource,Company,Contact,
// ConfigurationItem,Role,ResourceRole}Model.md` (PascalCase there, camelCase on the wire), trimmed to the
// fields a PSA integration of this kind touches, plus the rules of docs/reference/autotask-api.md §4
// (required fields, lengths, read-only fields). Anything not listed is a contract violation.

export type FieldType = 'integer' | 'long' | 'double' | 'boolean' | 'string' | 'datetime';

export interface FieldSpec {
  type: FieldType;
  /** Max string length (SOAP field metadata via ECIT, AT-NOTE). */
  length?: number;
  readOnly?: boolean;
  /** Not queryable (AT-TKT: creatorType, lastActivityPersonType). */
  notQueryable?: boolean;
}

type Fields = Record<string, FieldSpec>;

const int: FieldSpec = { type: 'integer' };
const long: FieldSpec = { type: 'long' };
const str: FieldSpec = { type: 'string' };
const date: FieldSpec = { type: 'datetime' };
const bool: FieldSpec = { type: 'boolean' };
const dbl: FieldSpec = { type: 'double' };
const ro = (f: FieldSpec): FieldSpec => ({ ...f, readOnly: true });

export const ENTITY_FIELDS: Record<string, Fields> = {
  Tickets: {
    id: long,
    assignedResourceID: int,
    assignedResourceRoleID: int,
    billingCodeID: int,
    companyID: int,
    companyLocationID: int,
    completedByResourceID: ro(int),
    completedDate: ro(date),
    configurationItemID: int,
    contactID: int,
    contractID: int,
    createDate: ro(date),
    createdByContactID: ro(int),
    creatorResourceID: ro(int),
    creatorType: { type: 'integer', readOnly: true, notQueryable: true },
    description: { type: 'string', length: 8000 },
    dueDateTime: date,
    estimatedHours: dbl,
    issueType: int,
    lastActivityDate: ro(date),
    lastActivityPersonType: { type: 'integer', readOnly: true, notQueryable: true },
    lastActivityResourceID: ro(int),
    priority: int,
    queueID: int,
    resolution: { type: 'string', length: 32000 },
    source: int,
    status: int,
    subIssueType: int,
    ticketCategory: int,
    ticketNumber: { type: 'string', length: 50, readOnly: true },
    ticketType: int,
    title: { type: 'string', length: 255 },
  },
  TicketNotes: {
    id: long,
    createDateTime: ro(date),
    createdByContactID: ro(int),
    creatorResourceID: ro(int),
    description: { type: 'string', length: 32000 },
    impersonatorCreatorResourceID: ro(int),
    impersonatorUpdaterResourceID: ro(int),
    lastActivityDate: ro(date),
    noteType: int,
    publish: int,
    ticketID: int,
    title: { type: 'string', length: 250 },
  },
  TimeEntries: {
    id: long,
    billingCodeID: int,
    contractID: int,
    createDateTime: ro(date),
    creatorUserID: ro(int),
    dateWorked: date,
    endDateTime: date,
    hoursToBill: ro(dbl), // read-only per PAUL (UNCONFIRMED elsewhere)
    hoursWorked: dbl,
    impersonatorCreatorResourceID: ro(int),
    internalBillingCodeID: int,
    internalNotes: { type: 'string', length: 32000 },
    isNonBillable: bool,
    lastModifiedDateTime: ro(date),
    offsetHours: dbl,
    resourceID: int,
    roleID: int,
    showOnInvoice: bool,
    startDateTime: date,
    summaryNotes: { type: 'string', length: 32000 },
    taskID: int,
    ticketID: int,
    timeEntryType: int,
  },
  Resources: {
    id: long,
    defaultServiceDeskRoleID: long,
    email: str,
    email2: str,
    email3: str,
    firstName: str,
    isActive: bool,
    lastName: str,
    licenseType: int,
    resourceType: str,
    title: str,
    userName: str,
    userType: int,
  },
  Roles: {
    id: long,
    description: str,
    hourlyRate: dbl,
    isActive: bool,
    isSystemRole: bool,
    name: str,
    roleType: int,
  },
  ResourceRoles: {
    id: long,
    departmentID: long,
    isActive: bool,
    queueID: long,
    resourceID: long,
    roleID: long,
  },
  Companies: {
    id: long,
    address1: str,
    city: str,
    companyName: str,
    companyNumber: str,
    companyType: int,
    isActive: bool,
    ownerResourceID: int,
    parentCompanyID: int,
    phone: str,
    postalCode: str,
    state: str,
    webAddress: str,
  },
  Contacts: {
    id: long,
    companyID: int,
    emailAddress: str,
    emailAddress2: str,
    emailAddress3: str,
    firstName: str,
    // An integer (1/0) in the Swagger model, unlike the other entities' boolean isActive.
    isActive: int,
    lastName: str,
    mobilePhone: str,
    phone: str,
    primaryContact: bool,
    title: str,
  },
  ConfigurationItems: {
    id: long,
    companyID: int,
    configurationItemType: int,
    contactID: int,
    isActive: bool,
    productID: int,
    referenceNumber: str,
    referenceTitle: str,
    rmmDeviceAuditHostname: str,
    rmmDeviceAuditIPAddress: str,
    rmmDeviceAuditLastUser: str,
    rmmDeviceAuditOperatingSystem: str,
    serialNumber: str,
  },
};

/** Entity names as the API spells them (the sandbox compares paths case-insensitively). */
export const ENTITIES = Object.keys(ENTITY_FIELDS);

/** The field's canonical spelling, whatever case the request used. */
export function canonicalField(entity: string, name: string): string | undefined {
  const fields = ENTITY_FIELDS[entity];
  if (!fields) return undefined;
  if (name in fields) return name;
  const lower = name.toLowerCase();
  return Object.keys(fields).find((f) => f.toLowerCase() === lower);
}

/** Why a value does not fit the field's type, or undefined. */
export function typeProblem(spec: FieldSpec, value: unknown): string | undefined {
  if (value === null) return undefined;
  switch (spec.type) {
    case 'integer':
    case 'long':
      return Number.isInteger(value) ? undefined : 'must be an integer';
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return spec.length !== undefined && value.length > spec.length
        ? `is longer than ${spec.length} characters`
        : undefined;
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be an ISO-8601 date-time';
  }
}

/** Contract problems of a create/update body: unknown fields, wrong types, read-only fields. */
export function bodyProblems(entity: string, body: unknown, opts: { allowId: boolean }): string[] {
  const fields = ENTITY_FIELDS[entity];
  if (!fields) return [`no field list for ${entity}`];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body must be a JSON object'];
  const out: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (k === 'userDefinedFields') continue;
    const spec = fields[k];
    if (!spec) {
      const canon = canonicalField(entity, k);
      out.push(canon ? `field '${k}' should be spelled '${canon}'` : `unknown field '${k}' for ${entity}`);
      continue;
    }
    if (k === 'id') {
      if (!opts.allowId) out.push(`'id' must not be sent when creating ${entity}`);
      continue;
    }
    if (spec.readOnly) out.push(`'${k}' is read-only`);
    const problem = typeProblem(spec, v);
    if (problem) out.push(`'${k}' ${problem}`);
  }
  return out;
}
