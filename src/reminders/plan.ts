// What to remind and when (issue 15): pure, so the page and the service worker apply the same
// rule and unit tests pin it down. A report due at `dueAt` (exclusive — "trước ngày 20" means the
// 19th is the last day) is reminded at 07:00 Vietnam time, `daysBefore` days before its last day
// and on the morning of its last day, as the person chose in Settings.
//
// Vietnam has no daylight saving (UTC+7 since 1975), so "07:00" is an exact instant, computed
// without time-zone data — the same on a phone whose clock zone is set wrongly.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const VN_OFFSET = 7 * HOUR;

export const REMIND_HOUR = 7;

export interface ReminderPrefs {
  /** Reminders on at all (the browser's permission is separate). */
  enabled: boolean;
  /** Days before the last day (0 = no early reminder). */
  daysBefore: number;
  /** A reminder on the morning of the last day. */
  morningOf: boolean;
}

export const DEFAULT_PREFS: ReminderPrefs = { enabled: true, daysBefore: 2, morningOf: true };
export const DAYS_BEFORE_CHOICES = [0, 1, 2, 3, 5, 7] as const;

export type ReminderKind = 'before' | 'lastDay';

/** A report the unit still owes, not yet past its deadline. */
export interface OwedReport {
  /** "<periodType>|<period>" */
  key: string;
  dueAt: number;
}

export interface Reminder {
  /** "<key>|<kind>|<fireAt>": changing the preferences makes new reminders, never re-shows an old one. */
  id: string;
  key: string;
  kind: ReminderKind;
  dueAt: number;
  fireAt: number;
}

/** Midnight (Vietnam) of the day holding `instant`. */
const vnDayStart = (instant: number) => Math.floor((instant + VN_OFFSET) / DAY) * DAY - VN_OFFSET;

/** When a report due at `dueAt` is reminded, earliest first (none when reminders are off). */
export function reminderTimes(dueAt: number, prefs: ReminderPrefs): { kind: ReminderKind; fireAt: number }[] {
  if (!prefs.enabled) return [];
  const lastDay = vnDayStart(dueAt - 1);
  const out: { kind: ReminderKind; fireAt: number }[] = [];
  if (prefs.daysBefore > 0) out.push({ kind: 'before', fireAt: lastDay - prefs.daysBefore * DAY + REMIND_HOUR * HOUR });
  if (prefs.morningOf) out.push({ kind: 'lastDay', fireAt: lastDay + REMIND_HOUR * HOUR });
  // A deadline at 05:00 would put the "morning" after it: a reminder must come before the deadline.
  return out.filter((r) => r.fireAt < dueAt);
}

/** Every reminder of the reports still owed whose deadline is ahead, by time. */
export function planReminders(owed: readonly OwedReport[], prefs: ReminderPrefs, now: number): Reminder[] {
  const out: Reminder[] = [];
  for (const r of owed) {
    if (r.dueAt <= now) continue;
    for (const t of reminderTimes(r.dueAt, prefs)) out.push({ id: `${r.key}|${t.kind}|${t.fireAt}`, key: r.key, kind: t.kind, dueAt: r.dueAt, fireAt: t.fireAt });
  }
  return out.sort((a, b) => a.fireAt - b.fireAt || a.key.localeCompare(b.key));
}

/**
 * What to show now: for each report, the latest reminder whose time has come, while its deadline
 * is ahead and if it was not shown yet. A phone off through the early reminder shows only the
 * later one (one notification per report, not a pile); once the later one was shown, the
 * earlier one never comes back.
 */
export function remindersDue<R extends Reminder>(plan: readonly R[], shown: ReadonlySet<string>, now: number): R[] {
  const latest = new Map<string, R>();
  for (const r of plan) {
    if (r.fireAt > now || r.dueAt <= now) continue;
    const seen = latest.get(r.key);
    if (!seen || r.fireAt > seen.fireAt) latest.set(r.key, r);
  }
  return [...latest.values()].filter((r) => !shown.has(r.id)).sort((a, b) => a.dueAt - b.dueAt);
}

/** How many reports are inside their reminder window now (the count Home and the app icon show). */
export const remindedCount = (plan: readonly Reminder[], now: number): number => new Set(plan.filter((r) => r.fireAt <= now && now < r.dueAt).map((r) => r.key)).size;

/** The next instant a reminder falls due after `now`, or null. */
export function nextReminderAt(plan: readonly Reminder[], now: number): number | null {
  const next = plan.find((r) => r.fireAt > now);
  return next ? next.fireAt : null;
}

/** The ids worth remembering as shown: those of reminders still in the plan (the rest can never recur). */
export const pruneShown = (shown: Iterable<string>, plan: readonly Reminder[]): string[] => {
  const live = new Set(plan.map((r) => r.id));
  return [...shown].filter((id) => live.has(id));
};

/** A reminder as the service worker shows it: the plan's entry with its text, in the person's language. */
export interface ReminderNotice extends Reminder {
  title: string;
  body: string;
  /** Where a tap on the notification opens the app (its report). */
  url: string;
}
