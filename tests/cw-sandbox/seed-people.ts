// Members, companies and contacts of the seed.
import { cwDate, DAY } from './dates.ts';
import type { Rng } from './prng.ts';
import { SEED_NOW } from './seed-constants.ts';
import { COMPANY_ROWS, CONTACT_FIRST, CONTACT_LAST, CONTACT_TITLES, STREETS } from './seed-data.ts';
import type { Company, Contact, Member, MemberRef, Ref } from './types.ts';

const TZ = { id: 1, name: 'US Eastern' };
const ROLES = {
  admin: { id: 1, name: 'Admin' },
  tech: { id: 2, name: 'Technician' },
  api: { id: 3, name: 'API Integration' },
  sales: { id: 4, name: 'Sales (no time entry)' },
};

interface MemberRow {
  id: number;
  identifier: string;
  first: string;
  last: string;
  title: string;
  primary: string;
  office?: string;
  role?: Ref;
  license?: Member['licenseClass'];
  inactive?: boolean;
}

// Emails are deliberately untidy in places (case, spaces, a shared address) like real member records.
const MEMBER_ROWS: MemberRow[] = [
  {
    id: 101,
    identifier: 'jsmith',
    first: 'John',
    last: 'Smith',
    title: 'Service Engineer',
    primary: 'john.smith@flowpilotmsp.com',
  },
  {
    id: 102,
    identifier: 'mgarcia',
    first: 'Maria',
    last: 'Garcia',
    title: 'Service Manager',
    primary: ' Maria.Garcia@FlowPilotMSP.com ',
    office: 'maria.garcia@flowpilotmsp.com',
    role: ROLES.admin,
  },
  {
    id: 103,
    identifier: 'akim',
    first: 'Alex',
    last: 'Kim',
    title: 'Network Engineer',
    primary: 'Alex.Kim@flowpilotmsp.com',
  },
  {
    id: 104,
    identifier: 'tnguyen',
    first: 'Thanh',
    last: 'Nguyen',
    title: 'Help Desk Technician',
    primary: 'tnguyen@flowpilotmsp.com',
    office: 'THANH.NGUYEN@FLOWPILOTMSP.COM',
  },
  {
    id: 105,
    identifier: 'pwilliams',
    first: 'Priya',
    last: 'Williams',
    title: 'Help Desk Technician',
    primary: 'priya.williams@flowpilotmsp.com ',
  },
  {
    id: 106,
    identifier: 'rpatel',
    first: 'Raj',
    last: 'Patel',
    title: 'Systems Engineer',
    primary: 'raj.patel@flowpilotmsp.com',
  },
  {
    id: 107,
    identifier: 'lchen',
    first: 'Lisa',
    last: 'Chen',
    title: 'Dispatcher',
    primary: 'lisa.chen@flowpilotmsp.com',
  },
  {
    id: 108,
    identifier: 'dobrien',
    first: 'Dan',
    last: "O'Brien",
    title: 'Former Technician',
    primary: 'dan.obrien@flowpilotmsp.com',
    inactive: true,
  },
  {
    id: 109,
    identifier: 'kjones',
    first: 'Kelly',
    last: 'Jones',
    title: 'Account Manager',
    primary: 'kelly.jones@flowpilotmsp.com',
    role: ROLES.sales,
  },
  {
    id: 110,
    identifier: 'sbrown',
    first: 'Sam',
    last: 'Brown',
    title: 'Help Desk Technician',
    primary: 'helpdesk@flowpilotmsp.com',
  },
  {
    id: 111,
    identifier: 'sabrown',
    first: 'Sasha',
    last: 'Brown',
    title: 'Help Desk Technician',
    primary: 'HelpDesk@FlowPilotMSP.com',
  },
  {
    id: 112,
    identifier: 'FlowPilotAPI',
    first: 'FlowPilot',
    last: 'API',
    title: 'API Member',
    primary: 'api@flowpilotmsp.com',
    role: ROLES.api,
    license: 'A',
  },
];

export const TECH_IDS = [101, 102, 103, 104, 105, 106, 110, 111];

function member(row: MemberRow, hireMs: number): Member {
  return {
    id: row.id,
    identifier: row.identifier,
    firstName: row.first,
    lastName: row.last,
    title: row.title,
    licenseClass: row.license ?? 'F',
    inactiveFlag: row.inactive ?? false,
    primaryEmail: row.primary,
    officeEmail: row.office ?? row.primary.trim(),
    defaultEmail: 'Office',
    officePhone: `813-555-${String(row.id).padStart(4, '0')}`,
    defaultPhone: 'Office',
    hireDate: cwDate(hireMs),
    securityRole: row.role ?? ROLES.tech,
    timeZone: TZ,
    workRole: row.license === 'A' ? undefined : { id: 1, name: 'Engineer' },
    workType: row.license === 'A' ? undefined : { id: 1, name: 'Remote Support' },
    dailyCapacity: row.license === 'A' ? 0 : 8,
    requireStartAndEndTimeOnTimeEntryFlag: true,
    enterTimeAgainstCompanyFlag: true,
    serviceDefaultBoard: { id: 1, name: 'Help Desk' },
    _info: {
      lastUpdated: cwDate(hireMs + 30 * DAY),
      updatedBy: 'mgarcia',
      dateEntered: cwDate(hireMs),
      enteredBy: 'mgarcia',
    },
  };
}

export function seedMembers(rng: Rng, extra: number): Member[] {
  const members = MEMBER_ROWS.map((row) => member(row, SEED_NOW - rng.int(200, 2000) * DAY));
  for (let i = 1; i <= extra; i++) {
    const n = String(i).padStart(4, '0');
    members.push(
      member(
        {
          id: 1000 + i,
          identifier: `tech${n}`,
          first: 'Test',
          last: `Tech ${n}`,
          title: 'Generated',
          primary: `tech${n}@flowpilotmsp.com`,
        },
        SEED_NOW - 400 * DAY,
      ),
    );
  }
  return members;
}

export function memberRef(m: Member): MemberRef {
  return {
    id: m.id,
    identifier: m.identifier,
    name: `${m.firstName} ${m.lastName}`,
    dailyCapacity: m.dailyCapacity,
  };
}

export function seedCompanies(rng: Rng): Company[] {
  return COMPANY_ROWS.map((row, i) => ({
    id: row.id,
    identifier: row.identifier,
    name: row.name,
    status: { id: 1, name: 'Active' },
    addressLine1: `${rng.int(100, 9999)} ${rng.pick(STREETS)}`,
    city: row.city,
    state: row.state,
    zip: row.zip,
    country: { id: 1, name: 'United States' },
    phoneNumber: `${rng.int(200, 989)}555${String(rng.int(0, 9999)).padStart(4, '0')}`,
    website: `www.${row.domain}`,
    site: { id: 1000 + i, name: 'Main' },
    types: [{ id: 1, name: 'Client' }],
    deletedFlag: false,
    _info: { lastUpdated: cwDate(SEED_NOW - rng.int(5, 90) * DAY), updatedBy: 'mgarcia' },
  }));
}

/** 3 contacts per company; the first is the company's default contact. */
export function seedContacts(rng: Rng, companies: Company[]): Contact[] {
  const contacts: Contact[] = [];
  let id = 400;
  let itemId = 9000;
  companies.forEach((company, ci) => {
    const row = COMPANY_ROWS[ci];
    for (let k = 0; k < 3; k++) {
      // Contact 400 (Contoso) is the standard ticket's contact: keep it fixed.
      const first = id === 400 ? 'Emily' : (CONTACT_FIRST[(ci * 3 + k) % CONTACT_FIRST.length] as string);
      const last = id === 400 ? 'Carter' : rng.pick(CONTACT_LAST);
      const local = `${first}.${last}`.replace(/[^A-Za-z.]/g, '');
      const email = k === 2 ? `${local}@${row?.domain}` : `${local.toLowerCase()}@${row?.domain}`;
      contacts.push({
        id,
        firstName: first,
        lastName: last,
        company: { id: company.id, identifier: company.identifier, name: company.name },
        site: company.site,
        title: rng.pick(CONTACT_TITLES),
        inactiveFlag: false,
        defaultFlag: k === 0,
        communicationItems: [
          {
            id: itemId++,
            type: { id: 1, name: 'Email' },
            value: email,
            defaultFlag: true,
            communicationType: 'Email',
          },
          {
            id: itemId++,
            type: { id: 2, name: 'Direct' },
            value: `${company.phoneNumber.slice(0, 6)}${String(rng.int(1000, 9999))}`,
            extension: k === 1 ? String(rng.int(100, 399)) : undefined,
            defaultFlag: true,
            communicationType: 'Phone',
          },
        ],
        types: [{ id: 1, name: 'End User' }],
        _info: { lastUpdated: cwDate(SEED_NOW - rng.int(5, 300) * DAY), updatedBy: 'lchen' },
      });
      if (k === 0) company.defaultContact = { id, name: `${first} ${last}` };
      id++;
    }
  });
  return contacts;
}
