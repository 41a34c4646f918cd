import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowPilotDb } from './schema';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('database schema', () => {
  it('opens with every table the product needs', async () => {
    names.push('fp-schema-test');
    const d = new FlowPilotDb('fp-schema-test');
    await d.open();
    expect(d.tables.map((t) => t.name).sort()).toEqual(
      [
        'activity',
        'chats',
        'connections',
        'outbox',
        'posts',
        'secrets',
        'sessions',
        'settings',
        'technicians',
      ].sort(),
    );
    d.close();
  });

  it('supports the migration pattern: a later version rewrites old records in .upgrade()', async () => {
    names.push('fp-migrate-test');
    const v1 = new FlowPilotDb('fp-migrate-test');
    await v1.technicians.put({ id: 't1', name: 'Ann', email: ' Ann@X.com ', updatedAt: 1 });
    v1.close();

    // What a future version would look like: same stores plus an index and a data fix-up.
    class V2 extends FlowPilotDb {
      constructor() {
        super('fp-migrate-test');
        this.version(this.verno + 1)
          .stores({ technicians: 'id, email, memberId, name' })
          .upgrade((tx) =>
            tx
              .table('technicians')
              .toCollection()
              .modify((t: { email: string }) => {
                t.email = t.email.trim().toLowerCase();
              }),
          );
      }
    }
    const v2 = new V2();
    expect((await v2.technicians.get('t1'))?.email).toBe('ann@x.com');
    expect(await v2.technicians.where('name').equals('Ann').count()).toBe(1);
    v2.close();
  });

  it('version 3 indexes sessions by start time, also records saved before startedAt was copied', async () => {
    names.push('fp-v3-test');
    class V1 extends Dexie {
      constructor() {
        super('fp-v3-test');
        this.version(1).stores({ sessions: 'id, ticketKey, state, updatedAt, [ticketKey+state]' });
      }
    }
    const v1 = new V1();
    await v1
      .table('sessions')
      .put({ id: 's', ticketKey: 'service:1', state: 'resolved', createdAt: 5, updatedAt: 9 });
    v1.close();
    const d = new FlowPilotDb('fp-v3-test');
    expect((await d.sessions.where('[state+startedAt]').equals(['resolved', 5]).first())?.id).toBe('s');
    expect(await d.chats.count()).toBe(0);
    d.close();
  });
});
