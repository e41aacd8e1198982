// Cross-field rules (src/domain/sync/record-rules.ts) and real calendar dates: the forms and
// the server apply the same functions, so what a form refuses the server refuses, and what
// a form accepts the server accepts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IsoDate, isCalendarDate } from '../../src/domain/common.ts';
import { Status, StatusInput } from '../../src/domain/status.ts';
import { checkChangeValue } from '../../src/domain/sync/collections.ts';
import { recordProblems } from '../../src/domain/sync/record-rules.ts';
import { sheetState } from '../../src/indicators/figures.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { SeedBundle } from '../../src/seed/schema.ts';

describe('calendar dates', () => {
  it('accepts only days that exist', () => {
    for (const d of ['2026-01-31', '2028-02-29', '2000-02-29', '2026-12-31', '2026-04-30']) expect(IsoDate.safeParse(d).success, d).toBe(true);
    for (const d of ['2026-02-29', '2100-02-29', '2026-99-99', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00', '2026-1-01', '2026-01-01T00:00']) {
      expect(IsoDate.safeParse(d).success, d).toBe(false);
    }
    expect(checkChangeValue('status', 'asOf', '2026-99-99')).toBe('Ngày không tồn tại trên lịch');
  });

  it('agrees with the calendar of the JavaScript Date for every day of 1901–2099', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2099 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const date = new Date(Date.UTC(y, m - 1, d));
        const real = m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        expect(isCalendarDate(s)).toBe(real);
      }),
      { numRuns: 3000 },
    );
  });

  it('every date in the seeds is a real one', () => {
    expect(SeedBundle.safeParse(buildSeedBundle()).success).toBe(true);
  });
});

describe('status and progress', () => {
  it('the status form refuses exactly what the server refuses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Status.options), fc.integer({ min: -20, max: 120 }), (status, progress) => {
        const input = { status, progress, note: '', difficulties: '', causes: '', proposals: '', asOf: '2026-11-25' };
        const form = StatusInput.safeParse(input).success;
        const server = recordProblems('status', { status, progress }).length === 0;
        expect(form).toBe(server);
      }),
      { numRuns: 800 },
    );
    expect(recordProblems('status', { status: 'done', progress: 40 })).toEqual([{ field: 'progress', message: 'Đã hoàn thành thì tiến độ phải là 100%' }]);
    expect(recordProblems('status', { status: 'notStarted', progress: 5 })).toEqual([{ field: 'progress', message: 'Chưa thực hiện thì tiến độ phải là 0%' }]);
    expect(recordProblems('status', { status: 'inProgress', progress: 101 })).toEqual([{ field: 'progress', message: 'Tiến độ không lớn hơn 100%' }]);
    expect(recordProblems('status', { status: 'done' })).toEqual([]); // no progress yet: nothing to disagree with
  });
});

describe('indicator figures', () => {
  const sheet = buildSeedBundle().indicatorSheet;
  const [s1, s2] = sheet.services;

  it('the sheet marks exactly the services the server refuses (online > total), once both figures are in', () => {
    const cell = fc.option(fc.nat(50), { nil: undefined });
    fc.assert(
      fc.property(fc.tuple(cell, cell, cell, cell), ([t1, o1, t2, o2]) => {
        const typed: Record<string, string> = {};
        const put = (field: string, v: number | undefined) => v !== undefined && (typed[field] = String(v));
        put(`s.${s1!.id}.total`, t1);
        put(`s.${s1!.id}.online`, o1);
        put(`s.${s2!.id}.total`, t2);
        put(`s.${s2!.id}.online`, o2);
        const state = sheetState(sheet, {}, typed);
        const formFields = state.rows.flatMap((r) => [r.total, r.online]).filter((c) => c.error).map((c) => c.field).sort();
        const values = Object.fromEntries(Object.entries(typed).map(([f, v]) => [f, Number(v)]));
        const serverFields = recordProblems('indicators', values).map((p) => p.field).sort();
        expect(formFields).toEqual(serverFields);
      }),
      { numRuns: 800 },
    );
  });

  it('names the online figure of each service at fault, and ignores counters', () => {
    expect(recordProblems('indicators', { 's.khai-sinh.total': 10, 's.khai-sinh.online': 11, 's.ket-hon.total': 3, 's.ket-hon.online': 3, 'c.x': 0 })).toEqual([
      { field: 's.khai-sinh.online', message: 'Số hồ sơ trực tuyến không vượt quá tổng số hồ sơ' },
    ]);
    expect(recordProblems('indicators', { 's.khai-sinh.online': 11 })).toEqual([]);
    expect(recordProblems('checklist', { 'a.x': 'có' })).toEqual([]);
  });
});
