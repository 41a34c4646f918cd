import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionScope, UNKNOWN_SCOPE } from '../connection/scope';
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

describe('version 3: posts, outbox items and sessions are bound to their connection (issue 10 §3)', () => {
  // Version 1 exactly as it shipped.
  const V1_STORES = {
    connections: 'id',
    secrets: 'id',
    technicians: 'id, email, memberId',
    settings: 'key',
    sessions: 'id, ticketKey, state, updatedAt, [ticketKey+state]',
    outbox: 'id, ticketKey, state, nextAttemptAt, postId, [ticketKey+seq], [state+nextAttemptAt]',
    posts: 'id, ticketKey, ticketId, state, createdAt, [state+createdAt]',
    activity: '++id, at, kind',
  };
  const connection = {
    id: 'primary',
    companyId: 'FlowPilot',
    apiBase: 'http://127.0.0.1:4100/v2026_4/apis/3.0',
  };
  async function v1(name: string, withConnection: boolean) {
    names.push(name);
    const d = new Dexie(name);
    d.version(1).stores(V1_STORES);
    if (withConnection) await d.table('connections').put(connection);
    await d
      .table('sessions')
      .put({ id: 's1', ticketKey: 'service:1001', state: 'resolved', createdAt: 1, updatedAt: 1, data: {} });
    await d.table('outbox').put({
      id: 'o1',
      ticketKey: 'service:1001',
      seq: 1,
      kind: 'note',
      state: 'pending',
      nextAttemptAt: 0,
      postId: 'p1',
      payload: {},
      ref: 'r',
      attempts: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    await d.table('posts').put({
      id: 'p1',
      ticketKey: 'service:1001',
      ticketId: 1001,
      summary: 'x',
      state: 'pending',
      createdAt: 1,
      updatedAt: 1,
      data: { items: [] },
    });
    d.close();
  }

  it('gives existing records the scope of the connection saved at upgrade time', async () => {
    await v1('fp-scope-migrate', true);
    const d = new FlowPilotDb('fp-scope-migrate');
    const scope = 'flowpilot@http://127.0.0.1:4100';
    expect((await d.sessions.get('s1'))?.scope).toBe(scope);
    expect((await d.outbox.get('o1'))?.scope).toBe(scope);
    expect((await d.posts.get('p1'))?.scope).toBe(scope);
    d.close();
  });

  it('without a saved connection the tenant is unknown, so those records match no connection', async () => {
    await v1('fp-scope-migrate-none', false);
    const d = new FlowPilotDb('fp-scope-migrate-none');
    expect((await d.outbox.get('o1'))?.scope).toBe(UNKNOWN_SCOPE);
    expect((await d.posts.get('p1'))?.scope).toBe(UNKNOWN_SCOPE);
    expect((await d.sessions.get('s1'))?.scope).toBe(UNKNOWN_SCOPE);
    d.close();
  });
});

describe('version 5: a connection names its PSA (issue 15)', () => {
  it('marks a connection saved before as ConnectWise, keeping its scope', async () => {
    names.push('fp-psa-migrate');
    const d4 = new Dexie('fp-psa-migrate');
    d4.version(1).stores({ connections: 'id' });
    await d4.table('connections').put({
      id: 'primary',
      companyId: 'FlowPilot',
      apiBase: 'http://127.0.0.1:4100/v2026_4/apis/3.0',
    });
    d4.close();
    const d = new FlowPilotDb('fp-psa-migrate');
    const rec = await d.connections.get('primary');
    expect(rec?.psa).toBe('connectwise');
    expect(connectionScope(rec!)).toBe('flowpilot@http://127.0.0.1:4100');
    d.close();
  });
});

describe('version 8: the Sessions tab finds an Autotask ticket’s sessions by its number', () => {
  it('indexes sessions by ticket number; sessions saved before have none and are still found by key', async () => {
    names.push('fp-v8-sessions');
    class V7 extends Dexie {
      constructor() {
        super('fp-v8-sessions');
        this.version(7).stores({
          sessions: 'id, ticketKey, state, updatedAt, startedAt, [ticketKey+state], [state+startedAt]',
        });
      }
    }
    const v7 = new V7();
    await v7.table('sessions').put({
      id: 'old',
      ticketKey: 'service:40265',
      state: 'resolved',
      createdAt: 5,
      updatedAt: 9,
      startedAt: 5,
      data: {},
    });
    v7.close();
    const d = new FlowPilotDb('fp-v8-sessions');
    await d.sessions.put({
      id: 'new',
      ticketKey: 'service:40265',
      ticketNumber: 'T20261129.0004',
      state: 'active',
      createdAt: 10,
      updatedAt: 10,
      startedAt: 10,
      data: {},
    });
    expect(
      (await d.sessions.where('ticketNumber').equals('T20261129.0004').toArray()).map((r) => r.id),
    ).toEqual(['new']);
    expect((await d.sessions.where('ticketKey').equals('service:40265').toArray()).length).toBe(2);
    d.close();
  });
});
