// Which reports a unit owes, from its reporting rules and what it has submitted.
import { dueAt, periodsDueBetween, timeliness, upcomingPeriod, type ReportingRule, type Timeliness } from '../domain/calendar.ts';
import { m as common } from '../i18n/common.ts';
import { m } from './messages.ts';

export interface DueReport {
  periodType: ReportingRule['periodType'];
  period: string;
  label: string;
  dueAt: number;
  state: Timeliness;
}

const DAY = 86_400_000;

/**
 * The upcoming report for each rule, plus every report due from `since` (default: the last 45
 * days) until now, with its timeliness. `submitted` maps "<periodType>|<period>" to the first
 * submission time.
 */
export function dueReports(rules: readonly ReportingRule[], submitted: ReadonlyMap<string, number>, now: number, since: number = now - 45 * DAY): DueReport[] {
  const out: DueReport[] = [];
  for (const rule of rules) {
    const keys = [...periodsDueBetween(rule, Math.min(since, now), now), upcomingPeriod(rule, now)];
    for (const period of keys) {
      const at = submitted.get(`${rule.periodType}|${period}`) ?? null;
      out.push({
        periodType: rule.periodType,
        period,
        label: common.report(period),
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
  if (target >= now) return days === 0 ? m.dueToday : m.daysLeft(days);
  return days === 0 ? m.justOverdue : m.daysOverdue(days);
}

export interface ReturnedReport extends DueReport {
  /** What the unit above asked to change. */
  comment: string;
}

export interface HomeReports {
  /** Sent back by the unit above with a comment: to fix and send again. Never on time until resent. */
  returned: ReturnedReport[];
  /** Past their deadline and not sent, newest first, at most `maxOverdue`. */
  overdue: DueReport[];
  /** How many older overdue periods are folded into one line. */
  olderOverdue: number;
  /** Not due yet, soonest first. */
  upcoming: DueReport[];
}

/**
 * What the home page lists, in the order it needs doing: returned reports, then overdue ones,
 * then those coming up. A unit owes no period whose deadline passed before it began using the
 * app (`since`: its first record, or when its rule took effect); a returned period is not
 * counted as sent, so it is neither on time nor gone from the list.
 */
export function homeReports(input: {
  rules: readonly ReportingRule[];
  submitted: ReadonlyMap<string, number>;
  /** "<periodType>|<period>" → the comment that returned its latest version. */
  returned: ReadonlyMap<string, string>;
  now: number;
  since: number;
  maxOverdue: number;
}): HomeReports {
  const sent = new Map([...input.submitted].filter(([key]) => !input.returned.has(key)));
  const owed = dueReports(input.rules, sent, input.now, input.since);
  const keyOf = (r: DueReport) => `${r.periodType}|${r.period}`;
  const returned: ReturnedReport[] = [];
  for (const r of owed) {
    const comment = input.returned.get(keyOf(r));
    if (comment !== undefined) returned.push({ ...r, comment });
  }
  // A returned period older than the list still needs doing: it is listed even so.
  for (const [key, comment] of input.returned) {
    if (returned.some((r) => keyOf(r) === key)) continue;
    const [type, period] = key.split('|') as [string, string];
    const rule = input.rules.find((x) => x.periodType === type);
    if (!rule) continue;
    const due = dueAt(rule, period);
    returned.push({ periodType: rule.periodType, period, label: common.report(period), dueAt: due, state: timeliness(rule, period, null, input.now), comment });
  }
  const rest = owed.filter((r) => !input.returned.has(keyOf(r)));
  const overdue = rest.filter((r) => r.state === 'missing').reverse();
  return {
    returned: returned.sort((a, b) => a.dueAt - b.dueAt),
    overdue: overdue.slice(0, input.maxOverdue),
    olderOverdue: Math.max(0, overdue.length - input.maxOverdue),
    upcoming: rest.filter((r) => r.state === 'notDue'),
  };
}

/** "… và 5 kỳ báo cáo trước đó chưa nộp." */
export const olderOverdueLine = (n: number): string => m.olderOverdue(n);
