// The district dashboard as `quangxuong.huyen` sees it, in real Chromium against the real
// server. Setup: the communes' seeded monthly rule (003: each month's report by the month's
// end), three commune accounts created with the admin CLI's commands. Those communes
// push models, statuses, figures and (two of them) their monthly report; the dashboard
// must show exactly them as synced, the communes missing the current report, and totals
// equal to the sums of what they sent. Then the officer drills down, returns a report, and
// reads the dashboard again offline.
import { SYNC_FORMAT_VERSION } from '../../src/domain/sync/wire.ts';
import { describe, expect, it } from 'vitest';
import { communeAccountsServer } from '../helpers/commune-accounts.ts';
import { login, phoneContext, screenshot, waitForServiceWorker, postJson } from '../helpers/browser.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { periodOf, periodsDueBetween, type ReportingRule } from '../../src/domain/calendar.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import { formatNumber, formatPercent } from '../../src/domain/text.ts';
import { communeReportData, toFieldValue, type LocalRecord } from '../../src/reports/data.ts';
import { defaultTitle } from '../../src/reports/sections.ts';

const PASSWORD = 'demo06-xa';
const seed = SeedBundle.parse(buildSeedBundle());
/** The communes' own monthly rule as the seeds give it (003 B I.1.3; seeds/plans/cadences.json). */
const RULE: ReportingRule = seed.reportingRules.find((r) => r.unitId === 'qx-quang-binh')!.rules.find((r) => r.periodType === 'monthly')!;
const qxCommunes = seed.units.filter((u) => u.parentId === 'qx');
const now = Date.now();
/** The monthly report the communes should have sent by now, and this month (the figures). */
const DUE = periodsDueBetween(RULE, now - 92 * 86_400_000, now).at(-1)!;
const MONTH = periodOf('monthly', now);

type Row = [Collection, string, string, FieldValue];
interface Commune {
  id: string;
  username: string;
  models: [string, { status: string; progress: number } | null][];
  figures: Record<string, number>;
  reports: boolean;
}
const COMMUNES: Commune[] = [
  {
    id: 'qx-quang-binh',
    username: 'quangbinh.congan',
    models: [
      ['mh-24', { status: 'done', progress: 100 }],
      ['mh-01', { status: 'inProgress', progress: 40 }],
    ],
    figures: { 's.dvc-01.total': 38000, 's.dvc-01.online': 36600, 'c.cccd-ho-so': 120 },
    reports: true,
  },
  {
    id: 'qx-quang-hop',
    username: 'quanghop.congan',
    models: [['mh-24', { status: 'inProgress', progress: 50 }]],
    figures: { 's.dvc-01.total': 755, 's.dvc-01.online': 696, 's.dvc-03.total': 200, 's.dvc-03.online': 150 },
    reports: true,
  },
  {
    id: 'qx-tan-phong',
    username: 'tanphong.xa', // not the demo's tanphong.congan: this test makes its own accounts
    models: [
      ['mh-24', null],
      ['mh-05', { status: 'ongoing', progress: 80 }],
    ],
    figures: { 's.dvc-02.total': 120, 's.dvc-02.online': 60, 'c.cccd-ho-so': 30 },
    reports: false,
  },
];
const nameOf = (id: string) => seed.units.find((u) => u.id === id)!.name;

function rowsOf(c: Commune): Row[] {
  const rows: Row[] = [];
  const records: LocalRecord[] = [];
  for (const [modelId, status] of c.models) {
    const id = `${c.id}:${modelId}`;
    rows.push(['adoption', id, 'modelId', modelId], ['adoption', id, 'adoptedOn', '2026-01-15'], ['adoption', id, 'villageIds', []], ['adoption', id, 'active', true]);
    if (status) {
      rows.push(['status', id, 'status', status.status], ['status', id, 'progress', status.progress], ['status', id, 'asOf', '2026-11-20']);
      records.push({ coll: 'status', id, unit: c.id, values: status });
    }
  }
  for (const [field, n] of Object.entries(c.figures)) rows.push(['indicators', `${c.id}@${MONTH}`, field, n]);
  records.push({ coll: 'indicators', id: `${c.id}@${MONTH}`, unit: c.id, values: c.figures });
  if (c.reports) {
    const reportId = `${c.id}@${DUE}`;
    const adoptions = c.models.map(([modelId]) => ({ id: `${c.id}:${modelId}`, unitId: c.id, modelId, adoptedOn: '2026-01-15', villageIds: [] }));
    const unit = seed.units.find((u) => u.id === c.id)!;
    const ctx = { models: seed.catalogue.models, units: seed.units, sheet: seed.indicatorSheet, checklists: seed.checklists };
    const data = communeReportData(ctx, unit, DUE, now, adoptions, records);
    const title = defaultTitle(unit.name, DUE);
    const sections = [{ key: 'results', title: 'Kết quả đạt được', body: `Kết quả của ${unit.name}.` }];
    rows.push(
      ['reportVersion', `${reportId}#1`, 'reportId', reportId],
      ['reportVersion', `${reportId}#1`, 'version', 1],
      ['reportVersion', `${reportId}#1`, 'periodType', 'monthly'],
      ['reportVersion', `${reportId}#1`, 'period', DUE],
      ['reportVersion', `${reportId}#1`, 'snapshot', toFieldValue({ title, sections, data, submittedBy: `Công an ${unit.name}` })],
      ['reportVersion', `${reportId}#1`, 'submittedAt', now],
      ['report', reportId, 'periodType', 'monthly'],
      ['report', reportId, 'period', DUE],
      ['report', reportId, 'title', title],
      ['report', reportId, 'sections', toFieldValue(sections)],
      ['report', reportId, 'state', 'submitted'],
      ['report', reportId, 'version', 1],
    );
  }
  return rows;
}


const env = communeAccountsServer('so-tay-dash-', COMMUNES.map((c) => ({ username: c.username, name: `Công an ${nameOf(c.id)}`, unitId: c.id })), PASSWORD, now);

const api = (path: string, body: unknown, token?: string) => postJson(env.server.url, path, body, token);

/** A commune's phone: logs in and pushes its rows in one sync request. */
async function pushAs(c: Commune): Promise<{ token: string; device: string }> {
  const device = `dev_${c.id.replace(/-/g, '_')}`;
  const login = await api('/api/login', { username: c.username, password: PASSWORD, deviceId: device });
  expect(login.status).toBe(200);
  const token = login.body.token as string;
  const author = (login.body.user as { id: string }).id;
  const changes = rowsOf(c).map(([coll, id, field, value], i) => [i + 1, coll, id, field, value, encodeHlc({ wall: now, counter: i, device }), null, c.id, author]);
  const reply = await api('/api/sync', { v: SYNC_FORMAT_VERSION, d: device, c: changes, p: 0, n: 1 }, token);
  expect([reply.status, reply.body.a, reply.body.x]).toEqual([200, changes.length, []]);
  return { token, device };
}

describe('district dashboard', () => {
  it('shows the communes that synced, who is missing the current report, totals that match, drill-down, return, offline', async () => {
    const phones = await Promise.all(COMMUNES.map(pushAs));

    const context = await phoneContext(env.browser, env.server.url);
    const page = await context.newPage();
    await login(page, 'quangxuong.huyen');
    await waitForServiceWorker(page);
    await page.getByRole('link', { name: 'Tổng hợp', exact: true }).click();
    const matrix = page.getByTestId('status-matrix');
    await matrix.waitFor();
    // First the figures computed on the phone, then the server's roll-ups replace them.
    await expect.poll(() => page.getByTestId('as-of').textContent()).toMatch(/^Số liệu tính đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    // Exactly the communes that synced, with their models coloured by status.
    const rows = await matrix.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
    expect(rows.sort()).toEqual(COMMUNES.map((c) => `matrix-row-${c.id}`).sort());
    expect(await page.getByTestId('card-synced').locator('strong').textContent()).toBe(`3/${qxCommunes.length}`);
    expect(await page.getByTestId('matrix-row-qx-quang-binh').getByTestId('row-done').textContent()).toBe('1/2');
    expect(await page.getByTestId('model-done-mh-24').textContent()).toBe('1/3');
    expect(await page.getByTestId('matrix-share').textContent()).toBe(formatPercent(1 / 5));
    expect(await page.getByTestId('matrix-row-qx-tan-phong').locator('td.st-none').count()).toBe(1);
    expect(await page.getByTestId('without-data').textContent()).not.toContain('xã Quảng Bình');

    // Who has not sent the report now due.
    const missing = page.getByTestId('missing-monthly');
    expect(await missing.getAttribute('data-period')).toBe(DUE);
    const names = (await missing.textContent())!.split(', ');
    expect(names).toHaveLength(qxCommunes.length - 2);
    expect(names).toContain(nameOf('qx-tan-phong'));
    expect(names).not.toContain(nameOf('qx-quang-binh'));
    expect(names).not.toContain(nameOf('qx-quang-hop'));

    // Totals: sums of what the communes sent, rates from the sums.
    const sum = (field: string) => COMMUNES.reduce((n, c) => n + (c.figures[field] ?? 0), 0);
    const allTotal = sum('s.dvc-01.total') + sum('s.dvc-02.total') + sum('s.dvc-03.total');
    const allOnline = sum('s.dvc-01.online') + sum('s.dvc-02.online') + sum('s.dvc-03.online');
    const cells = async (testId: string) => (await page.getByTestId(testId).locator('td').allTextContents()).map((t) => t.trim());
    expect(await cells('total-dvc-01')).toEqual(['38.755', '37.296', '96,24%']);
    expect(await cells('indicator-all')).toEqual([formatNumber(allTotal), formatNumber(allOnline), formatPercent(allOnline / allTotal)]);
    expect(await cells('unit-figures-qx-quang-hop')).toEqual(['955', '846', formatPercent(846 / 955)]);
    expect(await page.getByTestId('indicators').textContent()).toContain(`Hồ sơ đề nghị cấp thẻ CCCD gắn chíp: ${formatNumber(150)}`);
    await page.evaluate(() => {
      document.querySelector('[data-testid="status-matrix"]')!.closest('section')!.scrollIntoView({ block: 'start' });
      scrollBy(0, -64); // under the sticky header
    });
    await screenshot(page, 'dashboard-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, 'dashboard-1280');

    // Drill down to a commune, read its report, return it.
    await matrix.getByRole('link', { name: nameOf('qx-quang-binh') }).click();
    await page.getByTestId('commune-name').waitFor();
    await page.getByTestId('commune-reports').getByRole('link').first().click();
    await page.getByTestId('report-document').waitFor();
    expect(await page.getByTestId('report-document').innerText()).toContain(`Kết quả của ${nameOf('qx-quang-binh')}.`);
    await page.getByLabel('Ý kiến').fill('Đề nghị bổ sung số liệu mô hình 1.');
    await page.getByRole('button', { name: 'Trả lại để sửa' }).click();
    await expect.poll(() => page.getByTestId('report-phase').textContent()).toBe('Bị trả lại');
    await screenshot(page, 'dashboard-return-1280');
    await page.getByRole('button', { name: 'Đồng bộ' }).click();
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');

    // The commune's phone pulls the returning comment.
    const binh = phones[0]!;
    const pulled = await api('/api/sync', { v: SYNC_FORMAT_VERSION, d: binh.device, c: [], p: 0 }, binh.token);
    const comments = (pulled.body.c as unknown[][]).filter((c) => c[1] === 'comment' && c[3] === 'returns');
    expect(comments.map((c) => [c[4], c[7], c[8]])).toEqual([[true, 'qx-quang-binh', 'u-quangxuong-huyen']]);

    // Offline: the dashboard reads from the copy kept on the device, with its time.
    await context.setOffline(true);
    await page.evaluate(() => (location.hash = '/dashboard'));
    await page.reload();
    await matrix.waitFor();
    expect(await page.getByTestId('as-of').textContent()).toMatch(/^Số liệu tính đến /);
    expect(await matrix.locator('tbody tr').count()).toBe(3);
    expect(await page.getByRole('status').filter({ hasText: 'Đang ngoại tuyến' }).count()).toBe(1);
    await context.close();
  });
});
