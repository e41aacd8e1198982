// Who may act on another person's login (revoke a phone, unlock after failed attempts): the
// admin, and the commune police (communeStanding) and district/province officers for the
// people whose unit lies within theirs. Nobody but the admin acts on the admin.
import type { User } from '../../src/domain/people.ts';
import type { OrgTree } from '../org/tree.ts';

const OVERSEERS: ReadonlySet<User['role']> = new Set(['communeStanding', 'districtOfficer', 'provinceOfficer']);

export function oversees(actor: Pick<User, 'role' | 'unitId'>, target: Pick<User, 'role' | 'unitId'>, tree: OrgTree): boolean {
  if (actor.role === 'admin') return true;
  if (target.role === 'admin') return false;
  return OVERSEERS.has(actor.role) && tree.isWithin(target.unitId, actor.unitId);
}
