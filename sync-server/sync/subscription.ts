// What a person's phone pulls (src/domain/subscriptions.ts), from the org tree and the commune's
// adoptions; also what photo bytes they may fetch (blobs/access.ts).
import { createHash } from 'node:crypto';
import { subscriptionFor, type PullRule } from '../../src/domain/subscriptions.ts';
import type { User } from '../../src/domain/people.ts';
import { winner } from '../../src/domain/sync/merge.ts';
import type { OrgTree } from '../org/tree.ts';
import type { StoreOps } from '../store/types.ts';

/** What this person's phone pulls (src/domain/subscriptions.ts), from the org tree and the adoptions. */
export async function subscriptionOf(store: Pick<StoreOps, 'listDocs'>, tree: OrgTree, user: Pick<User, 'role' | 'unitId'>): Promise<PullRule[]> {
  const communeId = tree.communeOf(user.unitId);
  let assignedAdoptions: string[] = [];
  // Communes merged into this one hang, closed, below it (src/domain/reorg.ts).
  const mergedCommunes = communeId && user.role === 'villageMember' ? tree.subtree(communeId).filter((u) => u.level === 'commune' && u.id !== communeId).map((u) => u.id) : [];
  if (user.role === 'villageMember' && communeId) {
    const adoptions = await store.listDocs({ units: [communeId, ...mergedCommunes], colls: ['adoption'] });
    assignedAdoptions = adoptions
      .filter(({ doc }) => {
        const villages = winner(doc['villageIds'])?.value;
        return Array.isArray(villages) && villages.includes(user.unitId) && winner(doc['active'])?.value !== false;
      })
      .map((a) => a.id);
  }
  // A village member pulls no campaigns (subscriptions.ts): only units above village level need them.
  const ancestors = tree.ancestry(user.unitId).slice(1).map((u) => u.id);
  return subscriptionFor({ role: user.role, unitId: user.unitId, communeId, subtree: tree.readableUnits(user), assignedAdoptions, ancestors, ...(mergedCommunes.length ? { mergedCommunes } : {}) });
}

/** A short name for a subscription: when it changes, the phone pulls again from the start. */
export const subscriptionFingerprint = (rules: readonly PullRule[]): string =>
  createHash('sha256').update(JSON.stringify(rules)).digest('base64url').slice(0, 22);

