// Record ids name the unit they belong to (see src/domain/sync/collections.ts). The server
// checks that a change's `unit` agrees with its id, because the unit decides who may write
// the change and who pulls it: a lying unit would leak or smuggle data across communes.
import type { Collection } from '../../src/domain/sync/collections.ts';

export type IdUnit =
  | { kind: 'unit'; unit: string }
  /** The id does not carry a unit (comment; photo without "~"): other fields decide. */
  | { kind: 'free' }
  | { kind: 'bad'; message: string };

const before = (s: string, sep: string) => (s.includes(sep) ? s.slice(0, s.indexOf(sep)) : null);
const afterLast = (s: string, sep: string) => (s.includes(sep) ? s.slice(s.lastIndexOf(sep) + 1) : null);

/** "tv:mh-24" → "tv" (an adoption, or the status record that shares its id). */
export const adoptionUnit = (adoptionId: string): string | null => before(adoptionId, ':') || null;
/** "tv@2026-11" → "tv" (a report or an indicator sheet). */
export const reportUnit = (reportId: string): string | null => before(reportId, '@') || null;
/** "tv:mh-24~a1b2" → "tv:mh-24"; null for a photo id without "~". */
export const photoAdoptionFromId = (photoId: string): string | null => before(photoId, '~') || null;

const shaped = (unit: string | null, shape: string): IdUnit =>
  unit ? { kind: 'unit', unit } : { kind: 'bad', message: `Mã bản ghi phải có dạng ${shape}` };

export function unitOfRecord(coll: Collection, id: string): IdUnit {
  switch (coll) {
    case 'adoption':
    case 'status':
      return shaped(adoptionUnit(id), '"<đơn vị>:<mô hình>"');
    case 'checklist':
      return shaped(afterLast(id, '@') || null, '"<mẫu>@<đơn vị>"');
    case 'indicators':
    case 'report':
      return shaped(reportUnit(id), '"<đơn vị>@<kỳ>"');
    case 'reportVersion': {
      const reportId = id.includes('#') ? id.slice(0, id.lastIndexOf('#')) : '';
      return shaped(reportUnit(reportId), '"<đơn vị>@<kỳ>#<lần>"');
    }
    case 'photo': {
      const adoptionId = photoAdoptionFromId(id);
      return adoptionId ? shaped(adoptionUnit(adoptionId), '"<đơn vị>:<mô hình>~<mã ảnh>"') : { kind: 'free' };
    }
    case 'comment':
      return { kind: 'free' };
  }
}
