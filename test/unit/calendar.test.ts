import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dueAt,
  nextPeriod,
  periodLabel,
  periodOf,
  periodRange,
  periodsDueBetween,
  previousPeriod,
  reportLabel,
  timeliness,
  upcomingPeriod,
  ReportingRule,
} from '../../src/domain/calendar.ts';

/** An instant given as Vietnam wall-clock time. */
const vn = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);
const DAY = 86_400_000;

const thieuVanWeekly: ReportingRule = { periodType: 'weekly', dueWeekday: 1 };
const thieuVanMonthly: ReportingRule = { periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 };
const dongHaiMonthly: ReportingRule = { periodType: 'monthly', dueBeforeDay: 12, monthOffset: 0 };

describe('Thiệu Vân weekly report: on Monday for the week just ended', () => {
  it('is due by the end of the following Monday', () => {
    // Week 48 of 2026 runs Monday 23/11 to Sunday 29/11; due end of Monday 30/11.
    expect(periodOf('weekly', vn(2026, 11, 25, 10))).toBe('2026-W48');
    expect(dueAt(thieuVanWeekly, '2026-W48')).toBe(vn(2026, 12, 1));
    expect(timeliness(thieuVanWeekly, '2026-W48', vn(2026, 11, 30, 23, 59), vn(2026, 12, 5))).toBe('onTime');
    expect(timeliness(thieuVanWeekly, '2026-W48', vn(2026, 12, 1, 0, 0), vn(2026, 12, 5))).toBe('late');
    expect(timeliness(thieuVanWeekly, '2026-W48', null, vn(2026, 11, 30, 23))).toBe('notDue');
    expect(timeliness(thieuVanWeekly, '2026-W48', null, vn(2026, 12, 1))).toBe('missing');
  });

  it('crosses month and year ends (2026 has 53 ISO weeks)', () => {
    expect(periodOf('weekly', vn(2026, 12, 31))).toBe('2026-W53');
    expect(periodOf('weekly', vn(2027, 1, 3, 23, 59))).toBe('2026-W53');
    expect(periodOf('weekly', vn(2027, 1, 4))).toBe('2027-W01');
    expect(dueAt(thieuVanWeekly, '2026-W53')).toBe(vn(2027, 1, 5));
    expect(nextPeriod('2026-W53')).toBe('2027-W01');
    // The week of 1/1/2021 (a Friday) belongs to 2020-W53.
    expect(periodOf('weekly', vn(2021, 1, 1))).toBe('2020-W53');
    // 30/9 → 6/10/2024 spans a month end; due Monday 7/10.
    expect(dueAt(thieuVanWeekly, periodOf('weekly', vn(2024, 10, 1)))).toBe(vn(2024, 10, 8));
  });

  it('uses Vietnam time, not UTC: Monday 00:30 in Hà Nội is still Sunday in UTC', () => {
    expect(periodOf('weekly', vn(2026, 11, 23, 0, 30))).toBe('2026-W48');
    expect(periodOf('weekly', vn(2026, 11, 22, 23, 30))).toBe('2026-W47');
  });
});

describe('Thiệu Vân monthly report: before the 20th', () => {
  it('is due at the start of the 20th, Vietnam time', () => {
    expect(dueAt(thieuVanMonthly, '2026-11')).toBe(vn(2026, 11, 20));
    expect(timeliness(thieuVanMonthly, '2026-11', vn(2026, 11, 19, 23, 59), vn(2026, 11, 25))).toBe('onTime');
    expect(timeliness(thieuVanMonthly, '2026-11', vn(2026, 11, 20, 0, 1), vn(2026, 11, 25))).toBe('late');
    expect(timeliness(thieuVanMonthly, '2026-11', null, vn(2026, 11, 25))).toBe('missing');
    expect(timeliness(thieuVanMonthly, '2026-12', null, vn(2026, 11, 25))).toBe('notDue');
    expect(upcomingPeriod(thieuVanMonthly, vn(2026, 11, 25))).toBe('2026-12');
    expect(upcomingPeriod(thieuVanMonthly, vn(2026, 11, 19, 12))).toBe('2026-11');
  });
});

describe('Đông Hải monthly report: before the 12th', () => {
  it('is due at the start of the 12th', () => {
    expect(dueAt(dongHaiMonthly, '2026-02')).toBe(vn(2026, 2, 12));
    expect(timeliness(dongHaiMonthly, '2026-02', vn(2026, 2, 11, 23), vn(2026, 3, 1))).toBe('onTime');
    expect(timeliness(dongHaiMonthly, '2026-02', vn(2026, 2, 12, 8), vn(2026, 3, 1))).toBe('late');
    expect(timeliness(dongHaiMonthly, '2026-02', null, vn(2026, 2, 12))).toBe('missing');
  });
});

describe('rules', () => {
  it('refuses a monthly report due before its own month begins', () => {
    const r = ReportingRule.safeParse({ periodType: 'monthly', dueBeforeDay: 1, monthOffset: 0 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['dueBeforeDay']);
    expect(ReportingRule.safeParse({ periodType: 'monthly', dueBeforeDay: 1, monthOffset: 1 }).success).toBe(true);
  });
});

describe('month ends and leap years', () => {
  it('clamps a due day past the end of February to the 1st of March', () => {
    const before30: ReportingRule = { periodType: 'monthly', dueBeforeDay: 30, monthOffset: 0 };
    const before29: ReportingRule = { periodType: 'monthly', dueBeforeDay: 29, monthOffset: 0 };
    expect(dueAt(before30, '2028-02')).toBe(vn(2028, 3, 1)); // leap year: 29 days
    expect(dueAt(before29, '2028-02')).toBe(vn(2028, 2, 29));
    expect(dueAt(before29, '2027-02')).toBe(vn(2027, 3, 1)); // not a leap year
    expect(dueAt(before29, '2100-02')).toBe(vn(2100, 3, 1)); // century, not leap
    expect(dueAt(before29, '2000-02')).toBe(vn(2000, 2, 29)); // 400-year rule, leap
  });

  it('carries month offsets over the year end', () => {
    const annual: ReportingRule = { periodType: 'annual', dueBeforeDay: 15, monthOffset: 1 };
    expect(dueAt(annual, '2026')).toBe(vn(2027, 1, 15));
    const sixMonth: ReportingRule = { periodType: 'sixMonth', dueBeforeDay: 20, monthOffset: 0 };
    expect(dueAt(sixMonth, '2026-H1')).toBe(vn(2026, 6, 20));
    expect(periodRange('2026-H2').end).toBe(vn(2027, 1, 1));
  });

  it('labels periods in Vietnamese', () => {
    expect(periodLabel('2026-W48')).toBe('Tuần 48/2026');
    expect(periodLabel('2026-11')).toBe('Tháng 11/2026');
    expect(periodLabel('2026-H1')).toBe('6 tháng đầu năm 2026');
  });

  // Issue 14, problem 8: "Báo cáo tháng tháng 12/2026" said the period type twice.
  it('names a period’s report without repeating the period type', () => {
    expect(reportLabel('2026-12')).toBe('Báo cáo tháng 12/2026');
    expect(reportLabel('2026-W48')).toBe('Báo cáo tuần 48/2026');
    expect(reportLabel('2026-H1')).toBe('Báo cáo sơ kết 6 tháng đầu năm 2026');
    expect(reportLabel('2026-H2')).toBe('Báo cáo sơ kết 6 tháng cuối năm 2026');
    expect(reportLabel('2026')).toBe('Báo cáo tổng kết năm 2026');
    expect(reportLabel('adhoc:lx1')).toBe('Báo cáo đột xuất');
  });
});

// Instants from 1990 to 2100.
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });
const periodType = fc.constantFrom('weekly' as const, 'monthly' as const, 'sixMonth' as const, 'annual' as const);
const rule: fc.Arbitrary<ReportingRule> = fc.oneof(
  fc.integer({ min: 1, max: 7 }).map((d) => ({ periodType: 'weekly' as const, dueWeekday: d })),
  fc
    .record({
      periodType: fc.constantFrom('monthly' as const, 'sixMonth' as const, 'annual' as const),
      dueBeforeDay: fc.integer({ min: 1, max: 31 }),
      monthOffset: fc.integer({ min: 0, max: 12 }),
    })
    .filter((r) => ReportingRule.safeParse(r).success), // "before the 1st" of the month itself is refused
);

describe('calendar properties', () => {
  it('an instant lies in the period periodOf gives it', () => {
    fc.assert(
      fc.property(periodType, instant, (type, t) => {
        const r = periodRange(periodOf(type, t));
        expect(t).toBeGreaterThanOrEqual(r.start);
        expect(t).toBeLessThan(r.end);
      }),
    );
  });

  it('periods tile time: each ends where the next starts, and previous undoes next', () => {
    fc.assert(
      fc.property(periodType, instant, (type, t) => {
        const key = periodOf(type, t);
        const next = nextPeriod(key);
        expect(periodRange(next).start).toBe(periodRange(key).end);
        expect(previousPeriod(next)).toBe(key);
      }),
    );
  });

  it('periods start at midnight in Vietnam; weeks on Monday', () => {
    fc.assert(
      fc.property(periodType, instant, (type, t) => {
        const { start } = periodRange(periodOf(type, t));
        const local = new Date(start + 7 * 3600_000);
        expect(local.getUTCHours()).toBe(0);
        if (type === 'weekly') expect(local.getUTCDay()).toBe(1);
      }),
    );
  });

  it('a due date is a Vietnam midnight after the period starts; monthly-type ones lie in the month named', () => {
    fc.assert(
      fc.property(rule, instant, (r, t) => {
        const key = periodOf(r.periodType as 'weekly', t);
        const due = dueAt(r, key);
        const local = new Date(due + 7 * 3600_000);
        expect(local.getUTCHours()).toBe(0);
        expect(due).toBeGreaterThan(periodRange(key).start);
        if (r.periodType === 'weekly') expect(due - periodRange(key).end).toBe(r.dueWeekday * DAY);
        else expect([r.dueBeforeDay, 1]).toContain(local.getUTCDate());
      }),
    );
  });

  it('timeliness: on time iff submitted before due; missing only once due has passed; never un-missing as time goes on', () => {
    fc.assert(
      fc.property(rule, instant, fc.option(instant, { nil: null }), instant, (r, t, submitted, now) => {
        const key = periodOf(r.periodType as 'weekly', t);
        const due = dueAt(r, key);
        const status = timeliness(r, key, submitted, now);
        if (submitted !== null) expect(status).toBe(submitted < due ? 'onTime' : 'late');
        else {
          expect(status).toBe(now >= due ? 'missing' : 'notDue');
          if (status === 'missing') expect(timeliness(r, key, null, now + DAY)).toBe('missing');
        }
      }),
    );
  });

  it('periodsDueBetween lists exactly the periods due in the window, in order', () => {
    fc.assert(
      fc.property(rule, instant, fc.integer({ min: 0, max: 400 * DAY }), (r, from, span) => {
        const to = from + span;
        const keys = periodsDueBetween(r, from, to);
        for (const k of keys) {
          expect(dueAt(r, k)).toBeGreaterThanOrEqual(from);
          expect(dueAt(r, k)).toBeLessThan(to);
        }
        for (let i = 1; i < keys.length; i++) expect(keys[i]).toBe(nextPeriod(keys[i - 1]!));
        // Nothing missed just before the first or just after the last.
        if (keys.length) {
          expect(dueAt(r, previousPeriod(keys[0]!))).toBeLessThan(from);
          expect(dueAt(r, nextPeriod(keys.at(-1)!))).toBeGreaterThanOrEqual(to);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('upcomingPeriod is the first period not yet due', () => {
    fc.assert(
      fc.property(rule, instant, (r, now) => {
        const key = upcomingPeriod(r, now);
        expect(dueAt(r, key)).toBeGreaterThan(now);
        expect(dueAt(r, previousPeriod(key))).toBeLessThanOrEqual(now);
      }),
    );
  });
});
