// Issue 12: a fresh demo start (what `npm start` runs: DEMO=1 DEMO_HISTORY=1) and the
// district demo login show work at once — a dashboard with communes, late reports, task
// progress and reports to review. Real server process, real Chromium at 1280 px (an officer's computer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { launch, login, screenshot } from '../helpers/browser.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';

const seed = SeedBundle.parse(buildSeedBundle());
const qxCommunes = seed.units.filter((u) => u.parentId === 'qx');

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ env: { DEMO: '1', DEMO_HISTORY: '1' }, startTimeoutMs: 90_000 });
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the district demo at first login', () => {
  it('has communes with data, late reports and reports waiting for review', { timeout: 180_000 }, async () => {
    expect(server.output()).toMatch(/Đã tạo dữ liệu mô phỏng cho 26 xã/);
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await login(page, 'quangxuong.huyen');

    await page.getByRole('link', { name: 'Tổng hợp', exact: true }).click();
    const matrix = page.getByTestId('status-matrix');
    await matrix.waitFor({ timeout: 60_000 });
    // Every commune of the district has sent something.
    await expect.poll(() => page.getByTestId('card-synced').locator('strong').textContent(), { timeout: 60_000 }).toBe(`${qxCommunes.length}/${qxCommunes.length}`);
    expect(await matrix.locator('tbody tr').count()).toBe(qxCommunes.length);
    // Some reports came in late (the timeliness cards count them).
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/Trễ hạn/);
    // Communes recorded progress on the province's tasks (001 Phụ lục I): the task progress counts it,
    // work under way and some not done among it.
    const tasks = page.getByTestId('task-plan-th-bc137-2024-pl1');
    await tasks.waitFor({ timeout: 60_000 });
    expect(Number(await tasks.getByTestId('count-inProgress').textContent())).toBeGreaterThan(0);
    expect(Number(await tasks.getByTestId('count-notDone').textContent())).toBeGreaterThan(0);
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, 'district-demo-1280');

    // The review inbox lists reports waiting for the district.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByTestId('inbox-tab').click();
    const items = page.locator('[data-testid^="inbox-item-"]');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    // A report opened from the inbox says it is simulated data.
    await items.first().getByRole('link').click();
    await page.getByTestId('report-document').waitFor();
    expect(await page.getByTestId('report-document').innerText()).toMatch(/[Dd]ữ liệu mô phỏng/);
    await context.close();
  });
});
