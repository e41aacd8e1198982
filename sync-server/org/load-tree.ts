// The org tree changes rarely (the admin CLI adds a unit) but is needed on every request.
// Keep one per store, and rebuild it only when the units' version in the database moved —
// which also catches writes by another process.
import type { StoreOps } from '../store/types.ts';
import { OrgTree } from './tree.ts';

const cache = new WeakMap<StoreOps, { version: number; tree: OrgTree }>();

export async function loadTree(ops: StoreOps): Promise<OrgTree> {
  const version = await ops.unitsVersion();
  const hit = cache.get(ops);
  if (hit && hit.version === version) return hit.tree;
  const tree = new OrgTree(await ops.getUnits());
  cache.set(ops, { version, tree });
  return tree;
}
