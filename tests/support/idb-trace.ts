// For the "a click's post costs the create and nothing more" tests (issue 12 §3): IndexedDB transactions
// opened and requests sent, in the order they happen (fake-indexeddb's IDBDatabase, the global fetch).
import { vi } from 'vitest';

export function traceIdbAndFetch() {
  const events: string[] = [];
  const openTx = IDBDatabase.prototype.transaction;
  const realFetch = globalThis.fetch;
  const tx = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...a: Parameters<IDBDatabase['transaction']>
  ) {
    events.push(`idb:${a[1] ?? 'readonly'}`);
    return openTx.apply(this, a);
  });
  const f = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    events.push(`fetch:${init?.method ?? 'GET'}`);
    return realFetch(input, init);
  });
  return {
    events,
    restore: () => {
      tx.mockRestore();
      f.mockRestore();
    },
  };
}
