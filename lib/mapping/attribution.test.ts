import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/schema';
import { saveSettings } from '../settings/store';
import { currentAttribution } from './attribution';

beforeEach(async () => {
  await db().technicians.clear();
  await db().settings.clear();
});

describe('currentAttribution', () => {
  it('is none when nobody is signed in or the technician was removed', async () => {
    expect(await currentAttribution()).toEqual({ kind: 'none' });
    await saveSettings({ signedInTechnicianId: 'gone' });
    expect(await currentAttribution()).toEqual({ kind: 'none' });
  });

  it('is unmapped for a signed-in technician without a member, member when mapped', async () => {
    await db().technicians.put({ id: 't1', name: 'Ana', email: 'a@x.com', updatedAt: 1 });
    await saveSettings({ signedInTechnicianId: 't1' });
    expect((await currentAttribution()).kind).toBe('unmapped');
    await db().technicians.put({
      id: 't1',
      name: 'Ana',
      email: 'a@x.com',
      memberId: 101,
      memberIdentifier: 'jsmith',
      memberName: 'John Smith',
      mappedBy: 'manual',
      updatedAt: 2,
    });
    expect(await currentAttribution()).toMatchObject({
      kind: 'member',
      member: { id: 101, identifier: 'jsmith' },
    });
  });
});
