// Who may write what (roles in src/domain/people.ts). Returns null when allowed, else the
// Vietnamese reason the 403 carries. Reading is simpler: a user reads its unit's subtree
// (OrgTree.readableRoot).
import type { User } from '../../src/domain/people.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { OrgTree } from '../org/tree.ts';
import { COLLECTION_LABEL } from './labels.ts';

export interface AdoptionInfo {
  unit: string;
  villageIds: readonly string[];
}

export interface WriteTarget {
  coll: Collection;
  /** The change's unit, already checked against its id. */
  unit: string;
  /** For status and photo: the adoption the record belongs to. */
  adoptionId: string | null;
}

export interface AuthorizeContext {
  user: Pick<User, 'role' | 'unitId'>;
  tree: OrgTree;
  adoption: (adoptionId: string) => Promise<AdoptionInfo | null>;
}

const REPORTING = new Set<Collection>(['report', 'reportVersion', 'comment']);
const OWN_UNIT_AS_OFFICER = new Set<Collection>(['report', 'reportVersion', 'checklist', 'indicators']);

export async function authorizeWrite(ctx: AuthorizeContext, t: WriteTarget): Promise<string | null> {
  const { user, tree } = ctx;
  const unitName = tree.byId.get(t.unit)?.name ?? t.unit;
  const outside = `Tài khoản không được ghi dữ liệu của ${unitName}`;
  const within = tree.isWithin(t.unit, user.unitId);

  switch (user.role) {
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
      if (OWN_UNIT_AS_OFFICER.has(t.coll)) return t.unit === user.unitId ? null : `Chỉ được ghi ${COLLECTION_LABEL[t.coll]} của chính đơn vị mình, không được ghi của ${unitName}`;
      return 'Cán bộ cấp huyện, tỉnh không được sửa mô hình, tình trạng hay ảnh của xã; chỉ được góp ý';
    case 'villageMember': {
      if (t.coll === 'checklist' || t.coll === 'indicators') return t.unit === user.unitId ? null : outside;
      if (t.coll !== 'status' && t.coll !== 'photo') return 'Thành viên tổ công nghệ số thôn chỉ cập nhật tình trạng, ảnh của mô hình được phân công và số liệu của thôn';
      const adoption = t.adoptionId ? await ctx.adoption(t.adoptionId) : null;
      if (!t.adoptionId) return 'Ảnh chưa cho biết thuộc mô hình nào (thiếu trường adoptionId)';
      if (!adoption) return `Xã chưa có mô hình ${t.adoptionId} mà bản ghi này thuộc về`;
      if (adoption.unit !== tree.communeOf(user.unitId) || !adoption.villageIds.includes(user.unitId)) {
        return `Thôn của bạn không được phân công mô hình ${t.adoptionId}`;
      }
      return null;
    }
  }
}
