// The district dashboard after a merge (ARCHITECTURE.md, "Reorganisations"): xã Quảng Bình and
// xã Quảng Hợp merged into xã Quảng Hải on 01/11/2026 hang, closed, under it. The dashboard
// shows today's communes only — the merged ones are no rows and not in N; their data shows
// through Quảng Hải, whose roll-up already sums them — and a merged commune's own page still
// opens with a line saying where it went.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, waitFor, within } from '@testing-library/preact';
import { del } from 'idb-keyval';
import type { ComponentChild } from 'preact';
import { ServicesContext } from '../../src/app/services.ts';
import { Session } from '../../src/auth/session.ts';
import { openDb, type AppDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import DashboardRoute from '../../src/dashboard/dashboard-screen.tsx';
import { cacheKey } from '../../src/dashboard/rollups.ts';
import type { UnitRollupView } from '../../src/dashboard/matrix.ts';
import { communeRollup, reportTimeliness, rollupOf, type CommuneSummary } from '../../src/domain/rollup.ts';
import type { OrgUnit } from '../../src/domain/org.ts';
import { installLanguage } from '../../src/i18n/messages.ts';
import { english } from '../../src/i18n/english.ts';
import { demoSession, fakeSync, testSeed } from '../helpers/render-with-services.tsx';

const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
const seed = testSeed();
const MERGED = new Set(['qx-quang-binh', 'qx-quang-hop']);
const SUCCESSOR = 'qx-quang-hai';
const units: OrgUnit[] = seed.units.map((u) => (MERGED.has(u.id) ? { ...u, parentId: SUCCESSOR, closedOn: '2026-11-01' } : u));
// The seed's Quảng Xương (003, Phụ lục 1) has 26 communes; two merged away leave 24.
const seedCommunes = seed.units.filter((u) => u.parentId === 'qx');
const openCommunes = units.filter((u) => u.parentId === 'qx');

const summary = (unitId: string, models: CommuneSummary['models'], total: number, online: number): CommuneSummary => ({
  unitId,
  models,
  indicators: { '2026-10': { services: { 'dvc-01': { total, online } }, counters: {} } },
  reports: {},
});
const BINH = summary('qx-quang-binh', { 'mh-24': { status: 'done', progress: 100 }, 'mh-01': { status: 'inProgress', progress: 40 } }, 100, 90);
const HOP = summary('qx-quang-hop', { 'mh-24': { status: 'ongoing', progress: 70 } }, 200, 150);
const HAI = summary('qx-quang-hai', { 'mh-01': { status: 'done', progress: 100 } }, 300, 240);
const THAI = summary('qx-quang-thai', { 'mh-24': { status: 'done', progress: 100 } }, 50, 10);

// What the server answers (as it computes it): the district sums all four; among its children
// the merged communes are not there (they hang under Quảng Hải), and Quảng Hải's roll-up
// includes them.
const rollupView = (unitId: string, name: string, level: UnitRollupView['level'], rollup: UnitRollupView['rollup']): UnitRollupView => ({
  unitId,
  name,
  level,
  updatedAt: NOW,
  rollup,
  timeliness: reportTimeliness(rollup.reports, [], NOW, NOW - 92 * 86_400_000),
});
const unitAnswer = { asOf: NOW, ...rollupView('qx', 'huyện Quảng Xương', 'district', rollupOf('qx', [BINH, HOP, HAI, THAI])) };
const childrenAnswer = {
  asOf: NOW,
  unitId: 'qx',
  children: openCommunes.map((c) =>
    rollupView(c.id, c.name, 'commune', c.id === SUCCESSOR ? rollupOf(SUCCESSOR, [BINH, HOP, HAI]) : communeRollup(c.id === THAI.unitId ? THAI : summary(c.id, {}, 0, 0))),
  ),
};
// A commune with no figures sends none: drop the zero month the helper above gave it.
for (const c of childrenAnswer.children) if (c.rollup.indicators['2026-10']?.all.total === 0) delete c.rollup.indicators['2026-10'];

const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

const dbs: AppDb[] = [];
function renderTree(ui: ComponentChild, dbName = `reorg-${Math.random().toString(36).slice(2)}`) {
  const db = openDb(dbName);
  dbs.push(db);
  const store = new LocalStore({ db, deviceId: 'test_device', now: () => NOW });
  const session = Session.parse({ ...demoSession('quangxuong.huyen', seed), units });
  const result = render(<ServicesContext.Provider value={{ store, seed, session, sync: fakeSync(), logout: async () => {} }}>{ui}</ServicesContext.Provider>);
  return { ...result, store, dbName };
}

beforeEach(async () => {
  await del(cacheKey('qx'));
  vi.stubGlobal('fetch', vi.fn(async (url: string) => answer(String(url).includes('/children') ? childrenAnswer : unitAnswer)));
});
afterEach(() => {
  vi.unstubAllGlobals();
  for (const db of dbs.splice(0)) db.close();
});

describe('district dashboard after a merge', () => {
  it('lists and counts only open communes; the successor’s row carries its predecessors’ data', async () => {
    expect(seedCommunes).toHaveLength(26);
    const r = renderTree(<DashboardRoute route={['dashboard']} />);
    await waitFor(() => expect(r.getByTestId('as-of').textContent).toBe('Số liệu tính đến 25/11/2026 10:00'));

    // Communes with data today: Quảng Hải (its own and its predecessors') and Quảng Thái.
    expect(r.getByTestId('card-synced').querySelector('strong')!.textContent).toBe('2/24');
    const matrix = r.getByTestId('status-matrix');
    expect(within(matrix).getAllByRole('row')).toHaveLength(1 + 2 + 1);
    expect(r.queryByTestId('matrix-row-qx-quang-binh')).toBeNull();
    expect(r.queryByTestId('matrix-row-qx-quang-hop')).toBeNull();
    // Quảng Hải: MH 1 is done there but in progress in Quảng Bình → in progress (ĐTH); MH 24 is
    // done in Quảng Bình, ongoing in Quảng Hợp → ongoing (TX); neither is done for the merged commune.
    const hai = r.getByTestId('matrix-row-qx-quang-hai');
    expect(within(hai).getAllByRole('cell').map((c) => c.textContent)).toEqual(['ĐTH', 'TX', '0/2']);
    expect(within(r.getByTestId('matrix-row-qx-quang-thai')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['–', 'HT', '1/1']);
    // Per model, communes today: MH 1 adopted by Quảng Hải only (not done); MH 24 by Quảng Hải and Quảng Thái (1 done).
    expect(r.getByTestId('model-done-mh-01').textContent).toBe('0/1');
    expect(r.getByTestId('model-done-mh-24').textContent).toBe('1/2');
    expect(r.getByTestId('matrix-share').textContent).toBe('33,33%');
    const without = r.getByTestId('without-data').textContent!.split(', ');
    expect(without).toHaveLength(22);
    expect(without).not.toContain('xã Quảng Bình');
    expect(without).not.toContain('xã Quảng Hợp');

    // October's figures: Quảng Hải's row is 100 + 200 + 300 dossiers, 90 + 150 + 240 online (80%).
    const byUnit = r.getByTestId('figures-by-unit');
    expect(within(byUnit).getAllByRole('row')).toHaveLength(1 + 2);
    expect(within(r.getByTestId('unit-figures-qx-quang-hai')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['600', '480', '80,00%']);
    expect(within(r.getByTestId('unit-figures-qx-quang-thai')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['50', '10', '20,00%']);
  });

  it('opens a merged commune’s own page: its records, and where and when it was merged', async () => {
    const first = renderTree(<p />);
    await first.store.writeMany(
      [
        { coll: 'adoption', id: 'qx-quang-binh:mh-24', unit: 'qx-quang-binh', values: { modelId: 'mh-24', active: true } },
        { coll: 'status', id: 'qx-quang-binh:mh-24', unit: 'qx-quang-binh', values: { status: 'done', progress: 100 } },
      ],
      'u-quangbinh',
    );
    first.unmount();
    const r = renderTree(<DashboardRoute route={['dashboard', 'xa', 'qx-quang-binh']} />, first.dbName);
    expect((await r.findByTestId('commune-name')).textContent).toBe('xã Quảng Bình');
    expect(r.getByTestId('commune-closed').textContent).toBe(
      'Đã sáp nhập vào xã Quảng Hải từ ngày 01/11/2026. Hồ sơ cũ của xã vẫn xem được tại đây; số liệu của xã được tính vào xã nhận sáp nhập.',
    );
    await r.findByText('Mô hình (1)');
  });

  it('says the same in English (the successor’s name stays Vietnamese data)', async () => {
    installLanguage('en', english);
    const r = renderTree(<DashboardRoute route={['dashboard', 'xa', 'qx-quang-hop']} />);
    const line = await r.findByTestId('commune-closed');
    expect(line.textContent).toBe('Merged into xã Quảng Hải on 01/11/2026. Its earlier records remain readable here; its figures are counted in the commune it merged into.');
    expect(line.querySelector('[lang="vi"]')!.textContent).toBe('xã Quảng Hải');
  });
});
