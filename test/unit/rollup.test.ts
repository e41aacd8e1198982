import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ReportingRule } from '../../src/domain/calendar.ts';
import { STATUS_LABEL, type Status } from '../../src/domain/status.ts';
import {
  combineRollups,
  communeRollup,
  effectiveRules,
  meanProgress,
  reportTimeliness,
  rollupOf,
  statusCounts,
  summarizeCommune,
  type CommuneSummary,
  type StoredDoc,
} from '../../src/domain/rollup.ts';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import type { DocState, FieldValue } from '../../src/domain/sync/merge.ts';

const vn = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h - 7);
const stamp = (wall: number, counter = 0): Hlc => encodeHlc({ wall, counter, device: 'phone1' });
const doc = (fields: Record<string, FieldValue>, wall = vn(2026, 11, 1)): DocState =>
  Object.fromEntries(Object.entries(fields).map(([f, value], i) => [f, { heads: [{ value, hlc: stamp(wall, i), base: null, author: 'u' }], dead: [] }]));

const rec = (coll: StoredDoc['coll'], id: string, d: DocState, receivedAt: number | null = null): StoredDoc => ({ coll, id, doc: d, receivedAt });

describe('summarizeCommune', () => {
  it('reads active adoptions with their status, indicator sheets and first submissions; ignores other units', () => {
    const docs: StoredDoc[] = [
      rec('adoption', 'tv:mh-24', doc({ modelId: 'mh-24', active: true })),
      rec('adoption', 'tv:mh-03', doc({ modelId: 'mh-03', active: true })),
      rec('adoption', 'tv:mh-05', doc({ modelId: 'mh-05', active: false })),
      rec('status', 'tv:mh-24', doc({ status: 'inProgress', progress: 40 })),
      rec('status', 'tv:mh-05', doc({ status: 'done', progress: 100 })),
      rec('indicators', 'tv@2026-11', doc({ 's.khai-sinh.total': 10, 's.khai-sinh.online': 7, 'c.dddt-muc-2': 120 })),
      rec('reportVersion', 'tv@2026-11#2', doc({ period: '2026-11', version: 2 }, vn(2026, 11, 22)), vn(2026, 11, 22, 8)),
      rec('reportVersion', 'tv@2026-11#1', doc({ period: '2026-11', version: 1, submittedAt: vn(2026, 11, 18, 7) }, vn(2026, 11, 18)), vn(2026, 11, 19)),
      rec('status', 'tv-x:mh-24', doc({ status: 'done', progress: 100 })), // another unit whose id starts alike
      rec('indicators', 'dh@2026-11', doc({ 's.khai-sinh.total': 99 })),
    ];
    expect(summarizeCommune('tv', docs)).toEqual({
      unitId: 'tv',
      models: { 'mh-24': { status: 'inProgress', progress: 40 }, 'mh-03': { status: null, progress: null } },
      indicators: { '2026-11': { services: { 'khai-sinh': { total: 10, online: 7 } }, counters: { 'dddt-muc-2': 120 } } },
      // The server's first receipt decides; the phone's `submittedAt` is kept beside it.
      reports: { '2026-11': { receivedAt: vn(2026, 11, 19), recordedAt: vn(2026, 11, 18, 7) } },
    });
  });

  it('dates a submission by the server\'s receipt, never by the phone\'s stamp or submittedAt', () => {
    // Made (or claimed) on 5 October, first received on 1 December.
    const claimed = vn(2026, 10, 5);
    const version = rec('reportVersion', 'tv@2026-10#1', doc({ period: '2026-10', version: 1, submittedAt: claimed }, claimed), vn(2026, 12, 1, 9));
    expect(summarizeCommune('tv', [version]).reports).toEqual({ '2026-10': { receivedAt: vn(2026, 12, 1, 9), recordedAt: claimed } });
    // Without a submittedAt the phone's time is its stamp.
    const bare = rec('reportVersion', 'tv@2026-10#1', doc({ period: '2026-10', version: 1 }, claimed), vn(2026, 12, 1, 9));
    expect(summarizeCommune('tv', [bare]).reports['2026-10']?.recordedAt).toBe(claimed);
    // A version the server has not received is not a submission the district has.
    expect(summarizeCommune('tv', [{ ...version, receivedAt: null }]).reports).toEqual({});
  });
});

describe('roll-ups', () => {
  const a: CommuneSummary = {
    unitId: 'a',
    models: { m1: { status: 'done', progress: 100 } },
    indicators: { '2026-11': { services: { s1: { total: 3, online: 3 } }, counters: { c1: 5 } } },
    reports: { '2026-11': { receivedAt: 1, recordedAt: 0 } },
  };
  const b: CommuneSummary = {
    unitId: 'b',
    models: { m1: { status: 'inProgress', progress: 50 }, m2: { status: null, progress: null } },
    indicators: { '2026-11': { services: { s1: { total: 3000, online: 0 } }, counters: { c1: 7 } } },
    reports: {},
  };

  it('counts communes by status and computes rates from summed figures, never by averaging rates', () => {
    const r = rollupOf('d', [a, b]);
    expect(statusCounts(r.models.m1!)).toEqual({ done: 1, inProgress: 1 });
    expect(r.models.m1!.communes).toEqual({ done: ['a'], inProgress: ['b'] });
    expect(statusCounts(r.models.m2!)).toEqual({ none: 1 });
    expect(meanProgress(r.models.m1!)).toBe(75);
    expect(meanProgress(r.models.m2!)).toBeNull();
    expect(r.indicators['2026-11']!.services.s1).toEqual({ total: 3003, online: 3, rate: 3 / 3003 });
    expect(r.indicators['2026-11']!.all.rate).toBe(3 / 3003); // the average of rates would say 50%
    expect(r.indicators['2026-11']!.counters).toEqual({ c1: 12 });
    expect(r.reports).toEqual({ '2026-11': { a: { receivedAt: 1, recordedAt: 0 } } });
  });

  it('does not change its inputs', () => {
    const parts = [communeRollup(a), communeRollup(b)];
    const before = JSON.stringify(parts);
    combineRollups('d', parts);
    combineRollups('p', [combineRollups('d', parts), communeRollup({ ...a, unitId: 'c' })]);
    expect(JSON.stringify(parts)).toBe(before);
  });

  const statuses = Object.keys(STATUS_LABEL) as Status[];
  const figures = fc.nat(5000).chain((total) => fc.record({ total: fc.constant(total), online: fc.nat(total) }));
  const summary = (unitId: string): fc.Arbitrary<CommuneSummary> =>
    fc.record({
      unitId: fc.constant(unitId),
      models: fc.dictionary(fc.constantFrom('m1', 'm2', 'm3', 'm4'), fc.record({ status: fc.option(fc.constantFrom(...statuses)), progress: fc.option(fc.nat(100)) })),
      indicators: fc.dictionary(
        fc.constantFrom('2026-10', '2026-11', '2026-12'),
        fc.record({ services: fc.dictionary(fc.constantFrom('s1', 's2', 's3'), figures), counters: fc.dictionary(fc.constantFrom('c1', 'c2'), fc.nat(10_000)) }),
      ),
      reports: fc.dictionary(fc.constantFrom('2026-10', '2026-11'), fc.record({ receivedAt: fc.nat(2e12), recordedAt: fc.nat(2e12) })),
    });
  /** 1–12 communes, each given a district number. */
  const province = fc
    .integer({ min: 1, max: 12 })
    .chain((n) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => summary(`x${i}`))), fc.array(fc.nat(3), { minLength: n, maxLength: n })));

  it('gives the same totals whatever the grouping: communes → districts → province, or communes → province', () => {
    fc.assert(
      fc.property(province, ([communes, district]) => {
        const direct = rollupOf('p', communes);
        const byDistrict = [0, 1, 2, 3].map((d) => rollupOf(`d${d}`, communes.filter((_, i) => district[i] === d)));
        expect(combineRollups('p', byDistrict)).toEqual(direct);
        expect(combineRollups('p', [...byDistrict].reverse())).toEqual(direct);
        // Nested once more: two districts grouped first, as a province → region → district tree would.
        const nested = combineRollups('p', [combineRollups('r', byDistrict.slice(0, 2)), ...byDistrict.slice(2)]);
        expect(nested).toEqual(direct);
      }),
      { numRuns: 150 },
    );
  });

  it('sums every indicator figure of every commune exactly once', () => {
    fc.assert(
      fc.property(province, ([communes]) => {
        const r = rollupOf('p', communes);
        for (const period of ['2026-10', '2026-11', '2026-12']) {
          const all = communes.flatMap((c) => Object.values(c.indicators[period]?.services ?? {}));
          const total = all.reduce((n, f) => n + f.total, 0);
          const online = all.reduce((n, f) => n + f.online, 0);
          if (!r.indicators[period]) expect(all).toEqual([]);
          else expect(r.indicators[period]!.all).toEqual({ total, online, rate: total > 0 ? online / total : null });
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('report timeliness', () => {
  const monthly20: ReportingRule = { periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 };
  const weeklyMon: ReportingRule = { periodType: 'weekly', dueWeekday: 1 };
  const now = vn(2026, 11, 25, 9);

  it('classifies each commune per period: on time, late, missing, not yet due; communes without a rule are not counted', () => {
    const sent = (at: number) => ({ receivedAt: at, recordedAt: at });
    const reports = { '2026-10': { a: sent(vn(2026, 10, 19, 23)), b: sent(vn(2026, 10, 21)) }, '2026-11': { a: sent(vn(2026, 11, 2)) } };
    const communes = [
      { unitId: 'a', rules: [monthly20] },
      { unitId: 'b', rules: [monthly20] },
      { unitId: 'c', rules: [monthly20, weeklyMon] },
      { unitId: 'z', rules: [] },
    ];
    const t = reportTimeliness(reports, communes, now, vn(2026, 10, 1));
    const byPeriod = Object.fromEntries(t.map((p) => [p.period, p.communes]));
    expect(byPeriod['2026-10']).toEqual({ onTime: ['a'], late: ['b'], missing: ['c'], notDue: [] });
    expect(byPeriod['2026-11']).toEqual({ onTime: ['a'], late: [], missing: ['b', 'c'], notDue: [] });
    expect(byPeriod['2026-12']).toEqual({ onTime: [], late: [], missing: [], notDue: ['a', 'b', 'c'] });
    expect(byPeriod['2026-W47']).toEqual({ onTime: [], late: [], missing: ['c'], notDue: [] }); // due Mon 23 Nov
    expect(t.find((p) => p.period === '2026-W48')?.counts).toEqual({ onTime: 0, late: 0, missing: 0, notDue: 1 });
  });

  it('counts by the server\'s receipt and names the late ones the phone recorded before the deadline', () => {
    const due = vn(2026, 10, 20); // monthly, before the 20th
    const reports = {
      '2026-10': {
        offline: { recordedAt: due - 86_400_000, receivedAt: due + 3_600_000 }, // made in time offline, arrived late
        claims: { recordedAt: vn(2026, 10, 5), receivedAt: vn(2026, 12, 1) }, // a stamp of 5 October, received 1 December
        late: { recordedAt: due + 60_000, receivedAt: due + 120_000 },
        early: { recordedAt: due + 86_400_000, receivedAt: due - 1 }, // a phone clock ahead: the receipt still decides
      },
    };
    const communes = ['offline', 'claims', 'late', 'early'].map((unitId) => ({ unitId, rules: [monthly20] }));
    const oct = reportTimeliness(reports, communes, vn(2026, 12, 2), vn(2026, 10, 1)).find((p) => p.period === '2026-10')!;
    expect(oct.communes).toEqual({ onTime: ['early'], late: ['claims', 'late', 'offline'], missing: [], notDue: [] });
    expect(oct.recordedBeforeDue).toEqual(['claims', 'offline']);
  });

  it('takes the nearest ancestor\'s rules when a unit has none', () => {
    const rules = new Map<string, readonly ReportingRule[]>([['district', [weeklyMon]], ['province', [monthly20]]]);
    expect(effectiveRules([{ id: 'commune' }, { id: 'district' }, { id: 'province' }], rules)).toEqual([weeklyMon]);
    expect(effectiveRules([{ id: 'commune' }], rules)).toEqual([]);
  });
});
