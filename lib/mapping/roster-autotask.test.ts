// @vitest-environment node
// Member Mapping on an Autotask connection (issue 15): technicians map to Autotask resources through
// the connector; Auto-Match by Email compares email, email2 and email3 (trimmed, any case), and flags
// shared and inactive-only addresses instead of picking.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { SPECIAL_RESOURCES } from '../../tests/autotask-sandbox/index.ts';
import { useAutotaskSandbox } from '../../tests/support/autotask-connection';
import { db } from '../db/schema';
import { addTechnician, autoMatchRoster, listMemberOptions } from './roster';

const sb = useAutotaskSandbox({ connect: true });
beforeEach(() => db().technicians.clear());

describe('Member Mapping with Autotask resources', () => {
  it('lists the resources, inactive ones marked', async () => {
    const options = await listMemberOptions();
    expect(options.find((o) => o.id === SPECIAL_RESOURCES.jsmith)).toMatchObject({
      name: 'Jane Smith',
      email: 'jane.smith@flowpilotdemo.example',
      inactive: false,
    });
    expect(options.find((o) => o.id === SPECIAL_RESOURCES.inactive)?.inactive).toBe(true);
  });

  it('Auto-Match by Email matches email, email2 and email3; shared and inactive-only are reported', async () => {
    await addTechnician({ name: 'Jane', email: 'Jane.Smith@flowpilotdemo.example' });
    await addTechnician({ name: 'Marcus', email: 'marcus@flowpilotdemo.example' });
    await addTechnician({ name: 'Tom', email: 'tbaker@flowpilotdemo.example' });
    await addTechnician({ name: 'Desk', email: 'helpdesk@flowpilotdemo.example' });
    await addTechnician({ name: 'Peter', email: 'peter.gone@flowpilotdemo.example' });
    const r = await autoMatchRoster();
    expect(r).toMatchObject({ matched: 3, total: 5 });
    const byEmail = (e: string) => r.technicians.find((t) => t.email.toLowerCase() === e);
    const id = (_r: unknown, e: string) => byEmail(e)?.id ?? '';
    expect(byEmail('jane.smith@flowpilotdemo.example')).toMatchObject({
      memberId: SPECIAL_RESOURCES.jsmith,
      memberName: 'Jane Smith',
      mappedBy: 'auto',
    });
    expect(byEmail('marcus@flowpilotdemo.example')?.memberId).toBe(SPECIAL_RESOURCES.messyEmail);
    expect(byEmail('tbaker@flowpilotdemo.example')?.memberId).toBe(29682839);
    expect(r.outcomes[id(r, 'helpdesk@flowpilotdemo.example')]).toEqual({
      kind: 'ambiguous',
      memberIds: [SPECIAL_RESOURCES.sharedA, SPECIAL_RESOURCES.sharedB],
    });
    expect(r.outcomes[id(r, 'peter.gone@flowpilotdemo.example')]).toEqual({
      kind: 'inactive',
      memberIds: [SPECIAL_RESOURCES.inactive],
    });
    expect(sb.contractViolations).toEqual([]);
  });
});
