// Matching FlowPilot technicians to ConnectWise members by email. Pure: the background fetches the
// members, this decides. CW member emails are untidy (case, stray spaces, one address shared by two
// members), so comparisons are trimmed + case-insensitive and anything ambiguous is flagged, not picked.

/** The member fields the options page needs; `fields=` on the CW call is trimmed to these. */
export interface CwMemberLite {
  id: number;
  identifier: string;
  firstName?: string;
  lastName?: string;
  primaryEmail?: string;
  officeEmail?: string;
  defaultEmail?: string;
  inactiveFlag?: boolean;
}

export const MEMBER_FIELDS = [
  'id',
  'identifier',
  'firstName',
  'lastName',
  'primaryEmail',
  'officeEmail',
  'inactiveFlag',
] as const;

export function normalizeEmail(email: string | undefined | null): string {
  return (email ?? '').trim().toLowerCase();
}

export function memberName(m: Pick<CwMemberLite, 'firstName' | 'lastName' | 'identifier'>): string {
  const name = [m.firstName, m.lastName]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(' ');
  return name || m.identifier;
}

/**
 * Every address a member can be reached at: primary and office email. `defaultEmail` names which of
 * office/mobile/home is the default ("Office" etc.), so it is only an address when it contains an @.
 */
export function memberEmails(m: CwMemberLite): Set<string> {
  const out = new Set<string>();
  for (const e of [m.primaryEmail, m.officeEmail, m.defaultEmail]) {
    const n = normalizeEmail(e);
    if (n.includes('@')) out.add(n);
  }
  return out;
}

export type MatchOutcome =
  | { kind: 'matched'; memberId: number }
  /** Two or more active members share the email: an admin must choose. */
  | { kind: 'ambiguous'; memberIds: number[] }
  /** Only inactive members have the email: never auto-picked. */
  | { kind: 'inactive'; memberIds: number[] }
  | { kind: 'none' };

export interface TechnicianLike {
  id: string;
  email: string;
}

/** A person as the matcher sees them: every normalised address, and whether they are active. */
export interface MatchablePerson {
  id: number;
  emails: readonly string[];
  inactive: boolean;
}

function matchByEmail(tech: Pick<TechnicianLike, 'email'>, people: readonly MatchablePerson[]): MatchOutcome {
  const email = normalizeEmail(tech.email);
  if (!email) return { kind: 'none' };
  const hits = people.filter((p) => p.emails.includes(email));
  const active = hits.filter((p) => !p.inactive);
  if (active.length === 1) return { kind: 'matched', memberId: active[0]!.id };
  if (active.length > 1) return { kind: 'ambiguous', memberIds: active.map((p) => p.id) };
  if (hits.length) return { kind: 'inactive', memberIds: hits.map((p) => p.id) };
  return { kind: 'none' };
}

export function matchTechnician(tech: TechnicianLike, members: readonly CwMemberLite[]): MatchOutcome {
  return matchByEmail(
    tech,
    members.map((m) => ({ id: m.id, emails: [...memberEmails(m)], inactive: Boolean(m.inactiveFlag) })),
  );
}

/**
 * Why a Member Mapping row is still unmapped (shared, inactive-only or unknown email), derived from the
 * row and the people the page holds rather than from the last Auto-Match run, which a manual choice, a
 * save or leaving the tab makes stale. Nothing for a mapped row, one being changed by hand, or one with
 * a unique match (Auto-Match will pick it).
 */
export function unmappedReason(
  row: { email: string; memberId?: number; changed: boolean },
  people: readonly MatchablePerson[],
): Exclude<MatchOutcome, { kind: 'matched' }> | undefined {
  if (row.changed || row.memberId !== undefined) return undefined;
  const o = matchByEmail(row, people);
  return o.kind === 'matched' ? undefined : o;
}

export interface AutoMatchResult {
  outcomes: Record<string, MatchOutcome>;
  matched: number;
  total: number;
}

export function autoMatch(
  technicians: readonly TechnicianLike[],
  members: readonly CwMemberLite[],
): AutoMatchResult {
  const outcomes: Record<string, MatchOutcome> = {};
  let matched = 0;
  for (const t of technicians) {
    const o = matchTechnician(t, members);
    outcomes[t.id] = o;
    if (o.kind === 'matched') matched++;
  }
  return { outcomes, matched, total: technicians.length };
}

export function matchToastText(r: Pick<AutoMatchResult, 'matched' | 'total'>): string {
  return `Matched ${r.matched} of ${r.total} technicians`;
}

/** Save Mappings' toast and its Activity entry, in the same words. */
export function savedMappingsText(n: number): string {
  return `Saved ${n} mapping${n === 1 ? '' : 's'}`;
}
