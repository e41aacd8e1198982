// Problem 6 on the district dashboard: late or on time is the server's receipt; the phone's
// own time is shown beside it, and a report made offline before the deadline says so —
// both from the server's roll-up and when the phone computes the roll-up itself.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/preact';
import { del } from 'idb-keyval';
import { renderWithServices, testSeed } from '../helpers/render-with-services.tsx';
import DashboardRoute from '../../src/dashboard/dashboard-screen.tsx';
import { cacheKey } from '../../src/dashboard/rollups.ts';
import { reportTimeliness, rollupOf, type RollupAnswer } from '../../src/domain/rollup.ts';
import type { ReportingRule } from '../../src/domain/calendar.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { Change } from '../../src/domain/sync/wire.ts';

const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
const vn = (d: number, h: number, min = 0) => Date.UTC(2026, 10, d, h - 7, min);
const RULES: ReportingRule[] = [{ periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 }];
const communes = testSeed().units.filter((u) => u.parentId === 'qx');
const LATE_NOTE = 'xã Quảng Bình — ghi nhận trên máy lúc 19/11/2026 16:30, máy chủ nhận lúc 21/11/2026 08:05 (nộp trên máy trước hạn, máy chủ nhận sau hạn)';

beforeEach(async () => {
  await del(cacheKey('qx'));
});
afterEach(() => vi.unstubAllGlobals());

describe('dashboard timeliness', () => {
  it('from the server: late by receipt, with both times and the note', async () => {
    const rollup = rollupOf('qx', [
      { unitId: 'qx-quang-binh', models: {}, indicators: {}, reports: { '2026-11': { recordedAt: vn(19, 16, 30), receivedAt: vn(21, 8, 5) } } },
    ]);
    const timeliness = reportTimeliness(rollup.reports, communes.map((c) => ({ unitId: c.id, rules: RULES })), NOW, NOW - 92 * 86_400_000);
    const unit: RollupAnswer = { asOf: NOW, unitId: 'qx', name: 'huyện Quảng Xương', level: 'district', updatedAt: NOW, rollup, timeliness };
    const body = (url: string) => (url.includes('/children') ? { asOf: NOW, unitId: 'qx', children: [] } : unit);
    vi.stubGlobal('fetch', vi.fn(async (url: string) => new Response(JSON.stringify(body(String(url))), { status: 200, headers: { 'content-type': 'application/json' } })));
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'quangxuong.huyen' });
    await waitFor(() => expect(r.getByTestId('late-monthly').textContent).toContain(LATE_NOTE));
  });

  it('computed on the phone from pulled records: the same', async () => {
    // The seed's reporting rules are Thiệu Vân's (monthly, before the 20th): the province's view.
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const first = renderWithServices(<p />, { now: NOW, username: 'thanhhoa.tinh' });
    const id = 'tv@2026-11#1';
    const fields: [string, Change['value']][] = [['reportId', 'tv@2026-11'], ['version', 1], ['periodType', 'monthly'], ['period', '2026-11'], ['snapshot', { title: 'Báo cáo tháng 11/2026' }], ['submittedAt', vn(19, 16, 30)]];
    await first.store.applyPulled(
      fields.map(([field, value], i) => ({
        coll: 'reportVersion', id, field, value, hlc: encodeHlc({ wall: vn(19, 16, 30), counter: i, device: 'tvphone1' }), base: null, unit: 'tv', author: 'u-thieuvan-congan', receivedAt: vn(21, 8, 5),
      })),
      5,
    );
    first.unmount();
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'thanhhoa.tinh', dbName: first.dbName });
    await waitFor(() => expect(r.getByTestId('late-monthly').textContent).toContain(LATE_NOTE.replace('xã Quảng Bình', 'xã Thiệu Vân')));
  });
});
