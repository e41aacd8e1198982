// Random org trees for property tests of who may do what (test/unit/access.test.ts,
// test/unit/admin-access.test.ts): a province with 1–2 districts, each with 1–3 communes,
// each with 0–3 villages; ids say where a unit sits ("d1c0v2").
import fc from 'fast-check';
import type { OrgUnit } from '../../src/domain/org.ts';

export const treeArb: fc.Arbitrary<OrgUnit[]> = fc
  .array(fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 })
  .map((districts) => {
    const u = (id: string, level: OrgUnit['level'], parentId: string | null): OrgUnit => ({ id, name: `Đơn vị ${id}`, level, parentId, placeholder: false });
    const units = [u('p', 'province', null)];
    districts.forEach((communes, d) => {
      units.push(u(`d${d}`, 'district', 'p'));
      communes.forEach((villages, c) => {
        units.push(u(`d${d}c${c}`, 'commune', `d${d}`));
        for (let v = 0; v < villages; v++) units.push(u(`d${d}c${c}v${v}`, 'village', `d${d}c${c}`));
      });
    });
    return units;
  });
