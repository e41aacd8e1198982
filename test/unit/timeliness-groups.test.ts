// Issue 14, problem 8: "Tháng 12/2026 (đã đến hạn)" was shown on 02/12 when the deadline is 20/12,
// because one commune had already sent its report. A period is past due only when no commune is
// still "not due".
import { describe, expect, it } from 'vitest';
import { timelinessGroups } from '../../src/dashboard/matrix.ts';
import type { PeriodTimeliness } from '../../src/domain/rollup.ts';

const period = (p: string, counts: Partial<PeriodTimeliness['counts']>): PeriodTimeliness => ({
  period: p,
  periodType: 'monthly',
  counts: { onTime: 0, late: 0, missing: 0, notDue: 0, ...counts },
  communes: { onTime: [], late: [], missing: [], notDue: [] },
  recordedBeforeDue: [],
});

describe('timeliness groups on the dashboard', () => {
  it('a period some communes sent early is the upcoming one, not the one "đã đến hạn"', () => {
    const [monthly] = timelinessGroups([period('2026-12', { onTime: 1, notDue: 25 }), period('2026-11', { onTime: 20, late: 2, missing: 4 })]);
    expect(monthly!.current?.period).toBe('2026-11');
    expect(monthly!.upcoming?.period).toBe('2026-12');
    expect(monthly!.periods.map((p) => p.period)).toEqual(['2026-11']);
  });
});
