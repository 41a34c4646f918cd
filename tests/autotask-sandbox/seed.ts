// Deterministic seed data shaped like a real MSP's Autotask: companies (id 0 is the MSP itself),
// contacts, resources with untidy emails and an inactive one, roles, tickets across statuses incl.
// Complete, notes, time entries and configuration items. Picklist ids and labels are tenant-specific on
// purpose (non-sequential ids, "Internal Project Team" for publish 2) so nothing can hard-code them.
import { createRng } from '../cw-sandbox/prng.ts';
import {
  API_USERS,
  CATEGORY,
  NOTE_TYPE,
  PUBLISH,
  ROLES,
  SPECIAL_RESOURCES,
  SPECIAL_TICKETS,
  STATUS,
  TICKET_FIXED_FIELDS,
} from './seed-constants.ts';
import { resolvedSeed } from './seed-resolved.ts';
import type { AtState, PicklistValue, Row } from './types.ts';

const BASE = Date.UTC(2026, 10, 2, 8, 0, 0); // 2026-11-02 08:00Z
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const day = 86_400_000;

function pick(
  entries: [number, string, { active?: boolean; system?: boolean; parent?: number }?][],
): PicklistValue[] {
  return entries.map(([value, label, o], i) => ({
    value: String(value),
    label,
    isDefaultValue: i === 0,
    sortOrder: i + 1,
    parentValue: o?.parent !== undefined ? String(o.parent) : '',
    isActive: o?.active ?? true,
    isSystem: o?.system ?? false,
  }));
}

function picklists(): AtState['picklists'] {
  return {
    Tickets: {
      status: pick([
        [STATUS.new, 'New', { system: true }],
        [STATUS.inProgress, 'In Progress'],
        [STATUS.waitingCustomer, 'Waiting Customer'],
        [STATUS.waitingMaterials, 'Waiting Materials'],
        [STATUS.waitingVendor, 'Waiting Vendor'],
        [STATUS.dispatched, 'Dispatched'],
        [STATUS.escalate, 'Escalate'],
        [STATUS.onHold, 'On Hold', { active: false }],
        [STATUS.complete, 'Complete', { system: true }],
      ]),
      priority: pick([
        [2, 'Medium'],
        [1, 'High'],
        [3, 'Low'],
        [4, 'Critical'],
      ]),
      queueID: pick([
        [29682833, 'Level I Support'],
        [29682969, 'Level II Support'],
        [5, 'Client Portal'],
        [8, 'Monitoring Alert'],
      ]),
      ticketType: pick([
        [1, 'Service Request'],
        [2, 'Incident'],
        [3, 'Problem'],
        [5, 'Alert'],
      ]),
      ticketCategory: pick([
        [CATEGORY.standard, 'Standard'],
        [CATEGORY.alert, 'Datto RMM Alert'],
        [CATEGORY.titlesRequired, 'Standard (note titles required)'],
      ]),
      issueType: pick([
        [10, 'Hardware'],
        [11, 'Software'],
        [12, 'Network'],
      ]),
      subIssueType: pick([
        [201, 'Printer', { parent: 10 }],
        [202, 'Laptop', { parent: 10 }],
        [211, 'Microsoft 365', { parent: 11 }],
        [212, 'Line of business app', { parent: 11 }],
        [221, 'VPN', { parent: 12 }],
      ]),
      source: pick([
        [2, 'Phone'],
        [4, 'Email'],
        [-1, 'Client Portal'],
        [8, 'Monitoring Alert'],
      ]),
    },
    TicketNotes: {
      noteType: pick([
        [NOTE_TYPE.taskSummary, 'Task Summary', { system: true }],
        [NOTE_TYPE.taskDetail, 'Task Detail', { system: true }],
        [NOTE_TYPE.taskNotes, 'Task Notes', { system: true }],
        [13, 'Workflow Rule Note', { system: true }],
        [18, 'Client Portal Note', { system: true }],
        [99, 'RMM Note', { system: true }],
        [NOTE_TYPE.emailNote, 'Email Note', { system: true }],
        [102, 'Legacy Note', { active: false }],
      ]),
      publish: pick([
        [PUBLISH.all, 'All Autotask Users', { system: true }],
        [PUBLISH.internal, 'Internal Project Team', { system: true }],
        [PUBLISH.internalCoManaged, 'Internal & Co-Managed', { system: true }],
      ]),
    },
    TimeEntries: {
      timeEntryType: pick([
        [2, 'Ticket'],
        [6, 'Project Task'],
      ]),
    },
    Resources: {
      licenseType: pick([
        [1, 'Full'],
        [7, 'API User'],
      ]),
    },
    Companies: {
      companyType: pick([
        [1, 'Customer'],
        [3, 'Prospect'],
        [7, 'Vendor'],
        [4, 'Dead'],
      ]),
    },
    Contacts: {},
    ConfigurationItems: {
      configurationItemType: pick([
        [1, 'Workstation'],
        [2, 'Server'],
        [3, 'Printer'],
        [4, 'Network Device'],
      ]),
    },
    Roles: {},
    ResourceRoles: {},
  };
}

const COMPANIES: [number, string, string][] = [
  [0, 'FlowPilot Demo MSP', '+1 555 0100'],
  [174, 'Contoso Ltd', '+1 555 0142'],
  [175, 'Fabrikam, Inc.', '+1 555 0175'],
  [176, 'Northwind Traders', '+44 20 7946 0018'],
  [177, 'Tailspin Toys', '+1 555 0177'],
  [178, "O'Brien & Sons Plumbing", '+353 1 555 0178'],
  [179, 'Müller Logistik GmbH', '+49 30 5550179'],
  [180, 'Woodgrove Bank (inactive)', '+1 555 0180'],
];

const PEOPLE = [
  'Alice Johnson',
  'Bob Lee',
  'Carmen Díaz',
  'Dmitri Ivanov',
  'Emma Wilson',
  'Farah Khan',
  'George Miller',
  'Hana Sato',
  'Ivan Petrov',
  'Julia Roberts',
  'Kofi Mensah',
  'Liam Murphy',
  'Mei Chen',
  'Noah Brown',
  'Olivia Davis',
  'Pedro Alvarez',
];

const TITLES = [
  'Outlook not syncing on laptop',
  'Printer offline on 2nd floor',
  'VPN drops every hour',
  'New hire setup: laptop and accounts',
  'Account locked out after password change',
  'Slow PC at reception',
  'Teams calls dropping',
  'Backup job failed: NAS01',
  'Disk space low on FS01',
  'Shared mailbox permissions',
  'Wi-Fi keeps disconnecting in meeting room',
  'MFA prompt loop on phone',
];

function resources(): Row[] {
  const r = (id: number, first: string, last: string, email: string, extra: Partial<Row> = {}): Row => ({
    id,
    firstName: first,
    lastName: last,
    email,
    email2: null,
    email3: null,
    userName: `${first[0]}${last}`.toLowerCase().replace(/[^a-z]/g, ''),
    isActive: true,
    resourceType: 'Employee',
    licenseType: 1,
    userType: 1,
    title: 'Technician',
    defaultServiceDeskRoleID: ROLES.technician1,
    ...extra,
  });
  return [
    r(API_USERS.full.resourceId, 'FlowPilot', 'API', API_USERS.full.userName, {
      userName: API_USERS.full.userName,
      licenseType: 7,
      title: 'API user',
      defaultServiceDeskRoleID: null,
    }),
    r(SPECIAL_RESOURCES.jsmith, 'Jane', 'Smith', 'jane.smith@flowpilotdemo.example', {
      defaultServiceDeskRoleID: ROLES.technician2,
    }),
    r(SPECIAL_RESOURCES.messyEmail, 'Marcus', 'Oyelaran', '  Marcus.OYELARAN@FlowPilotDemo.example ', {
      email2: 'marcus@flowpilotdemo.example',
      email3: 'm.oyelaran@personal.example',
    }),
    r(SPECIAL_RESOURCES.inactive, 'Peter', 'Gone', 'peter.gone@flowpilotdemo.example', { isActive: false }),
    r(SPECIAL_RESOURCES.sharedA, 'Sam', 'Taylor', 'helpdesk@flowpilotdemo.example'),
    r(SPECIAL_RESOURCES.sharedB, 'Sasha', 'Taylor', 'helpdesk@flowpilotdemo.example'),
    r(SPECIAL_RESOURCES.noRole, 'Nadia', 'Norole', 'nadia.norole@flowpilotdemo.example', {
      defaultServiceDeskRoleID: null,
    }),
    r(29682839, 'Tom', 'Baker', 'tom.baker@flowpilotdemo.example', {
      email3: 'TBaker@FlowPilotDemo.example',
    }),
    r(29682840, 'Priya', 'Natarajan', 'priya.n@flowpilotdemo.example', { title: 'Service Manager' }),
  ];
}

function roles(): Row[] {
  const r = (id: number, name: string, isActive = true): Row => ({
    id,
    name,
    description: name,
    hourlyRate: 120,
    isActive,
    isSystemRole: false,
    roleType: 1,
  });
  return [
    r(ROLES.technician1, 'Technician I'),
    r(ROLES.technician2, 'Technician II'),
    r(ROLES.engineer, 'Engineer'),
    r(ROLES.pm, 'Project Manager'),
    r(29683430, 'Retired role', false),
  ];
}

function resourceRoles(): Row[] {
  const pairs: [number, number][] = [
    [SPECIAL_RESOURCES.jsmith, ROLES.technician1],
    [SPECIAL_RESOURCES.jsmith, ROLES.technician2],
    [SPECIAL_RESOURCES.messyEmail, ROLES.technician1],
    [SPECIAL_RESOURCES.inactive, ROLES.technician1],
    [SPECIAL_RESOURCES.sharedA, ROLES.technician1],
    [SPECIAL_RESOURCES.sharedB, ROLES.engineer],
    [29682839, ROLES.engineer],
    [29682840, ROLES.pm],
  ];
  return pairs.map(([resourceID, roleID], i) => ({
    id: 30000001 + i,
    resourceID,
    roleID,
    queueID: 29682833,
    departmentID: 29683001,
    isActive: true,
  }));
}

export function createSeedState(): AtState {
  const rng = createRng(0xa7a5c);
  const companies: Row[] = COMPANIES.map(([id, companyName, phone]) => ({
    id,
    companyName,
    companyNumber: id === 0 ? '0' : `C${1000 + id}`,
    companyType: id === 0 ? 1 : id === 180 ? 4 : 1,
    isActive: id !== 180,
    ownerResourceID: SPECIAL_RESOURCES.jsmith,
    parentCompanyID: null,
    phone,
    address1: `${10 + id} Main Street`,
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
    webAddress: `https://${companyName.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
  }));

  const contacts: Row[] = [];
  let contactId = 30682001;
  for (const c of companies.filter((c) => c.id !== 0)) {
    for (let i = 0; i < 2; i++) {
      const [first, last] = (PEOPLE[(contacts.length * 5) % PEOPLE.length] ?? 'A B').split(' ');
      const domain = String(c.webAddress).replace(/^https:\/\//, '');
      contacts.push({
        id: contactId++,
        companyID: c.id,
        firstName: first,
        lastName: last,
        emailAddress: `${first}.${last}@${domain}`.toLowerCase(),
        emailAddress2: i === 1 ? `${first}@gmail.example` : null,
        emailAddress3: null,
        phone: String(c.phone),
        mobilePhone: i === 0 ? `+1 555 01${contactId % 100}` : null,
        isActive: c.isActive ? 1 : 0,
        primaryContact: i === 0,
        title: i === 0 ? 'Office Manager' : 'Accountant',
      });
    }
  }

  const configurationItems: Row[] = [];
  let ciId = 50000001;
  for (const c of companies.filter((c) => c.id !== 0)) {
    const n = 4;
    for (let i = 0; i < n; i++) {
      const type = i === 3 ? 3 : i === 2 ? 2 : 1;
      const host = `${String(c.companyName)
        .slice(0, 3)
        .toUpperCase()
        .replace(
          /[^A-Z]/g,
          'X',
        )}-${type === 2 ? 'SRV' : type === 3 ? 'PRN' : 'WS'}${String(i + 1).padStart(2, '0')}`;
      configurationItems.push({
        id: ciId++,
        companyID: c.id,
        contactID: type === 1 ? (contacts.find((p) => p.companyID === c.id)?.id ?? null) : null,
        configurationItemType: type,
        isActive: i !== 1 || c.id !== 175,
        productID: 2000 + type,
        referenceTitle: host,
        referenceNumber: `REF-${ciId}`,
        serialNumber: `SN${rng.int(100000, 999999)}`,
        rmmDeviceAuditHostname: host,
        rmmDeviceAuditIPAddress: `10.${c.id % 255}.0.${10 + i}`,
        rmmDeviceAuditLastUser: type === 1 ? 'CONTOSO\\ajohnson' : null,
        rmmDeviceAuditOperatingSystem:
          type === 2 ? 'Windows Server 2022' : type === 3 ? null : 'Windows 11 Pro 23H2',
      });
    }
  }

  const customers = companies.filter((c) => c.id !== 0 && c.isActive);
  const techs = [SPECIAL_RESOURCES.jsmith, SPECIAL_RESOURCES.messyEmail, 29682839];
  const statuses = [
    STATUS.new,
    STATUS.inProgress,
    STATUS.waitingCustomer,
    STATUS.waitingVendor,
    STATUS.dispatched,
    STATUS.escalate,
    STATUS.complete,
  ];
  const tickets: Row[] = [];
  const ticket = (id: number, seq: number, extra: Partial<Row> = {}): Row => {
    const company = customers[seq % customers.length]!;
    const contact = contacts.find((p) => p.companyID === company.id);
    const ci = configurationItems.find((x) => x.companyID === company.id);
    const created = BASE + seq * (day / 3);
    const status = statuses[seq % statuses.length]!;
    const assigned = seq % 4 === 0 ? null : techs[seq % techs.length]!;
    const issue = 10 + (seq % 3);
    return {
      id,
      ticketNumber: `T${new Date(created).toISOString().slice(0, 10).replace(/-/g, '')}.${String(seq + 1).padStart(4, '0')}`,
      title: TITLES[seq % TITLES.length],
      description: `${TITLES[seq % TITLES.length]}.\nReported by ${contact?.firstName ?? 'the customer'} by phone.`,
      status,
      priority: [2, 1, 3, 4][seq % 4],
      queueID: seq % 5 === 0 ? 29682969 : 29682833,
      companyID: company.id,
      companyLocationID: null,
      contactID: contact?.id ?? null,
      configurationItemID: ci && seq % 2 === 0 ? ci.id : null,
      assignedResourceID: assigned,
      assignedResourceRoleID: assigned ? ROLES.technician1 : null,
      ticketType: seq % 6 === 5 ? 5 : 2,
      ticketCategory: seq % 6 === 5 ? CATEGORY.alert : CATEGORY.standard,
      issueType: issue,
      subIssueType: issue === 10 ? 201 : issue === 11 ? 211 : 221,
      source: seq % 6 === 5 ? 8 : 2,
      dueDateTime: iso(created + 2 * day),
      createDate: iso(created),
      completedDate: status === STATUS.complete ? iso(created + day) : null,
      completedByResourceID: status === STATUS.complete ? assigned : null,
      lastActivityDate: iso(created + day / 2),
      resolution: status === STATUS.complete ? 'Resolved remotely.' : null,
      ...TICKET_FIXED_FIELDS,
      lastActivityResourceID: assigned,
      ...extra,
    };
  };
  let seq = 0;
  tickets.push(
    ticket(SPECIAL_TICKETS.standard, seq++, {
      status: STATUS.inProgress,
      title: TITLES[0],
      assignedResourceID: SPECIAL_RESOURCES.jsmith,
      assignedResourceRoleID: ROLES.technician2,
    }),
  );
  tickets.push(
    ticket(SPECIAL_TICKETS.complete, seq++, { status: STATUS.complete, completedDate: iso(BASE + day) }),
  );
  tickets.push(
    ticket(SPECIAL_TICKETS.quotes, seq++, { title: `Can't print "Q3 report" 100% & [urgent] <b>` }),
  );
  tickets.push(
    ticket(SPECIAL_TICKETS.titlesRequired, seq++, {
      ticketCategory: CATEGORY.titlesRequired,
      status: STATUS.new,
    }),
  );
  tickets.push(ticket(SPECIAL_TICKETS.noContact, seq++, { contactID: null, configurationItemID: null }));
  const hiddenTickets = [
    ticket(SPECIAL_TICKETS.hidden, seq++, { title: 'Board member laptop (restricted)' }),
  ];
  for (let id = 40300; id < 40420; id++) tickets.push(ticket(id, seq++));

  const ticketNotes: Row[] = [];
  let noteId = 30777001;
  for (const t of tickets) {
    const n = t.id === SPECIAL_TICKETS.noContact ? 0 : 1 + (Number(t.id) % 3);
    for (let i = 0; i < n; i++) {
      ticketNotes.push({
        id: noteId++,
        ticketID: t.id,
        title: i === 0 ? 'Initial triage' : `Update ${i}`,
        description:
          i === 0
            ? `Called ${t.contactID ? 'the contact' : 'the site'}; reproduced the issue.\nNext: check the logs.`
            : `Checked again; still happening (${i}).`,
        noteType: i === 0 ? NOTE_TYPE.taskDetail : NOTE_TYPE.taskNotes,
        publish: i === 0 ? PUBLISH.all : PUBLISH.internal,
        createDateTime: iso(Date.parse(String(t.createDate)) + (i + 1) * 3_600_000),
        creatorResourceID: t.assignedResourceID ?? SPECIAL_RESOURCES.jsmith,
        createdByContactID: null,
        lastActivityDate: iso(Date.parse(String(t.createDate)) + (i + 1) * 3_600_000),
        impersonatorCreatorResourceID: null,
        impersonatorUpdaterResourceID: null,
      });
    }
  }

  const timeEntries: Row[] = [];
  let teId = 40100001;
  for (const t of tickets.filter((t) => t.assignedResourceID && Number(t.id) % 2 === 0)) {
    const start = Date.parse(String(t.createDate)) + 3_600_000;
    const hours = 0.25 * (1 + (Number(t.id) % 4));
    timeEntries.push({
      id: teId++,
      ticketID: t.id,
      taskID: null,
      resourceID: t.assignedResourceID,
      roleID: ROLES.technician1,
      dateWorked: `${new Date(start).toISOString().slice(0, 10)}T00:00:00Z`,
      startDateTime: iso(start),
      endDateTime: iso(start + hours * 3_600_000),
      hoursWorked: hours,
      hoursToBill: hours,
      offsetHours: 0,
      summaryNotes: 'Remote session with the user.',
      internalNotes: null,
      billingCodeID: 29682801,
      internalBillingCodeID: null,
      isNonBillable: false,
      showOnInvoice: true,
      contractID: null,
      timeEntryType: 2,
      createDateTime: iso(start + hours * 3_600_000),
      creatorUserID: t.assignedResourceID,
      lastModifiedDateTime: iso(start + hours * 3_600_000),
      impersonatorCreatorResourceID: null,
    });
  }

  // Last, so nothing above changes: Complete tickets with resolutions, dated from now (seed-resolved.ts).
  const resolved = resolvedSeed(Date.now(), noteId);
  tickets.push(...resolved.tickets);
  ticketNotes.push(...resolved.notes);
  noteId += resolved.notes.length;

  return {
    tickets,
    hiddenTickets,
    ticketNotes,
    timeEntries,
    companies,
    contacts,
    resources: resources(),
    roles: roles(),
    resourceRoles: resourceRoles(),
    configurationItems,
    picklists: picklists(),
    noteTitleRequiredCategories: [CATEGORY.titlesRequired],
    nextIds: { ticketNote: noteId, timeEntry: teId },
  };
}
