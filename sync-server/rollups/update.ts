// Keeps the stored roll-ups current (rollups/flush.ts, just after pushes): the communes a push
// touched are summarised again from their docs, then each ancestor is recombined from its
// children's stored roll-ups, deepest first. A district officer's request is then a read.
import { SUBMISSION_FIELDS } from '../../src/domain/report.ts';
import { combineRollups, communeRollup, summarizeCommune, type Rollup } from '../../src/domain/rollup.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { OrgTree } from '../org/tree.ts';
import type { StoreTx } from '../store/types.ts';

/** The collections a roll-up reads; changes to others leave roll-ups alone. */
export const ROLLUP_COLLECTIONS: readonly Collection[] = ['adoption', 'status', 'indicators', 'reportVersion', 'taskProgress'];

/**
 * Recomputes the communes of `units` and every commune marked stale, then their ancestors;
 * returns how many communes. Call inside a transaction. With several server processes only
 * one may recombine a district at a time — two at once would each read the other's commune
 * as it was before, and one update would be lost — which the stores give by serialising
 * transactions (SQLite: one writer; PostgreSQL: the write lock every transaction takes,
 * store/postgres.ts). The marks are taken in the same transaction, so they come back if it
 * rolls back or its process dies; and any run (a seeding one too) clears what it recomputed.
 */
export async function refreshRollups(tx: StoreTx, tree: OrgTree, units: Iterable<string>, now: number, regroup: Iterable<string> = []): Promise<number> {
  const stale = await tx.takeDirtyRollups();
  const communes = new Set<string>();
  for (const u of [...stale, ...units]) {
    const commune = tree.communeOf(u);
    if (commune) communes.add(commune);
  }
  // After a reorganisation, units that lost or gained children are recombined too (an old
  // district must not keep counting the communes it gave away).
  const extra = [...regroup].filter((id) => tree.has(id));
  if (communes.size === 0 && extra.length === 0) return 0;

  const own = new Map<string, Rollup>();
  const ownRollup = async (commune: string): Promise<Rollup> => {
    const docs = await tx.listDocs({ units: [commune], colls: ROLLUP_COLLECTIONS });
    // Timeliness is decided by when this server first received each submission.
    const received = await tx.firstReceived('reportVersion', docs.filter((d) => d.coll === 'reportVersion').map((d) => d.id), SUBMISSION_FIELDS);
    const stored = docs.map((d) => ({ ...d, receivedAt: d.coll === 'reportVersion' ? (received.get(d.id) ?? null) : null }));
    return communeRollup(summarizeCommune(commune, stored));
  };
  for (const commune of communes) {
    const rollup = await ownRollup(commune);
    own.set(commune, rollup);
    await tx.putRollup(commune, rollup, now);
  }
  const depth = new Map<string, number>();
  const regroupFrom = (id: string, self: boolean) => {
    for (const a of tree.ancestry(id).slice(self ? 0 : 1)) depth.set(a.id, tree.ancestry(a.id).length);
  };
  for (const commune of communes) {
    // A commune that took others over keeps them, closed, as children (src/domain/reorg.ts):
    // its roll-up is its own records plus theirs.
    regroupFrom(commune, tree.children(commune).some((c) => c.level === 'commune'));
  }
  for (const id of extra) regroupFrom(id, true);
  const ancestors = [...depth.keys()].sort((a, b) => depth.get(b)! - depth.get(a)!);
  for (const id of ancestors) {
    // One query for all children: a district of a thousand communes must not cost a thousand
    // round trips under the write lock (PostgreSQL), on every flush.
    const children = tree.children(id);
    const stored = await tx.getRollups(children.map((c) => c.id));
    const parts: Rollup[] = children.flatMap((c) => stored.get(c.id)?.rollup ?? []);
    if (tree.byId.get(id)?.level === 'commune') parts.unshift(own.get(id) ?? (await ownRollup(id)));
    await tx.putRollup(id, combineRollups(id, parts), now);
  }
  return communes.size;
}
