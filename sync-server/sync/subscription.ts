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
  if (user.role === 'villageMember' && communeId) {
    const adoptions = await store.listDocs({ units: [communeId], colls: ['adoption'] });
    assignedAdoptions = adoptions
      .filter(({ doc }) => {
        const villages = winner(doc['villageIds'])?.value;
        return Array.isArray(villages) && villages.includes(user.unitId) && winner(doc['active'])?.value !== false;
      })
      .map((a) => a.id);
  }
  return subscriptionFor({ role: user.role, unitId: user.unitId, communeId, subtree: tree.readableUnits(user), assignedAdoptions });
}

/** A short name for a subscription: when it changes, the phone pulls again from the start. */
export const subscriptionFingerprint = (rules: readonly PullRule[]): string =>
  createHash('sha256').update(JSON.stringify(rules)).digest('base64url').slice(0, 22);

