// A PostgreSQL store for callers that need a SyncStore synchronously (the admin CLI opens its
// store from a getter): connecting and migrating start on the first call, which every call
// awaits. close() before any call opens nothing.
import type { SyncStore } from './types.ts';
import type { PostgresStoreOptions } from './postgres.ts';

export function lazyPostgresStore(options: PostgresStoreOptions): SyncStore {
  let opened: Promise<SyncStore> | null = null;
  // Imported on first use too: an admin command on SQLite never loads the PostgreSQL driver.
  const open = () => (opened ??= import('./postgres.ts').then((m) => m.openPostgresStore(options)));
  return new Proxy({} as SyncStore, {
    get(_target, key) {
      if (key === 'then') return undefined; // not a thenable: `await lazyPostgresStore(…)` must not call it
      if (key === 'close') return async () => (opened ? (await opened).close() : undefined);
      return async (...args: unknown[]) => {
        const store = await open();
        const method: unknown = Reflect.get(store, key);
        if (typeof method !== 'function') throw new TypeError(`SyncStore has no method ${String(key)}`);
        return (method as (...a: unknown[]) => unknown).apply(store, args);
      };
    },
  });
}
