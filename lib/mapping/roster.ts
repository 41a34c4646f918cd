import { connectedPsa } from '../connection/psa';
import { connectedClient, isAutotask } from '../connection/store';
import { db, type TechnicianRecord } from '../db/schema';
import { AppError } from '../errors';
import { getSettings, saveSettings } from '../settings/store';
import { type CsvRowError, isEmail, parseRosterCsv } from './csv';
import { autoMatch, type CwMemberLite, type MatchOutcome, memberName, normalizeEmail } from './match';
import {
  fetchMembers,
  type MemberOption,
  personAsMember,
  sortMemberOptions,
  toMemberOption,
} from './members';

// The FlowPilot roster (technicians table) and its CW member mappings. Background only.

export async function listTechnicians(): Promise<TechnicianRecord[]> {
  const all = await db().technicians.toArray();
  return all.sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

function newId(): string {
  return `tech-${crypto.randomUUID()}`;
}

function checkFields(name: string, email: string): { name: string; email: string } {
  const n = name.trim();
  const e = email.trim();
  if (!n) throw new AppError('validation', 'Enter the technician’s name.');
  if (!isEmail(e)) throw new AppError('validation', `"${e}" is not an email address.`);
  return { name: n, email: e };
}

async function assertEmailFree(email: string, exceptId?: string): Promise<void> {
  const key = normalizeEmail(email);
  const clash = (await db().technicians.toArray()).find(
    (t) => t.id !== exceptId && normalizeEmail(t.email) === key,
  );
  if (clash) throw new AppError('validation', `${clash.name} already uses ${email.trim()}.`);
}

export async function addTechnician(input: { name: string; email: string }, now = Date.now()) {
  const { name, email } = checkFields(input.name, input.email);
  await assertEmailFree(email);
  await db().technicians.add({ id: newId(), name, email, updatedAt: now });
  return listTechnicians();
}

export async function updateTechnician(input: { id: string; name: string; email: string }, now = Date.now()) {
  const { name, email } = checkFields(input.name, input.email);
  const current = await db().technicians.get(input.id);
  if (!current) throw new AppError('notFound', 'That technician is no longer on the roster.');
  await assertEmailFree(email, input.id);
  await db().technicians.put({ ...current, name, email, updatedAt: now });
  return listTechnicians();
}

export async function removeTechnician(id: string) {
  await db().technicians.delete(id);
  const s = await getSettings();
  if (s.signedInTechnicianId === id) await saveSettings({ signedInTechnicianId: undefined });
  return listTechnicians();
}

export async function importRosterCsv(text: string, now = Date.now()) {
  const parsed = parseRosterCsv(text);
  const existing = new Set((await db().technicians.toArray()).map((t) => normalizeEmail(t.email)));
  const errors: CsvRowError[] = [...parsed.errors];
  const fresh = parsed.rows.filter((r) => !existing.has(normalizeEmail(r.email)));
  const skipped = parsed.rows.length - fresh.length;
  await db().technicians.bulkAdd(
    fresh.map((r) => ({ id: newId(), name: r.name, email: r.email.trim(), updatedAt: now })),
  );
  errors.sort((a, b) => a.line - b.line);
  return { technicians: await listTechnicians(), added: fresh.length, skipped, errors };
}

/**
 * The people technicians map to: CW members, or Autotask resources through the connector (issue 15),
 * in the matcher's shape (an Autotask resource's email, email2 and email3 are all matched).
 */
async function fetchPeople(): Promise<CwMemberLite[]> {
  if (!isAutotask(await db().connections.get('primary'))) {
    const { client } = await connectedClient();
    return fetchMembers(client);
  }
  const { connector } = await connectedPsa();
  return (await connector.people()).map(personAsMember);
}

export async function listMemberOptions(): Promise<MemberOption[]> {
  return sortMemberOptions((await fetchPeople()).map(toMemberOption));
}

/**
 * Auto-Match by Email: applies each unique active match, except over a mapping an admin chose by hand
 * (manual wins). Ambiguous and inactive-only matches are reported, never picked.
 */
export async function autoMatchRoster(now = Date.now()) {
  const members = await fetchPeople();
  const byId = new Map(members.map((m) => [m.id, m]));
  const techs = await listTechnicians();
  const result = autoMatch(techs, members);
  const updates: TechnicianRecord[] = [];
  for (const t of techs) {
    const o = result.outcomes[t.id];
    if (o?.kind !== 'matched' || (t.mappedBy === 'manual' && t.memberId !== undefined)) continue;
    const m = byId.get(o.memberId)!;
    if (t.memberId === m.id && t.mappedBy === 'auto') continue;
    updates.push({
      ...t,
      memberId: m.id,
      memberIdentifier: m.identifier,
      memberName: memberName(m),
      mappedBy: 'auto',
      updatedAt: now,
    });
  }
  if (updates.length) await db().technicians.bulkPut(updates);
  return {
    technicians: await listTechnicians(),
    outcomes: result.outcomes as Record<string, MatchOutcome>,
    matched: result.matched,
    total: result.total,
  };
}

export interface Assignment {
  technicianId: string;
  member: { id: number; identifier: string; name: string } | null;
}

/** Save Mappings: the admin's choices, marked manual so a later Auto-Match leaves them alone. */
export async function saveMappings(assignments: Assignment[], now = Date.now()) {
  const d = db();
  await d.transaction('rw', d.technicians, async () => {
    for (const a of assignments) {
      const t = await d.technicians.get(a.technicianId);
      if (!t) continue;
      await d.technicians.put({
        ...t,
        memberId: a.member?.id,
        memberIdentifier: a.member?.identifier,
        memberName: a.member?.name,
        mappedBy: a.member ? 'manual' : undefined,
        updatedAt: now,
      });
    }
  });
  return listTechnicians();
}

/** Replaces the whole roster (team setup import). */
export async function replaceRoster(techs: TechnicianRecord[]): Promise<void> {
  const d = db();
  await d.transaction('rw', d.technicians, async () => {
    await d.technicians.clear();
    await d.technicians.bulkPut(techs);
  });
}
