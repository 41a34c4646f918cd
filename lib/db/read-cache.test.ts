// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type ConnectionRecord, FlowPilotDb } from './schema';

let n = 0;
const fresh = () => new FlowPilotDb(`read-cache-${++n}`);
const conn = (site: string) => ({ id: 'primary', site, companyId: 'acme' }) as unknown as ConnectionRecord;

describe('read cache (connections, secrets, settings by key)', () => {
  it('serves a repeated read from memory: a write behind its back (another instance) is not seen', async () => {
    const db = fresh();
    await db.connections.put(conn('na.myconnectwise.net'));
    expect((await db.connections.get('primary'))?.site).toBe('na.myconnectwise.net');
    // Only this worker writes; another instance writing is what the cache assumes never happens.
    const other = new FlowPilotDb(db.name);
    await other.connections.put(conn('eu.myconnectwise.net'));
    expect((await db.connections.get('primary'))?.site).toBe('na.myconnectwise.net');
    other.close();
  });

  it('a write through this database replaces the copy at once', async () => {
    const db = fresh();
    await db.connections.put(conn('na.myconnectwise.net'));
    await db.connections.get('primary');
    await db.connections.update('primary', { site: 'au.myconnectwise.net' });
    expect((await db.connections.get('primary'))?.site).toBe('au.myconnectwise.net');
    await db.connections.delete('primary');
    expect(await db.connections.get('primary')).toBeUndefined();
  });

  it('a read while a write transaction is open is not kept past its commit, nor after an abort', async () => {
    const db = fresh();
    await db.secrets.put({ id: 'cw', publicKey: 'old', privateKey: 'x' });
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const writing = db.transaction('rw', db.secrets, async () => {
      await db.secrets.put({ id: 'cw', publicKey: 'new', privateKey: 'x' });
      await hold;
    });
    // Outside the transaction: the committed value, and it must not outlive the commit.
    expect((await db.secrets.get('cw'))?.publicKey).toBe('old');
    release();
    await writing;
    expect((await db.secrets.get('cw'))?.publicKey).toBe('new');

    await db
      .transaction('rw', db.secrets, async () => {
        await db.secrets.put({ id: 'cw', publicKey: 'aborted', privateKey: 'x' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect((await db.secrets.get('cw'))?.publicKey).toBe('new');
  });

  it('hands out clones: changing what a read returned changes nothing stored or kept', async () => {
    const db = fresh();
    await db.settings.put({ key: 'flowpilot', value: { roundingMinutes: 15 } });
    const a = await db.settings.get('flowpilot');
    (a!.value as { roundingMinutes: number }).roundingMinutes = 60;
    const b = await db.settings.get('flowpilot');
    (b!.value as { roundingMinutes: number }).roundingMinutes = 30;
    expect((await db.settings.get('flowpilot'))?.value).toEqual({ roundingMinutes: 15 });
  });

  it('inside a read-write transaction, reads see that transaction’s own writes', async () => {
    const db = fresh();
    await db.connections.put(conn('na.myconnectwise.net'));
    await db.connections.get('primary');
    await db.transaction('rw', db.connections, async () => {
      await db.connections.update('primary', { site: 'eu.myconnectwise.net' });
      expect((await db.connections.get('primary'))?.site).toBe('eu.myconnectwise.net');
    });
  });
});
