// A merge, lived through in real Chromium against the real server (issue 12, must show): two
// Quảng Xương communes each have last month's figures; Quảng Bình's police phone is offline with
// a correction queued when the admin merges both into a new commune (the SIMULATED fixture,
// sync-server/demo/reorg-fixture.ts — not the real 2025 mapping). The phone comes back online:
// its change lands, it says once that the commune was merged, and the district officer's
// dashboard shows the new commune's month as the sum of what both communes sent. The expected
// numbers are the ones this test typed and pushed.
import { describe, expect, it } from 'vitest';
import { communeAccountsServer } from '../helpers/commune-accounts.ts';
import { login, phoneContext, postJson, screenshot, waitForServiceWorker } from '../helpers/browser.ts';
import { QX_MERGED_ID, QX_MERGED_NAME, quangXuongFixture } from '../../sync-server/demo/reorg-fixture.ts';
import { periodOf, previousPeriod } from '../../src/domain/calendar.ts';
import { vnDate } from '../../src/domain/reorg.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import { SYNC_FORMAT_VERSION } from '../../src/domain/sync/wire.ts';
import { formatNumber, formatPercent } from '../../src/domain/text.ts';
import type { RollupAnswer } from '../../src/domain/rollup.ts';

const PASSWORD = 'sap-nhap-2026';
const now = Date.now();
/** Last month: the month of data; the merge takes effect on the first day of this month. */
const MONTH = previousPeriod(periodOf('monthly', now));
const EFFECTIVE = `${vnDate(now).slice(0, 7)}-01`;
const COMMUNES = [
  { id: 'qx-quang-binh', username: 'mp.quangbinh', total: 100, online: 60 },
  { id: 'qx-quang-hop', username: 'mp.quanghop', total: 50, online: 20 },
];
/** What Quảng Bình's police correct offline before the merge: last month's dossiers of service 1. */
const CORRECTED_TOTAL = 130;

const env = communeAccountsServer('so-tay-reorg-', COMMUNES.map((c) => ({ username: c.username, name: `Công an ${c.id}`, unitId: c.id })), PASSWORD, now);

const api = (path: string, body: unknown, token?: string) => postJson(env.server.url, path, body, token);

/** A commune's month of figures, pushed as its phone would (one sync request). */
async function pushMonth(c: (typeof COMMUNES)[number]): Promise<void> {
  const device = `api_${c.id.replace(/-/g, '_')}`.slice(0, 32);
  const login = await api('/api/login', { username: c.username, password: PASSWORD, deviceId: device });
  expect(login.status).toBe(200);
  const author = (login.body.user as { id: string }).id;
  const id = `${c.id}@${MONTH}`;
  const changes = [
    [1, 'indicators', id, 's.dvc-01.total', c.total, encodeHlc({ wall: now - 86_400_000, counter: 0, device }), null, c.id, author],
    [2, 'indicators', id, 's.dvc-01.online', c.online, encodeHlc({ wall: now - 86_400_000, counter: 1, device }), null, c.id, author],
  ];
  const reply = await api('/api/sync', { v: SYNC_FORMAT_VERSION, d: device, c: changes, p: 0, n: 1 }, login.body.token as string);
  expect([reply.status, reply.body.x]).toEqual([200, []]);
}

describe('merging two communes', () => {
  it('sums both communes on the new one, and the old commune\'s phone, offline during the merge, lands its queued change', async () => {
    for (const c of COMMUNES) await pushMonth(c);

    // Quảng Bình's police phone: signed in, then offline, correcting last month's figures.
    const phoneContextQb = await phoneContext(env.browser, env.server.url);
    const phone = await phoneContextQb.newPage();
    await login(phone, 'mp.quangbinh', PASSWORD);
    await waitForServiceWorker(phone);
    await expect.poll(() => phone.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
    await phone.getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
    await phone.getByLabel('Kỳ báo cáo').selectOption(MONTH);
    const total = phone.locator('input[data-field="s.dvc-01.total"]');
    // The month the server has (pulled at sign-in) is what the form starts from.
    await expect.poll(() => total.inputValue(), { timeout: 20_000 }).toBe(formatNumber(100));
    await phoneContextQb.setOffline(true);
    await total.fill(String(CORRECTED_TOTAL));
    await phone.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => phone.getByTestId('pending-count').textContent()).toMatch(/chưa đồng bộ/);

    // Meanwhile the admin records the merge (the simulated fixture's first event).
    const admin = await api('/api/login', { username: 'admin', password: 'demo2026' });
    const merged = await api('/api/admin/reorg', quangXuongFixture(EFFECTIVE)[0], admin.body.token as string);
    expect(merged.status).toBe(201);

    // Back online: the queued change goes out and lands; the phone says what happened, once.
    await phoneContextQb.setOffline(false);
    await expect.poll(() => phone.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
    const notice = phone.getByTestId('reorg-notice');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain(`Xã Quảng Bình đã sáp nhập vào ${QX_MERGED_NAME} từ ngày ${EFFECTIVE.slice(8, 10)}/${EFFECTIVE.slice(5, 7)}/${EFFECTIVE.slice(0, 4)}`);
    expect(await phone.locator('.banner, [role=alert]').allTextContents()).not.toContainEqual(expect.stringMatching(/từ chối|không được ghi/));
    await screenshot(phone, 'reorg-notice-360');
    await notice.getByRole('button', { name: 'Đã hiểu' }).click();
    // The app starts again as the new commune; the notice is not shown again.
    await phone.getByText(QX_MERGED_NAME).first().waitFor();
    expect(await phone.getByTestId('reorg-notice').count()).toBe(0);

    // On the server: the new commune's month is both communes' figures, with the correction.
    const officer = await api('/api/login', { username: 'quangxuong.huyen', password: 'demo2026' });
    const res = await fetch(`${env.server.url}/api/rollups?unit=${QX_MERGED_ID}`, { headers: { authorization: `Bearer ${officer.body.token as string}` } });
    const rollup = (await res.json()) as RollupAnswer;
    const sumTotal = CORRECTED_TOTAL + COMMUNES[1]!.total;
    const sumOnline = COMMUNES[0]!.online + COMMUNES[1]!.online;
    expect(rollup.rollup.indicators[MONTH]?.all).toMatchObject({ total: sumTotal, online: sumOnline });

    // The district officer's dashboard: the new commune's row for that month is the sum of both,
    // the old communes are no longer listed beside it (nothing counted twice), and the district
    // total is the same sum.
    const desk = await (await phoneContext(env.browser, env.server.url)).newPage();
    await desk.setViewportSize({ width: 1280, height: 900 });
    await login(desk, 'quangxuong.huyen');
    await desk.getByRole('link', { name: 'Tổng hợp', exact: true }).click();
    await expect.poll(() => desk.getByTestId('as-of').textContent(), { timeout: 20_000 }).toMatch(/^Số liệu tính đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await desk.getByTestId('indicators').getByLabel('Tháng').selectOption(MONTH);
    const cells = async (testId: string) => (await desk.getByTestId(testId).locator('td').allTextContents()).map((t) => t.trim());
    await expect.poll(() => cells(`unit-figures-${QX_MERGED_ID}`), { timeout: 20_000 }).toEqual([formatNumber(sumTotal), formatNumber(sumOnline), formatPercent(sumOnline / sumTotal)]);
    expect(await desk.getByTestId('unit-figures-qx-quang-binh').count()).toBe(0);
    expect(await desk.getByTestId('unit-figures-qx-quang-hop').count()).toBe(0);
    expect(await cells('indicator-all')).toEqual([formatNumber(sumTotal), formatNumber(sumOnline), formatPercent(sumOnline / sumTotal)]);
    await desk.getByTestId('figures-by-unit').scrollIntoViewIfNeeded();
    await screenshot(desk, 'reorg-dashboard-1280');

    // The admin screen lists the merge with its mapping, and records the district's dissolution
    // (its communes go to the province) through the same server rule.
    const adminDesk = await (await phoneContext(env.browser, env.server.url)).newPage();
    await adminDesk.setViewportSize({ width: 1280, height: 900 });
    await login(adminDesk, 'admin');
    await adminDesk.goto('/#/admin/reorg');
    const first = adminDesk.getByTestId('reorg-event-1');
    await first.waitFor();
    expect(await first.textContent()).toContain(`xã Quảng Bình → ${QX_MERGED_NAME}`);
    const form = adminDesk.getByTestId('reorg');
    await form.getByLabel('Loại').selectOption('close');
    await form.locator('select[name="unit"]').selectOption('qx');
    await form.locator('select[name="childrenTo"]').selectOption('th');
    await form.getByRole('button', { name: 'Ghi lần sắp xếp' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Đã ghi lần sắp xếp số 2/);
    await adminDesk.getByTestId('reorg-event-2').waitFor();
    await screenshot(adminDesk, 'reorg-admin-1280');
    const after = await fetch(`${env.server.url}/api/admin/units`, { headers: { authorization: `Bearer ${admin.body.token as string}` } });
    const byId = new Map(((await after.json()) as { units: { id: string; parentId: string | null; closedOn: string | null }[] }).units.map((u) => [u.id, u]));
    expect(byId.get('qx')?.closedOn).toBe(vnDate(Date.now()));
    expect(byId.get(QX_MERGED_ID)?.parentId).toBe('th');
  });
});
