// Which reports a reminder can be about: those the unit's rules make due in the next five weeks
// that the server has not received (a returned one counts as not received) and that are not
// waiting on this phone to be sent. Five weeks: the worker may go that long without the app
// being opened to hand it a fresh plan.
import { periodsDueBetween, dueAt, type ReportingRule } from '../domain/calendar.ts';
import type { OwedReport } from './plan.ts';

const HORIZON_MS = 35 * 86_400_000;

export interface OwedPeriod extends OwedReport {
  period: string;
}

export function owedReports(
  rules: readonly ReportingRule[],
  state: { map: ReadonlyMap<string, number>; waiting: ReadonlySet<string>; returned: ReadonlyMap<string, string> },
  now: number,
): OwedPeriod[] {
  const out: OwedPeriod[] = [];
  for (const rule of rules) {
    for (const period of periodsDueBetween(rule, now, now + HORIZON_MS)) {
      const key = `${rule.periodType}|${period}`;
      const returned = state.returned.has(key);
      if (state.map.has(key) && !returned) continue;
      if (state.waiting.has(key) && !returned) continue;
      out.push({ key, period, dueAt: dueAt(rule, period) });
    }
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}
