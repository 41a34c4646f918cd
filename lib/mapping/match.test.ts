import { describe, expect, it } from 'vitest';
import {
  autoMatch,
  type CwMemberLite,
  matchTechnician,
  matchToastText,
  memberName,
  normalizeEmail,
  savedMappingsText,
  unmappedReason,
} from './match';

const members: CwMemberLite[] = [
  { id: 101, identifier: 'jsmith', firstName: 'John', lastName: 'Smith', primaryEmail: 'john.smith@x.com' },
  {
    id: 102,
    identifier: 'mgarcia',
    firstName: 'Maria',
    lastName: 'Garcia',
    primaryEmail: ' Maria.Garcia@X.com ',
    officeEmail: 'maria.garcia@x.com',
  },
  { id: 104, identifier: 'tnguyen', primaryEmail: 'tnguyen@x.com', officeEmail: 'THANH.NGUYEN@X.COM' },
  { id: 108, identifier: 'dobrien', primaryEmail: 'dan@x.com', inactiveFlag: true },
  { id: 110, identifier: 'sbrown', primaryEmail: 'helpdesk@x.com' },
  { id: 111, identifier: 'sabrown', primaryEmail: 'HelpDesk@X.com' },
  { id: 120, identifier: 'old', primaryEmail: 'reused@x.com', inactiveFlag: true },
  { id: 121, identifier: 'new', primaryEmail: 'reused@x.com' },
];

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  A.B@Example.COM ')).toBe('a.b@example.com');
    expect(normalizeEmail(undefined)).toBe('');
  });
});

describe('matchTechnician', () => {
  it('matches case- and whitespace-insensitively on primary email', () => {
    expect(matchTechnician({ id: 't', email: 'MARIA.garcia@x.com  ' }, members)).toEqual({
      kind: 'matched',
      memberId: 102,
    });
  });
  it('matches the office email too', () => {
    expect(matchTechnician({ id: 't', email: 'thanh.nguyen@x.com' }, members)).toEqual({
      kind: 'matched',
      memberId: 104,
    });
  });
  it('flags two active members sharing an email as ambiguous instead of picking one', () => {
    expect(matchTechnician({ id: 't', email: 'helpdesk@x.com' }, members)).toEqual({
      kind: 'ambiguous',
      memberIds: [110, 111],
    });
  });
  it('never auto-picks an inactive member', () => {
    expect(matchTechnician({ id: 't', email: 'dan@x.com' }, members)).toEqual({
      kind: 'inactive',
      memberIds: [108],
    });
  });
  it('prefers the one active member when an inactive one shares the email', () => {
    expect(matchTechnician({ id: 't', email: 'reused@x.com' }, members)).toEqual({
      kind: 'matched',
      memberId: 121,
    });
  });
  it('reports no match for unknown or empty emails', () => {
    expect(matchTechnician({ id: 't', email: 'nobody@x.com' }, members).kind).toBe('none');
    expect(matchTechnician({ id: 't', email: '  ' }, members).kind).toBe('none');
  });
});

describe('autoMatch', () => {
  it('counts only unique active matches', () => {
    const r = autoMatch(
      [
        { id: 'a', email: 'john.smith@x.com' },
        { id: 'b', email: 'helpdesk@x.com' },
        { id: 'c', email: 'dan@x.com' },
        { id: 'd', email: 'maria.garcia@x.com' },
      ],
      members,
    );
    expect(r.matched).toBe(2);
    expect(r.total).toBe(4);
    expect(r.outcomes.b?.kind).toBe('ambiguous');
    expect(matchToastText(r)).toBe('Matched 2 of 4 technicians');
  });
});

describe('memberName', () => {
  it('falls back to the identifier', () => {
    expect(memberName({ identifier: 'x1', firstName: ' ', lastName: undefined })).toBe('x1');
    expect(memberName({ identifier: 'x1', firstName: 'A', lastName: 'B' })).toBe('A B');
  });
});

describe('unmappedReason (the Member Mapping row warning, from the data, not the last Auto-Match run)', () => {
  const people = [
    { id: 1, emails: ['help@x.com'], inactive: false },
    { id: 2, emails: ['help@x.com'], inactive: false },
    { id: 3, emails: ['old@x.com'], inactive: true },
    { id: 4, emails: ['ana@x.com', 'ana.office@x.com'], inactive: false },
  ];
  it('an unmapped row says why: shared, inactive-only or unknown email', () => {
    expect(unmappedReason({ email: 'HELP@x.com ', changed: false }, people)).toEqual({
      kind: 'ambiguous',
      memberIds: [1, 2],
    });
    expect(unmappedReason({ email: 'old@x.com', changed: false }, people)).toEqual({
      kind: 'inactive',
      memberIds: [3],
    });
    expect(unmappedReason({ email: 'nobody@x.com', changed: false }, people)).toEqual({ kind: 'none' });
  });
  it('no warning once the row is mapped (by hand or auto) or being changed by hand', () => {
    expect(unmappedReason({ email: 'help@x.com', memberId: 1, changed: false }, people)).toBeUndefined();
    expect(unmappedReason({ email: 'help@x.com', changed: true }, people)).toBeUndefined();
    expect(unmappedReason({ email: 'nobody@x.com', changed: true }, people)).toBeUndefined();
  });
  it('an unmapped row with a unique match has nothing to warn about (Auto-Match will pick it)', () => {
    expect(unmappedReason({ email: 'ana.office@x.com', changed: false }, people)).toBeUndefined();
  });
});

describe('savedMappingsText (the Save Mappings toast and its Activity entry)', () => {
  it('says mapping or mappings, not "mapping change(s)"', () => {
    expect(savedMappingsText(1)).toBe('Saved 1 mapping');
    expect(savedMappingsText(2)).toBe('Saved 2 mappings');
  });
});
