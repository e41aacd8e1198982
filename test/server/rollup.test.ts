// Communes of Quảng Xương push statuses, indicator sheets and reports; the district officer
// `quangxuong.huyen` reads roll-ups that must match a direct count of what was pushed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { timeliness, type ReportingRule } from '../../src/domain/calendar.ts';
import type { Status } from '../../src/domain/status.ts';
import { dueAt } from '../../src/domain/calendar.ts';
import { RollupAnswerSchema, RollupChildrenAnswerSchema, type PeriodTimeliness, type Rollup, type UnitRollup } from '../../src/domain/rollup.ts';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import qxSeed from '../../seeds/org/quang-xuong.json';
import { change, hlcAt, testServer, type ErrorJson, type TestServer } from './helpers.ts';

const ALL_QX = qxSeed.communes.map((c) => c.id);

const QX_COMMUNES = ['qx-tan-phong', 'qx-quang-binh', 'qx-quang-hop', 'qx-quang-hai', 'qx-quang-thai', 'qx-quang-nhan'];
const MODELS = ['mh-24', 'mh-31', 'mot-cua'];
const STATUSES: Status[] = ['notStarted', 'inProgress', 'done', 'ongoing'];
const SERVICES = ['khai-sinh', 'thuong-tru', 'cap-doi-gplx'];
const MONTHLY: ReportingRule = { periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 };
const vn = (m: number, d: number, h = 12) => Date.UTC(2026, m - 1, d, h - 7);

interface CommunePlan {
  /** Statuses in the order pushed; the last one counts. */
  models: { model: string; statuses: { status: Status; progress: number }[] }[];
  figures: { period: string; service: string; total: number; online: number }[];
  counter: number;
  /** When (if at all) the November report reached the server, and how much earlier the phone stamped it. */
  report: { receivedAt: number; offlineFor: number } | null;
}

const plan: fc.Arbitrary<CommunePlan> = fc.record({
  models: fc.uniqueArray(
    fc.record({
      model: fc.constantFrom(...MODELS),
      // Pairs the status form accepts: done at 100%, not started at 0% (the server checks it too).
      statuses: fc.array(
        fc.constantFrom(...STATUSES).chain((status) =>
          (status === 'done' ? fc.constant(100) : status === 'notStarted' ? fc.constant(0) : fc.nat(100)).map((progress) => ({ status, progress })),
        ),
        { minLength: 0, maxLength: 3 },
      ),
    }),
    { selector: (m) => m.model, maxLength: 3 },
  ),
  figures: fc.uniqueArray(
    fc.record({ period: fc.constantFrom('2026-10', '2026-11'), service: fc.constantFrom(...SERVICES), total: fc.nat(400) }).chain((f) =>
      fc.nat(f.total).map((online) => ({ ...f, online })),
    ),
    { selector: (f) => `${f.period}/${f.service}`, maxLength: 6 },
  ),
  counter: fc.nat(1000),
  report: fc.option(
    fc.record({
      receivedAt: fc.constantFrom(vn(11, 12), vn(11, 19, 23), vn(11, 20, 8), vn(11, 24)),
      offlineFor: fc.constantFrom(0, 3_600_000, 2 * 86_400_000, 40 * 86_400_000),
    }),
  ),
});

/**
 * The district sets one rule and its communes inherit it: the seeded commune rules (003's
 * cadence, seeds/plans/cadences.json) are cleared so the inheritance is what is tested.
 */
async function inheritDistrictRule(s: TestServer): Promise<void> {
  const units = await s.store.getUnits();
  await s.store.putUnit(units.find((u) => u.id === 'qx')!, [MONTHLY]);
  for (const u of units.filter((x) => x.parentId === 'qx')) await s.store.putUnit(u, null);
}

describe('roll-ups for the district officer', () => {
  it('count communes by status and sum indicators exactly as pushed; report timeliness follows the rules', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: QX_COMMUNES.length, maxLength: QX_COMMUNES.length }), async (plans) => {
        const s = await testServer({ demoUsers: true });
        try {
          await inheritDistrictRule(s);
          s.clock.set(vn(11, 25, 9));

          for (const [i, commune] of QX_COMMUNES.entries()) {
            const p = plans[i]!;
            const userId = `u-${commune}`;
            await s.addUser({ id: userId, username: `${commune.replace(/-/g, '.')}.congan`, role: 'communeStanding', unitId: commune });
            const device = `dev_${i}`;
            const token = await s.session(userId, device);
            let seq = 0;
            let counter = 0;
            const at = (wall = s.clock.now()) => hlcAt(wall, device, counter++);
            const c = (coll: PushedChange[1], id: string, field: string, value: PushedChange[4], wall?: number) =>
              change(++seq, coll, id, field, value as never, at(wall), null, commune);
            if (p.report !== null) {
              // Made offline `offlineFor` before it reached the server: the phone's stamp and
              // submittedAt say so, but the server's receipt decides whether it was on time.
              const made = p.report.receivedAt - p.report.offlineFor;
              const v = `${commune}@2026-11#1`;
              const sent: PushedChange[] = [
                c('reportVersion', v, 'reportId', `${commune}@2026-11`, made),
                c('reportVersion', v, 'version', 1, made),
                c('reportVersion', v, 'period', '2026-11', made),
                c('reportVersion', v, 'periodType', 'monthly', made),
                c('reportVersion', v, 'snapshot', { title: 'Báo cáo tháng 11/2026' }, made),
                c('reportVersion', v, 'submittedAt', made, made),
              ];
              s.clock.set(p.report.receivedAt);
              const r = await s.sync(token, device, sent);
              expect([r.status, r.body.x], JSON.stringify(r.body)).toEqual([200, []]);
              s.clock.set(vn(11, 25, 9));
            }
            const batch: PushedChange[] = [];
            for (const m of p.models) {
              batch.push(c('adoption', `${commune}:${m.model}`, 'modelId', m.model), c('adoption', `${commune}:${m.model}`, 'active', true));
              for (const st of m.statuses) batch.push(c('status', `${commune}:${m.model}`, 'status', st.status), c('status', `${commune}:${m.model}`, 'progress', st.progress));
            }
            for (const f of p.figures) {
              batch.push(c('indicators', `${commune}@${f.period}`, `s.${f.service}.total`, f.total), c('indicators', `${commune}@${f.period}`, `s.${f.service}.online`, f.online));
            }
            batch.push(c('indicators', `${commune}@2026-11`, 'c.dddt-muc-2', p.counter));
            const r = await s.sync(token, device, batch);
            expect(r.status, JSON.stringify(r.body)).toBe(200);
            expect(r.body.x, JSON.stringify(r.body.x)).toEqual([]);
          }

          const officer = await s.session('u-quangxuong-huyen', 'qx_officer');
          const got = await s.request<{ asOf: number } & UnitRollup>('GET', '/api/rollups?unit=qx', { token: officer });
          expect(got.status).toBe(200);
          expect(RollupAnswerSchema.safeParse(got.body).success).toBe(true); // the shape the dashboard parses
          expect(got.body.asOf).toBe(s.clock.now());
          const expected = direct(plans);
          const rollup: Rollup = got.body.rollup;
          for (const model of MODELS) {
            const counts = Object.fromEntries(Object.entries(rollup.models[model]?.communes ?? {}).map(([k, ids]) => [k, [...ids].sort()]));
            expect(counts, model).toEqual(expected.models[model] ?? {});
          }
          for (const period of ['2026-10', '2026-11']) {
            const ind = rollup.indicators[period];
            expect(ind?.all ?? null).toEqual(expected.totals[period] ?? null);
          }
          expect(rollup.indicators['2026-11']?.counters['dddt-muc-2']).toBe(plans.reduce((n, p) => n + p.counter, 0));
          const nov = got.body.timeliness.find((t: PeriodTimeliness) => t.period === '2026-11')!;
          expect(nov.communes).toEqual(expected.november);
          expect(nov.recordedBeforeDue).toEqual(expected.recordedBeforeDue);

          // The children listing gives each commune its own share, for offline caching.
          const children = await s.request<{ children: UnitRollup[] }>('GET', '/api/rollups/children?unit=qx', { token: officer });
          expect(RollupChildrenAnswerSchema.safeParse(children.body).success).toBe(true);
          const byId = new Map(children.body.children.map((c) => [c.unitId, c]));
          expect(byId.size).toBeGreaterThanOrEqual(QX_COMMUNES.length);
          for (const [i, commune] of QX_COMMUNES.entries()) {
            const mine = byId.get(commune)!.rollup.indicators['2026-11'];
            expect(mine?.counters['dddt-muc-2']).toBe(plans[i]!.counter);
          }
        } finally {
          await s.close();
        }
      }),
      { numRuns: 6 },
    );
  }, 60_000);

  it('counts a report pushed on 1 December as late for October, though its stamp and submittedAt say 5 October (problem 6)', async () => {
    const s = await testServer({ demoUsers: true });
    try {
      await inheritDistrictRule(s); // October's report is due before 20 October
      await s.addUser({ id: 'u-qb', username: 'quangbinh.congan', role: 'communeStanding', unitId: 'qx-quang-binh' });
      const claimed = vn(10, 5, 9);
      s.clock.set(vn(12, 1, 9));
      const device = 'qb_phone';
      const token = await s.session('u-qb', device);
      const v = 'qx-quang-binh@2026-10#1';
      const fields: [string, PushedChange[4]][] = [['reportId', 'qx-quang-binh@2026-10'], ['version', 1], ['period', '2026-10'], ['periodType', 'monthly'], ['snapshot', { title: 'Báo cáo tháng 10/2026' }], ['submittedAt', claimed]];
      const sent = fields.map(([field, value], i) => change(i + 1, 'reportVersion', v, field, value as never, hlcAt(claimed, device, i), null, 'qx-quang-binh'));
      const r = await s.sync(token, device, sent);
      expect([r.status, r.body.x], JSON.stringify(r.body)).toEqual([200, []]);

      const officer = await s.session('u-quangxuong-huyen', 'qx_officer');
      const got = await s.request<UnitRollup>('GET', '/api/rollups?unit=qx', { token: officer });
      const oct = got.body.timeliness.find((t: PeriodTimeliness) => t.period === '2026-10')!;
      expect(oct.communes.late).toContain('qx-quang-binh');
      expect(oct.communes.onTime).not.toContain('qx-quang-binh');
      // What the phone said is kept beside the receipt, and the dashboard can say "made before the deadline".
      expect(got.body.rollup.reports['2026-10']?.['qx-quang-binh']).toEqual({ receivedAt: vn(12, 1, 9), recordedAt: claimed });
      expect(oct.recordedBeforeDue).toEqual(['qx-quang-binh']);
    } finally {
      await s.close();
    }
  });

  it('refuses units outside the officer\'s district and unknown units', async () => {
    const s = await testServer({ demoUsers: true });
    const officer = await s.session('u-quangxuong-huyen', 'qx_officer');
    const outside = await s.request<ErrorJson>('GET', '/api/rollups?unit=tv', { token: officer });
    expect([outside.status, outside.body.error.code]).toEqual([403, 'auth/forbidden-unit']);
    expect((await s.request('GET', '/api/rollups?unit=khong-co', { token: officer })).status).toBe(404);
    expect((await s.request('GET', '/api/rollups', { token: officer })).status).toBe(400);
    const province = await s.session('u-thanhhoa-tinh', 'th_officer');
    const th = await s.request<UnitRollup>('GET', '/api/rollups?unit=th', { token: province });
    expect(th.body.rollup.models['mh-24']?.communes).toEqual({ none: ['tv'] }); // the seeded adoption, no status yet
    await s.close();
  });
});

/** The expected figures, counted straight from the plans without the roll-up code. */
function direct(plans: CommunePlan[]) {
  const models: Record<string, Record<string, string[]>> = {};
  const sums: Record<string, { total: number; online: number }> = {};
  const november: Record<string, string[]> = { onTime: [], late: [], missing: [], notDue: [] };
  const recordedBeforeDue: string[] = [];
  const now = vn(11, 25, 9);
  plans.forEach((p, i) => {
    const commune = QX_COMMUNES[i]!;
    for (const m of p.models) {
      const key = m.statuses.at(-1)?.status ?? 'none';
      ((models[m.model] ??= {})[key] ??= []).push(commune);
    }
    for (const f of p.figures) {
      const sum = (sums[f.period] ??= { total: 0, online: 0 });
      sum.total += f.total;
      sum.online += f.online;
    }
    const state = timeliness(MONTHLY, '2026-11', p.report?.receivedAt ?? null, now);
    november[state]!.push(commune);
    if (state === 'late' && p.report!.receivedAt - p.report!.offlineFor < dueAt(MONTHLY, '2026-11')) recordedBeforeDue.push(commune);
  });
  // Every other commune of the district has no user, so its November report is missing.
  november.missing!.push(...ALL_QX.filter((c) => !QX_COMMUNES.includes(c)));
  for (const list of Object.values(november)) list.sort();
  for (const byStatus of Object.values(models)) for (const list of Object.values(byStatus)) list.sort();
  const totals: Record<string, { total: number; online: number; rate: number | null }> = {};
  for (const [period, f] of Object.entries(sums)) totals[period] = { ...f, rate: f.total > 0 ? f.online / f.total : null };
  // A commune that pushed only the counter still has a November sheet with no services.
  totals['2026-11'] ??= { total: 0, online: 0, rate: null };
  recordedBeforeDue.sort();
  return { models, totals, november, recordedBeforeDue };
}
