// Who writes, reads and returns which reports, and which rules date them. Pure; the server
// enforces the same (sync-server/sync/authorize.ts), these keep the screens honest.
import type { ReportingRule } from '../domain/calendar.ts';
import { ancestry, indexUnits, isWithin, type OrgUnit } from '../domain/org.ts';
import type { Role, User } from '../domain/people.ts';
import { effectiveRules } from '../domain/rollup.ts';

/** Units from the session (the server's names) completed by the seed's. */
export function knownUnits(sessionUnits: readonly OrgUnit[], seedUnits: readonly OrgUnit[]): OrgUnit[] {
  const byId = new Map(seedUnits.map((u) => [u.id, u]));
  for (const u of sessionUnits) byId.set(u.id, u);
  return [...byId.values()];
}

/** The unit whose reports a user writes: a village member's commune, otherwise their own unit. */
export function reportingUnitOf(user: Pick<User, 'unitId'>, units: readonly OrgUnit[]): string {
  const unit = indexUnits(units).get(user.unitId);
  return unit?.level === 'village' && unit.parentId ? unit.parentId : user.unitId;
}

/** Village teams send figures; the commune police (and above) write the reports. */
export const canWriteReports = (role: Role): boolean => role !== 'villageMember';

/** May comment on a report of `reportUnit`: someone of that unit's own or a higher working group. */
export function canComment(user: Pick<User, 'role' | 'unitId'>, reportUnit: string, units: readonly OrgUnit[]): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'villageMember') return false;
  return isWithin(reportUnit, user.unitId, indexUnits(units));
}

/** May return a report for changes: the unit above it (any ancestor), never the unit itself. */
export function canReturn(user: Pick<User, 'role' | 'unitId'>, reportUnit: string, units: readonly OrgUnit[]): boolean {
  if (user.unitId === reportUnit) return false;
  if (user.role === 'admin') return true;
  if (user.role !== 'districtOfficer' && user.role !== 'provinceOfficer') return false;
  return isWithin(reportUnit, user.unitId, indexUnits(units));
}

/** A unit's reporting rules: its own, else its nearest ancestor's (a district may set one rule for all its communes). */
export function rulesFor(unitId: string, units: readonly OrgUnit[], rules: readonly { unitId: string; rules: readonly ReportingRule[] }[]): readonly ReportingRule[] {
  const byUnit = new Map(rules.map((r) => [r.unitId, r.rules]));
  return effectiveRules(ancestry(unitId, indexUnits(units)), byUnit);
}
