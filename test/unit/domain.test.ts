import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Deadline, deadlineEnd } from '../../src/domain/catalogue.ts';
import { ChecklistTemplate, completion, validateAnswers } from '../../src/domain/checklist.ts';
import { ServiceFigures, onlineRate, sumFigures } from '../../src/domain/indicators.ts';
import { OrgUnit, ancestry, checkTree, indexUnits, isWithin, subtree } from '../../src/domain/org.ts';
import { StatusInput } from '../../src/domain/status.ts';

const vn = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, -7);

describe('deadlines', () => {
  it('end at the last moment of the day, month, quarter or year in Vietnam', () => {
    expect(deadlineEnd({ kind: 'date', date: '2024-09-30', text: '30/9/2024' })).toBe(vn(2024, 10, 1) - 1);
    expect(deadlineEnd({ kind: 'quarter', quarter: 1, year: 2024, text: 'Quý I/2024' })).toBe(vn(2024, 4, 1) - 1);
    expect(deadlineEnd({ kind: 'quarter', quarter: 4, year: 2024, text: 'Quý IV/2024' })).toBe(vn(2025, 1, 1) - 1);
    expect(deadlineEnd({ kind: 'month', month: 2, year: 2024, text: 'Tháng 2/2024' })).toBe(vn(2024, 3, 1) - 1);
    expect(deadlineEnd({ kind: 'year', from: 2024, to: 2025, text: '2024 - 2025' })).toBe(vn(2026, 1, 1) - 1);
    expect(deadlineEnd({ kind: 'ongoing', text: 'Thường xuyên' })).toBeNull();
    expect(deadlineEnd({ kind: 'external', text: 'Theo lộ trình Đề án 06' })).toBeNull();
  });
  it('refuses a year range that ends before it starts, with the field path', () => {
    const r = Deadline.safeParse({ kind: 'year', from: 2025, to: 2024, text: '2025 - 2024' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['to']);
  });
});

describe('org tree', () => {
  const units = [
    { id: 'th', name: 'tỉnh Thanh Hóa', level: 'province', parentId: null },
    { id: 'tv', name: 'xã Thiệu Vân', level: 'commune', parentId: 'th' }, // province → commune, no district (since 7/2025)
    { id: 'tv-1', name: 'Thôn 1', level: 'village', parentId: 'tv', placeholder: true },
    { id: 'qx', name: 'huyện Quảng Xương', level: 'district', parentId: 'th' },
    { id: 'qx-a', name: 'xã Quảng Ngọc', level: 'commune', parentId: 'qx' },
  ].map((u) => OrgUnit.parse(u));
  it('works with and without the district level', () => {
    const byId = indexUnits(units);
    expect(checkTree(units)).toEqual([]);
    expect(ancestry('tv-1', byId).map((u) => u.id)).toEqual(['tv-1', 'tv', 'th']);
    expect(isWithin('qx-a', 'qx', byId)).toBe(true);
    expect(isWithin('tv-1', 'qx', byId)).toBe(false);
    expect(subtree('qx', units).map((u) => u.id).sort()).toEqual(['qx', 'qx-a']);
  });
  it('reports broken trees', () => {
    const broken = [...units, OrgUnit.parse({ id: 'x', name: 'Thôn X', level: 'village', parentId: 'nowhere' })];
    expect(checkTree(broken)).toEqual(['x: không có đơn vị cấp trên nowhere']);
    const inverted = [...units, OrgUnit.parse({ id: 'y', name: 'huyện Y', level: 'district', parentId: 'tv-1' })];
    expect(checkTree(inverted)).toHaveLength(1);
  });
});

describe('checklists', () => {
  const template = ChecklistTemplate.parse({
    id: 't',
    kind: 'inspection',
    level: 'commune',
    title: 'Đề cương',
    version: 1,
    source: [{ file: 'f', section: 's' }],
    sections: [
      {
        id: 'I',
        title: 'Mục I',
        items: [
          { id: 'a', label: 'Đã thành lập Tổ công tác?', type: 'yesno', required: true },
          { id: 'b', label: 'Số hồ sơ', type: 'number', required: true, min: 0 },
          { id: 'c', label: 'Tỷ lệ', type: 'percent', required: false },
          { id: 'd', label: 'Khó khăn', type: 'text', required: false },
        ],
      },
    ],
  });
  it('validates answers with Vietnamese messages and bounds from the template', () => {
    expect(validateAnswers(template, { b: -1, c: 120 }, { final: false })).toEqual({ b: 'Không nhỏ hơn 0', c: 'Không lớn hơn 100' });
    expect(validateAnswers(template, {}, { final: true })).toEqual({ a: 'Bắt buộc trả lời', b: 'Bắt buộc trả lời' });
    expect(validateAnswers(template, { a: true, b: 38755 }, { final: true })).toEqual({});
  });
  it('takes a count as a whole number, a percentage with its decimals, and no text longer than 20.000 characters', () => {
    // A newcomer typed "12,5" tổ into the commune outline and it was accepted.
    expect(validateAnswers(template, { b: 12.5, c: 96.24 }, { final: false })).toEqual({ b: 'Nhập một số nguyên (không có phần lẻ)' });
    expect(validateAnswers(template, { d: 'x'.repeat(20_001) }, { final: false })).toEqual({ d: 'Không quá 20.000 ký tự' });
    expect(validateAnswers(template, { d: 'x'.repeat(20_000) }, { final: false })).toEqual({});
  });
  it('counts completion over valid answers only', () => {
    expect(completion(template, {})).toBe(0);
    expect(completion(template, { a: true, b: -5 })).toBe(0.25);
    expect(completion(template, { a: false, b: 3, c: 50, d: 'x' })).toBe(1);
  });
  it('refuses duplicate item ids', () => {
    const bad = { ...template, sections: [{ ...template.sections[0]!, items: [template.sections[0]!.items[0]!, template.sections[0]!.items[0]!] }] };
    expect(ChecklistTemplate.safeParse(bad).success).toBe(false);
  });
});

describe('indicators', () => {
  it('computes the online rate, and 0/0 is no rate', () => {
    expect(onlineRate({ total: 3277, online: 3277 })).toBe(1);
    expect(onlineRate({ total: 0, online: 0 })).toBeNull();
    expect(ServiceFigures.safeParse({ total: 3, online: 4 }).error?.issues[0]?.path).toEqual(['online']);
  });
  it('rates from sums are weighted by dossiers, unlike an average of rates', () => {
    const small = { total: 2, online: 2 };
    const big = { total: 1000, online: 500 };
    expect(onlineRate(sumFigures([small, big]))).toBeCloseTo(502 / 1002);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10_000), fc.nat(10_000))), (pairs) => {
        const figures = pairs.map(([a, b]) => ({ total: Math.max(a, b), online: Math.min(a, b) }));
        const sum = sumFigures(figures);
        expect(sum.online).toBeLessThanOrEqual(sum.total);
        const rate = onlineRate(sum);
        if (rate !== null) expect(rate).toBeGreaterThanOrEqual(0), expect(rate).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('status input', () => {
  it('keeps status and progress consistent', () => {
    const base = { note: '', difficulties: '', causes: '', proposals: '', asOf: '2026-11-25' };
    expect(StatusInput.safeParse({ ...base, status: 'done', progress: 80 }).error?.issues[0]?.path).toEqual(['progress']);
    expect(StatusInput.safeParse({ ...base, status: 'inProgress', progress: 101 }).success).toBe(false);
    expect(StatusInput.safeParse({ ...base, status: 'inProgress', progress: 40 }).success).toBe(true);
  });
});
