// Applying a pushed batch, inside one store transaction. The order matters:
//   1. skip changes at or below the device's high-water mark (a retry: exactly once);
//   2. the first new seq must follow the mark and the rest be contiguous (409 sync/seq-gap);
//   3. each change: valid value, hlc after base, known unit agreeing with the id (400,
//      check-change.ts); allowed for the role (403, authorize.ts); refused if it rewrites an
//      add-only field (409); re-stamped when its clock is far ahead (future-clock.ts); then
//      logged and merged (apply.ts);
//   4. the high-water mark moves and roll-ups are refreshed.
// Any refusal throws, the transaction rolls back and nothing of the batch is kept.
import { loadTree } from '../org/load-tree.ts';
import { COLLECTIONS } from '../../src/domain/sync/collections.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import { winner, type FieldValue } from '../../src/domain/sync/merge.ts';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import type { User } from '../../src/domain/people.ts';
import { ApiError } from '../http/errors.ts';
import { ROLLUP_COLLECTIONS } from '../rollups/update.ts';
import type { StoreTx } from '../store/types.ts';
import { applyChange } from './apply.ts';
import { authorizeWrite, type AdoptionInfo } from './authorize.ts';
import { COLLECTION_LABEL } from './labels.ts';
import { checkChange } from './check-change.ts';
import { storedStamp, type ServerClock } from './future-clock.ts';
import { adoptionUnit, photoAdoptionFromId } from './record-unit.ts';

export interface PushInput {
  user: Pick<User, 'id' | 'role' | 'unitId'>;
  deviceId: string;
  changes: readonly PushedChange[];
  now: number;
  clock: ServerClock;
}

export interface PushResult {
  /** The device's high-water mark after this push. */
  ack: number;
  /** [device seq, server stamp] for every change of the batch the server re-stamped. */
  restamped: [number, Hlc][];
}

const ROLLUP_SET = new Set(ROLLUP_COLLECTIONS);
const json = (v: FieldValue) => JSON.stringify(v);

export async function applyPush(tx: StoreTx, input: PushInput): Promise<PushResult> {
  const { user, deviceId, changes, now } = input;
  const highWater = (await tx.getDevice(deviceId))?.highWater ?? 0;
  const indexed = changes.map((change, index) => ({ change, index }));
  const fresh = indexed.filter(({ change }) => change[0] > highWater);
  const retried = indexed.filter(({ change }) => change[0] <= highWater);

  let expected = highWater + 1;
  for (const { change, index } of fresh) {
    if (change[0] !== expected) {
      throw new ApiError(409, 'sync/seq-gap', `Thiếu thay đổi số ${expected} của thiết bị; hãy gửi lại từ số ${highWater + 1}`, {
        fields: { expected: highWater + 1 },
        issues: [{ path: `c.${index}.0`, message: `Cần số ${expected}, nhận được ${change[0]}` }],
      });
    }
    expected++;
  }

  // A retry may have lost the first answer: report the re-stamps of retried changes again.
  const restamped: [number, Hlc][] = [];
  if (retried.length > 0) {
    const seqs = retried.map(({ change }) => change[0]);
    const logged = await tx.deviceChanges(deviceId, Math.min(...seqs), Math.max(...seqs));
    const stampOf = new Map(logged.flatMap((e) => (e.deviceSeq === null ? [] : [[e.deviceSeq, e.origHlc ?? e.hlc] as const])));
    // A retried seq must be the very change we logged under it. A different one is a stale
    // copy of an old request (e.g. a Background Sync replay after the phone renumbered its
    // queue): applying any of it could make a later real change look like a retry, so the
    // whole request is refused and nothing is applied.
    for (const { change, index } of retried) {
      const known = stampOf.get(change[0]);
      if (known !== undefined && known !== change[5]) {
        throw new ApiError(409, 'sync/stale-batch', 'Yêu cầu đồng bộ cũ (đã được gửi lại sau khi hàng đợi thay đổi); không áp dụng', {
          issues: [{ path: `c.${index}.5`, message: `Số ${change[0]} đã nhận với một thay đổi khác` }],
        });
      }
    }
    const wanted = new Set(seqs);
    for (const e of logged) if (e.origHlc !== null && e.deviceSeq !== null && wanted.has(e.deviceSeq)) restamped.push([e.deviceSeq, e.hlc]);
  }
  if (fresh.length === 0) return { ack: highWater, restamped };

  const tree = await loadTree(tx);
  // A photo's fields may arrive before its adoptionId field in the same batch.
  const photoAdoptions = new Map<string, string>();
  for (const { change } of fresh) {
    if (change[1] === 'photo' && change[3] === 'adoptionId' && typeof change[4] === 'string') photoAdoptions.set(change[2], change[4]);
  }
  const adoption = async (adoptionId: string): Promise<AdoptionInfo | null> => {
    const doc = await tx.getDoc('adoption', adoptionId);
    const unit = adoptionUnit(adoptionId);
    if (!doc || !unit) return null;
    const villages = winner(doc['villageIds'])?.value;
    return { unit, villageIds: Array.isArray(villages) ? villages.filter((v): v is string => typeof v === 'string') : [] };
  };
  const photoAdoption = async (photoId: string): Promise<string | null> => {
    const fromBatchOrId = photoAdoptionFromId(photoId) ?? photoAdoptions.get(photoId);
    if (fromBatchOrId) return fromBatchOrId;
    const stored = winner(await tx.getField('photo', photoId, 'adoptionId'))?.value;
    return typeof stored === 'string' ? stored : null;
  };

  const touched = new Set<string>();
  for (const { change, index } of fresh) {
    const [seq, coll, id, field, , hlc, base, unit] = change;
    const { value, adoptionId } = await checkChange(change, index, tree, photoAdoption);
    const at = (i?: number) => (i === undefined ? `c.${index}` : `c.${index}.${i}`);

    const refusal = await authorizeWrite({ user, tree, adoption }, { coll, unit, adoptionId });
    if (refusal) {
      throw new ApiError(403, 'auth/forbidden-unit', `Thay đổi thứ ${index} (${COLLECTION_LABEL[coll]} ${id}): ${refusal}`, {
        fields: { index },
        issues: [{ path: at(), message: refusal }],
      });
    }

    const state = await tx.getField(coll, id, field);
    if (COLLECTIONS[coll].addOnly && state && state.heads.length > 0 && json(state.heads[0]!.value) !== json(value)) {
      const message = `${COLLECTION_LABEL[coll]} đã gửi thì không sửa được (trường ${field})`;
      throw new ApiError(409, 'sync/immutable', `Thay đổi thứ ${index}: ${message}`, { issues: [{ path: at(4), message }] });
    }

    const stored = await storedStamp({ hlc, base }, state, input.clock, now, (orig) => tx.restampedAs(coll, id, field, orig));
    if (stored.hlc !== hlc) restamped.push([seq, stored.hlc]);
    await applyChange(tx, {
      coll, id, field, value, hlc: stored.hlc, base: stored.base, unit,
      author: user.id, device: deviceId, deviceSeq: seq, origHlc: stored.hlc === hlc ? null : hlc, receivedAt: now,
    });
    if (ROLLUP_SET.has(coll)) touched.add(unit);
  }

  const ack = highWater + fresh.length;
  await tx.putDevice({ deviceId, userId: user.id, highWater: ack });
  // Roll-ups are recomputed just after, outside this transaction (rollups/flush.ts): the mark is
  // committed with the changes, so a crash cannot lose it.
  await tx.markRollupsDirty([...new Set([...touched].map((u) => tree.communeOf(u)).filter((c): c is string => c !== null))]);
  return { ack, restamped };
}
