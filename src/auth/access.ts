// What a signed-in person sees and edits on the device. The server enforces the same
// rules; these only keep the screens honest about what will be accepted.
import type { User } from '../domain/people.ts';
import type { Adoption } from '../domain/status.ts';
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

export function canEditStatus(user: User, adoption: Adoption, units: readonly OrgUnit[]): boolean {
  switch (user.role) {
    case 'villageMember':
      return adoption.villageIds.includes(user.unitId);
    case 'communeStanding':
      return isWithin(adoption.unitId, user.unitId, indexUnits(units));
    case 'admin':
      return true;
    default:
      return false;
  }
}
