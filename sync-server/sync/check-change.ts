// The per-change checks of a push that need no authority: a valid value for the field,
// a stamp after its base, a known unit that agrees with the record id. Each refusal is a
// 400 naming the part of the change at fault ("c.<index>.<position in the tuple>").
import { COLLECTIONS, checkChangeValue } from '../../src/domain/sync/collections.ts';
import { latestPredecessor, type FieldValue } from '../../src/domain/sync/merge.ts';
import type { Pushed } from '../../src/domain/sync/wire.ts';
import { ApiError, type ErrorCode } from '../http/errors.ts';
import type { OrgTree } from '../org/tree.ts';
import { adoptionUnit, reportUnit, unitOfRecord } from './record-unit.ts';

export interface CheckedChange {
  value: FieldValue;
  /** For status and photo: the adoption the record belongs to, when known. */
  adoptionId: string | null;
}

export async function checkChange(
  change: Pushed,
  index: number,
  tree: OrgTree,
  photoAdoption: (photoId: string) => Promise<string | null>,
): Promise<CheckedChange> {
  const { coll, id, field, value: rawValue, hlc, base, unit } = change;
  const bad = (code: ErrorCode, pos: number, message: string) =>
    new ApiError(400, code, `Thay đổi thứ ${index}: ${message}`, { issues: [{ path: `c.${index}.${pos}`, message }] });

  const invalid = checkChangeValue(coll, field, rawValue);
  if (invalid) throw bad('sync/invalid-change', COLLECTIONS[coll].field(field) ? 4 : 3, invalid);
  const value = rawValue as FieldValue; // checked above, and it came from JSON
  const latest = latestPredecessor(base);
  if (latest !== null && hlc <= latest) throw bad('sync/hlc-not-after-base', 5, 'Dấu thời gian phải sau các dấu thời gian gốc (base)');
  if (!tree.has(unit)) throw bad('sync/unknown-unit', 7, `Không có đơn vị ${unit}`);

  const idUnit = unitOfRecord(coll, id);
  if (idUnit.kind === 'bad') throw bad('sync/unit-mismatch', 2, idUnit.message);
  if (idUnit.kind === 'unit' && idUnit.unit !== unit) throw bad('sync/unit-mismatch', 7, `Bản ghi ${id} thuộc đơn vị ${idUnit.unit}, không phải ${unit}`);

  let adoptionId: string | null = null;
  if (coll === 'status') adoptionId = id;
  if (coll === 'photo') {
    adoptionId = await photoAdoption(id);
    if (adoptionId && adoptionUnit(adoptionId) !== unit) {
      throw bad('sync/unit-mismatch', 7, `Ảnh của mô hình ${adoptionId} phải thuộc đơn vị ${adoptionUnit(adoptionId) ?? '?'}`);
    }
  }
  if (coll === 'comment' && field === 'reportId' && typeof value === 'string' && reportUnit(value) !== unit) {
    throw bad('sync/unit-mismatch', 7, `Ý kiến về báo cáo ${value} phải thuộc đơn vị ${reportUnit(value) ?? '?'}`);
  }
  return { value, adoptionId };
}
