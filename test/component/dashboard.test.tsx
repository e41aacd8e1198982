// The district dashboard in happy-dom, with the server's roll-ups answered by a stub:
// the status matrix, who is missing the report now due, totals with rates from sums, the
// copy kept on the device when the server cannot be reached, and who may open it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitFor, within } from '@testing-library/preact';
import { del } from 'idb-keyval';
import { renderWithServices, testSeed } from '../helpers/render-with-services.tsx';
import DashboardRoute from '../../src/dashboard/dashboard-screen.tsx';
import { figuresByUnit, indicatorTotals, statusMatrix, timelinessGroups, type UnitRollupView } from '../../src/dashboard/matrix.ts';
import { cacheKey, cachedDashboard } from '../../src/dashboard/rollups.ts';
import { communeRollup, reportTimeliness, rollupOf, type CommuneSummary } from '../../src/domain/rollup.ts';
import type { ReportingRule } from '../../src/domain/calendar.ts';

const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
const RULES: ReportingRule[] = [{ periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 }];
const seed = testSeed();
const communes = seed.units.filter((u) => u.parentId === 'qx');
const SUMMARIES: CommuneSummary[] = [
  {
    unitId: 'qx-quang-binh',
    models: { 'mh-24': { status: 'done', progress: 100 }, 'mh-01': { status: 'inProgress', progress: 40 } },
    indicators: { '2026-11': { services: { 'dvc-01': { total: 38000, online: 36600 } }, counters: { 'cccd-ho-so': 5 } } },
    reports: { '2026-11': { receivedAt: NOW - 3_600_000, recordedAt: NOW - 3_600_000 } },
  },
  {
    unitId: 'qx-quang-hop',
    models: { 'mh-24': { status: null, progress: null } },
    indicators: { '2026-11': { services: { 'dvc-01': { total: 755, online: 696 }, 'dvc-03': { total: 200, online: 150 } }, counters: {} } },
    reports: {},
  },
];

function view(unitId: string, name: string, level: UnitRollupView['level'], summaries: CommuneSummary[], unitCommunes: string[]): UnitRollupView {
  const rollup = level === 'commune' && summaries[0] ? communeRollup(summaries[0]) : rollupOf(unitId, summaries);
  const timeliness = reportTimeliness(rollup.reports, unitCommunes.map((c) => ({ unitId: c, rules: RULES })), NOW, NOW - 92 * 86_400_000);
  return { unitId, name, level, updatedAt: NOW, rollup, timeliness };
}
const unitAnswer = { asOf: NOW, ...view('qx', 'huyện Quảng Xương', 'district', SUMMARIES, communes.map((c) => c.id)) };
const childrenAnswer = {
  asOf: NOW,
  unitId: 'qx',
  children: communes.map((c) => view(c.id, c.name, 'commune', SUMMARIES.filter((s) => s.unitId === c.id), [c.id])),
};

const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

beforeEach(async () => {
  await del(cacheKey('qx'));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('dashboard figures (pure)', () => {
  it('builds the matrix: communes that sent data × adopted models, counts per model and commune, share done', () => {
    const m = statusMatrix(unitAnswer.rollup, communes, seed.catalogue.models);
    expect(m.rows.map((r) => [r.unitId, r.cells, r.done, r.adopted])).toEqual([
      ['qx-quang-binh', { 'mh-01': 'inProgress', 'mh-24': 'done' }, 1, 2],
      ['qx-quang-hop', { 'mh-24': 'none' }, 0, 1],
    ]);
    expect(m.models.map((x) => [x.label, x.done, x.adopted])).toEqual([
      ['MH 1', 0, 1],
      ['MH 24', 1, 2],
    ]);
    expect(m.share).toBeCloseTo(1 / 3);
    expect(m.withoutData).toHaveLength(communes.length - 2);
  });

  it('finds the report now due and who has not sent it; sums figures and recomputes rates', () => {
    const [monthly] = timelinessGroups(unitAnswer.timeliness);
    expect(monthly!.current!.period).toBe('2026-11');
    expect(monthly!.current!.communes.late).toEqual(['qx-quang-binh']);
    expect(monthly!.current!.communes.missing).toHaveLength(communes.length - 1);
    expect(monthly!.upcoming!.period).toBe('2026-12');
    const totals = indicatorTotals(unitAnswer.rollup, '2026-11', seed.indicatorSheet);
    expect(totals.services[0]).toMatchObject({ total: 38755, online: 37296 });
    expect(totals.services[0]!.rate).toBeCloseTo(0.9624, 4);
    expect(totals.all).toMatchObject({ total: 38955, online: 37446 });
    expect(figuresByUnit(childrenAnswer.children, '2026-11').filter((u) => u.hasData).map((u) => [u.unitId, u.total, u.online])).toEqual([
      ['qx-quang-binh', 38000, 36600],
      ['qx-quang-hop', 955, 846],
    ]);
  });
});

describe('DashboardRoute', () => {
  it('shows the server’s roll-ups, keeps them on the device, and reads them back when the server is out of reach', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => answer(String(url).includes('/children') ? childrenAnswer : unitAnswer));
    vi.stubGlobal('fetch', fetch);
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'quangxuong.huyen' });
    await waitFor(() => expect(r.getByTestId('as-of').textContent).toBe('Số liệu tính đến 25/11/2026 10:00'));
    expect(fetch.mock.calls.map((c) => c[0])).toEqual(['/api/rollups?unit=qx', '/api/rollups/children?unit=qx']);
    expect(fetch.mock.calls[0]![1]?.headers).toEqual({ authorization: 'Bearer test-token-u-quangxuong-huyen' });

    const matrix = r.getByTestId('status-matrix');
    expect(within(matrix).getAllByRole('row').length).toBe(1 + 2 + 1);
    expect(within(r.getByTestId('matrix-row-qx-quang-binh')).getByRole('link').getAttribute('href')).toBe('#/dashboard/xa/qx-quang-binh');
    expect(r.getByTestId('matrix-share').textContent).toBe('33,33%');
    const missing = r.getByTestId('missing-monthly');
    expect(missing.dataset.period).toBe('2026-11');
    expect(missing.textContent!.split(', ')).toHaveLength(communes.length - 1);
    expect(missing.textContent).toContain('xã Quảng Hợp');
    expect(missing.textContent).not.toContain('xã Quảng Bình');
    expect(within(r.getByTestId('total-dvc-01')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['38.755', '37.296', '96,24%']);
    expect(within(r.getByTestId('indicator-all')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['38.955', '37.446', '96,13%']);
    expect(r.getByTestId('chart-status')).toBeTruthy();
    expect(r.getByTestId('chart-rate')).toBeTruthy();
    expect((await cachedDashboard('qx'))?.asOf).toBe(NOW);
    r.unmount();

    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const again = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'quangxuong.huyen' });
    await again.findByText('Không kết nối được máy chủ. Đang xem số liệu đã lưu trên máy.');
    expect(again.getByTestId('as-of').textContent).toBe('Số liệu tính đến 25/11/2026 10:00');
    expect(within(again.getByTestId('status-matrix')).getAllByRole('row').length).toBe(4);
  });

  it('the sum row counts the service rows it lists and adds up exactly those', async () => {
    // A commune's sheet still holds figures under a row the source lost (dvc-14, typed before the
    // row was hidden): it is not one of the services shown, so it is neither listed nor summed.
    const withLost: CommuneSummary[] = [
      SUMMARIES[0]!,
      { ...SUMMARIES[1]!, indicators: { '2026-11': { services: { ...SUMMARIES[1]!.indicators['2026-11']!.services, 'dvc-14': { total: 5000, online: 5000 } }, counters: {} } } },
    ];
    const unit = { asOf: NOW, ...view('qx', 'huyện Quảng Xương', 'district', withLost, communes.map((c) => c.id)) };
    vi.stubGlobal('fetch', vi.fn(async (url: string) => answer(String(url).includes('/children') ? childrenAnswer : unit)));
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'quangxuong.huyen' });
    await waitFor(() => expect(r.getByTestId('as-of').textContent).toBe('Số liệu tính đến 25/11/2026 10:00'));
    const table = r.getByTestId('indicator-totals');
    const listed = within(table).getAllByRole('row').filter((row) => row.dataset.testid?.startsWith('total-'));
    expect(listed.map((row) => row.dataset.testid)).toEqual(['total-dvc-01', 'total-dvc-03']);
    const foot = r.getByTestId('indicator-all');
    expect(within(foot).getByRole('rowheader').textContent).toBe(`Tổng cộng ${listed.length} dịch vụ`);
    // The foot is the sum of the rows above it (vi-VN numbers read back), the rate from the sums.
    const num = (t: string | null) => Number(t!.replace(/\./g, ''));
    const column = (i: number) => listed.reduce((sum, row) => sum + num(within(row).getAllByRole('cell')[i]!.textContent), 0);
    const cells = within(foot).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 2).map(num)).toEqual([column(0), column(1)]);
    expect(cells).toEqual(['38.955', '37.446', '96,13%']);
  });

  it('computes the dashboard on the device from synced records when there is neither server nor copy', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const first = renderWithServices(<p />, { now: NOW, username: 'quangxuong.huyen' });
    await first.store.writeMany(
      [
        { coll: 'adoption', id: 'qx-quang-binh:mh-24', unit: 'qx-quang-binh', values: { modelId: 'mh-24', active: true } },
        { coll: 'status', id: 'qx-quang-binh:mh-24', unit: 'qx-quang-binh', values: { status: 'ongoing', progress: 70 } },
      ],
      'u-quangbinh',
    );
    first.unmount();
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'quangxuong.huyen', dbName: first.dbName });
    await r.findByTestId('status-matrix');
    expect(r.getByTestId('as-of').textContent).toMatch(/\(tính trên máy từ dữ liệu đã đồng bộ\)$/);
    expect(within(r.getByTestId('matrix-row-qx-quang-binh')).getByTitle('Mô hình 24: Đảm bảo điều kiện công dân số: Thực hiện thường xuyên').textContent).toBe('TX');
  });

  it('is only for district, province and admin accounts', async () => {
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW });
    expect((await r.findByRole('alert')).textContent).toContain('dành cho cán bộ Tổ công tác cấp huyện, cấp tỉnh');
  });
});
