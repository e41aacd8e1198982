// The district outline answered per department (003 Phụ lục 2 A: "tại phòng, ban, ngành, đơn
// vị, đoàn thể cấp huyện", and the "Lưu ý" giving some departments extra sections): the id of a
// department's response and of a team's report (ids.ts), who may write them and which fields
// (access.ts), the merged district answer (campaign-merge.ts), the teams' report due (§V.2(4)).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import districtJson from '../../seeds/checklists/inspection-district.json';
import raw from '../../seeds/plans/campaign-qx-2023.json';
import { campaignFieldRefusal, campaignWriteRefusal, isWorkingGroup, writeRefusal, type CampaignScope } from '../../src/domain/access.ts';
import {
  CAMPAIGN_FIELDS,
  PART_ID_MAX,
  campaignOf as parseCampaign,
  campaignProblems,
  campaignScopeOf,
  departmentIdsOf,
  sectionOfItem,
  teamReportState,
  type Campaign,
  type OutlineDepartment,
} from '../../src/domain/campaign.ts';
import { RecordId } from '../../src/domain/sync/wire.ts';
import { departmentSections, mergeDistrictAnswer } from '../../src/domain/campaign-merge.ts';
import type { OrgUnit } from '../../src/domain/org.ts';
import { RECORD_ID_MAX, campaignIdOf, campaignPartIdOf, campaignUnitIdOf, mintRecordId, parseCampaignUnitId, parseRecordId, unitOfRecord } from '../../src/domain/sync/ids.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import { CampaignPlanSeed } from '../../src/seed/campaign-schema.ts';
import { ChecklistTemplate } from '../../src/domain/checklist.ts';

const plan = CampaignPlanSeed.parse(raw);
const district = ChecklistTemplate.parse(districtJson);
const departments = plan.outlines.find((o) => o.level === 'district')!.departments;
const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/);

describe('record ids of a department’s response and a team’s report', () => {
  it('mint and parse one way only, naming the campaign’s unit', () => {
    fc.assert(
      fc.property(segment, segment, segment, segment, (unit, slug, at, part) => {
        const campaign = campaignIdOf(unit, slug);
        const id = campaignPartIdOf(campaign, at, part);
        expect(parseCampaignUnitId(id)).toEqual({ campaign, unit: at, part });
        for (const coll of ['inspection', 'campaignAnswer'] as const) {
          const ref = parseRecordId(coll, id)!;
          expect(ref).toEqual({ coll, campaign, unit: at, part });
          expect(mintRecordId(ref)).toBe(id);
          expect(unitOfRecord(coll, id)).toEqual({ ok: true, unit: at });
        }
        // The unit's own record has no part and is another id.
        expect(parseCampaignUnitId(campaignUnitIdOf(campaign, at))).toEqual({ campaign, unit: at });
        expect(campaignUnitIdOf(campaign, at)).not.toBe(id);
      }),
    );
    expect(campaignPartIdOf('qx:kt-2023', 'qx', 'noi-vu')).toBe('qx:kt-2023@qx~noi-vu');
    for (const bad of ['qx:kt-2023@qx~', 'qx:kt-2023@~noi-vu', 'qx:kt-2023@qx~a~b', 'qx:kt-2023@qx~a@b']) expect(parseCampaignUnitId(bad), bad).toBeNull();
    expect(() => campaignPartIdOf('qx:kt-2023', 'qx', 'a~b')).toThrow();
  });
});

describe('the seeded district outline and its departments', () => {
  it('gives each of the 9 departments a stable id and no accounts; every item lies in its own section', () => {
    expect(departments.map((d) => d.id)).toEqual(['noi-vu', 'vhtt-mot-cua', 'tckh', 'tu-phap', 'y-te', 'ldtbxh', 'tnmt', 'gddt', 'khac']);
    for (const d of departments) expect(d.people).toEqual([]);
    const ids = district.sections.map((s) => s.id);
    for (const s of district.sections) for (const i of s.items) expect(sectionOfItem(i.id, ids), i.id).toBe(s.id);
    // "A.10.1" is in A.10, not A.1.
    expect(sectionOfItem('A.10.1', ['A.1', 'A.10'])).toBe('A.10');
  });

  it('a department answers the 11 common sections and its own', () => {
    const common = district.sections.map((s) => s.id).filter((id) => /^A\.\d+$/.test(id));
    expect(common).toHaveLength(11);
    expect(departmentSections(district, departments, 'noi-vu')).toEqual([...common, 'A.NV']);
    expect(departmentSections(district, departments, 'vhtt-mot-cua')).toEqual([...common, 'A.VHTT.DVC', 'A.VHTT.SH', 'A.VHTT.HT']);
  });
});

// ── Who writes a department's response, and which fields ───────────────────────────────

const units: OrgUnit[] = [
  { id: 'qx', name: 'huyện Quảng Xương', level: 'district', parentId: null, placeholder: false },
  { id: 'qx-a', name: 'xã A', level: 'commune', parentId: 'qx', placeholder: false },
];
const tree = new Map(units.map((u) => [u.id, u]));
const campaignOf = (deps: OutlineDepartment[]): Campaign => ({
  id: 'qx:kt',
  unitId: 'qx',
  title: 'Kiểm tra',
  basis: '',
  window: { from: '2023-08-03', before: '2023-08-25' },
  rules: { registerBefore: '2023-08-01', noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: '2023-08-30' },
  teams: [{ id: 'doan-1', name: 'Đoàn kiểm tra số 01', lead: 'Công an huyện', members: [], people: ['qx.doan1'], units: ['qx-a'], bodies: [] }],
  outlines: [{ templateId: 'inspection-district', level: 'district', dataFrom: '2022-01-01', dataTo: '2023-06-30', departments: deps }],
});

describe('a department’s response: its people, its sections', () => {
  const deps = departments.map((d) => (d.id === 'noi-vu' ? { ...d, people: ['qx.noivu'] } : d));
  const scope = campaignScopeOf(campaignOf(deps));
  const noivu = { role: 'districtOfficer' as const, unitId: 'qx', username: 'qx.noivu' };
  const officer = { role: 'districtOfficer' as const, unitId: 'qx', username: 'quangxuong.huyen' };
  const commune = { role: 'communeStanding' as const, unitId: 'qx-a', username: 'a.congan' };
  const target = (part: string, unit = 'qx') => ({ coll: 'campaignAnswer' as const, unit, campaign: scope, part });

  it('a department with accounts is answered by them only; one without by an officer of the campaign’s unit', () => {
    expect(writeRefusal(noivu, target('noi-vu'), tree)).toBeNull();
    expect(writeRefusal(officer, target('noi-vu'), tree)).toMatch(/Chỉ tài khoản được giao của Phòng Nội vụ/);
    expect(writeRefusal(officer, target('tu-phap'), tree)).toBeNull();
    expect(writeRefusal(commune, target('tu-phap'), tree)).toMatch(/chưa được giao tài khoản/);
    expect(writeRefusal({ role: 'provinceOfficer', unitId: 'th', username: 'th.tinh' }, target('tu-phap'), tree)).toMatch(/chưa được giao tài khoản/);
    // Not a department of the outline; not filed under the campaign's unit.
    expect(writeRefusal(officer, target('phong-x'), tree)).toMatch(/không có phòng, ban đó/);
    expect(writeRefusal(noivu, target('noi-vu', 'qx-a'), tree)).toMatch(/lưu dưới đơn vị lập đợt kiểm tra/);
    // Without a district outline there are no department responses.
    expect(writeRefusal(officer, { ...target('tu-phap'), campaign: { ...scope, ownOutline: false } }, tree)).toMatch(/không có phòng, ban đó/);
  });

  it('a department may write the common sections and its own, never another department’s (property)', () => {
    const sections = district.sections.map((s) => s.id);
    const owner = new Map(departments.flatMap((d) => d.sections.map((s) => [s, d.id] as const)));
    fc.assert(
      fc.property(fc.constantFrom(...departments.map((d) => d.id)), fc.constantFrom(...sections), fc.stringMatching(/^[0-9a-z.]{1,6}$/), (dept, section, rest) => {
        const field = `a.${section}.${rest}`;
        const refusal = campaignFieldRefusal('campaignAnswer', dept, field, scope);
        const ownerOf = owner.get(section);
        expect(refusal === null, `${dept} ${field}`).toBe(ownerOf === undefined || ownerOf === dept);
        if (refusal) expect(refusal).toContain(field);
      }),
      { numRuns: 500 },
    );
    expect(campaignFieldRefusal('campaignAnswer', 'noi-vu', 'sentOn', scope)).toBeNull();
    // The working group's synthesis (no part) is the district's record as before: every section.
    expect(campaignFieldRefusal('campaignAnswer', null, 'a.A.TP.1.a', scope)).toBeNull();
  });
});

describe('a team’s report (003 §V.2(4))', () => {
  const scope: CampaignScope = campaignScopeOf(campaignOf(departments));
  const member = { role: 'districtOfficer' as const, unitId: 'qx', username: 'qx.doan1' };
  const officer = { role: 'districtOfficer' as const, unitId: 'qx', username: 'quangxuong.huyen' };
  const target = (part: string) => ({ coll: 'inspection' as const, unit: 'qx', campaign: scope, part });

  it('is written by the team’s people, holds only the report’s fields, and a visit record never holds them', () => {
    expect(writeRefusal(member, target('doan-1'), tree)).toBeNull();
    expect(writeRefusal(officer, target('doan-1'), tree)).toMatch(/Chỉ thành viên Đoàn kiểm tra số 01/);
    expect(writeRefusal(member, target('doan-9'), tree)).toMatch(/không có đoàn đó/);
    expect(campaignFieldRefusal('inspection', 'doan-1', 'report', scope)).toBeNull();
    expect(campaignFieldRefusal('inspection', 'doan-1', 'reportSentOn', scope)).toBeNull();
    expect(campaignFieldRefusal('inspection', 'doan-1', 'conclusion', scope)).toMatch(/không ghi vào báo cáo của đoàn/);
    expect(campaignFieldRefusal('inspection', null, 'report', scope)).toMatch(/thuộc báo cáo của đoàn/);
    expect(campaignFieldRefusal('inspection', null, 'conclusion', scope)).toBeNull();
  });

  it('is due the day before "trước ngày 30/8/2023" and late when sent after, or not sent once that day has passed', () => {
    const c = campaignOf(departments);
    expect(teamReportState(c, {}, '2023-08-29')).toEqual({ due: '2023-08-29', sentOn: null, late: false });
    expect(teamReportState(c, {}, '2023-08-30')).toEqual({ due: '2023-08-29', sentOn: null, late: true });
    expect(teamReportState(c, { reportSentOn: '2023-08-29' }, '2023-09-30').late).toBe(false);
    expect(teamReportState(c, { reportSentOn: '2023-08-30' }, '2023-09-30')).toEqual({ due: '2023-08-29', sentOn: '2023-08-30', late: true });
    expect(teamReportState({ rules: { ...c.rules, reportBefore: null } }, {}, '2030-01-01')).toEqual({ due: null, sentOn: null, late: false });
  });
});

// ── The merged district answer ─────────────────────────────────────────────────────────

describe('the district’s answer merged from its departments', () => {
  it('by hand: a common item lists the group and each department that answered it; an own section only its department', () => {
    const merged = mergeDistrictAnswer(
      district,
      departments,
      { 'a.A.1.1': 'Tổng hợp của Tổ công tác', 'a.A.NV.1.a': true },
      new Map<string, Record<string, FieldValue>>([
        ['noi-vu', { 'a.A.1.1': 'Phòng Nội vụ đã ban hành 3 văn bản', 'a.A.NV.1.a': false, sentOn: '2023-08-01' }],
        ['tu-phap', { 'a.A.1.1': 'Phòng Tư pháp đã ban hành 1 văn bản', 'a.A.NV.1.a': true, 'a.A.TP.1.a': 'Có' }],
      ]),
    );
    const item = (id: string) => merged.sections.flatMap((s) => s.items).find((i) => i.itemId === id)!;
    expect(item('A.1.1').answers).toEqual([
      { source: { kind: 'group' }, value: 'Tổng hợp của Tổ công tác' },
      { source: { kind: 'department', id: 'noi-vu', name: 'Phòng Nội vụ' }, value: 'Phòng Nội vụ đã ban hành 3 văn bản' },
      { source: { kind: 'department', id: 'tu-phap', name: 'Phòng Tư pháp' }, value: 'Phòng Tư pháp đã ban hành 1 văn bản' },
    ]);
    // Tư pháp's answer in Nội vụ's section is not Nội vụ's and is not shown.
    expect(item('A.NV.1.a').answers.map((a) => (a.source.kind === 'group' ? 'group' : a.source.id))).toEqual(['group', 'noi-vu']);
    expect(item('A.TP.1.a').answers.map((a) => a.value)).toEqual(['Có']);
    expect(merged.sections.find((s) => s.sectionId === 'A.NV')!.owner).toBe('noi-vu');
    expect(merged.sections.find((s) => s.sectionId === 'A.1')!.owner).toBeNull();
    expect(merged.sent).toBe(1);
    expect(merged.departments.find((d) => d.id === 'noi-vu')).toMatchObject({ sentOn: '2023-08-01', answered: 2 });
    expect(merged.departments.find((d) => d.id === 'tu-phap')).toMatchObject({ sentOn: null, answered: 2 });
  });

  it('every answer shown is its writer’s and sits in its writer’s part; sent counts the valid days (property)', () => {
    const items = district.sections.flatMap((s) => s.items.map((i) => i.id));
    const answer = fc.oneof(fc.constant(''), fc.constant(null), fc.boolean(), fc.integer({ min: 0, max: 99 }), fc.constantFrom('Có', 'Đã ban hành'));
    const record = fc.record({
      answers: fc.dictionary(fc.constantFrom(...items), answer, { maxKeys: 30 }),
      sentOn: fc.constantFrom(undefined, '2023-08-01', '2023-02-30', 'x'),
    });
    const values = (r: { answers: Record<string, FieldValue>; sentOn: string | undefined }): Record<string, FieldValue> => ({
      ...Object.fromEntries(Object.entries(r.answers).map(([k, v]) => [`a.${k}`, v])),
      ...(r.sentOn !== undefined ? { sentOn: r.sentOn } : {}),
    });
    fc.assert(
      fc.property(record, fc.dictionary(fc.constantFrom(...departments.map((d) => d.id)), record), (g, rs) => {
        const group = values(g);
        const responses = new Map(Object.entries(rs).map(([k, r]) => [k, values(r)]));
        const merged = mergeDistrictAnswer(district, departments, group, responses);
        // Collected, then asserted once: an expect per item would make 200 runs take seconds.
        const wrong: string[] = [];
        const given = (v: FieldValue | undefined) => v !== undefined && v !== null && v !== '';
        for (const section of merged.sections) {
          for (const item of section.items) {
            const field = `a.${item.itemId}`;
            for (const a of item.answers) {
              const source = a.source.kind === 'group' ? group : responses.get(a.source.id)!;
              if (source[field] !== a.value || !given(a.value)) wrong.push(`${field}: not its writer's value`);
              if (a.source.kind === 'department' && section.owner !== null && a.source.id !== section.owner) wrong.push(`${field}: ${a.source.id} outside its part`);
            }
            // Nothing answered in its writer's part is left out.
            const writers = departments.filter((d) => section.owner === null || d.id === section.owner).filter((d) => given(responses.get(d.id)?.[field]));
            if (item.answers.length !== (given(group[field]) ? 1 : 0) + writers.length) wrong.push(`${field}: ${item.answers.length} answers`);
          }
        }
        expect(wrong).toEqual([]);
        expect(merged.sent).toBe([...responses.values()].filter((v) => v.sentOn === '2023-08-01').length);
        for (const d of merged.departments) expect(d.answered).toBeLessThanOrEqual(d.total);
      }),
      { numRuns: 100 },
    );
  });
});

// ── Security review of issue 11 ─────────────────────────────────────────────────────────

describe('the working group: the campaign unit’s officers the campaign does not list', () => {
  const people = ['qx.a', 'qx.b', 'qx.c', 'qx.d', 'qx.e'];
  const pick = fc.subarray(people, { maxLength: 2 });
  const campaignArb = fc.record({ team1: pick, team2: pick, noivu: pick, tuphap: pick }).map(({ team1, team2, noivu, tuphap }) => {
    const c = campaignOf(departments.map((d) => (d.id === 'noi-vu' ? { ...d, people: noivu } : d.id === 'tu-phap' ? { ...d, people: tuphap } : d)));
    return { ...c, teams: [{ ...c.teams[0]!, people: team1 }, { ...c.teams[0]!, id: 'doan-2', name: 'Đoàn 2', people: team2, units: [] }] };
  });

  it('a listed person never edits the campaign, writes the synthesis or a department’s paper entry; an unlisted officer of the unit does (property)', () => {
    fc.assert(
      fc.property(campaignArb, fc.constantFrom(...people), (c, username) => {
        const scope = campaignScopeOf(c);
        const writer = { role: 'districtOfficer' as const, unitId: 'qx', username };
        const listed = c.teams.some((t) => t.people.includes(username)) || c.outlines.some((o) => o.departments.some((d) => d.people.includes(username)));
        const may = (t: Parameters<typeof writeRefusal>[1]) => writeRefusal(writer, t, tree) === null;
        expect(isWorkingGroup(writer, scope)).toBe(!listed);
        expect(may({ coll: 'campaign', unit: 'qx', campaign: scope })).toBe(!listed);
        expect(may({ coll: 'campaignAnswer', unit: 'qx', campaign: scope })).toBe(!listed);
        for (const d of scope.departments) {
          // A department with accounts: exactly those; without: the working group.
          const expected = d.people.length > 0 ? d.people.includes(username) : !listed;
          expect(may({ coll: 'campaignAnswer', unit: 'qx', campaign: scope, part: d.id }), d.id).toBe(expected);
        }
        for (const t of scope.teams) expect(may({ coll: 'inspection', unit: 'qx', campaign: scope, part: t.id })).toBe(t.people.includes(username));
        // Creating a campaign (none stored yet): any officer of the unit.
        expect(may({ coll: 'campaign', unit: 'qx', campaign: null })).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the admin is always the working group; a listed person is refused with campaign/not-member, a wrong unit with auth/forbidden-unit', () => {
    const scope = campaignScopeOf(campaignOf(departments));
    expect(isWorkingGroup({ role: 'admin', unitId: '' }, scope)).toBe(true);
    expect(campaignWriteRefusal({ role: 'districtOfficer', unitId: 'qx', username: 'qx.doan1' }, { coll: 'campaign', unit: 'qx', campaign: scope }, tree)?.code).toBe('campaign/not-member');
    expect(campaignWriteRefusal({ role: 'districtOfficer', unitId: 'qx', username: 'qx.doan1' }, { coll: 'campaignAnswer', unit: 'qx', campaign: scope, part: 'tu-phap' }, tree)?.code).toBe('campaign/not-member');
    expect(campaignWriteRefusal({ role: 'communeStanding', unitId: 'qx-a', username: 'a.congan' }, { coll: 'campaign', unit: 'qx', campaign: scope }, tree)?.code).toBe('auth/forbidden-unit');
  });
});

describe('outlines saved by the previous release', () => {
  const values = (outlines: unknown) => ({ ...campaignOf([]), outlines }) as unknown as Record<string, FieldValue>;
  it('departments without id and people parse with ids from their names and no accounts; one bad outline does not drop the others', () => {
    const old = [
      { templateId: 'inspection-commune', level: 'commune', dataFrom: '2022-01-01', dataTo: '2023-05-31', departments: [] },
      { templateId: 'inspection-district', level: 'district', dataFrom: '2022-01-01', dataTo: '2023-06-30', departments: plan.outlines[1]!.departments.map(({ name, sections }) => ({ name, sections })) },
      { templateId: 'inspection-district', level: 'nowhere', dataFrom: 'x', dataTo: 'y', departments: [] },
    ];
    const c = parseCampaign('qx:kt', 'qx', values(old))!;
    expect(c.outlines.map((o) => o.level)).toEqual(['commune', 'district']);
    const ds = c.outlines[1]!.departments;
    expect(ds[0]).toEqual({ id: 'phong-noi-vu', name: 'Phòng Nội vụ', sections: ['A.NV'], people: [] });
    // Ids are unique, valid part ids, and the same on every read.
    expect(new Set(ds.map((d) => d.id)).size).toBe(ds.length);
    for (const d of ds) expect(() => campaignPartIdOf('qx:kt-2023', 'qx', d.id)).not.toThrow();
    expect(parseCampaign('qx:kt', 'qx', values(old))!.outlines).toEqual(c.outlines);
    expect(campaignScopeOf(c).ownOutline).toBe(true);
    // Two departments of one name, and a name with no letters: still distinct ids.
    expect(departmentIdsOf([{ name: 'Phòng A', sections: [] }, { name: 'Phòng A', sections: [] }, { name: '…', sections: [] }]).map((d) => d.id)).toEqual(['phong-a', 'phong-a-2', 'phong-3']);
  });
});

describe('which department owns an item: one rule for the server, the form and the merge', () => {
  it('a department may write an item exactly when the form shows its section to it and the merge shows its answer there (property)', () => {
    const ids = district.sections.map((s) => s.id);
    const own = ids.filter((id) => !/^A\.\d+$/.test(id));
    const assignment = fc.array(fc.constantFrom(...own), { maxLength: 6 }).map((sections) => [...new Set(sections)]);
    fc.assert(
      fc.property(assignment, assignment, (a, b) => {
        const deps: OutlineDepartment[] = [
          { id: 'p1', name: 'Phòng 1', sections: a, people: [] },
          { id: 'p2', name: 'Phòng 2', sections: b.filter((s) => !a.includes(s)), people: [] },
        ];
        const scope = campaignScopeOf(campaignOf(deps), () => ids);
        const responses = new Map(deps.map((d) => [d.id, Object.fromEntries(district.sections.flatMap((s) => s.items.map((i) => [`a.${i.id}`, 'Có'] as const)))]));
        const merged = mergeDistrictAnswer(district, deps, undefined, responses);
        const wrong: string[] = [];
        for (const d of deps) {
          const shown = new Set(departmentSections(district, deps, d.id));
          for (const section of merged.sections) {
            for (const item of section.items) {
              const server = campaignFieldRefusal('campaignAnswer', d.id, `a.${item.itemId}`, scope) === null;
              const inMerge = item.answers.some((x) => x.source.kind === 'department' && x.source.id === d.id);
              if (server !== shown.has(section.sectionId) || server !== inMerge) wrong.push(`${d.id} ${item.itemId}: server ${server}, form ${shown.has(section.sectionId)}, merge ${inMerge}`);
            }
          }
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('part ids fit a record id', () => {
  it('minting refuses an id longer than RecordId allows; the schema keeps team and department ids short; the campaign’s rules check the sum', () => {
    expect(RecordId.safeParse('a'.repeat(RECORD_ID_MAX)).success).toBe(true);
    expect(RecordId.safeParse('a'.repeat(RECORD_ID_MAX + 1)).success).toBe(false);
    const campaign = campaignIdOf('qx', 's'.repeat(60)); // 63 characters: a part id of the campaign's unit may have 120 − 63 − 4 = 53
    expect(campaignPartIdOf(campaign, 'qx', 'p'.repeat(53))).toHaveLength(RECORD_ID_MAX);
    expect(() => campaignPartIdOf(campaign, 'qx', 'p'.repeat(54))).toThrow(/quá 120/);
    const team = { ...campaignOf([]).teams[0]! };
    expect(CAMPAIGN_FIELDS.teams.safeParse([{ ...team, id: 'd'.repeat(PART_ID_MAX) }]).success).toBe(true);
    expect(CAMPAIGN_FIELDS.teams.safeParse([{ ...team, id: 'd'.repeat(PART_ID_MAX + 1) }]).success).toBe(false);
    expect(campaignProblems({ teams: [{ ...team, id: 'd'.repeat(PART_ID_MAX) }] }, { campaignId: campaign })).toEqual([]);
    // A campaign id of unit and slug at their longest leaves no room: the rules say so before anything is minted.
    const longest = campaignIdOf('u'.repeat(40), 's'.repeat(40));
    expect(campaignProblems({ teams: [team] }, { campaignId: longest })).toEqual([{ field: 'teams.0.id', message: expect.stringMatching(/quá dài/) }]);
  });
});
