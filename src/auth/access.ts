// What a signed-in person sees and edits on the device. Who may write what is the shared
// rule the server enforces (src/domain/access.ts); these wrap it for the screens, so the app
// offers exactly the edits the server will accept.
import type { User } from '../domain/people.ts';
import type { Adoption } from '../domain/status.ts';
import type { Collection } from '../domain/sync/collections.ts';
import { mayWrite } from '../domain/access.ts';
import { indexUnits, isWithin, type OrgUnit } from '../domain/org.ts';

export function communeOf(user: User, units: readonly OrgUnit[]): string {
  const byId = indexUnits(units);
  const unit = byId.get(user.unitId);
  return unit?.level === 'village' && unit.parentId ? unit.parentId : user.unitId;
}

export function visibleAdoptions(user: User, adoptions: readonly Adoption[], units: readonly OrgUnit[]): Adoption[] {
  if (user.role === 'villageMember') return adoptions.filter((a) => a.villageIds.includes(user.unitId));
  const byId = indexUnits(units);
  return adoptions.filter((a) => isWithin(a.unitId, user.unitId, byId));
}

/** May write records of `coll` filed under `unitId` (not for status/photo: see canEditStatus). */
export const canWrite = (user: Pick<User, 'role' | 'unitId'>, coll: Collection, unitId: string, units: readonly OrgUnit[]): boolean =>
  mayWrite(user, { coll, unit: unitId }, indexUnits(units));

/** May update the status (and photos) of a commune's adopted model. */
export function canEditStatus(user: Pick<User, 'role' | 'unitId'>, adoption: Adoption, units: readonly OrgUnit[]): boolean {
  return mayWrite(
    user,
    { coll: 'status', unit: adoption.unitId, adoptionId: adoption.id, adoption: { unit: adoption.unitId, villageIds: adoption.villageIds } },
    indexUnits(units),
  );
}
