import type { DBCore, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

// Worker-memory copies of the few small records nearly every message reads by key — the connection, its
// keys, the settings — so a panel message's sender check, "Post to Ticket" and a navigation's first
// wave start without waiting for IndexedDB (issue 12 §3, §5: each read is a round trip to the browser's
// storage process). Every write happens in the worker through this database (pages ask the worker), so
// a DBCore middleware sees each read-write transaction on a table begin and end; either drops that
// table's copies. A copy is kept only when no read-write transaction on its table began or ended while
// it was read, and is handed out as a clone (callers may change what they get).

/** Small tables read by primary key on hot paths. */
export const CACHED_TABLES: readonly string[] = ['connections', 'secrets', 'settings'];

interface Copy {
  version: number;
  value: unknown;
}

export function readCacheMiddleware(tables = CACHED_TABLES): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'readCache',
    create(down) {
      const versions = new Map<string, number>();
      const copies = new Map<string, Copy>();
      const version = (table: string) => versions.get(table) ?? 0;
      const bump = (stores: string[]) => {
        for (const s of stores) versions.set(s, version(s) + 1);
      };
      return {
        transaction(stores, mode, options): DBCoreTransaction {
          const tx = down.transaction(stores, mode, options);
          if (mode === 'readwrite') {
            bump(stores);
            const t = tx as Partial<EventTarget>;
            const end = () => bump(stores);
            if (typeof t.addEventListener === 'function') {
              t.addEventListener('complete', end);
              t.addEventListener('abort', end);
              t.addEventListener('error', end);
            } else {
              // Cannot tell when it ends: never trust a copy of these tables again.
              for (const s of stores) versions.set(s, Number.NaN);
            }
          }
          return tx;
        },
        table(name): DBCoreTable {
          const table = down.table(name);
          if (!tables.includes(name)) return table;
          return {
            ...table,
            async get(req) {
              // A read-write transaction reads its own writes: never from (or into) the copies.
              if ((req.trans as { mode?: string }).mode !== 'readonly') return table.get(req);
              const key = `${name}\u0000${JSON.stringify(req.key)}`;
              const at = version(name);
              const copy = copies.get(key);
              if (copy && copy.version === at) return structuredClone(copy.value);
              const value = await table.get(req);
              if (version(name) === at) copies.set(key, { version: at, value: structuredClone(value) });
              return value;
            },
          };
        },
      };
    },
  };
}
