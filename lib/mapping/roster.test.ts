// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../tests/cw-sandbox/index';
import { connect, disconnect } from '../connection/service';
import { db } from '../db/schema';
import { getSettings, saveSettings } from '../settings/store';
import {
  addTechnician,
  autoMatchRoster,
  importRosterCsv,
  listMemberOptions,
  removeTechnician,
  saveMappings,
  updateTechnician,
} from './roster';

// The roster service against the real sandbox (with 1 500 extra members, so member fetching must page).
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, members: 1500 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await disconnect();
  await db().technicians.clear();
  await db().settings.clear();
  sandbox.reset();
  await connect({
    displayName: 'Sandbox',
    site: sandbox.site,
    companyId: sandbox.companyId,
    ...sandbox.keys,
  });
});

describe('roster service', () => {
  it('fetches every member across pages with trimmed fields', async () => {
    sandbox.requests.length = 0;
    const members = await listMemberOptions();
    expect(members.length).toBeGreaterThanOrEqual(1512);
    expect(members.find((m) => m.id === 108)).toMatchObject({ identifier: 'dobrien', inactive: true });
    const calls = sandbox.requests.filter((r) => r.path.endsWith('/system/members'));
    expect(calls.length).toBe(2);
    expect(calls[0]?.query.fields).toBe(
      'id,identifier,firstName,lastName,primaryEmail,officeEmail,inactiveFlag',
    );
  });

  it('auto-matches, flags ambiguous and inactive, and never overwrites a manual mapping', async () => {
    await importRosterCsv(
      [
        'John Smith,JOHN.SMITH@flowpilotmsp.com',
        'Maria Garcia,maria.garcia@flowpilotmsp.com',
        'Help Desk,helpdesk@flowpilotmsp.com',
        "Dan O'Brien,dan.obrien@flowpilotmsp.com",
      ].join('\n'),
    );
    const first = await autoMatchRoster();
    expect(first.matched).toBe(2);
    expect(first.total).toBe(4);
    const byName = (n: string) => first.technicians.find((t) => t.name === n)!;
    expect(byName('John Smith')).toMatchObject({
      memberId: 101,
      mappedBy: 'auto',
      memberIdentifier: 'jsmith',
    });
    expect(first.outcomes[byName('Help Desk').id]).toEqual({ kind: 'ambiguous', memberIds: [110, 111] });
    expect(first.outcomes[byName("Dan O'Brien").id]).toEqual({ kind: 'inactive', memberIds: [108] });
    expect(byName("Dan O'Brien").memberId).toBeUndefined();

    // The admin maps John to someone else by hand; Auto-Match keeps it.
    await saveMappings([
      { technicianId: byName('John Smith').id, member: { id: 103, identifier: 'akim', name: 'Alex Kim' } },
    ]);
    const second = await autoMatchRoster();
    expect(second.technicians.find((t) => t.name === 'John Smith')).toMatchObject({
      memberId: 103,
      mappedBy: 'manual',
    });
  });

  it('validates technicians, reports duplicate emails, and clears the signed-in choice on removal', async () => {
    const list = await addTechnician({ name: ' Ana Lee ', email: 'ana@x.com' });
    const ana = list[0]!;
    expect(ana).toMatchObject({ name: 'Ana Lee', email: 'ana@x.com' });
    await expect(addTechnician({ name: 'Other', email: 'ANA@x.com' })).rejects.toMatchObject({
      kind: 'validation',
    });
    await expect(addTechnician({ name: 'Bad', email: 'nope' })).rejects.toMatchObject({ kind: 'validation' });
    expect((await updateTechnician({ id: ana.id, name: 'Ana Li', email: 'ana@x.com' }))[0]?.name).toBe(
      'Ana Li',
    );
    const csv = await importRosterCsv('name,email\nAna Again,ana@x.com\nBen,ben@x.com\nBroken,\n');
    expect(csv).toMatchObject({ added: 1, skipped: 1 });
    expect(csv.errors).toEqual([{ line: 4, message: 'the email is empty' }]);

    await saveSettings({ signedInTechnicianId: ana.id });
    await removeTechnician(ana.id);
    expect((await getSettings()).signedInTechnicianId).toBeUndefined();
  });
});
