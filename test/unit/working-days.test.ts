import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  HOLIDAYS,
  addWorkingDays,
  holidayOf,
  isWorkingDay,
  vnDateOf,
  weekdayHolidaysOf,
  weekdayOf,
  workingDaysBefore,
  workingDaysBetween,
} from '../../src/domain/working-days.ts';

// The breaks as the yearly announcements word them ("nghỉ từ … đến hết …"), written here
// independently of the module's table, plus the Saturdays worked instead (làm bù).
const ANNOUNCED: Record<number, { off: [string, string][]; makeUp: string[] }> = {
  2023: { off: [['2023-01-01', '2023-01-02'], ['2023-01-20', '2023-01-26'], ['2023-04-29', '2023-05-03'], ['2023-09-01', '2023-09-04']], makeUp: [] },
  2024: { off: [['2024-01-01', '2024-01-01'], ['2024-02-08', '2024-02-14'], ['2024-04-18', '2024-04-18'], ['2024-04-27', '2024-05-01'], ['2024-08-31', '2024-09-03']], makeUp: ['2024-05-04'] },
  2025: { off: [['2025-01-01', '2025-01-01'], ['2025-01-25', '2025-02-02'], ['2025-04-07', '2025-04-07'], ['2025-04-30', '2025-05-04'], ['2025-08-30', '2025-09-02']], makeUp: ['2025-04-26'] },
  2026: { off: [['2026-01-01', '2026-01-04'], ['2026-02-14', '2026-02-22'], ['2026-04-27', '2026-04-27'], ['2026-04-30', '2026-05-01'], ['2026-08-29', '2026-09-02']], makeUp: ['2026-01-10', '2026-08-22'] },
  // Computed from the law and the lunar calendar (see the module): mùng 1 Tết = 6/2/2027.
  2027: { off: [['2027-01-01', '2027-01-01'], ['2027-02-04', '2027-02-10'], ['2027-04-16', '2027-04-16'], ['2027-04-30', '2027-05-03'], ['2027-09-02', '2027-09-03']], makeUp: [] },
};

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function weekdaysIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = day(from); t <= day(to); t += 86_400_000) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(iso(t));
  }
  return out;
}

const dateArb = fc.integer({ min: day('2023-01-01'), max: day('2027-11-30') }).map((t) => iso(t - (t % 86_400_000)));
const isWeekend = (d: string) => weekdayOf(d) >= 6;
const isMakeUp = (d: string) => HOLIDAYS.some((h) => h.makeUp.includes(d));

describe('working days (Bộ luật Lao động 2019, Điều 112, and the yearly announcements)', () => {
  it.each(Object.keys(ANNOUNCED).map(Number))('lists the weekday holidays of %i as announced', (year) => {
    const expected = ANNOUNCED[year]!.off.flatMap(([a, b]) => weekdaysIn(a, b)).sort();
    expect(weekdayHolidaysOf(year).map((h) => h.date)).toEqual(expected);
    for (const d of expected) expect(isWorkingDay(d)).toBe(false);
    for (const d of ANNOUNCED[year]!.makeUp) {
      expect(isWeekend(d)).toBe(true);
      expect(isWorkingDay(d)).toBe(true);
    }
  });

  it('gives every holiday period a source and says which ones are computed', () => {
    for (const h of HOLIDAYS) {
      expect(h.source).toMatch(/Bộ luật Lao động 2019|Thông báo|Văn bản/);
      expect(['announced', 'computed']).toContain(h.basis);
    }
    expect(HOLIDAYS.filter((h) => h.from.startsWith('2027')).every((h) => h.basis === 'computed')).toBe(true);
    expect(holidayOf('2025-01-29')).toMatch(/Tết Nguyên đán Ất Tỵ/);
    expect(holidayOf('2025-01-24')).toBeNull();
  });

  it('names the lunar day each Tết break starts and ends on, and Giỗ Tổ on 10/3 âm lịch', () => {
    // Lunar dates from Hồ Ngọc Đức's algorithm (UTC+7): mùng 1 Tết = 22/1/2023, 10/2/2024,
    // 29/1/2025, 17/2/2026, 6/2/2027. Tháng Chạp has 30 days before 2023 and 2024 and 29 before
    // 2025, 2026 and 2027 (giao thừa 5/2/2027 is 29 Chạp, so 4/2/2027 is 28 Chạp).
    const tet: [string, string, string][] = [
      ['2023-01-20', '2023-01-26', '29 tháng Chạp đến hết mùng 5 tháng Giêng'],
      ['2024-02-08', '2024-02-14', '29 tháng Chạp đến hết mùng 5 tháng Giêng'],
      ['2025-01-25', '2025-02-02', '26 tháng Chạp đến hết mùng 5 tháng Giêng'],
      ['2026-02-14', '2026-02-22', '27 tháng Chạp đến hết mùng 6 tháng Giêng'],
      ['2027-02-04', '2027-02-10', '28 tháng Chạp đến hết mùng 5 tháng Giêng'],
    ];
    for (const [from, to, words] of tet) {
      const h = HOLIDAYS.find((x) => x.name.startsWith('Tết Nguyên đán') && x.from === from)!;
      expect(h.to, from).toBe(to);
      expect(h.name, from).toContain(`(${words}`);
    }
    for (const d of ['2023-04-29', '2024-04-18', '2025-04-07', '2026-04-26', '2027-04-16']) expect(holidayOf(d), d).toMatch(/Giỗ Tổ Hùng Vương/);
  });

  it('counts as the inspection plan of 003 needs: notice 2 working days before, conclusion 5 after', () => {
    // A visit on Thursday 03/8/2023: the notice goes out by Tuesday 01/8.
    expect(workingDaysBefore('2023-08-03', 2)).toBe('2023-08-01');
    // A visit on Tuesday 05/9/2023, after the 1–4/9 break: the two working days before it are
    // Wednesday 30/8 and Thursday 31/8, so the notice goes out by 30/8.
    expect(workingDaysBefore('2023-09-05', 2)).toBe('2023-08-30');
    // Campaign ends Thursday 24/8/2023: 5 working days later is Thursday 31/8.
    expect(addWorkingDays('2023-08-24', 5)).toBe('2023-08-31');
    // Over Tết Ất Tỵ: Friday 24/01/2025 + 1 working day is Monday 03/02/2025.
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    // A make-up Saturday is a working day: Friday 25/4/2025 + 1 is Saturday 26/4.
    expect(addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
  });

  it('never lands on a day off: N working days after is a working day, never a holiday, a weekend only if a make-up day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 40 }), (d, n) => {
        const out = addWorkingDays(d, n);
        return isWorkingDay(out) && holidayOf(out) === null && (!isWeekend(out) || isMakeUp(out));
      }),
    );
  });

  it('adding then counting back is consistent', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const later = addWorkingDays(d, n);
        expect(workingDaysBetween(d, later)).toBe(n);
        // From a working day, n back then n forward returns to it.
        const start = addWorkingDays(d, 0);
        expect(addWorkingDays(workingDaysBefore(start, n), n)).toBe(start);
        expect(workingDaysBetween(workingDaysBefore(start, n), start)).toBe(n);
      }),
    );
  });

  it('is monotonic in the date and in n', () => {
    fc.assert(
      fc.property(dateArb, dateArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (a, b, n, m) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(lo, n) <= addWorkingDays(hi, n)).toBe(true);
        const [small, big] = n <= m ? [n, m] : [m, n];
        expect(addWorkingDays(lo, small) <= addWorkingDays(lo, big)).toBe(true);
        if (small > 0) expect(workingDaysBefore(lo, big) <= workingDaysBefore(lo, small)).toBe(true);
      }),
    );
  });

  it('reads instants as calendar days in Vietnam (UTC+7)', () => {
    expect(vnDateOf(Date.UTC(2024, 1, 7, 16, 59))).toBe('2024-02-07');
    expect(vnDateOf(Date.UTC(2024, 1, 7, 17, 0))).toBe('2024-02-08');
    expect(() => isWorkingDay('2026-02-29')).toThrow(RangeError);
  });
});
