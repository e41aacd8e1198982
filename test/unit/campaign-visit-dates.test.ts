// The dates of a visit's record (src/domain/campaign.ts visitDateProblems, applied by the form
// and by the server's record rule for `inspection`, record-rules.ts): as properties over random
// dates, with the cases a team records worked by hand.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONCLUSION_BEFORE_NOTICE, CONCLUSION_BEFORE_VISIT, NOTICE_AFTER_VISIT, visitDateProblems, visitDatesOf, type VisitDateField } from '../../src/domain/campaign.ts';
import { recordProblems } from '../../src/domain/sync/record-rules.ts';

const DAY = 86_400_000;
const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dateArb = fc.integer({ min: day('2023-01-01') / DAY, max: day('2024-12-31') / DAY }).map((n) => iso(n * DAY));
const datesArb = fc.record({
  scheduledOn: fc.option(dateArb, { nil: null }),
  notifiedOn: fc.option(dateArb, { nil: null }),
  visitedOn: fc.option(dateArb, { nil: null }),
  concludedOn: fc.option(dateArb, { nil: null }),
});

describe('visitDateProblems', () => {
  it('refuses exactly the orders that cannot happen and the days that have not come', () => {
    fc.assert(
      fc.property(datesArb, fc.option(dateArb, { nil: undefined }), (v, today) => {
        const problems = visitDateProblems(v, today);
        const fields = problems.map((p) => p.field);
        // At most one message per field.
        expect(new Set(fields).size).toBe(fields.length);
        // The schedule is a plan: never refused.
        expect(fields).not.toContain('scheduledOn');
        const has = (f: VisitDateField) => fields.includes(f);
        const { notifiedOn: n, visitedOn: vi, concludedOn: c } = v;
        expect(has('notifiedOn')).toBe(!!n && ((!!today && n > today) || (!!vi && n > vi)));
        expect(has('visitedOn')).toBe(!!vi && !!today && vi > today);
        expect(has('concludedOn')).toBe(!!c && ((!!today && c > today) || (!!vi && c < vi) || (!!n && c < n)));
        // Without today only the order is checked; every date today or earlier in order is fine.
        if (today === undefined) expect(problems.every((p) => !p.rule.endsWith('AfterToday'))).toBe(true);
      }),
    );
  });

  it('accepts a record in order, whatever lies ahead in the schedule', () => {
    fc.assert(
      fc.property(fc.array(dateArb, { minLength: 4, maxLength: 4 }), dateArb, (ds, scheduled) => {
        const [n, vi, c, today] = [...ds].sort();
        expect(visitDateProblems({ scheduledOn: scheduled, notifiedOn: n!, visitedOn: vi!, concludedOn: c! }, today)).toEqual([]);
      }),
    );
  });

  it('words each case as the team records it', () => {
    const today = '2023-08-10';
    // The newcomer's record: a visit tomorrow, a conclusion before both the visit and the notice.
    expect(visitDateProblems({ notifiedOn: '2023-08-07', visitedOn: '2023-08-11', concludedOn: '2023-08-01' }, today)).toEqual([
      { field: 'visitedOn', rule: 'visitAfterToday', message: 'Ngày tiến hành kiểm tra không được sau hôm nay (10/08/2023); ngày kiểm tra sắp tới ghi ở ô "Ngày kiểm tra (lịch đã đăng ký)"' },
      { field: 'concludedOn', rule: 'conclusionBeforeVisit', message: CONCLUSION_BEFORE_VISIT },
    ]);
    expect(visitDateProblems({ notifiedOn: '2023-08-09', visitedOn: '2023-08-08' }, today)).toEqual([{ field: 'notifiedOn', rule: 'noticeAfterVisit', message: NOTICE_AFTER_VISIT }]);
    // No visit date yet (a colleague's has not synced): the conclusion is still not before the notice.
    expect(visitDateProblems({ notifiedOn: '2023-08-07', concludedOn: '2023-08-04' }, today)).toEqual([{ field: 'concludedOn', rule: 'conclusionBeforeNotice', message: CONCLUSION_BEFORE_NOTICE }]);
    expect(visitDateProblems({ concludedOn: '2023-08-11' }, today).map((p) => p.message)).toEqual(['Ngày ban hành kết luận không được sau hôm nay (10/08/2023)']);
    // Same day is possible: the notice on the visit's day (late, not impossible), the conclusion the day of the visit, today.
    expect(visitDateProblems({ notifiedOn: today, visitedOn: today, concludedOn: today }, today)).toEqual([]);
    // A visit scheduled ahead is the schedule's field.
    expect(visitDateProblems({ scheduledOn: '2023-09-01' }, today)).toEqual([]);
  });

  it('is the record rule of the inspection collection; a team report and malformed values have no dates', () => {
    const values = { notifiedOn: '2023-08-09', visitedOn: '2023-08-08', findings: 'x' };
    expect(recordProblems('inspection', values, { today: '2023-08-10' })).toEqual([{ field: 'notifiedOn', message: NOTICE_AFTER_VISIT }]);
    expect(recordProblems('inspection', { report: 'Báo cáo', reportSentOn: '2099-01-01' }, { today: '2023-08-10' })).toEqual([]);
    expect(visitDatesOf({ visitedOn: 'hôm qua', concludedOn: 5, notifiedOn: null })).toEqual({ scheduledOn: null, notifiedOn: null, visitedOn: null, concludedOn: null });
  });
});
