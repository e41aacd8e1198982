// Who may administer what (src/domain/admin-access.ts), as properties over random org trees,
// actors and targets. The expectations come from the contract's sentences (/tmp/team/ADMIN-API.md,
// issue 12) with the test's own walk up the tree and its own ordering of roles, not from the rule.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { treeArb } from '../helpers/org-arb.ts';
import {
  adminScope,
  canAdminUnits,
  canEnrol,
  mayActOnUser,
  mayAdministerUnit,
  mayChangeUser,
  mayCreateUnit,
  mayGrant,
  type AdminActor,
  type UserAction,
} from '../../src/domain/admin-access.ts';
import { indexUnits, type OrgUnit } from '../../src/domain/org.ts';
import { Role } from '../../src/domain/people.ts';

const ROLES = Role.options;
const ACTIONS: UserAction[] = ['view', 'create', 'edit', 'deactivate', 'activate', 'reset', 'revoke', 'enrol'];

/** The roles from the bottom up, as the README describes the hierarchy; the two commune bodies stand side by side. */
const LADDER: Role[][] = [['villageMember'], ['communeLeader', 'communeStanding'], ['districtOfficer'], ['provinceOfficer'], ['admin']];
const height = (r: Role) => LADDER.findIndex((step) => step.includes(r));

/** The unit's chain up to the root, by the test's own walk. */
function chainOf(unitId: string, units: OrgUnit[]): string[] {
  const chain: string[] = [];
  let id: string | null = unitId;
  while (id !== null) {
    const unit = units.find((x) => x.id === id);
    if (!unit) break;
    chain.push(unit.id);
    id = unit.parentId;
  }
  return chain;
}
const below = (unitId: string, ancestor: string, units: OrgUnit[]) => chainOf(unitId, units).includes(ancestor);

interface Case {
  units: OrgUnit[];
  actor: AdminActor;
  target: { id: string; role: Role; unitId: string; canAdmin: boolean };
  grant: { role: Role; unitId: string; canAdmin: boolean };
  action: UserAction;
  unit: string;
}

const caseArb: fc.Arbitrary<Case> = treeArb.chain((units) => {
  const unitId = fc.constantFrom(...units.map((u) => u.id));
  return fc.record({
    units: fc.constant(units),
    actor: fc.record({ id: fc.constant('a'), role: fc.constantFrom(...ROLES), unitId, canAdmin: fc.boolean(), active: fc.boolean() }),
    target: fc.record({ id: fc.constantFrom('a', 't'), role: fc.constantFrom(...ROLES), unitId, canAdmin: fc.boolean() }),
    grant: fc.record({ role: fc.constantFrom(...ROLES), unitId, canAdmin: fc.boolean() }),
    action: fc.constantFrom(...ACTIONS),
    unit: unitId,
  });
});

/** Whatever the rule is asked about this case, all its yes answers. */
function anyYes(c: Case): boolean {
  const idx = indexUnits(c.units);
  return (
    mayActOnUser(c.actor, c.target, c.action, idx) ||
    mayGrant(c.actor, c.grant, idx) ||
    mayAdministerUnit(c.actor, c.unit, idx) ||
    mayCreateUnit(c.actor, c.unit, idx) ||
    mayChangeUser(c.actor, c.target, c.grant, idx)
  );
}

const RUNS = { numRuns: 2000 };

describe('who may administer', () => {
  it('nobody but the admin ever touches an admin account or makes one', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.actor.role === 'admin') return;
        const idx = indexUnits(c.units);
        if (c.target.role === 'admin') for (const a of ACTIONS) expect(mayActOnUser(c.actor, c.target, a, idx)).toBe(false);
        expect(mayGrant(c.actor, { ...c.grant, role: 'admin' }, idx)).toBe(false);
      }),
      RUNS,
    );
  });

  it('nobody but the admin touches a unit or an account outside their own subtree', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.actor.role === 'admin') return;
        const idx = indexUnits(c.units);
        if (mayAdministerUnit(c.actor, c.unit, idx)) expect(below(c.unit, c.actor.unitId, c.units)).toBe(true);
        if (mayCreateUnit(c.actor, c.unit, idx)) expect(below(c.unit, c.actor.unitId, c.units)).toBe(true);
        if (mayActOnUser(c.actor, c.target, c.action, idx)) expect(below(c.target.unitId, c.actor.unitId, c.units)).toBe(true);
        if (mayGrant(c.actor, c.grant, idx)) expect(below(c.grant.unitId, c.actor.unitId, c.units)).toBe(true);
        // Never a unit above their own: their parent (and every ancestor) is out of reach.
        for (const above of chainOf(c.actor.unitId, c.units).slice(1)) {
          expect(mayAdministerUnit(c.actor, above, idx)).toBe(false);
          expect(mayCreateUnit(c.actor, indexUnits(c.units).get(above)!.parentId, idx)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('a grant never exceeds the granter\'s role, and only a holder of the admin right passes it on', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.actor.role === 'admin') return;
        const idx = indexUnits(c.units);
        if (mayGrant(c.actor, c.grant, idx)) {
          expect(height(c.grant.role)).toBeLessThanOrEqual(height(c.actor.role));
          if (c.grant.canAdmin) expect(c.actor.canAdmin).toBe(true);
        }
        if (mayActOnUser(c.actor, c.target, c.action, idx) && c.target.id !== c.actor.id) {
          expect(height(c.target.role)).toBeLessThanOrEqual(height(c.actor.role));
        }
      }),
      RUNS,
    );
  });

  it('a locked account, a village member, a commune leader and an officer without the admin right may do nothing', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const powerless =
          !c.actor.active ||
          c.actor.role === 'villageMember' ||
          c.actor.role === 'communeLeader' ||
          ((c.actor.role === 'districtOfficer' || c.actor.role === 'provinceOfficer') && !c.actor.canAdmin);
        if (!powerless) return;
        expect(anyYes(c)).toBe(false);
        expect(adminScope(c.actor)).toBeUndefined();
        expect(canAdminUnits(c.actor) || canEnrol(c.actor)).toBe(false);
      }),
      RUNS,
    );
  });

  it('the commune police reach only the village members of their own commune\'s villages, and never move them or change roles', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.actor.role !== 'communeStanding' || !c.actor.active) return;
        const idx = indexUnits(c.units);
        expect(mayAdministerUnit(c.actor, c.unit, idx)).toBe(false);
        expect(mayCreateUnit(c.actor, c.unit, idx)).toBe(false);
        expect(mayChangeUser(c.actor, c.target, c.grant, idx)).toBe(false);
        const villageOfMine = (unitId: string) => idx.get(unitId)?.level === 'village' && idx.get(unitId)?.parentId === c.actor.unitId;
        if (mayActOnUser(c.actor, c.target, c.action, idx)) {
          expect(c.target.role).toBe('villageMember');
          expect(villageOfMine(c.target.unitId)).toBe(true);
        }
        if (mayGrant(c.actor, c.grant, idx)) {
          expect(c.grant).toMatchObject({ role: 'villageMember', canAdmin: false });
          expect(villageOfMine(c.grant.unitId)).toBe(true);
        }
        // And they do reach them: each village member of their commune, for what enrolment needs.
        if (c.target.role === 'villageMember' && villageOfMine(c.target.unitId) && c.target.id !== c.actor.id) {
          for (const a of ['create', 'deactivate', 'reset', 'enrol'] as const) expect(mayActOnUser(c.actor, c.target, a, idx)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('an officer with the admin right reaches every account of its subtree up to its own role, but not its own', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const officer = (c.actor.role === 'districtOfficer' || c.actor.role === 'provinceOfficer') && c.actor.canAdmin && c.actor.active;
        if (!officer) return;
        const idx = indexUnits(c.units);
        const reachable = c.target.role !== 'admin' && below(c.target.unitId, c.actor.unitId, c.units) && height(c.target.role) <= height(c.actor.role);
        if (c.target.id === c.actor.id) expect(mayActOnUser(c.actor, c.target, 'deactivate', idx)).toBe(false);
        else expect(mayActOnUser(c.actor, c.target, c.action, idx)).toBe(reachable);
        expect(mayAdministerUnit(c.actor, c.unit, idx)).toBe(below(c.unit, c.actor.unitId, c.units));
      }),
      RUNS,
    );
  });

  it('the admin may do everything, and administers the whole tree', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const admin = { ...c.actor, role: 'admin' as const, active: true };
        const idx = indexUnits(c.units);
        expect(mayActOnUser(admin, c.target, c.action, idx)).toBe(true);
        expect(mayGrant(admin, c.grant, idx)).toBe(true);
        expect(mayAdministerUnit(admin, c.unit, idx)).toBe(true);
        expect(mayCreateUnit(admin, null, idx)).toBe(true);
        expect(adminScope(admin)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
