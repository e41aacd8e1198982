// Who may administer which unit and which account (issue 12). Pure, so the server's admin API
// (sync-server/admin-api/) decides with it on every call and the browser admin asks it which
// actions to offer; property-tested in test/unit/admin-access.test.ts.
//
// - The admin: everything.
// - Province and district officers whose account has the admin right (`canAdmin`): the units
//   and accounts of their own subtree — never a unit above their own, never an admin account,
//   never a role above their own (so never the admin right's holder above them either).
// - The commune police (communeStanding): the village members of their commune's villages —
//   create, lock and unlock, hand over a reset or enrolment code, sign their phones out. Nothing
//   else: they do not move people or change roles.
// - Everyone else, and every locked account: nothing.
import type { OrgLevel, OrgUnit } from './org.ts';
import type { Role } from './people.ts';

export interface AdminActor {
  id: string;
  role: Role;
  unitId: string;
  canAdmin: boolean;
  active: boolean;
}

/** An account as the rule sees it. */
export interface AdminTarget {
  id: string;
  role: Role;
  unitId: string;
}

/** What an account becomes after a create or a change: checked against the granter. */
export interface AdminGrant {
  role: Role;
  unitId: string;
  canAdmin: boolean;
}

export type UnitIndex = ReadonlyMap<string, Pick<OrgUnit, 'id' | 'parentId' | 'level'>>;

/**
 * A new unit's id: a plain segment, as record ids embed it ("tv:mh-24", "tv@2026-11":
 * sync/ids.ts), so never ':' or '@', which the general Id allows.
 */
export const UNIT_ID = /^[A-Za-z0-9._-]{1,80}$/;

/** How high a role stands: a grant never names a role above the granter's own. */
export const ROLE_RANK: Record<Role, number> = {
  villageMember: 0,
  communeLeader: 1,
  communeStanding: 1,
  districtOfficer: 2,
  provinceOfficer: 3,
  admin: 4,
};

/** Which level a role's unit must be at (the admin may sit anywhere). */
export const ROLE_LEVEL: Partial<Record<Role, OrgLevel>> = {
  villageMember: 'village',
  communeStanding: 'commune',
  communeLeader: 'commune',
  districtOfficer: 'district',
  provinceOfficer: 'province',
};

/** The roles that can hold the admin right. */
export const ADMIN_RIGHT_ROLES: ReadonlySet<Role> = new Set(['provinceOfficer', 'districtOfficer']);

export type UserAction = 'view' | 'create' | 'edit' | 'deactivate' | 'activate' | 'reset' | 'revoke' | 'enrol';

/** What the commune police may do to the village members of their commune. */
const COMMUNE_ACTIONS: ReadonlySet<UserAction> = new Set(['view', 'create', 'deactivate', 'activate', 'reset', 'revoke', 'enrol']);

/** `unitId` is `ancestorId` or lies below it; an unknown unit lies nowhere. Stops on a cycle. */
export function unitWithin(unitId: string, ancestorId: string, units: UnitIndex): boolean {
  const seen = new Set<string>();
  let current = units.get(unitId);
  while (current && !seen.has(current.id)) {
    if (current.id === ancestorId) return true;
    seen.add(current.id);
    current = current.parentId === null ? undefined : units.get(current.parentId);
  }
  return false;
}

const isAdmin = (a: AdminActor) => a.active && a.role === 'admin';
/** A province/district officer holding the admin right. */
const isUnitAdmin = (a: AdminActor) => a.active && a.canAdmin && ADMIN_RIGHT_ROLES.has(a.role);
const isCommunePolice = (a: AdminActor) => a.active && a.role === 'communeStanding';

/** May open the admin screens for units (tree, rules, imports). */
export const canAdminUnits = (a: AdminActor): boolean => isAdmin(a) || isUnitAdmin(a);
/** May create accounts and hand over codes for someone (QR enrolment, resets). */
export const canEnrol = (a: AdminActor): boolean => canAdminUnits(a) || isCommunePolice(a);
/** May read the audit log (of their scope: see adminScope). */
export const canReadAudit = (a: AdminActor): boolean => canAdminUnits(a);

/**
 * The root of what an actor administers: null for the admin (everything), their own unit for
 * an officer with the admin right or the commune police, undefined for nobody.
 */
export function adminScope(a: AdminActor): string | null | undefined {
  if (isAdmin(a)) return null;
  if (isUnitAdmin(a) || isCommunePolice(a)) return a.unitId;
  return undefined;
}

/** May rename a unit, set its reporting rules, read it in the admin tree. */
export function mayAdministerUnit(a: AdminActor, unitId: string, units: UnitIndex): boolean {
  if (isAdmin(a)) return true;
  return isUnitAdmin(a) && unitWithin(unitId, a.unitId, units);
}

/** May create a unit under `parentId` (a root only for the admin). */
export function mayCreateUnit(a: AdminActor, parentId: string | null, units: UnitIndex): boolean {
  if (isAdmin(a)) return true;
  return parentId !== null && mayAdministerUnit(a, parentId, units);
}

/** May do `action` to an existing account. */
export function mayActOnUser(a: AdminActor, target: AdminTarget, action: UserAction, units: UnitIndex): boolean {
  if (isAdmin(a)) return true;
  if (target.role === 'admin') return false;
  // Nobody but the admin administers their own account (a wrong click would lock them out).
  if (target.id === a.id) return false;
  if (isUnitAdmin(a)) return unitWithin(target.unitId, a.unitId, units) && ROLE_RANK[target.role] <= ROLE_RANK[a.role];
  if (isCommunePolice(a)) return COMMUNE_ACTIONS.has(action) && isVillageMemberOf(a.unitId, target, units);
  return false;
}

/** May make an account into `grant` (creating it, or as the result of a change). */
export function mayGrant(a: AdminActor, grant: AdminGrant, units: UnitIndex): boolean {
  if (isAdmin(a)) return true;
  if (grant.role === 'admin') return false;
  if (isUnitAdmin(a)) return unitWithin(grant.unitId, a.unitId, units) && ROLE_RANK[grant.role] <= ROLE_RANK[a.role];
  if (isCommunePolice(a)) return !grant.canAdmin && isVillageMemberOf(a.unitId, grant, units);
  return false;
}

/** May change `before` into `after` (a move, a role change, the admin right). */
export function mayChangeUser(a: AdminActor, before: AdminTarget & { canAdmin: boolean }, after: AdminGrant, units: UnitIndex): boolean {
  return mayActOnUser(a, before, 'edit', units) && mayGrant(a, after, units);
}

function isVillageMemberOf(communeId: string, u: Pick<AdminTarget, 'role' | 'unitId'>, units: UnitIndex): boolean {
  const unit = units.get(u.unitId);
  return u.role === 'villageMember' && unit?.level === 'village' && unitWithin(u.unitId, communeId, units) && units.get(communeId)?.level === 'commune';
}
