import * as z from 'zod/mini';
import { VN_OFFSET_MS } from './catalogue.ts';

/**
 * The reporting calendar: which period a report covers, when it is due and whether it
 * came in on time. Pure functions over instants (ms since epoch, UTC); "days" are days
 * in Vietnam (UTC+7, no daylight saving since 1975, so a fixed offset is exact).
 *
 * Period keys are strings so they sort and travel well:
 *   weekly "2026-W48" (ISO week, Monday–Sunday) · monthly "2026-11" · sixMonth "2026-H2"
 *   annual "2026" · adHoc "adhoc:<id>" (due date set by whoever asks for it).
 */

export const PeriodType = z.enum(['weekly', 'monthly', 'sixMonth', 'annual', 'adHoc']);
export type PeriodType = z.infer<typeof PeriodType>;

export const PERIOD_TYPE_LABEL: Record<PeriodType, string> = {
  weekly: 'Báo cáo tuần',
  monthly: 'Báo cáo tháng',
  sixMonth: 'Báo cáo sơ kết 6 tháng',
  annual: 'Báo cáo tổng kết năm',
  adHoc: 'Báo cáo đột xuất',
};

/**
 * A unit's rule for one report type.
 * - weekly: the week just ended is reported on `dueWeekday` (1 = Monday) of the next week,
 *   by the end of that day ("vào thứ 2 hàng tuần").
 * - monthly / sixMonth / annual: due before day `dueBeforeDay` of the period's last month
 *   plus `monthOffset` months ("trước ngày 20 hàng tháng": dueBeforeDay 20, monthOffset 0).
 *   A day past the month's end (e.g. 30 in February) means the start of the next month.
 */
export const ReportingRule = z.discriminatedUnion('periodType', [
  z.object({ periodType: z.literal('weekly'), dueWeekday: z.int().check(z.minimum(1), z.maximum(7)) }),
  z.object({
    periodType: z.enum(['monthly', 'sixMonth', 'annual']),
    dueBeforeDay: z.int().check(z.minimum(1), z.maximum(31)),
    monthOffset: z._default(z.int().check(z.minimum(0), z.maximum(12)), 0),
  }).check(
    z.refine((r) => !(r.periodType === 'monthly' && r.monthOffset === 0 && r.dueBeforeDay === 1), {
      message: 'Hạn nộp báo cáo tháng không thể trước ngày đầu của chính tháng đó',
      path: ['dueBeforeDay'],
    }),
  ),
]);
export type ReportingRule = z.infer<typeof ReportingRule>;

export const PeriodKey = z
  .string()
  .check(z.regex(/^(\d{4}-W\d{2}|\d{4}-\d{2}|\d{4}-H[12]|\d{4}|adhoc:[A-Za-z0-9._-]+)$/, 'Kỳ báo cáo không hợp lệ'));

export type Timeliness = 'onTime' | 'late' | 'missing' | 'notDue';
export const TIMELINESS_LABEL: Record<Timeliness, string> = {
  onTime: 'Đúng hạn',
  late: 'Trễ hạn',
  missing: 'Chưa nộp (quá hạn)',
  notDue: 'Chưa đến hạn',
};

const DAY = 86_400_000;

/** Day number in Vietnam (days since 1970-01-01 local). */
const localDay = (instant: number) => Math.floor((instant + VN_OFFSET_MS) / DAY);
/** The instant a local day starts. */
const dayStart = (day: number) => day * DAY - VN_OFFSET_MS;
/** ISO weekday of a local day number: 1 = Monday … 7 = Sunday (day 0 was a Thursday). */
const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;
const civil = (day: number) => {
  const d = new Date(day * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
};
const dayOf = (year: number, month: number, date: number) => Math.floor(Date.UTC(year, month - 1, date) / DAY);
const pad = (n: number) => String(n).padStart(2, '0');

function isoWeekOf(day: number): { year: number; week: number } {
  const thursday = day - isoWeekday(day) + 4;
  const year = civil(thursday).year;
  return { year, week: Math.floor((thursday - dayOf(year, 1, 1)) / 7) + 1 };
}
function mondayOfIsoWeek(year: number, week: number): number {
  const jan4 = dayOf(year, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1) + 7 * (week - 1);
}

/** The period of a type that contains an instant. */
export function periodOf(type: Exclude<PeriodType, 'adHoc'>, instant: number): string {
  const day = localDay(instant);
  const { year, month } = civil(day);
  switch (type) {
    case 'weekly': {
      const w = isoWeekOf(day);
      return `${w.year}-W${pad(w.week)}`;
    }
    case 'monthly':
      return `${year}-${pad(month)}`;
    case 'sixMonth':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'annual':
      return `${year}`;
  }
}

export function periodTypeOf(key: string): PeriodType {
  if (key.startsWith('adhoc:')) return 'adHoc';
  if (/W/.test(key)) return 'weekly';
  if (/H/.test(key)) return 'sixMonth';
  if (/^\d{4}$/.test(key)) return 'annual';
  return 'monthly';
}

/** [start, end) instants of a period; the last month is what due dates count from. */
export function periodRange(key: string): { start: number; end: number; lastYear: number; lastMonth: number } {
  const type = periodTypeOf(key);
  const year = Number(key.slice(0, 4));
  let startDay: number;
  let endDay: number;
  switch (type) {
    case 'weekly':
      startDay = mondayOfIsoWeek(year, Number(key.slice(6)));
      endDay = startDay + 7;
      break;
    case 'monthly': {
      const month = Number(key.slice(5));
      startDay = dayOf(year, month, 1);
      endDay = dayOf(year, month + 1, 1);
      break;
    }
    case 'sixMonth': {
      const half = Number(key.slice(6));
      startDay = dayOf(year, half === 1 ? 1 : 7, 1);
      endDay = dayOf(year, half === 1 ? 7 : 13, 1);
      break;
    }
    case 'annual':
      startDay = dayOf(year, 1, 1);
      endDay = dayOf(year + 1, 1, 1);
      break;
    case 'adHoc':
      throw new Error(`Kỳ đột xuất ${key} không có khoảng thời gian cố định`);
  }
  const last = civil(endDay - 1);
  return { start: dayStart(startDay), end: dayStart(endDay), lastYear: last.year, lastMonth: last.month };
}

export function nextPeriod(key: string): string {
  const type = periodTypeOf(key);
  if (type === 'adHoc') throw new Error('Kỳ đột xuất không có kỳ tiếp theo');
  return periodOf(type, periodRange(key).end);
}
export function previousPeriod(key: string): string {
  const type = periodTypeOf(key);
  if (type === 'adHoc') throw new Error('Kỳ đột xuất không có kỳ trước');
  return periodOf(type, periodRange(key).start - 1);
}

/** The instant a report for `key` must be in before (exclusive). */
export function dueAt(rule: ReportingRule, key: string): number {
  const range = periodRange(key);
  if (rule.periodType === 'weekly') {
    // The week after the period: its Monday is range.end; the due weekday ends a day later.
    return range.end + rule.dueWeekday * DAY;
  }
  const monthIndex = range.lastMonth - 1 + rule.monthOffset; // 0-based, may pass December
  const year = range.lastYear + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const daysInMonth = dayOf(year, month + 1, 1) - dayOf(year, month, 1);
  const day = Math.min(rule.dueBeforeDay, daysInMonth + 1);
  return dayStart(dayOf(year, month, day));
}

export function timeliness(rule: ReportingRule, key: string, submittedAt: number | null, now: number): Timeliness {
  const due = dueAt(rule, key);
  if (submittedAt !== null) return submittedAt < due ? 'onTime' : 'late';
  return now >= due ? 'missing' : 'notDue';
}

/** How many periods back a period can still fall due: its due date may lie months after its end. */
function lookback(rule: ReportingRule): number {
  if (rule.periodType === 'weekly') return 2;
  const months = { monthly: 1, sixMonth: 6, annual: 12 }[rule.periodType];
  return Math.ceil(rule.monthOffset / months) + 2;
}

/** Periods of a rule whose due instant falls in [from, to), oldest first. */
export function periodsDueBetween(rule: ReportingRule, from: number, to: number): string[] {
  const out: string[] = [];
  let key = periodOf(rule.periodType, from);
  for (let i = lookback(rule); i > 0; i--) key = previousPeriod(key);
  for (let guard = 0; guard < 10_000; guard++) {
    const due = dueAt(rule, key);
    if (due >= to && periodRange(key).start >= to) break;
    if (due >= from && due < to) out.push(key);
    key = nextPeriod(key);
  }
  return out;
}

/**
 * The period a unit should be working on now for a rule: the oldest one not yet due,
 * i.e. the report the home screen shows as "sắp đến hạn".
 */
export function upcomingPeriod(rule: ReportingRule, now: number): string {
  let key = periodOf(rule.periodType, now);
  for (let i = lookback(rule); i > 0; i--) key = previousPeriod(key);
  while (dueAt(rule, key) <= now) key = nextPeriod(key);
  return key;
}

/**
 * The name of the report of a period: "Báo cáo tuần 48/2026", "Báo cáo tháng 12/2026",
 * "Báo cáo sơ kết 6 tháng đầu năm 2026", "Báo cáo tổng kết năm 2026", "Báo cáo đột xuất" —
 * the type's name and the period's, without saying "tháng" or "năm" twice.
 */
export function reportLabel(key: string): string {
  const type = periodTypeOf(key);
  switch (type) {
    case 'weekly':
      return `Báo cáo tuần ${Number(key.slice(6))}/${key.slice(0, 4)}`;
    case 'monthly':
      return `Báo cáo tháng ${Number(key.slice(5))}/${key.slice(0, 4)}`;
    case 'sixMonth':
      return `${PERIOD_TYPE_LABEL.sixMonth} ${key.endsWith('1') ? 'đầu' : 'cuối'} năm ${key.slice(0, 4)}`;
    case 'annual':
      return `${PERIOD_TYPE_LABEL.annual} ${key}`;
    case 'adHoc':
      return PERIOD_TYPE_LABEL.adHoc;
  }
}

/** "Tuần 48/2026", "Tháng 11/2026", "6 tháng đầu năm 2026", "Năm 2026". */
export function periodLabel(key: string): string {
  switch (periodTypeOf(key)) {
    case 'weekly':
      return `Tuần ${Number(key.slice(6))}/${key.slice(0, 4)}`;
    case 'monthly':
      return `Tháng ${Number(key.slice(5))}/${key.slice(0, 4)}`;
    case 'sixMonth':
      return `6 tháng ${key.endsWith('1') ? 'đầu' : 'cuối'} năm ${key.slice(0, 4)}`;
    case 'annual':
      return `Năm ${key}`;
    case 'adHoc':
      return 'Đột xuất';
  }
}
