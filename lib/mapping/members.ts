import type { CwClient } from '../cw/client';
import type { PsaPerson } from '../psa/types';
import { type CwMemberLite, MEMBER_FIELDS, memberEmails, memberName, normalizeEmail } from './match';

/** A member as the options page shows it (dropdown entry). */
export interface MemberOption {
  id: number;
  identifier: string;
  name: string;
  email: string;
  /** Every address Auto-Match compares (normalised), so the page can say why a row stays unmapped. */
  emails: string[];
  inactive: boolean;
}

/**
 * Every CW member, paged (a site can have 1000+), with `fields=` trimmed to what matching needs.
 * Inactive members are fetched too so Auto-Match can say why it did not pick one.
 */
export async function fetchMembers(client: CwClient): Promise<CwMemberLite[]> {
  return client.listAll<CwMemberLite>('system/members', { fields: MEMBER_FIELDS, orderBy: 'id asc' });
}

/**
 * A PSA person (lib/psa/types.ts) in the member shape the matcher and the dropdowns use: its addresses
 * (already normalised, up to three: Autotask email/email2/email3) fill the three email slots.
 */
export function personAsMember(p: PsaPerson): CwMemberLite {
  const [a, b, c] = p.emails;
  return {
    id: p.id,
    identifier: p.login ?? String(p.id),
    firstName: p.name,
    ...(a ? { primaryEmail: a } : {}),
    ...(b ? { officeEmail: b } : {}),
    ...(c ? { defaultEmail: c } : {}),
    inactiveFlag: !p.active,
  };
}

export function toMemberOption(m: CwMemberLite): MemberOption {
  return {
    id: m.id,
    identifier: m.identifier,
    name: memberName(m),
    email: normalizeEmail(m.primaryEmail) || normalizeEmail(m.officeEmail),
    emails: [...memberEmails(m)],
    inactive: Boolean(m.inactiveFlag),
  };
}

export function sortMemberOptions(list: MemberOption[]): MemberOption[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name) || a.identifier.localeCompare(b.identifier));
}
