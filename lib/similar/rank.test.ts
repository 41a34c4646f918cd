import { describe, expect, it } from 'vitest';
import { type Candidate, queryProfile, rankSimilar, scoreCandidate } from './rank';

const CONTOSO = 250;
const NORTHWIND = 251;
const FABRIKAM = 252;

let nextId = 900;
function row(
  summary: string,
  companyId: number,
  closedAt: string,
  extra: Partial<Candidate> = {},
): Candidate {
  return { source: 'cw', ticketId: nextId++, summary, companyId, closedAt, type: 'Incident', ...extra };
}

// Closed tickets as a small MSP's board has them: near-duplicates, different wording, other companies,
// and plenty that share one ordinary word ("laptop", "slow") and nothing else.
const CLOSED: Candidate[] = [
  row('Outlook not syncing', NORTHWIND, '2026-10-02T15:00:00Z'),
  row('Outlook stuck on "Updating inbox" - not syncing', CONTOSO, '2026-08-11T10:00:00Z'),
  row('Laptop running very slow', CONTOSO, '2026-11-01T10:00:00Z'),
  row('New laptop setup for Dana', CONTOSO, '2026-11-10T10:00:00Z'),
  row('Outlook keeps asking for password', CONTOSO, '2026-09-20T10:00:00Z'),
  row('OneDrive sync stuck on processing changes', FABRIKAM, '2026-10-20T10:00:00Z'),
  row('Outlook not syncing on laptop after password change', FABRIKAM, '2026-07-01T10:00:00Z'),
  row('Outlook sync error 0x800CCC0E', NORTHWIND, '2026-10-30T10:00:00Z', { type: 'Problem' }),
  row("VPN won't connect from home", CONTOSO, '2026-10-05T10:00:00Z'),
  row('Printer offline on 2nd floor', CONTOSO, '2026-10-06T10:00:00Z'),
  row('Teams calls dropping', NORTHWIND, '2026-10-07T10:00:00Z'),
  row('Mailbox full - archive old mail', FABRIKAM, '2026-10-08T10:00:00Z'),
  row('Disk space low on FS01', CONTOSO, '2026-10-09T10:00:00Z'),
  row('FS01 backup job failed', NORTHWIND, '2026-10-10T10:00:00Z'),
];

const ids = (r: { candidate: Candidate }[]) => r.map((x) => x.candidate.summary);

describe('rankSimilar', () => {
  it('same company first, then the same type, then any company; ordinary one-word overlaps drop out', () => {
    const got = rankSimilar(
      { summary: 'Outlook not syncing on laptop', companyId: CONTOSO, type: 'Incident' },
      CLOSED,
    );
    expect(ids(got)).toEqual([
      // Contoso: two shared words beat one product name; the password ticket shares only "Outlook".
      'Outlook stuck on "Updating inbox" - not syncing',
      'Outlook keeps asking for password',
      // Another company, same type (Incident): the closest wording first.
      'Outlook not syncing on laptop after password change',
      'Outlook not syncing',
      // The Problem-type ticket comes after every Incident match, even though it is newer.
      'Outlook sync error 0x800CCC0E',
    ]);
    expect(got.map((g) => g.tier)).toEqual([0, 0, 1, 1, 2]);
    expect(got[2]?.shared).toEqual(['outlook', 'syncing', 'laptop']);
    // "Laptop running very slow" shares one ordinary word with this ticket: not similar.
    expect(ids(got)).not.toContain('Laptop running very slow');
  });

  it('newest first when the score and tier are the same', () => {
    const got = rankSimilar({ summary: 'Outlook', companyId: 999 }, [
      row('Outlook crash', NORTHWIND, '2026-01-01T00:00:00Z'),
      row('Outlook freeze', NORTHWIND, '2026-05-01T00:00:00Z'),
      row('Outlook slow', NORTHWIND, '2026-03-01T00:00:00Z'),
    ]);
    expect(ids(got)).toEqual(['Outlook freeze', 'Outlook slow', 'Outlook crash']);
  });

  it('a code or server name is enough on its own', () => {
    const got = rankSimilar({ summary: 'FS01 not responding', companyId: FABRIKAM }, CLOSED);
    expect(ids(got)).toEqual(['FS01 backup job failed', 'Disk space low on FS01']);
  });

  it('the initial description breaks ties between equally matching summaries, but never matches alone', () => {
    const q = {
      summary: 'Outlook problem',
      description: 'Since the password change Outlook asks for the password again and again.',
      companyId: 1,
    };
    const got = rankSimilar(q, [
      row('Outlook not syncing', NORTHWIND, '2026-12-01T00:00:00Z'),
      row('Outlook keeps asking for password', NORTHWIND, '2026-01-01T00:00:00Z'),
      row('Password reset request', NORTHWIND, '2026-12-02T00:00:00Z'),
    ]);
    expect(ids(got)).toEqual(['Outlook keeps asking for password', 'Outlook not syncing']);
  });

  it('a summary that names nothing falls back to the description; nothing at all finds nothing', () => {
    expect(queryProfile({ summary: 'Help!!', description: 'The VPN drops every hour' }).threshold).toBe(2);
    const got = rankSimilar({ summary: 'Help!!', description: 'The VPN drops every hour' }, CLOSED);
    expect(ids(got)).toEqual(["VPN won't connect from home"]);
    expect(rankSimilar({ summary: 'Please help' }, CLOSED)).toEqual([]);
  });

  it('a one-word summary matches that word', () => {
    expect(queryProfile({ summary: 'Printer' }).threshold).toBe(1);
    expect(ids(rankSimilar({ summary: 'Printer' }, CLOSED))).toEqual(['Printer offline on 2nd floor']);
  });

  it('merges FlowPilot sessions, one row per ticket, the CW ticket winning over its own session', () => {
    const cw = row('Outlook not syncing on laptop', CONTOSO, '2026-10-01T00:00:00Z');
    const sameTicket: Candidate = { ...cw, source: 'flowpilot', closedAt: Date.parse('2026-10-02') };
    const session: Candidate = {
      source: 'flowpilot',
      ticketId: 4242,
      summary: 'Outlook not syncing',
      companyId: CONTOSO,
      closedAt: Date.parse('2026-11-01'),
    };
    const got = rankSimilar({ summary: 'Outlook not syncing', companyId: CONTOSO }, [
      sameTicket,
      cw,
      session,
    ]);
    expect(got.map((g) => [g.candidate.ticketId, g.candidate.source])).toEqual([
      [4242, 'flowpilot'],
      [cw.ticketId, 'cw'],
    ]);
  });

  it('shows at most five', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      row(`Outlook issue ${i}`, CONTOSO, `2026-10-${String(i + 1).padStart(2, '0')}T00:00:00Z`),
    );
    expect(rankSimilar({ summary: 'Outlook', companyId: CONTOSO }, many)).toHaveLength(5);
  });
});

describe('scoreCandidate', () => {
  it('counts product names and codes double', () => {
    const p = queryProfile({ summary: 'Outlook sync error 0x800CCC0E on laptop' });
    expect(scoreCandidate(p, 'Outlook crashes')?.score).toBe(2);
    expect(scoreCandidate(p, 'error 0x800CCC0E')?.score).toBe(3);
    expect(scoreCandidate(p, 'laptop sync')?.score).toBe(2);
    expect(scoreCandidate(p, 'laptop slow')).toBeUndefined();
  });
});
