// Campaign due dates and per-unit state (src/domain/campaign.ts) as properties over random
// campaigns, visits and days, with the 003 rules worked by hand as examples; who may write a
// campaign's records (access.ts) and who pulls them (subscriptions.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, campaignScopeOf, unitDueDates, unitState, type Campaign, type UnitRecordState } from '../../src/domain/campaign.ts';
import { isWorkingDay } from '../../src/domain/working-days.ts';
import { writeRefusal } from '../../src/domain/access.ts';
import { subscriptionFor, pullMatches } from '../../src/domain/subscriptions.ts';
import type { OrgUnit } from '../../src/domain/org.ts';
import { campaignIdOf, campaignUnitIdOf, parseRecordId, unitOfRecord } from '../../src/domain/sync/ids.ts';
import { checkChangeValue } from '../../src/domain/sync/collections.ts';

const DAY = 86_400_000;
const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dateArb = fc.integer({ min: day('2023-01-01') / DAY, max: day('2027-10-31') / DAY }).map((n) => iso(n * DAY));
/** Working days d with from ≤ d < to, counted one by one. */
const workingIn = (from: string, to: string) => {
  let n = 0;
  for (let t = day(from); t < day(to); t += DAY) if (isWorkingDay(iso(t))) n++;
  return n;
};

const rulesArb = fc.record({
  registerBefore: fc.option(dateArb, { nil: null }),
  noticeWorkingDays: fc.integer({ min: 0, max: 10 }),
  conclusionWorkingDays: fc.integer({ min: 0, max: 15 }),
  reportBefore: fc.option(dateArb, { nil: null }),
});
const campaignArb = fc.record({
  window: fc.tuple(dateArb, fc.integer({ min: 1, max: 60 })).map(([from, n]) => ({ from, before: addDays(from, n) })),
  rules: rulesArb,
});
const stateArb: fc.Arbitrary<UnitRecordState> = fc.record({
  scheduledOn: fc.option(dateArb, { nil: null }),
  notifiedOn: fc.option(dateArb, { nil: null }),
  visitedOn: fc.option(dateArb, { nil: null }),
  concludedOn: fc.option(dateArb, { nil: null }),
  conclusion: fc.constantFrom('', 'Kết luận: đạt yêu cầu'),
  answersSentOn: fc.option(dateArb, { nil: null }),
});

// 003 as written: window 03/8–before 25/8/2023, register before 01/8, notice ≥ 2 working days
// before, conclusion within 5 working days, report before 30/8.
const QX = { window: { from: '2023-08-03', before: '2023-08-25' }, rules: { registerBefore: '2023-08-01', noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: '2023-08-30' } };

describe('campaign due dates (003 §V.2, Vietnamese working days)', () => {
  it('works the 2023 rules by hand', () => {
    // A visit on Thursday 03/8/2023: notice by Tuesday 01/8; the unit's report by the visit,
    // where it reports to the team (§III.2); the visit before 25/8; the teams' report before 30/8.
    const thursday = unitDueDates(QX, { scheduledOn: '2023-08-03', visitedOn: null });
    expect(thursday).toMatchObject({ register: '2023-07-31', notice: '2023-08-01', answers: '2023-08-03', visit: '2023-08-24', report: '2023-08-29' });
    // A visit on Monday 07/8: two working days before are Thursday 03/8 and Friday 04/8.
    expect(unitDueDates(QX, { scheduledOn: '2023-08-07', visitedOn: null }).notice).toBe('2023-08-03');
    // A visit on Thursday 31/8/2023: Friday 1/9 and Monday 4/9 are the Quốc khánh break, so the
    // 5 working days are 5, 6, 7, 8 and 11/9.
    expect(unitDueDates(QX, { scheduledOn: null, visitedOn: '2023-08-31' }).conclusion).toBe('2023-09-11');
    // Thursday 24/8: 25, 28, 29, 30, 31/8.
    expect(unitDueDates(QX, { scheduledOn: '2023-08-24', visitedOn: '2023-08-24' }).conclusion).toBe('2023-08-31');
  });

  it('a conclusion is due N working days after the visit, on a working day', () => {
    fc.assert(
      fc.property(campaignArb, dateArb, (c, visit) => {
        const due = unitDueDates(c, { scheduledOn: null, visitedOn: visit }).conclusion!;
        expect(due >= visit).toBe(true);
        if (c.rules.conclusionWorkingDays > 0) {
          expect(isWorkingDay(due)).toBe(true);
          // Exactly N working days in (visit, due].
          expect(workingIn(addDays(visit, 1), addDays(due, 1))).toBe(c.rules.conclusionWorkingDays);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a notice is due on a working day with exactly N working days from it to the visit', () => {
    fc.assert(
      fc.property(campaignArb, dateArb, (c, visit) => {
        const due = unitDueDates(c, { scheduledOn: visit, visitedOn: null }).notice!;
        if (c.rules.noticeWorkingDays === 0) return void expect(due).toBe(visit);
        expect(due < visit).toBe(true);
        expect(isWorkingDay(due)).toBe(true);
        expect(workingIn(due, visit)).toBe(c.rules.noticeWorkingDays);
        // And no later day would do: the day after leaves one working day too few.
        expect(workingIn(addDays(due, 1), visit)).toBe(c.rules.noticeWorkingDays - 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('per-unit state', () => {
  it('a step done on or before its due day is never late; one not done is late exactly once its due day has passed', () => {
    fc.assert(
      fc.property(campaignArb, stateArb, dateArb, (c, s, today) => {
        const st = unitState(c, s, today);
        const due = st.due;
        const lateOf = (step: string) => st.late.find((l) => l.step === step);
        if (s.notifiedOn !== null && due.notice !== null) expect(!!lateOf('notice')).toBe(s.notifiedOn > due.notice);
        if (s.notifiedOn === null && due.notice !== null) expect(!!lateOf('notice')).toBe(today > due.notice);
        if (s.answersSentOn !== null && due.answers !== null) expect(!!lateOf('answers')).toBe(s.answersSentOn > due.answers);
        if (s.scheduledOn === null) {
          expect(lateOf('notice')).toBeUndefined();
          expect(!!lateOf('register')).toBe(due.register !== null && today > due.register);
        } else expect(lateOf('register')).toBeUndefined();
        const concluded = s.concludedOn !== null && s.conclusion !== '';
        if (s.visitedOn === null) expect(lateOf('conclusion')).toBeUndefined();
        else if (concluded) expect(!!lateOf('conclusion')).toBe(s.concludedOn! > due.conclusion!);
        else expect(!!lateOf('conclusion')).toBe(today > due.conclusion!);
        for (const l of st.late) if (l.doneOn === null) expect(today > l.due).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('lateness of what is not done only grows as the days pass', () => {
    fc.assert(
      fc.property(campaignArb, stateArb, dateArb, fc.integer({ min: 1, max: 40 }), (c, s, today, later) => {
        const before = new Set(unitState(c, s, today).late.map((l) => l.step));
        const after = new Set(unitState(c, s, addDays(today, later)).late.map((l) => l.step));
        for (const step of before) expect(after.has(step)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('the stage is the furthest step reached in the plan’s order', () => {
    fc.assert(
      fc.property(campaignArb, stateArb, dateArb, (c, s, today) => {
        const st = unitState(c, s, today);
        const order = ['scheduled', 'notified', 'answered', 'inspected', 'concluded'] as const;
        const reached = order.filter((step) => st.steps[step]);
        expect(st.stage).toBe(reached.at(-1) ?? null);
        expect(st.steps.concluded).toBe(s.concludedOn !== null && s.conclusion.trim() !== '');
      }),
      { numRuns: 500 },
    );
  });

  it('a unit scheduled in the past, visited, not concluded after the 5 working days is late for its conclusion', () => {
    const s: UnitRecordState = { scheduledOn: '2023-08-10', notifiedOn: '2023-08-07', visitedOn: '2023-08-10', concludedOn: null, conclusion: '', answersSentOn: '2023-08-09' };
    expect(unitState(QX, s, '2023-08-17').late).toEqual([]);
    expect(unitState(QX, s, '2023-08-18').late).toEqual([{ step: 'conclusion', due: '2023-08-17', doneOn: null }]);
    const done = unitState(QX, { ...s, concludedOn: '2023-08-15', conclusion: 'Đạt' }, '2023-09-30');
    expect(done.stage).toBe('concluded');
    expect(done.late).toEqual([]);
  });
});

describe('who writes a campaign’s records, who pulls them', () => {
  const units: OrgUnit[] = [
    { id: 'th', name: 'tỉnh Thanh Hóa', level: 'province', parentId: null, placeholder: false },
    { id: 'qx', name: 'huyện Quảng Xương', level: 'district', parentId: 'th', placeholder: false },
    { id: 'qx-a', name: 'xã A', level: 'commune', parentId: 'qx', placeholder: false },
    { id: 'qx-b', name: 'xã B', level: 'commune', parentId: 'qx', placeholder: false },
    { id: 'qx-a-1', name: 'thôn 1', level: 'village', parentId: 'qx-a', placeholder: false },
  ];
  const tree = new Map(units.map((u) => [u.id, u]));
  const c: Campaign = {
    id: 'qx:kt',
    unitId: 'qx',
    title: 'Kiểm tra',
    basis: '',
    ...QX,
    teams: [
      { id: 'd1', name: 'Đoàn 1', lead: 'Công an huyện', members: [], people: ['qx.doan1'], units: ['qx-a'], bodies: [] },
      { id: 'd2', name: 'Đoàn 2', lead: 'Phòng Tư pháp', members: [], people: ['qx.doan2'], units: ['qx-b'], bodies: [] },
    ],
    outlines: [],
  };
  const campaign = campaignScopeOf(c);
  const district = { role: 'districtOfficer' as const, unitId: 'qx', username: 'quangxuong.huyen' };
  const member1 = { role: 'districtOfficer' as const, unitId: 'qx', username: 'qx.doan1' };
  const communeA = { role: 'communeStanding' as const, unitId: 'qx-a', username: 'a.congan' };

  it('the district creates its campaign; no commune, and no other district, can', () => {
    expect(writeRefusal(district, { coll: 'campaign', unit: 'qx' }, tree)).toBeNull();
    expect(writeRefusal(communeA, { coll: 'campaign', unit: 'qx' }, tree)).toMatch(/Chỉ Tổ công tác cấp huyện, tỉnh/);
    expect(writeRefusal(communeA, { coll: 'campaign', unit: 'qx-a' }, tree)).toMatch(/Chỉ Tổ công tác cấp huyện, tỉnh/);
    expect(writeRefusal({ role: 'provinceOfficer', unitId: 'th' }, { coll: 'campaign', unit: 'qx' }, tree)).toMatch(/chính đơn vị mình/);
  });

  it('only the people of the team that inspects a unit record its inspection — not the district, not the unit itself', () => {
    expect(writeRefusal(member1, { coll: 'inspection', unit: 'qx-a', campaign }, tree)).toBeNull();
    expect(writeRefusal(member1, { coll: 'inspection', unit: 'qx-b', campaign }, tree)).toMatch(/Chỉ thành viên đoàn kiểm tra/);
    expect(writeRefusal(district, { coll: 'inspection', unit: 'qx-a', campaign }, tree)).toMatch(/Chỉ thành viên đoàn kiểm tra/);
    expect(writeRefusal(communeA, { coll: 'inspection', unit: 'qx-a', campaign }, tree)).toMatch(/Chỉ thành viên đoàn kiểm tra/);
    expect(writeRefusal(member1, { coll: 'inspection', unit: 'qx-a', campaign: null }, tree)).toMatch(/không có trên máy chủ/);
  });

  it('the inspected commune answers its outline; the team, its villages and other communes do not', () => {
    expect(writeRefusal(communeA, { coll: 'campaignAnswer', unit: 'qx-a', campaign }, tree)).toBeNull();
    expect(writeRefusal(communeA, { coll: 'campaignAnswer', unit: 'qx-b', campaign }, tree)).toMatch(/chính đơn vị mình/);
    expect(writeRefusal(member1, { coll: 'campaignAnswer', unit: 'qx-a', campaign }, tree)).toMatch(/chính đơn vị mình/);
    expect(writeRefusal({ role: 'villageMember', unitId: 'qx-a-1' }, { coll: 'campaignAnswer', unit: 'qx-a', campaign }, tree)).not.toBeNull();
    // The district answers the district outline only when the campaign has one.
    expect(writeRefusal(district, { coll: 'campaignAnswer', unit: 'qx', campaign }, tree)).toMatch(/không được kiểm tra/);
    expect(writeRefusal(district, { coll: 'campaignAnswer', unit: 'qx', campaign: { ...campaign, ownOutline: true } }, tree)).toBeNull();
  });

  it('a commune pulls its district’s campaigns and its own records; the district its communes’ inspections and answers', () => {
    const commune = subscriptionFor({ role: 'communeStanding', unitId: 'qx-a', communeId: 'qx-a', subtree: ['qx-a', 'qx-a-1'], assignedAdoptions: [], ancestors: ['qx', 'th'] });
    expect(pullMatches(commune, 'campaign', 'qx', null)).toBe(true);
    expect(pullMatches(commune, 'inspection', 'qx-a', null)).toBe(true);
    expect(pullMatches(commune, 'campaignAnswer', 'qx-a', null)).toBe(true);
    expect(pullMatches(commune, 'inspection', 'qx-b', null)).toBe(false);
    expect(pullMatches(commune, 'checklist', 'qx', null)).toBe(false);
    const officer = subscriptionFor({ role: 'districtOfficer', unitId: 'qx', communeId: null, subtree: ['qx', 'qx-a', 'qx-a-1', 'qx-b'], assignedAdoptions: [], ancestors: ['th'] });
    expect(pullMatches(officer, 'inspection', 'qx-b', null)).toBe(true);
    expect(pullMatches(officer, 'campaignAnswer', 'qx-a', null)).toBe(true);
    expect(pullMatches(officer, 'checklist', 'qx-a', null)).toBe(false);
    expect(pullMatches(officer, 'campaign', 'th', null)).toBe(true);
    const village = subscriptionFor({ role: 'villageMember', unitId: 'qx-a-1', communeId: 'qx-a', subtree: ['qx-a-1'], assignedAdoptions: [], ancestors: ['qx-a', 'qx', 'th'] });
    expect(pullMatches(village, 'campaign', 'qx', null)).toBe(false);
    expect(pullMatches(village, 'inspection', 'qx-a', null)).toBe(false);
  });

  it('ids name the unit inspected; values are checked per field', () => {
    const id = campaignUnitIdOf(campaignIdOf('qx', 'kt-2023'), 'qx-a');
    expect(id).toBe('qx:kt-2023@qx-a');
    expect(parseRecordId('inspection', id)).toEqual({ coll: 'inspection', campaign: 'qx:kt-2023', unit: 'qx-a' });
    expect(unitOfRecord('campaignAnswer', id)).toEqual({ ok: true, unit: 'qx-a' });
    expect(unitOfRecord('campaign', 'qx:kt-2023')).toEqual({ ok: true, unit: 'qx' });
    expect(unitOfRecord('inspection', 'qx:kt-2023').ok).toBe(false);
    expect(checkChangeValue('inspection', 'concludedOn', '2023-02-30')).toMatch(/không tồn tại/);
    expect(checkChangeValue('campaignAnswer', 'a.I.1.1', 'Đã ban hành')).toBeNull();
    expect(checkChangeValue('campaignAnswer', 'sentOn', '2023-08-02')).toBeNull();
    expect(checkChangeValue('campaign', 'teams', [])).toMatch(/ít nhất một đoàn/);
  });
});
