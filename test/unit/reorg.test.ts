// Reorganisations as data (src/domain/reorg.ts). The oracle of the property tests is the list
// of records itself: whatever the merges and dissolutions, summing the records by the units
// they were filed under must give the province the same total, each record must count in
// exactly one open commune, and a merged unit's month before the merge must be the sum of its
// predecessors' — computed here from the records, not from the roll-up code.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkTree, indexUnits, isWithin, subtree, type OrgUnit } from '../../src/domain/org.ts';
import {
  applyChanges,
  planReorg,
  predecessorsOf,
  reorgNotice,
  rollsInto,
  successorsOf,
  treeAsOf,
  vnDate,
  type ReorgEvent,
  type ReorgSpec,
  type ReorgUnit,
} from '../../src/domain/reorg.ts';

const TODAY = '2026-12-02';
const unit = (id: string, level: OrgUnit['level'], parentId: string | null, name = id): OrgUnit => ({ id, name, level, parentId, placeholder: false });

/** A province, `districts` districts, communes spread over them, two villages per commune. */
function baseTree(districts: number, communes: number[]): OrgUnit[] {
  const units = [unit('p', 'province', null, 'tỉnh P')];
  for (let d = 0; d < districts; d++) units.push(unit(`d${d}`, 'district', 'p', `huyện D${d}`));
  communes.forEach((d, i) => {
    units.push(unit(`c${i}`, 'commune', `d${d % districts}`, `xã C${i}`));
    units.push(unit(`c${i}-v1`, 'village', `c${i}`), unit(`c${i}-v2`, 'village', `c${i}`));
  });
  return units;
}

interface Rec {
  unit: string;
  month: string; // "2025-MM"
  value: number;
}
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const startOf = (month: string) => `${month}-01`;

/** The total the roll-ups give a unit for a month: its records and those of everything below it in the current tree. */
function total(units: readonly OrgUnit[], unitId: string, month: string, recs: readonly Rec[]): number {
  const inside = new Set(subtree(unitId, units).map((u) => u.id));
  return recs.filter((r) => r.month === month && inside.has(r.unit)).reduce((n, r) => n + r.value, 0);
}

/** Records the events as the server does: one at a time, each checked against the tree it finds. */
function record(base: readonly OrgUnit[], specs: readonly ReorgSpec[]): { units: OrgUnit[]; events: ReorgEvent[]; stages: OrgUnit[][] } {
  let units = [...base];
  const events: ReorgEvent[] = [];
  const stages = [units];
  for (const spec of specs) {
    const plan = planReorg(units, spec, { today: TODAY, latest: events.at(-1)?.spec.effective ?? null });
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    units = applyChanges(units, plan.changed) as OrgUnit[];
    events.push({ seq: events.length + 1, spec, before: plan.before, created: plan.created, successor: plan.successor, recordedAt: 0, recordedBy: null });
    stages.push(units);
  }
  return { units, events, stages };
}

/**
 * A random history: merges of 2–3 open communes (into a new commune or one of them, sometimes
 * across districts), and once in a while a district dissolved (its communes to the province).
 * Effective dates never go backwards.
 */
const scenario = fc
  .record({
    districts: fc.integer({ min: 1, max: 3 }),
    communes: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 9 }),
    steps: fc.array(
      fc.record({ pick: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }), toNew: fc.boolean(), dissolve: fc.boolean(), month: fc.integer({ min: 1, max: 11 }), day: fc.constantFrom(1, 1, 15) }),
      { maxLength: 4 },
    ),
    recs: fc.array(fc.record({ pick: fc.nat(), month: fc.integer({ min: 0, max: 11 }), value: fc.integer({ min: 0, max: 1000 }), late: fc.boolean() }), { maxLength: 40 }),
  })
  .map(({ districts, communes, steps, recs }) => {
    const base = baseTree(districts, communes);
    const specs: ReorgSpec[] = [];
    let units = base;
    let last = 0;
    steps.forEach((s, k) => {
      const month = Math.max(last, s.month);
      last = month;
      const effective = `2025-${String(month + 1).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
      const openCommunes = units.filter((u) => u.level === 'commune' && !u.closedOn);
      const openDistricts = units.filter((u) => u.level === 'district' && !u.closedOn);
      let spec: ReorgSpec | null = null;
      if (s.dissolve && openDistricts.length) {
        spec = { kind: 'close', effective, unit: openDistricts[s.pick[0]! % openDistricts.length]!.id, childrenTo: 'p' };
      } else {
        const from = [...new Set(s.pick.map((i) => openCommunes[i % Math.max(1, openCommunes.length)]?.id).filter((x): x is string => !!x))];
        if (from.length >= 2) spec = s.toNew ? { kind: 'merge', effective, from, into: `m${k}`, name: `xã M${k}` } : { kind: 'merge', effective, from, into: from[0]! };
      }
      if (!spec) return;
      const plan = planReorg(units, spec, { today: TODAY, latest: specs.at(-1)?.effective ?? null });
      if (!plan.ok) return;
      specs.push(spec);
      units = applyChanges(units, plan.changed) as OrgUnit[];
    });
    return { base, specs, recs };
  });

/** Records as phones file them: under a commune open in that month, or (a queued change that lands late) under one closed since. */
function filedRecords(events: readonly ReorgEvent[], final: readonly OrgUnit[], picks: { pick: number; month: number; value: number; late: boolean }[]): Rec[] {
  return picks.flatMap(({ pick, month, value, late }) => {
    const m = MONTHS[month]!;
    const then = treeAsOf(final, events, startOf(m)).filter((u) => u.level === 'commune');
    const pool = late ? then.filter((u) => final.find((f) => f.id === u.id)?.closedOn) : then.filter((u) => !u.closedOn);
    if (!pool.length) return [];
    return [{ unit: pool[pick % pool.length]!.id, month: m, value }];
  });
}

describe('reorganisation: totals', () => {
  it('keeps the province total, counts every record in exactly one open commune, and gives a merged unit the sum of its predecessors', () => {
    fc.assert(
      fc.property(scenario, ({ base, specs, recs: picks }) => {
        const { units, events, stages } = record(base, specs);
        const recs = filedRecords(events, units, picks);
        expect(checkTree(units)).toEqual([]);
        const sum = (rs: readonly Rec[]) => rs.reduce((n, r) => n + r.value, 0);
        for (const month of MONTHS) {
          const ofMonth = recs.filter((r) => r.month === month);
          // Across every event, the province holds the same records: none lost, none added.
          stages.forEach((stage, k) => {
            const known = ofMonth.filter((r) => stage.some((u) => u.id === r.unit));
            expect(total(stage, 'p', month, known)).toBe(sum(known));
            if (k > 0) expect(total(stage, 'p', month, known)).toBe(total(stages[k - 1]!, 'p', month, known.filter((r) => stages[k - 1]!.some((u) => u.id === r.unit))) + sum(known.filter((r) => !stages[k - 1]!.some((u) => u.id === r.unit))));
          });
          // The open communes partition the records: each counts in exactly one.
          const byId = indexUnits(units);
          const heads = units.filter((u) => u.level === 'commune' && !u.closedOn);
          expect(heads.reduce((n, h) => n + total(units, h.id, month, recs), 0)).toBe(sum(ofMonth));
          for (const r of ofMonth) expect(heads.filter((h) => isWithin(r.unit, h.id, byId))).toHaveLength(1);
          // No district counts a commune it lost: its total is what its open communes hold.
          for (const d of units.filter((u) => u.level === 'district')) {
            const mine = heads.filter((h) => isWithin(h.id, d.id, byId));
            expect(total(units, d.id, month, recs)).toBe(mine.reduce((n, h) => n + total(units, h.id, month, recs), 0));
          }
        }
        // A merged unit, for a month before its merge: the sum of what its predecessors hold
        // (plus its own records when it is one of them).
        for (const e of events) {
          if (e.spec.kind !== 'merge') continue;
          const into = e.spec.into;
          const preds = predecessorsOf(into, events).filter((p) => events.some((x) => x.successor[p.unitId] === into)).map((p) => p.unitId);
          for (const month of MONTHS.filter((m) => startOf(m) < e.spec.effective)) {
            const own = e.created.includes(into) ? 0 : sum(recs.filter((r) => r.unit === into && r.month === month));
            expect(total(units, into, month, recs)).toBe(own + preds.reduce((n, p) => n + total(units, p, month, recs), 0));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('says for each record which unit it rolls into: the old unit before the effective date, the successor from it, always one that counts it', () => {
    fc.assert(
      fc.property(scenario, ({ base, specs, recs: picks }) => {
        const { units, events } = record(base, specs);
        const byId = indexUnits(units);
        for (const r of filedRecords(events, units, picks)) {
          const owner = rollsInto(r.unit, startOf(r.month), events);
          // The owner's total includes the record (it is the record's unit or lies above it).
          expect(isWithin(r.unit, owner, byId)).toBe(true);
          // The owner existed and was open in that month.
          const then = treeAsOf(units, events, startOf(r.month)).find((u) => u.id === owner);
          expect(then === undefined || !then.closedOn).toBe(true);
          const closing = events.find((e) => e.successor[r.unit]);
          if (!closing || startOf(r.month) < closing.spec.effective) expect(owner).toBe(r.unit);
          else expect(owner).not.toBe(r.unit);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('rebuilds the tree of any day: before every event the original, after the k-th event what it made', () => {
    fc.assert(
      fc.property(scenario, ({ base, specs }) => {
        const { units, events, stages } = record(base, specs);
        const norm = (us: readonly ReorgUnit[]) => [...us].map((u) => ({ ...u, closedOn: u.closedOn ?? null })).sort((a, b) => a.id.localeCompare(b.id));
        expect(norm(treeAsOf(units, events, '2024-12-31'))).toEqual(norm(base));
        events.forEach((e, k) => {
          const sameDay = events.filter((x) => x.spec.effective === e.spec.effective);
          if (sameDay.at(-1) !== e) return; // several events of one day: the day's tree is after the last
          expect(norm(treeAsOf(units, events, e.spec.effective))).toEqual(norm(stages[k + 1]!));
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('reorganisation: events', () => {
  const base = [
    unit('th', 'province', null, 'tỉnh Thanh Hóa'),
    unit('qx', 'district', 'th', 'huyện Quảng Xương'),
    unit('qb', 'commune', 'qx', 'xã Quảng Bình'),
    unit('qh', 'commune', 'qx', 'xã Quảng Hợp'),
    unit('qb-1', 'village', 'qb', 'Thôn 1'),
    unit('qh-1', 'village', 'qh', 'Thôn 1'),
    unit('qh-2', 'village', 'qh', 'Thôn 2'),
  ];
  const ok = (units: readonly ReorgUnit[], spec: ReorgSpec, latest: string | null = null) => {
    const plan = planReorg(units, spec, { today: TODAY, latest });
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    return plan;
  };

  it('merges two communes into a new one: both closed under it, their villages and records follow, the mapping kept', () => {
    const plan = ok(base, { kind: 'merge', effective: '2025-07-01', from: ['qb', 'qh'], into: 'qbh', name: 'xã Quảng Bình Hợp' });
    const after = indexUnits(applyChanges(base, plan.changed));
    expect(after.get('qbh')).toMatchObject({ level: 'commune', parentId: 'qx', closedOn: null });
    expect(after.get('qb')).toMatchObject({ closedOn: '2025-07-01', parentId: 'qbh' });
    expect(after.get('qh-2')!.parentId).toBe('qbh');
    expect(plan.successor).toEqual({ qb: 'qbh', qh: 'qbh' });
    expect(plan.created).toEqual(['qbh']);
    const events: ReorgEvent[] = [{ seq: 1, spec: { kind: 'merge', effective: '2025-07-01', from: ['qb', 'qh'], into: 'qbh', name: 'xã Quảng Bình Hợp' }, ...plan, recordedAt: 0, recordedBy: null }];
    expect(successorsOf('qb', events)).toEqual([{ unitId: 'qbh', effective: '2025-07-01', kind: 'merge' }]);
    expect(predecessorsOf('qbh', events).map((p) => p.unitId).sort()).toEqual(['qb', 'qh']);
    expect(rollsInto('qb', '2025-06-01', events)).toBe('qb');
    expect(rollsInto('qb', '2025-07-01', events)).toBe('qbh');
  });

  it('dissolves a district: its communes go to the province, the district is closed and stays readable', () => {
    const plan = ok(base, { kind: 'close', effective: '2025-07-01', unit: 'qx', childrenTo: 'th' });
    const after = indexUnits(applyChanges(base, plan.changed));
    expect(after.get('qb')!.parentId).toBe('th');
    expect(after.get('qx')).toMatchObject({ closedOn: '2025-07-01', parentId: 'th' });
    expect(planReorg(base, { kind: 'close', effective: '2025-07-01', unit: 'qx' }, { today: TODAY, latest: null })).toEqual({
      ok: false,
      issues: [{ path: 'childrenTo', message: 'Huyện Quảng Xương còn 2 đơn vị trực thuộc: cho biết chuyển chúng về đâu' }],
    });
  });

  it('splits a commune: the named villages go to each part, the rest and the commune records to the first', () => {
    const plan = ok(base, { kind: 'split', effective: '2025-07-01', from: 'qh', into: [{ id: 'qh-a', name: 'xã Quảng Hợp A', villages: [] }, { id: 'qb', villages: ['qh-2'] }] });
    const after = indexUnits(applyChanges(base, plan.changed));
    expect(after.get('qh-2')!.parentId).toBe('qb');
    expect(after.get('qh-1')!.parentId).toBe('qh-a');
    expect(after.get('qh')).toMatchObject({ parentId: 'qh-a', closedOn: '2025-07-01' });
  });

  it('refuses what cannot be: a future day, a day before the last event, a closed unit, another level, a village given twice', () => {
    const issues = (spec: ReorgSpec, units: readonly ReorgUnit[] = base, latest: string | null = null) => {
      const plan = planReorg(units, spec, { today: TODAY, latest });
      return plan.ok ? [] : plan.issues;
    };
    expect(issues({ kind: 'rename', effective: '2027-01-01', unit: 'qb', name: 'xã Mới' })).toEqual([
      { path: 'effective', message: 'Ngày hiệu lực 01/01/2027 chưa đến: chỉ ghi sự kiện từ ngày đó trở đi' },
    ]);
    expect(issues({ kind: 'rename', effective: '2025-01-01', unit: 'qb', name: 'xã Mới' }, base, '2025-07-01')[0]!.message).toBe(
      'Ngày hiệu lực không được trước sự kiện đã ghi gần nhất (01/07/2025)',
    );
    const merged = applyChanges(base, ok(base, { kind: 'merge', effective: '2025-07-01', from: ['qb', 'qh'], into: 'qb' }).changed);
    expect(issues({ kind: 'rename', effective: '2025-08-01', unit: 'qh', name: 'xã Mới' }, merged)).toEqual([
      { path: 'unit', message: 'Xã Quảng Hợp đã ngừng hoạt động từ ngày 01/07/2025' },
    ]);
    expect(issues({ kind: 'merge', effective: '2025-07-01', from: ['qb', 'qb-1'], into: 'x', name: 'xã X' })).toEqual([
      { path: 'from.1', message: 'Thôn 1 không cùng cấp với xã Quảng Bình' },
    ]);
    expect(issues({ kind: 'merge', effective: '2025-07-01', from: ['qb', 'qh'], into: 'x' })).toEqual([{ path: 'name', message: 'Đơn vị mới x cần có tên' }]);
    expect(
      issues({ kind: 'split', effective: '2025-07-01', from: 'qh', into: [{ id: 'a', name: 'xã A', villages: ['qh-1'] }, { id: 'b', name: 'xã B', villages: ['qh-1'] }] }),
    ).toEqual([{ path: 'into.1.villages.0', message: 'Thôn 1 đã được giao cho xã A' }]);
    expect(issues({ kind: 'move', effective: '2025-07-01', units: ['qx'], parentId: 'qb' })).toEqual([
      { path: 'units.0', message: 'Không thể chuyển huyện Quảng Xương vào đơn vị trực thuộc chính nó' },
    ]);
  });

  it('tells a phone once, in Vietnamese, that its commune was merged (and only then)', () => {
    const plan = ok(base, { kind: 'merge', effective: '2025-07-01', from: ['qb', 'qh'], into: 'qbh', name: 'xã Quảng Bình Hợp' });
    const after = applyChanges(base, plan.changed);
    expect(reorgNotice({ unitId: 'qb', units: base }, { unitId: 'qbh', units: after })).toBe(
      'Xã Quảng Bình đã sáp nhập vào xã Quảng Bình Hợp từ ngày 01/07/2025. Tài khoản của bạn nay thuộc xã Quảng Bình Hợp; số liệu cũ vẫn được giữ và cộng vào xã Quảng Bình Hợp.',
    );
    // A village's member keeps its village; its commune changed.
    expect(reorgNotice({ unitId: 'qh-1', units: base }, { unitId: 'qh-1', units: after })).toMatch(/^Xã Quảng Hợp đã sáp nhập vào xã Quảng Bình Hợp/);
    expect(reorgNotice({ unitId: 'qbh', units: after }, { unitId: 'qbh', units: after })).toBeNull();
    expect(reorgNotice({ unitId: 'qb', units: base }, { unitId: 'qh', units: base })).toBe('Tài khoản của bạn đã được chuyển từ xã Quảng Bình sang xã Quảng Hợp.');
  });

  it('dates days in Vietnam, not in UTC', () => {
    expect(vnDate(Date.parse('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
    expect(vnDate(Date.parse('2025-06-30T16:59:00Z'))).toBe('2025-06-30');
  });
});
