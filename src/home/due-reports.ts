// Which reports a unit owes, from its reporting rules and what it has submitted.
import { dueAt, periodLabel, periodsDueBetween, timeliness, upcomingPeriod, type ReportingRule, type Timeliness } from '../domain/calendar.ts';

export interface DueReport {
  periodType: ReportingRule['periodType'];
  period: string;
  label: string;
  dueAt: number;
  state: Timeliness;
}

const DAY = 86_400_000;

/**
 * The upcoming report for each rule, plus every report due in the last `lookbackDays`
 * with its timeliness. `submitted` maps "<periodType>|<period>" to the first submission time.
 */
export function dueReports(rules: readonly ReportingRule[], submitted: ReadonlyMap<string, number>, now: number, lookbackDays = 45): DueReport[] {
  const out: DueReport[] = [];
  for (const rule of rules) {
    const keys = [...periodsDueBetween(rule, now - lookbackDays * DAY, now), upcomingPeriod(rule, now)];
    for (const period of keys) {
      const at = submitted.get(`${rule.periodType}|${period}`) ?? null;
      out.push({
        periodType: rule.periodType,
        period,
        label: `Báo cáo ${periodLabel(period).toLowerCase()}`,
        dueAt: dueAt(rule, period),
        state: timeliness(rule, period, at, now),
      });
    }
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

/** "còn 3 ngày", "hôm nay", "quá hạn 5 ngày" */
export function relativeDays(target: number, now: number): string {
  const days = Math.floor(Math.abs(target - now) / DAY);
  if (target >= now) return days === 0 ? 'đến hạn trong hôm nay' : `còn ${days} ngày`;
  return days === 0 ? 'vừa quá hạn' : `quá hạn ${days} ngày`;
}
