// Task progress (issue 11): the record id, its cross-field rules, who may write it and its
// roll-up. Expectations come from the documents' rows as the seeds cite them — 001 Phụ lục I
// TT 1 (partners: "Ủy ban nhân dân các huyện, thị xã, thành phố"; "Thực hiện thường xuyên"),
// TT 2 ("Quý I/2024"), TT 5 (lead: "UBND cấp huyện", "UBND cấp xã"; "Năm 2024") and TT 8
// (partner: "UBND cấp xã") — and from the seeded org tree (Thanh Hóa: 2 districts; Quảng Xương:
// 26 communes; thành phố Thanh Hóa: Thiệu Vân and Đông Hải), not from the code under test.
import { describe, expect, it } from 'vitest';
import { writeRefusal, type TaskScope } from '../../src/domain/access.ts';
import { indexUnits } from '../../src/domain/org.ts';
import { responsibleUnits } from '../../src/domain/plans.ts';
import { communeRollup, combineRollups, summarizeCommune, type StoredDoc } from '../../src/domain/rollup.ts';
import { checkChangeValue } from '../../src/domain/sync/collections.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import { mintRecordId, parseRecordId, parseTaskProgressId, taskProgressIdOf, unitOfRecord } from '../../src/domain/sync/ids.ts';
import type { DocState, FieldValue } from '../../src/domain/sync/merge.ts';
import { recordProblems } from '../../src/domain/sync/record-rules.ts';
import { subscriptionFor, pullMatches } from '../../src/domain/subscriptions.ts';
import { isTaskOverdue, planTaskCounts, planTaskRows, reportedStatuses, taskProgressOf, tasksOfUnit } from '../../src/domain/task-progress.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { loadPlanSeeds } from '../../src/seed/plans-schema.ts';

const units = SeedBundle.parse(buildSeedBundle()).units;
const tree = indexUnits(units);
const plans = loadPlanSeeds().plans;
const pl1 = plans.find((p) => p.id === 'th-bc137-2024-pl1')!;
const row = (no: string) => pl1.tasks.find((t) => t.no === no)!;
const T1 = 'th-bc137-2024-pl1.1';
const T5 = 'th-bc137-2024-pl1.5';
const scope = (no: string): TaskScope => responsibleUnits(row(no), pl1.unitId, units);
const QX_COMMUNES = units.filter((u) => u.parentId === 'qx' && u.level === 'commune').map((u) => u.id);
const vn = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, -7);

describe('task progress ids', () => {
  it('is "<unit>:<task>" and names its unit', () => {
    expect(taskProgressIdOf('tv', T5)).toBe('tv:th-bc137-2024-pl1.5');
    expect(parseTaskProgressId('tv:th-bc137-2024-pl1.5')).toEqual({ unit: 'tv', taskId: T5, planId: 'th-bc137-2024-pl1', key: '5' });
    expect(unitOfRecord('taskProgress', 'qx-quang-hop:hue-2025.II-2-d-1')).toEqual({ ok: true, unit: 'qx-quang-hop' });
    expect(mintRecordId({ coll: 'taskProgress', unit: 'tv', task: T5 })).toBe('tv:th-bc137-2024-pl1.5');
    expect(parseRecordId('taskProgress', 'tv:th-bc137-2024-pl1.5')).toEqual({ coll: 'taskProgress', unit: 'tv', task: T5 });
  });

  it('refuses ids without a plan and a task number, or with a unit that holds a separator', () => {
    for (const bad of ['tv', 'tv:', 'tv:th-bc137-2024-pl1', 'tv:th-bc137-2024-pl1.', 'tv:.5', ':th-bc137-2024-pl1.5', 'tv:th.5.6']) {
      expect(parseTaskProgressId(bad), bad).toBeNull();
      expect(unitOfRecord('taskProgress', bad).ok, bad).toBe(false);
    }
    expect(() => taskProgressIdOf('tv:x', T5)).toThrow();
    expect(() => taskProgressIdOf('tv', 'pl1')).toThrow();
  });
});

describe('task progress values and rules', () => {
  it('accepts the documents’ statuses and a percentage, refuses others', () => {
    expect(checkChangeValue('taskProgress', 'status', 'waitingGuidance')).toBeNull();
    expect(checkChangeValue('taskProgress', 'status', 'partial')).not.toBeNull(); // a model status, not a task's
    expect(checkChangeValue('taskProgress', 'percent', 100)).toBeNull();
    expect(checkChangeValue('taskProgress', 'percent', 101)).toBe('Tiến độ không lớn hơn 100%');
    expect(checkChangeValue('taskProgress', 'evidence', [{ kind: 'document', text: 'Công văn số 4649/UBND-KSTTHCNC ngày 05/4/2024' }])).toBeNull();
    expect(checkChangeValue('taskProgress', 'evidence', [{ kind: 'link', url: 'ftp://x' }])).not.toBeNull();
    expect(checkChangeValue('taskProgress', 'asOf', '2024-02-30')).toBe('Ngày không tồn tại trên lịch');
    expect(checkChangeValue('taskProgress', 'progress', 50)).not.toBeNull(); // the model status's name for it
  });

  it('ties status to percent, and a task not done to its cause (001 Phụ lục II: done / not done and the cause)', () => {
    expect(recordProblems('taskProgress', { status: 'done', percent: 100 })).toEqual([]);
    expect(recordProblems('taskProgress', { status: 'done', percent: 80 })).toEqual([{ field: 'percent', message: 'Đã hoàn thành thì tiến độ phải là 100%' }]);
    expect(recordProblems('taskProgress', { status: 'notStarted', percent: 5 })).toEqual([{ field: 'percent', message: 'Chưa thực hiện thì tiến độ phải là 0%' }]);
    expect(recordProblems('taskProgress', { status: 'notDone', percent: 40 })).toEqual([{ field: 'cause', message: 'Chưa hoàn thành thì phải ghi nguyên nhân' }]);
    expect(recordProblems('taskProgress', { status: 'notDone', percent: 40, cause: '  ' })).toEqual([{ field: 'cause', message: 'Chưa hoàn thành thì phải ghi nguyên nhân' }]);
    expect(recordProblems('taskProgress', { status: 'notDone', percent: 40, cause: 'Chờ hướng dẫn của Bộ Công an' })).toEqual([]);
    expect(recordProblems('taskProgress', { status: 'inProgress', percent: 40 })).toEqual([]);
  });
});

describe('who records task progress', () => {
  const refusal = (role: Parameters<typeof writeRefusal>[0]['role'], unitId: string, unit: string, task: TaskScope | null) => writeRefusal({ role, unitId }, { coll: 'taskProgress', unit, task }, tree);

  it('resolves the document’s levels to the tree: TT 5 is led by both districts and all 28 communes', () => {
    const s = scope('5');
    expect(s.lead).toContain('tv');
    expect(s.lead).toContain('qx');
    expect(s.lead.filter((id) => tree.get(id)?.level === 'commune')).toHaveLength(28);
    expect(scope('8').partner).toContain('tv');
    expect([...scope('1').partner].sort()).toEqual(['qx', 'th-tp']);
  });

  it('the commune police record their commune’s progress on a task it leads or partners', () => {
    expect(refusal('communeStanding', 'tv', 'tv', scope('5'))).toBeNull();
    expect(refusal('communeStanding', 'tv', 'tv', scope('8'))).toBeNull();
  });

  it('refuses, in Vietnamese, a task the unit is not given, another unit, or an unknown task', () => {
    expect(refusal('communeStanding', 'tv', 'tv', scope('1'))).toBe('xã Thiệu Vân không được giao chủ trì hay phối hợp nhiệm vụ này');
    expect(refusal('communeStanding', 'tv', 'dh', scope('5'))).toMatch(/^Chỉ được ghi tiến độ nhiệm vụ của chính đơn vị mình/);
    expect(refusal('communeStanding', 'tv', 'tv', null)).toBe('Nhiệm vụ này không có trong kế hoạch nào mà máy chủ biết');
  });

  it('leaders and village teams do not record it; officers record their own unit’s, never a commune’s', () => {
    expect(refusal('communeLeader', 'tv', 'tv', scope('5'))).toBe('Tiến độ nhiệm vụ của xã do cơ quan thường trực (Công an xã) ghi');
    expect(refusal('villageMember', 'tv-thon-1', 'tv', scope('5'))).not.toBeNull();
    expect(refusal('districtOfficer', 'th-tp', 'th-tp', scope('1'))).toBeNull();
    expect(refusal('districtOfficer', 'qx', 'qx-quang-hop', scope('5'))).not.toBeNull();
    expect(refusal('provinceOfficer', 'th', 'th', scope('5'))).toBe('tỉnh Thanh Hóa không được giao chủ trì hay phối hợp nhiệm vụ này');
  });

  it('a commune pulls its own progress; a district officer pulls its communes’', () => {
    const commune = subscriptionFor({ role: 'communeStanding', unitId: 'tv', communeId: 'tv', subtree: ['tv', 'tv-thon-1'], assignedAdoptions: [] });
    expect(pullMatches(commune, 'taskProgress', 'tv', null)).toBe(true);
    expect(pullMatches(commune, 'taskProgress', 'dh', null)).toBe(false);
    const district = subscriptionFor({ role: 'districtOfficer', unitId: 'qx', communeId: null, subtree: ['qx', ...QX_COMMUNES], assignedAdoptions: [] });
    expect(pullMatches(district, 'taskProgress', 'qx-quang-hop', null)).toBe(true);
    expect(pullMatches(district, 'taskProgress', 'tv', null)).toBe(false);
    const village = subscriptionFor({ role: 'villageMember', unitId: 'tv-thon-1', communeId: 'tv', subtree: ['tv', 'tv-thon-1'], assignedAdoptions: [] });
    expect(pullMatches(village, 'taskProgress', 'tv', null)).toBe(false);
  });
});

describe('tasks of a unit and what is overdue', () => {
  it('Thiệu Vân leads TT 5 and partners TT 8 of 001 Phụ lục I, and has no part in TT 1', () => {
    const mine = tasksOfUnit([pl1], 'tv', units);
    expect(mine.find((t) => t.task.no === '5')?.role).toBe('lead');
    expect(mine.find((t) => t.task.no === '8')?.role).toBe('partner');
    expect(mine.some((t) => t.task.no === '1')).toBe(false);
  });

  it('"Năm 2024" is overdue from 1/1/2025 unless done; "Thực hiện thường xuyên" never is', () => {
    expect(isTaskOverdue(row('5').deadline, 'inProgress', vn(2024, 12, 31))).toBe(false);
    expect(isTaskOverdue(row('5').deadline, 'inProgress', vn(2025, 1, 1))).toBe(true);
    expect(isTaskOverdue(row('5').deadline, null, vn(2025, 1, 1))).toBe(true);
    expect(isTaskOverdue(row('5').deadline, 'done', vn(2026, 12, 1))).toBe(false);
    expect(isTaskOverdue(row('5').deadline, 'waitingGuidance', vn(2026, 12, 1))).toBe(true);
    expect(isTaskOverdue(row('1').deadline, null, vn(2030, 1, 1))).toBe(false);
    // "Quý I/2024": the last day is 31/3/2024.
    expect(isTaskOverdue(row('2').deadline, 'inProgress', vn(2024, 3, 31))).toBe(false);
    expect(isTaskOverdue(row('2').deadline, 'inProgress', vn(2024, 4, 1))).toBe(true);
  });
});

const stamp = (i: number) => encodeHlc({ wall: vn(2026, 12, 1), counter: i, device: 'phone1' });
const doc = (fields: Record<string, FieldValue>): DocState =>
  Object.fromEntries(Object.entries(fields).map(([f, value], i) => [f, { heads: [{ value, hlc: stamp(i), base: null, author: 'u' }], dead: [] }]));
const progress = (unit: string, task: string, fields: Record<string, FieldValue>): StoredDoc => ({ coll: 'taskProgress', id: taskProgressIdOf(unit, task), doc: doc(fields), receivedAt: null });

describe('roll-up of task progress', () => {
  const docs: StoredDoc[] = [
    progress('qx-quang-hop', T5, { status: 'done', percent: 100, asOf: '2026-11-30' }),
    progress('qx-quang-binh', T5, { status: 'notDone', percent: 40, cause: 'Thiếu máy quét', asOf: '2026-11-30' }),
    progress('qx-quang-hai', T5, { status: 'inProgress', percent: 70, asOf: '2026-11-28' }),
    progress('qx-quang-hai', T1, { status: 'ongoing', percent: 100, asOf: '2026-11-28' }), // not its task: read, never counted
    progress('tv', T5, { status: 'done', percent: 100, asOf: '2026-11-30' }), // another district
  ];

  it('summarises a commune’s own records only', () => {
    expect(summarizeCommune('qx-quang-hai', docs).tasks).toEqual({
      [T5]: { status: 'inProgress', percent: 70, asOf: '2026-11-28' },
      [T1]: { status: 'ongoing', percent: 100, asOf: '2026-11-28' },
    });
    expect(summarizeCommune('qx-quang-luu', docs).tasks).toBeUndefined();
  });

  it('counts Quảng Xương’s 27 assignments of TT 5 (the district and its 26 communes) by status, the rest unreported and overdue', () => {
    const communes = QX_COMMUNES.map((id) => communeRollup(summarizeCommune(id, docs)));
    const district = combineRollups('qx', communes);
    expect(district.tasks[T5]).toEqual({ units: { done: ['qx-quang-hop'], notDone: ['qx-quang-binh'], inProgress: ['qx-quang-hai'] }, percentSum: 210, percentCount: 3 });
    const statuses = reportedStatuses(district.tasks);
    const rows = planTaskRows(pl1, 'qx', units, (task, unit) => statuses.get(task)?.get(unit) ?? null, vn(2026, 12, 2));
    const t5 = rows.find((r) => r.task.id === T5)!;
    expect(t5.units).toHaveLength(27);
    const counts = planTaskCounts(pl1.id, [t5]);
    expect(counts.byStatus).toMatchObject({ done: 1, notDone: 1, inProgress: 1, none: 24 });
    // "Năm 2024" has passed: everything but the commune that finished is overdue.
    expect(counts.overdue).toBe(26);
    // TT 1 names the districts, not the communes: Quảng Hải's record is not an assignment.
    expect(rows.find((r) => r.task.id === T1)!.units.map((u) => u.unitId)).toEqual(['qx']);
  });

  it('gives the province the same totals through the districts as straight from the communes', () => {
    const communes = units.filter((u) => u.level === 'commune').map((u) => communeRollup(summarizeCommune(u.id, docs)));
    const direct = combineRollups('th', communes);
    const byDistrict = combineRollups('th', ['qx', 'th-tp'].map((d) => combineRollups(d, communes.filter((c) => tree.get(c.unitId)?.parentId === d))));
    expect(byDistrict.tasks).toEqual(direct.tasks);
    expect(direct.tasks[T5]!.units.done).toEqual(['qx-quang-hop', 'tv']);
  });

  it('reads a record back as the screens and the province report use it', () => {
    const v = taskProgressOf(taskProgressIdOf('tv', T5), { status: 'notDone', percent: 40, cause: 'Thiếu máy quét', result: 'Đã số hóa 40%', evidence: [{ kind: 'document', text: 'Báo cáo số 12/BC-CA' }, { kind: 'link', url: 'nope' }], asOf: '2026-11-30' });
    expect(v).toEqual({ id: 'tv:th-bc137-2024-pl1.5', unitId: 'tv', taskId: T5, status: 'notDone', percent: 40, result: 'Đã số hóa 40%', evidence: [{ kind: 'document', text: 'Báo cáo số 12/BC-CA' }], cause: 'Thiếu máy quét', asOf: '2026-11-30' });
    expect(taskProgressOf('tv:th-bc137-2024-pl1.5', { percent: 40 })).toBeNull();
  });
});


describe('the progress form and the server agree', () => {
  it('the form refuses exactly what the server refuses (status, percent, cause)', async () => {
    const fc = (await import('fast-check')).default;
    const { validate } = await import('../../src/tasks/task-fields.ts');
    const { TaskStatus } = await import('../../src/domain/plans.ts');
    fc.assert(
      fc.property(fc.constantFrom(...TaskStatus.options), fc.integer({ min: -5, max: 105 }), fc.constantFrom('', '  ', 'Thiếu máy quét'), (status, percent, cause) => {
        const form = validate({ status, percent: String(percent), asOf: '2026-11-25', result: '', evidence: '', cause });
        const values = { status, percent, cause, asOf: '2026-11-25' };
        const server =
          recordProblems('taskProgress', values).length === 0 && Object.entries(values).every(([field, value]) => checkChangeValue('taskProgress', field, value) === null);
        expect(form.data !== undefined, JSON.stringify(values)).toBe(server);
      }),
      { numRuns: 400 },
    );
  });
});
