import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PROGRESS_WORDINGS,
  Plan,
  TASK_DONE_NEEDS_100,
  TASK_NOT_DONE_NEEDS_CAUSE,
  TASK_NOT_STARTED_NEEDS_0,
  TaskProgressInput,
  TaskProgressRecord,
  parseTaskId,
  planTitle,
  resolveUnitRef,
  responsibleUnits,
  statusFromWording,
  taskIdOf,
  taskKeyOf,
  taskProgressIdOf,
  taskProgressProblems,
} from '../../src/domain/plans.ts';
import type { OrgUnit } from '../../src/domain/org.ts';

const tree: OrgUnit[] = [
  { id: 'p', name: 'tỉnh P', level: 'province', parentId: null, placeholder: false },
  { id: 'd1', name: 'huyện D1', level: 'district', parentId: 'p', placeholder: false },
  { id: 'd2', name: 'huyện D2', level: 'district', parentId: 'p', placeholder: false },
  { id: 'c1', name: 'xã C1', level: 'commune', parentId: 'd1', placeholder: false },
  { id: 'c2', name: 'xã C2', level: 'commune', parentId: 'd1', placeholder: false },
  { id: 'c3', name: 'xã C3', level: 'commune', parentId: 'd2', placeholder: false },
  { id: 'c1-t1', name: 'Thôn 1', level: 'village', parentId: 'c1', placeholder: false },
];

describe('plan and task ids', () => {
  it('mint task ids from the printed number, in the record-id alphabet', () => {
    expect(taskKeyOf('12')).toBe('12');
    expect(taskKeyOf('II.3.đ')).toBe('II-3-dd');
    expect(taskIdOf('hue-2025', 'II.2.d.1')).toBe('hue-2025.II-2-d-1');
    expect(parseTaskId('hue-2025.II-2-d-1')).toEqual({ planId: 'hue-2025', key: 'II-2-d-1' });
    expect(parseTaskId('hue-2025')).toBeNull();
    expect(taskProgressIdOf('tv', 'th-bc137-2024-pl1.12')).toBe('tv:th-bc137-2024-pl1.12');
    expect(() => taskIdOf('a.b', '1')).toThrow();
    expect(() => taskProgressIdOf('tv:x', 'p.1')).toThrow();
    expect(() => taskKeyOf('Quý I/2024')).toThrow();
  });
});

describe('responsible units', () => {
  it('resolves "UBND cấp xã" to every commune under the plan unit, and nothing for a named body', () => {
    expect(resolveUnitRef({ kind: 'level', level: 'commune', text: 'UBND cấp xã' }, 'p', tree)).toEqual(['c1', 'c2', 'c3']);
    expect(resolveUnitRef({ kind: 'level', level: 'commune', text: 'UBND phường, xã' }, 'd1', tree)).toEqual(['c1', 'c2']);
    expect(resolveUnitRef({ kind: 'level', level: 'district', text: 'Ủy ban nhân dân các huyện, thị xã, thành phố' }, 'p', tree)).toEqual(['d1', 'd2']);
    expect(resolveUnitRef({ kind: 'level', level: 'commune', text: 'UBND cấp xã' }, null, tree)).toEqual([]);
    expect(resolveUnitRef({ kind: 'named', text: 'Sở Tư pháp' }, 'p', tree)).toEqual([]);
    expect(resolveUnitRef({ kind: 'unit', unitId: 'c3', text: 'xã C3' }, 'p', tree)).toEqual(['c3']);
    expect(resolveUnitRef({ kind: 'unit', unitId: 'gone', text: 'xã đã sáp nhập' }, 'p', tree)).toEqual([]);
  });

  it('lists a unit named as lead and partner once, as lead', () => {
    const r = responsibleUnits(
      {
        lead: [{ kind: 'unit', unitId: 'c1', text: 'xã C1' }],
        partners: [
          { kind: 'level', level: 'commune', text: 'UBND cấp xã' },
          { kind: 'named', text: 'Công an tỉnh' },
        ],
      },
      'd1',
      tree,
    );
    expect(r).toEqual({ lead: ['c1'], partner: ['c2'] });
  });
});

describe('progress vocabulary', () => {
  const doc001 = readFileSync(join(import.meta.dirname, '../../seeds/documents/001_0be6ffac82be08d1.txt'), 'utf8');

  it('maps the assessments of the documents to statuses (glossary: đã hoàn thành / đang thực hiện / thực hiện thường xuyên / chưa thực hiện / chờ hướng dẫn)', () => {
    expect(statusFromWording('Đã hoàn thành')).toBe('done');
    expect(statusFromWording('Đã hoàn thành và thực hiện thường xuyên')).toBe('done');
    expect(statusFromWording('Đang thực hiện')).toBe('inProgress');
    expect(statusFromWording('Đã và đang thực hiện')).toBe('inProgress');
    expect(statusFromWording('Đang thực hiện thường xuyên')).toBe('ongoing');
    expect(statusFromWording('Thực hiện thường xuyên')).toBe('ongoing');
    expect(statusFromWording('Chưa thực hiện')).toBe('notStarted');
    expect(statusFromWording('Chưa thực hiện do đang chờ hướng dẫn của Văn phòng Chính phủ')).toBe('waitingGuidance');
    expect(statusFromWording('Chưa thực hiện, đang chờ Bộ triển khai')).toBe('waitingGuidance');
    expect(statusFromWording('Chờ HD của BCA')).toBe('waitingGuidance');
    expect(statusFromWording('Chưa hoàn thành')).toBe('notDone');
    expect(statusFromWording('Tờ trình số 128')).toBeNull();
  });

  it('takes every offered wording from 001 itself', () => {
    const text = doc001.replace(/Đánh giá tiên độ/g, 'Đánh giá tiến độ');
    for (const w of PROGRESS_WORDINGS) {
      expect(text.includes(w), w).toBe(true);
      expect(statusFromWording(w), w).not.toBeNull();
    }
  });
});

describe('task progress records', () => {
  const base = {
    id: 'tv:th-bc137-2024-pl1.5',
    taskId: 'th-bc137-2024-pl1.5',
    unitId: 'tv',
    status: 'inProgress' as const,
    percent: 60,
    result: 'Đã số hóa 90% hồ sơ',
    evidence: [{ kind: 'document' as const, text: 'Công văn số 4649/UBND-KSTTHCNC ngày 05/4/2024' }],
    cause: '',
    asOf: '2024-06-20',
    authorId: 'u1',
    createdAt: 1,
    updatedAt: 2,
  };

  it('accepts a consistent record', () => {
    expect(TaskProgressRecord.safeParse(base).success).toBe(true);
    expect(taskProgressProblems(base)).toEqual([]);
  });

  it('says in Vietnamese what a status and its figures disagree on', () => {
    expect(taskProgressProblems({ ...base, status: 'done', percent: 80 })).toEqual([{ field: 'percent', message: TASK_DONE_NEEDS_100 }]);
    expect(taskProgressProblems({ ...base, status: 'notStarted', percent: 10 })).toEqual([{ field: 'percent', message: TASK_NOT_STARTED_NEEDS_0 }]);
    expect(taskProgressProblems({ ...base, status: 'notDone', percent: 30, cause: ' ' })).toEqual([{ field: 'cause', message: TASK_NOT_DONE_NEEDS_CAUSE }]);
    expect(taskProgressProblems({ ...base, status: 'notDone', percent: 30, cause: 'Chờ hướng dẫn của Bộ Công an' })).toEqual([]);
    expect(taskProgressProblems({ ...base, id: 'dh:th-bc137-2024-pl1.5' })[0]?.field).toBe('id');
  });

  it('checks the form input with the same rules', () => {
    const r = TaskProgressInput.safeParse({ status: 'notDone', percent: 20, result: '', cause: '', asOf: '2024-06-20' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(TASK_NOT_DONE_NEEDS_CAUSE);
    expect(TaskProgressInput.safeParse({ status: 'done', percent: 100, asOf: '2024-06-20' }).success).toBe(true);
    expect(TaskProgressInput.safeParse({ status: 'done', percent: 120, asOf: '2024-06-20' }).success).toBe(false);
    expect(TaskProgressInput.safeParse({ status: 'done', percent: 100, asOf: '2024-02-30' }).success).toBe(false);
  });
});

describe('plans', () => {
  const plan = {
    id: 'p-2024',
    unitId: 'p',
    issuer: 'UBND tỉnh P',
    number: '1/KH-UBND',
    date: '2024-03-01',
    period: { from: 2024, to: 2024 },
    title: 'Kế hoạch',
    table: 'Phụ lục',
    source: { file: 'x.txt', section: 'Phụ lục' },
    tasks: [
      { id: 'p-2024.1', no: '1', group: null, text: 'Nhiệm vụ', lead: [], partners: [], deadline: null, targets: [], basis: null, reported: null, source: { file: 'x.txt', section: 'TT 1' }, notes: [] },
    ],
    notes: [],
  };

  it('refuses a task whose id names another plan, or a repeated id', () => {
    expect(Plan.safeParse(plan).success).toBe(true);
    expect(Plan.safeParse({ ...plan, tasks: [{ ...plan.tasks[0], id: 'q-2024.1' }] }).success).toBe(false);
    expect(Plan.safeParse({ ...plan, tasks: [plan.tasks[0], plan.tasks[0]] }).success).toBe(false);
  });

  it('titles a plan the way the documents cite one', () => {
    expect(planTitle(plan)).toBe('Kế hoạch số 1/KH-UBND ngày 1/3/2024 của UBND tỉnh P');
  });
});
