// Live queries: re-run a read whenever the IndexedDB data it touched changes.
export { liveQuery } from 'dexie';
