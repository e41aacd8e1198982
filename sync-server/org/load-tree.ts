// The org tree changes rarely (the admin CLI adds a unit) but is needed on every request.
// Keep one per store, and rebuild it only when the units' version in the database moved —
// which also catches writes by another process (or another server process on PostgreSQL):
// the version is bumped in the transaction that writes the units, so it moves exactly when
// they commit. One version read per call, a single-row query.
import type { StoreOps } from '../store/types.ts';
import { OrgTree } from './tree.ts';

const cache = new WeakMap<object, { version: number; tree: OrgTree }>();

/**
 * What the tree is cached under. A store whose transactions each get a new operations object
 * (PostgreSQL: one per connection and group) names, as `cacheKey`, one object shared by the
 * store and all its transactions; keyed by the object alone, every push would miss the cache
 * and rebuild the tree from every unit (tens of thousands nationally).
 */
const keyOf = (ops: StoreOps): object => ('cacheKey' in ops && typeof ops.cacheKey === 'object' && ops.cacheKey !== null ? ops.cacheKey : ops);

export async function loadTree(ops: StoreOps): Promise<OrgTree> {
  const key = keyOf(ops);
  // The version first: units read after it are at least that new, so a tree is never cached
  // under a version newer than what it was built from.
  const version = await ops.unitsVersion();
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.tree;
  // Every reorganisation writes units, so the version covers the events too.
  const tree = new OrgTree(await ops.getUnits(), await ops.listReorgEvents());
  cache.set(key, { version, tree });
  return tree;
}
