// Who may WRITE which collection of which unit, written once: the server refuses a pushed
// change with these rules (sync-server/sync/authorize.ts) and the app decides with the same
// rules which forms it offers (src/auth/access.ts), so a screen never invites an edit the
// server will refuse. Pure: the caller hands in the tree and, for a village member's status
// or photo, the adoption the record belongs to. Roles are in people.ts.
import { ancestry, isWithin, type OrgLevel } from './org.ts';
import type { Role } from './people.ts';
import type { Collection } from './sync/collections.ts';

/** What the rules need of a unit. OrgUnit, UnitRecord and the server's tree all fit. */
export interface TreeUnit {
  readonly id: string;
  readonly parentId: string | null;
  readonly level: OrgLevel;
  /** Shown in refusals when known. */
  readonly name?: string;
}
export type UnitTree = ReadonlyMap<string, TreeUnit>;

export interface Writer {
  readonly role: Role;
  readonly unitId: string;
}

/** The adoption a status or photo belongs to: its commune and the villages assigned to it. */
export interface AdoptionScope {
  readonly unit: string;
  readonly villageIds: readonly string[];
}

export interface WriteTarget {
  coll: Collection;
  /** The record's unit (the server has checked it against the record id). */
  unit: string;
  /** For status and photo: the adoption the record belongs to. */
  adoptionId?: string | null;
  /** That adoption as stored, when the rule needs it (needsAdoption) — null when unknown. */
  adoption?: AdoptionScope | null;
}

/** Collection names as people read them in messages. */
export const COLLECTION_LABEL: Record<Collection, string> = {
  adoption: 'mô hình của xã',
  status: 'tình trạng mô hình',
  checklist: 'phiếu kiểm tra',
  indicators: 'số liệu chỉ tiêu',
  photo: 'ảnh minh chứng',
  comment: 'ý kiến góp ý',
  report: 'báo cáo',
  reportVersion: 'bản báo cáo đã gửi',
};

/** The commune a unit is or lies in; null above commune level (or for an unknown unit). */
const communeOfUnit = (unitId: string, tree: UnitTree): string | null => ancestry(unitId, tree).find((u) => u.level === 'commune')?.id ?? null;

const REPORTING = new Set<Collection>(['report', 'reportVersion', 'comment']);
const OWN_UNIT_AS_OFFICER = new Set<Collection>(['report', 'reportVersion', 'checklist', 'indicators']);

/** Whether writeRefusal needs the target's adoption (looked up by the caller). */
export const needsAdoption = (writer: Writer, coll: Collection): boolean =>
  writer.role === 'villageMember' && (coll === 'status' || coll === 'photo');

/** null when `writer` may write the target, else the Vietnamese reason a refusal carries. */
export function writeRefusal(writer: Writer, t: WriteTarget, tree: UnitTree): string | null {
  const unitName = tree.get(t.unit)?.name ?? t.unit;
  const outside = `Tài khoản không được ghi dữ liệu của ${unitName}`;
  // An unknown unit is nobody's (the server refuses it earlier; the app must not offer it).
  const within = tree.has(t.unit) && isWithin(t.unit, writer.unitId, tree);

  switch (writer.role) {
    case 'admin':
      return null;
    case 'communeStanding':
      return within ? null : outside;
    case 'communeLeader':
      if (!REPORTING.has(t.coll)) return 'Lãnh đạo UBND xã chỉ ghi báo cáo và ý kiến chỉ đạo';
      return within ? null : outside;
    case 'districtOfficer':
    case 'provinceOfficer':
      if (t.coll === 'comment') return within ? null : outside;
      if (OWN_UNIT_AS_OFFICER.has(t.coll)) {
        return t.unit === writer.unitId ? null : `Chỉ được ghi ${COLLECTION_LABEL[t.coll]} của chính đơn vị mình, không được ghi của ${unitName}`;
      }
      return 'Cán bộ cấp huyện, tỉnh không được sửa mô hình, tình trạng hay ảnh của xã; chỉ được góp ý';
    case 'villageMember': {
      if (t.coll === 'checklist' || t.coll === 'indicators') return t.unit === writer.unitId && tree.has(t.unit) ? null : outside;
      if (t.coll !== 'status' && t.coll !== 'photo') {
        return 'Thành viên tổ công nghệ số thôn chỉ cập nhật tình trạng, ảnh của mô hình được phân công và số liệu của thôn';
      }
      if (!t.adoptionId) return `${COLLECTION_LABEL[t.coll]} chưa cho biết thuộc mô hình nào`;
      const adoption = t.adoption;
      if (!adoption) return `Xã chưa có mô hình ${t.adoptionId} mà bản ghi này thuộc về`;
      const commune = communeOfUnit(writer.unitId, tree);
      // Its own commune's adoption, the record filed under that commune, and its village assigned.
      if (commune === null || adoption.unit !== commune || t.unit !== commune || !adoption.villageIds.includes(writer.unitId)) {
        return `Thôn của bạn không được phân công mô hình ${t.adoptionId}`;
      }
      return null;
    }
  }
}

export const mayWrite = (writer: Writer, t: WriteTarget, tree: UnitTree): boolean => writeRefusal(writer, t, tree) === null;
