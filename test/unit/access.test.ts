// The write rules, written once (src/domain/access.ts), as properties over random org trees,
// people and targets. The expectations are stated from the roles' descriptions (README,
// people.ts) with their own walk up the tree, not from the rule's code; and the app's answer
// (src/auth/access.ts) must equal the server's (sync-server/sync/authorize.ts) every time.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { treeArb } from '../helpers/org-arb.ts';
import { canEditStatus, canWrite } from '../../src/auth/access.ts';
import { campaignUnitsRefusal, campaignWriteRefusal, writeRefusal, type WriteTarget } from '../../src/domain/access.ts';
import type { OrgUnit } from '../../src/domain/org.ts';
import { Role, type User } from '../../src/domain/people.ts';
import type { Adoption } from '../../src/domain/status.ts';
import { Collection } from '../../src/domain/sync/collections.ts';
import { authorizeWrite, type AdoptionInfo } from '../../sync-server/sync/authorize.ts';
import { OrgTree } from '../../sync-server/org/tree.ts';
import type { UnitRecord } from '../../sync-server/store/types.ts';

const COLLS = Collection.options;
const ROLES = Role.options;

interface Case {
  units: OrgUnit[];
  user: Pick<User, 'role' | 'unitId'>;
  coll: Collection;
  unit: string;
  adoption: Adoption;
}

const caseArb: fc.Arbitrary<Case> = treeArb.chain((units) => {
  const ids = units.map((u) => u.id);
  const communes = units.filter((u) => u.level === 'commune').map((u) => u.id);
  const villages = units.filter((u) => u.level === 'village').map((u) => u.id);
  return fc.record({
    units: fc.constant(units),
    user: fc.record({ role: fc.constantFrom(...ROLES), unitId: fc.constantFrom(...ids) }),
    coll: fc.constantFrom(...COLLS),
    unit: fc.constantFrom(...ids, 'khong-co'),
    adoption: fc
      .record({ unitId: fc.constantFrom(...communes), villageIds: fc.subarray(villages.length ? villages : ['none']) })
      .map(({ unitId, villageIds }) => ({ id: `${unitId}:mh-24`, unitId, modelId: 'mh-24', adoptedOn: null, villageIds })),
  });
});

/** The test's own reading of the tree: the ancestors of a unit, itself included. */
function above(units: readonly OrgUnit[], id: string): string[] {
  const out: string[] = [];
  let u = units.find((x) => x.id === id);
  while (u) {
    out.push(u.id);
    u = u.parentId ? units.find((x) => x.id === u!.parentId) : undefined;
  }
  return out;
}
const target = (c: Case): WriteTarget =>
  c.coll === 'status' || c.coll === 'photo'
    ? { coll: c.coll, unit: c.adoption.unitId, adoptionId: c.adoption.id, adoption: { unit: c.adoption.unitId, villageIds: c.adoption.villageIds } }
    : { coll: c.coll, unit: c.unit };
const byId = (units: readonly OrgUnit[]) => new Map(units.map((u) => [u.id, u]));
const allowed = (c: Case) => writeRefusal(c.user, target(c), byId(c.units)) === null;

describe('who may write what (one rule for the app and the server)', () => {
  it('nobody but an admin writes outside their own subtree — except a village team updating its commune\'s assigned models', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (!allowed(c) || c.user.role === 'admin') return;
        const t = target(c);
        if (c.user.role === 'villageMember' && (c.coll === 'status' || c.coll === 'photo')) {
          expect(above(c.units, c.user.unitId)[1]).toBe(t.unit); // the village's own commune
        } else {
          expect(above(c.units, t.unit)).toContain(c.user.unitId);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a village member writes a status or photo only of its own commune\'s adoptions that list its village', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.user.role !== 'villageMember' || (c.coll !== 'status' && c.coll !== 'photo')) return;
        const village = c.units.find((u) => u.id === c.user.unitId)!;
        const expected = village.level === 'village' && c.adoption.unitId === village.parentId && c.adoption.villageIds.includes(village.id);
        expect(allowed(c)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('district and province officers never write models, statuses or photos; leaders write only reports and comments', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if ((c.user.role === 'districtOfficer' || c.user.role === 'provinceOfficer') && ['adoption', 'status', 'photo'].includes(c.coll)) {
          expect(allowed(c)).toBe(false);
        }
        if (c.user.role === 'communeLeader' && !['report', 'reportVersion', 'comment'].includes(c.coll)) expect(allowed(c)).toBe(false);
        if (c.user.role === 'admin') expect(allowed(c)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('the app answers exactly as the server does, for every tree, person and target', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const tree = new OrgTree(c.units.map((u): UnitRecord => ({ ...u, rules: null })));
        // As the push path reads an adoption: its unit from the id, its villages from the record.
        const lookup = async (id: string): Promise<AdoptionInfo | null> => (id === c.adoption.id ? { unit: id.split(':')[0]!, villageIds: c.adoption.villageIds } : null);
        const t = target(c);
        const server = (await authorizeWrite({ user: c.user, tree, adoption: lookup }, { coll: t.coll, unit: t.unit, adoptionId: t.adoptionId ?? null })) === null;
        const app = c.coll === 'status' || c.coll === 'photo' ? canEditStatus(c.user, c.adoption, c.units) : canWrite(c.user, c.coll, c.unit, c.units);
        expect(app).toBe(server);
      }),
      { numRuns: 1000 },
    );
  });

  it('a village team cannot edit a model of another commune that happens to list its village (the app used to allow it)', () => {
    const units: OrgUnit[] = [
      { id: 'p', name: 'Tỉnh', level: 'province', parentId: null, placeholder: false },
      { id: 'tv', name: 'Thiệu Vân', level: 'commune', parentId: 'p', placeholder: false },
      { id: 'tv-thon-1', name: 'Thôn 1', level: 'village', parentId: 'tv', placeholder: false },
      { id: 'dh', name: 'Đông Hải', level: 'commune', parentId: 'p', placeholder: false },
    ];
    const member = { role: 'villageMember' as const, unitId: 'tv-thon-1' };
    const own: Adoption = { id: 'tv:mh-24', unitId: 'tv', modelId: 'mh-24', adoptedOn: null, villageIds: ['tv-thon-1'] };
    expect(canEditStatus(member, own, units)).toBe(true);
    expect(canEditStatus(member, { ...own, id: 'dh:mh-24', unitId: 'dh' }, units)).toBe(false);
  });
});

// Campaign rules (003): a listed name is an officer of the campaign's unit; teams inspect units
// strictly below that unit, never a village. Expectations come from the test's own reading of
// the tree (above()), not from the rule's helpers.
describe('campaigns: who a listed name is and whom a team inspects', () => {
  const campaignCase = treeArb.chain((units) => {
    const ids = units.map((u) => u.id);
    return fc.record({
      units: fc.constant(units),
      campaignUnit: fc.constantFrom(...units.filter((u) => u.level === 'district' || u.level === 'province').map((u) => u.id)),
      writer: fc.record({ role: fc.constantFrom(...ROLES.filter((r) => r !== 'admin')), unitId: fc.constantFrom(...ids), username: fc.constant('ten.trong.doan') }),
      inspected: fc.subarray(ids, { minLength: 1 }),
      listed: fc.boolean(),
    });
  });

  it('a team member’s record is accepted exactly when the listed name is an officer account of the campaign’s unit', () => {
    fc.assert(
      fc.property(campaignCase, (c) => {
        const tree = byId(c.units);
        const unit = c.inspected[0]!;
        const scope = { unit: c.campaignUnit, teams: [{ id: 'doan-1', name: 'Đoàn 01', people: c.listed ? ['ten.trong.doan'] : [], units: c.inspected }], ownOutline: false, departments: [], listed: c.listed ? ['ten.trong.doan'] : [] };
        const refusal = campaignWriteRefusal(c.writer, { coll: 'inspection', unit, campaign: scope }, tree);
        const officer = c.writer.role === 'districtOfficer' || c.writer.role === 'provinceOfficer';
        expect(refusal === null).toBe(c.listed && officer && c.writer.unitId === c.campaignUnit);
      }),
    );
  });

  it('teams may inspect only units strictly below the campaign’s unit that are not villages', () => {
    fc.assert(
      fc.property(campaignCase, (c) => {
        const refused = new Set(campaignUnitsRefusal(c.campaignUnit, [{ units: c.inspected }], byId(c.units)).map((p) => p.field));
        c.inspected.forEach((u, j) => {
          const unit = c.units.find((x) => x.id === u)!;
          const below = u !== c.campaignUnit && above(c.units, u).includes(c.campaignUnit);
          expect(refused.has(`teams.0.units.${j}`)).toBe(!below || unit.level === 'village');
        });
      }),
    );
  });
});
