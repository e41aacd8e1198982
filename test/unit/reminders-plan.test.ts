// When the phone reminds a report (src/reminders/plan.ts). Expected instants are written out by
// hand in UTC from the Vietnamese calendar (UTC+7): "trước ngày 20/12" → the last day is 19/12,
// reminded at 07:00 on 17/12 (2 days before) and 07:00 on 19/12.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dueAt, type ReportingRule } from '../../src/domain/calendar.ts';
import { DEFAULT_PREFS, nextReminderAt, planReminders, pruneShown, remindedCount, reminderTimes, remindersDue, type ReminderPrefs } from '../../src/reminders/plan.ts';

const HOUR = 3_600_000;
/** 20/12/2026 00:00 in Vietnam: the deadline of "trước ngày 20" for December. */
const DEC_20 = Date.UTC(2026, 11, 19, 17);
const monthly = { key: 'monthly|2026-12', dueAt: DEC_20 };

describe('reminder times', () => {
  it('two days before the last day and its morning, at 07:00 Vietnam time', () => {
    expect(reminderTimes(DEC_20, DEFAULT_PREFS)).toEqual([
      { kind: 'before', fireAt: Date.UTC(2026, 11, 17, 0) },
      { kind: 'lastDay', fireAt: Date.UTC(2026, 11, 19, 0) },
    ]);
  });

  it('follows the settings: other day counts, no early reminder, no morning one, off', () => {
    expect(reminderTimes(DEC_20, { ...DEFAULT_PREFS, daysBefore: 7 })[0]).toEqual({ kind: 'before', fireAt: Date.UTC(2026, 11, 12, 0) });
    expect(reminderTimes(DEC_20, { ...DEFAULT_PREFS, daysBefore: 0 })).toEqual([{ kind: 'lastDay', fireAt: Date.UTC(2026, 11, 19, 0) }]);
    expect(reminderTimes(DEC_20, { ...DEFAULT_PREFS, morningOf: false })).toEqual([{ kind: 'before', fireAt: Date.UTC(2026, 11, 17, 0) }]);
    expect(reminderTimes(DEC_20, { ...DEFAULT_PREFS, enabled: false })).toEqual([]);
  });

  it('a weekly report due "thứ 2 hằng tuần" is reminded on Saturday and on Monday morning', () => {
    const weekly: ReportingRule = { periodType: 'weekly', dueWeekday: 1 };
    // Week 49 of 2026 (30/11–6/12) is due on Monday 7/12: before Tuesday 8/12 00:00.
    const due = dueAt(weekly, '2026-W49');
    expect(due).toBe(Date.UTC(2026, 11, 7, 17));
    expect(reminderTimes(due, DEFAULT_PREFS).map((r) => r.fireAt)).toEqual([Date.UTC(2026, 11, 5, 0), Date.UTC(2026, 11, 7, 0)]);
  });

  it('every reminder falls before its deadline, at 07:00 in Vietnam, whatever the deadline and settings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.record({ enabled: fc.constant(true), daysBefore: fc.integer({ min: 0, max: 7 }), morningOf: fc.boolean() }),
        (due, prefs: ReminderPrefs) => {
          for (const r of reminderTimes(due, prefs)) {
            expect(r.fireAt).toBeLessThan(due);
            expect(new Date(r.fireAt + 7 * HOUR).getUTCHours()).toBe(7);
            expect(due - r.fireAt).toBeLessThanOrEqual((prefs.daysBefore + 1) * 24 * HOUR);
          }
        },
      ),
    );
  });
});

describe('what to show now', () => {
  const plan = planReminders([monthly], DEFAULT_PREFS, Date.UTC(2026, 11, 1));
  const [before, lastDay] = plan as [(typeof plan)[0], (typeof plan)[0]];

  it('nothing before the first reminder; then the early one, once', () => {
    expect(remindersDue(plan, new Set(), Date.UTC(2026, 11, 17, 0) - 1)).toEqual([]);
    expect(remindersDue(plan, new Set(), Date.UTC(2026, 11, 17, 0))).toEqual([before]);
    expect(remindersDue(plan, new Set([before.id]), Date.UTC(2026, 11, 18, 12))).toEqual([]);
  });

  it('the last day’s reminder after the early one was shown', () => {
    expect(remindersDue(plan, new Set([before.id]), Date.UTC(2026, 11, 19, 1))).toEqual([lastDay]);
    expect(remindersDue(plan, new Set([before.id, lastDay.id]), Date.UTC(2026, 11, 19, 10))).toEqual([]);
  });

  it('a phone off through both reminders shows one notification, the latest', () => {
    expect(remindersDue(plan, new Set(), Date.UTC(2026, 11, 19, 9))).toEqual([lastDay]);
  });

  it('nothing once the deadline has passed, and nothing for a report no longer owed', () => {
    expect(remindersDue(plan, new Set(), DEC_20)).toEqual([]);
    expect(planReminders([], DEFAULT_PREFS, Date.UTC(2026, 11, 18))).toEqual([]);
    expect(planReminders([monthly], DEFAULT_PREFS, DEC_20)).toEqual([]);
  });

  it('counts the reports inside their reminder window, and knows the next reminder', () => {
    const weekly = { key: 'weekly|2026-W51', dueAt: Date.UTC(2026, 11, 21, 17) };
    const both = planReminders([monthly, weekly], DEFAULT_PREFS, Date.UTC(2026, 11, 1));
    expect(remindedCount(both, Date.UTC(2026, 11, 16))).toBe(0);
    expect(remindedCount(both, Date.UTC(2026, 11, 17, 1))).toBe(1);
    expect(remindedCount(both, Date.UTC(2026, 11, 19, 1))).toBe(2);
    expect(nextReminderAt(both, Date.UTC(2026, 11, 17, 1))).toBe(Date.UTC(2026, 11, 19, 0));
    expect(remindersDue(both, new Set(), Date.UTC(2026, 11, 19, 1)).map((r) => r.key)).toEqual(['monthly|2026-12', 'weekly|2026-W51']);
  });

  it('forgets shown reminders that can no longer recur', () => {
    expect(pruneShown([before.id, 'monthly|2026-11|lastDay|1'], plan)).toEqual([before.id]);
  });
});

describe('which reports are reminded', async () => {
  const { owedReports } = await import('../../src/reminders/owed.ts');
  // Thiệu Vân's rules (seeds/org/thanh-hoa.json): weekly on Mondays, monthly before the 20th.
  const rules: ReportingRule[] = [
    { periodType: 'weekly', dueWeekday: 1 },
    { periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 },
  ];
  const none = { map: new Map<string, number>(), waiting: new Set<string>(), returned: new Map<string, string>() };
  const friday = Date.UTC(2026, 11, 4, 3); // 4/12/2026 10:00 in Vietnam

  it('the coming five weeks of reports not yet received, soonest first', () => {
    const keys = owedReports(rules, none, friday).map((r) => r.key);
    // Due: W49 before Tue 8/12, W50 before 15/12, December before 20/12, W51 before 22/12, W52
    // before 29/12, W53 (2026 has 53 ISO weeks) before 5/1; January's (20/1) is past the horizon.
    expect(keys).toEqual(['weekly|2026-W49', 'weekly|2026-W50', 'monthly|2026-12', 'weekly|2026-W51', 'weekly|2026-W52', 'weekly|2026-W53']);
  });

  it('leaves out one the server received or this phone holds to send, but not one sent back', () => {
    const keys = (state: Partial<typeof none>) => owedReports(rules, { ...none, ...state }, friday).map((r) => r.key);
    expect(keys({ map: new Map([['weekly|2026-W49', friday - 1]]) })).not.toContain('weekly|2026-W49');
    expect(keys({ waiting: new Set(['weekly|2026-W49']) })).not.toContain('weekly|2026-W49');
    expect(keys({ map: new Map([['weekly|2026-W49', friday - 1]]), returned: new Map([['weekly|2026-W49', 'Thiếu số liệu thôn 3']]) })).toContain('weekly|2026-W49');
  });
});
