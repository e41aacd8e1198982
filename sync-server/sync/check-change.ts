// The per-change checks of a push that need no authority: a valid value for the field,
// a stamp after its base, a known unit that agrees with the record id (src/domain/sync/ids.ts),
// fields that restate the id agreeing with it. Each refusal is a 400 naming the part of the
// change at fault ("c.<index>.<position in the tuple>").
import { COLLECTIONS, checkChangeValue } from '../../src/domain/sync/collections.ts';
import { adoptionOfRecord, idFieldProblem, unitOfRecord } from '../../src/domain/sync/ids.ts';
import { latestPredecessor, type FieldValue } from '../../src/domain/sync/merge.ts';
import { PUSHED_POSITION, type Pushed } from '../../src/domain/sync/wire.ts';
import { ApiError, type ErrorCode } from '../http/errors.ts';
import type { OrgTree } from '../org/tree.ts';

export interface CheckedChange {
  value: FieldValue;
  /** For status and photo: the adoption the record belongs to (from its id). */
  adoptionId: string | null;
}

export function checkChange(change: Pushed, index: number, tree: OrgTree): CheckedChange {
  const { coll, id, field, value, hlc, base, unit } = change;
  const bad = (code: ErrorCode, part: keyof typeof PUSHED_POSITION, message: string) =>
    new ApiError(400, code, `Thay đổi thứ ${index}: ${message}`, { issues: [{ path: `c.${index}.${PUSHED_POSITION[part]}`, message }] });

  const invalid = checkChangeValue(coll, field, value);
  if (invalid) throw bad('sync/invalid-change', COLLECTIONS[coll].field(field) ? 'value' : 'field', invalid);
  const latest = latestPredecessor(base);
  if (latest !== null && hlc <= latest) throw bad('sync/hlc-not-after-base', 'hlc', 'Dấu thời gian phải sau các dấu thời gian gốc (base)');
  if (!tree.has(unit)) throw bad('sync/unknown-unit', 'unit', `Không có đơn vị ${unit}`);

  const idUnit = unitOfRecord(coll, id);
  if (!idUnit.ok) throw bad('sync/unit-mismatch', 'id', idUnit.message);
  if (idUnit.unit !== unit) throw bad('sync/unit-mismatch', 'unit', `Bản ghi ${id} thuộc đơn vị ${idUnit.unit}, không phải ${unit}`);
  const restated = idFieldProblem(coll, id, field, value);
  if (restated) throw bad('sync/unit-mismatch', 'value', restated);

  return { value, adoptionId: adoptionOfRecord(coll, id) };
}
