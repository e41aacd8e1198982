// Who may upload and who may read photo bytes. Uploading is writing a photo of a unit, so it
// is the push's own write rule (sync/authorize.ts). Reading follows the records: whoever may
// read the unit of some photo record naming the hash may read the bytes (a district officer
// viewing a commune's photo), and so may its uploader (who may view it before pushing the
// record). Everyone else is told the bytes do not exist, never that they are forbidden, so
// the answer reveals nothing about other communes' photos.
import type { User } from '../../src/domain/people.ts';
import { winner } from '../../src/domain/sync/merge.ts';
import type { OrgTree } from '../org/tree.ts';
import type { BlobRecord, StoreOps } from '../store/types.ts';
import { authorizeWrite, type AdoptionInfo } from '../sync/authorize.ts';
import { adoptionOfRecord, parseAdoptionId } from '../../src/domain/sync/ids.ts';
import { pullMatches } from '../../src/domain/subscriptions.ts';
import { subscriptionOf } from '../sync/subscription.ts';

const adoptionUnit = (adoptionId: string): string | null => parseAdoptionId(adoptionId)?.unit ?? null;

type Who = Pick<User, 'id' | 'role' | 'unitId'>;

/** The adoption as the write rule needs it (the same reading of the record as the push path). */
async function adoptionInfo(ops: StoreOps, adoptionId: string): Promise<AdoptionInfo | null> {
  const unit = adoptionUnit(adoptionId);
  const doc = unit ? await ops.getDoc('adoption', adoptionId) : null;
  if (!doc || !unit) return null;
  const villages = winner(doc['villageIds'])?.value;
  return { unit, villageIds: Array.isArray(villages) ? villages.filter((v): v is string => typeof v === 'string') : [] };
}

/** null when the user may upload a photo of `unit` (and of `adoptionId`, when given), else why not. */
export function uploadRefusal(ops: StoreOps, tree: OrgTree, user: Who, unit: string, adoptionId: string | null): Promise<string | null> {
  return authorizeWrite({ user, tree, adoption: (id) => adoptionInfo(ops, id) }, { coll: 'photo', unit, adoptionId });
}

/**
 * The bytes follow the records the person pulls (src/domain/subscriptions.ts): a village team
 * sees the photos of its assigned models only. A record the person wrote themselves does not
 * count — else knowing a hash and naming it in a photo record of one's own unit would open it.
 */
export async function mayReadBlob(ops: StoreOps, tree: OrgTree, user: Who, blob: BlobRecord): Promise<boolean> {
  if (blob.uploadedBy === user.id) return true;
  const records = (await ops.blobPhotoRecords(blob.hash)).filter((r) => r.author !== user.id);
  if (records.length === 0) return false;
  const rules = await subscriptionOf(ops, tree, user);
  return records.some((r) => pullMatches(rules, 'photo', r.unit, adoptionOfRecord('photo', r.id)));
}
