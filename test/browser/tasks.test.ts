// Issue 11: a commune records its progress on a province task OFFLINE, comes back online and
// syncs; the district officer sees it rolled up. The task is row 5 of 001 Phụ lục I ("Đẩy
// nhanh tiến độ số hóa hồ sơ…"), assigned to "UBND cấp xã", deadline "Năm 2024: cấp tỉnh và huyện 100%; cấp xã 90%". Real
// Chromium, service worker and server; one of each for the file.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, login, phoneContext, screenshot, serverAndBrowser, waitForServiceWorker } from '../helpers/browser.ts';

const env = serverAndBrowser();
const T5 = 'th-bc137-2024-pl1.5';
const README_SHOTS = join(import.meta.dirname, '../screenshots');

async function shot(page: Parameters<typeof screenshot>[0], name: string) {
  await screenshot(page, name);
  mkdirSync(README_SHOTS, { recursive: true });
  copyFileSync(join(ARTIFACTS, `${name}.png`), join(README_SHOTS, `${name}.png`));
}

describe('task progress', () => {
  it('is recorded offline by Thiệu Vân, synced, and rolled up for the city’s working group', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    const page = await context.newPage();
    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);

    // Offline before the task screens were ever opened: their chunk and the plans' are precached.
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('online-indicator').textContent()).toBe('Ngoại tuyến');
    const home = page.getByTestId('home-tasks');
    await home.waitFor();
    expect(await home.textContent()).toMatch(/nhiệm vụ chủ trì/);
    await home.getByRole('link', { name: 'Xem và ghi tiến độ' }).click();

    await page.getByTestId('task-search').fill('so hoa ho so');
    const row = page.locator(`[data-testid="task-row"][data-task="${T5}"]`);
    await row.waitFor();
    // The deadline cell of 001 Phụ lục I row 5, whole, and its end.
    expect(await row.textContent()).toContain('Thời hạn: Năm 2024: cấp tỉnh và huyện 100%; cấp xã 90% (hạn 31/12/2024) · Quá hạn');
    await page.getByTestId('task-search').fill('');
    await row.waitFor();
    await shot(page, 'tasks-list-360');

    await row.getByRole('link').click();
    await page.getByTestId('task-progress-form').waitFor();
    await page.getByLabel('Đánh giá tiến độ').selectOption('notDone');
    await page.getByLabel('Tỷ lệ hoàn thành (%)').fill('40');
    await page.getByLabel(/^Kết quả thực hiện/).fill('Đã số hóa 40% hồ sơ hộ tịch tồn đọng');
    await page.getByRole('button', { name: 'Lưu' }).click();
    // The form's own check: a task not done states its cause.
    await page.getByText('Chưa hoàn thành thì phải ghi nguyên nhân').waitFor();
    await page.getByLabel(/^Nguyên nhân/).fill('Thiếu máy quét tài liệu');
    await page.getByLabel(/^Minh chứng/).fill('Báo cáo số 12/BC-CAX ngày 20/11/2026');
    await page.getByRole('button', { name: 'Lưu' }).click();
    expect(await page.getByTestId('task-notice').textContent()).toBe('Đã lưu trên máy. Sẽ gửi lên máy chủ khi có mạng.');
    await expect.poll(() => page.getByTestId('task-status').textContent()).toMatch(/^Chưa hoàn thành · 40% · ngày .* · Đã lưu trên máy — chờ đồng bộ$/);
    await page.getByTestId('task-status').scrollIntoViewIfNeeded();
    await shot(page, 'task-progress-360');

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
    await expect.poll(() => page.getByTestId('task-status').textContent()).not.toMatch(/chờ đồng bộ/);
    await page.getByTestId('task-synced').waitFor();
    // The save notice no longer says it will be sent once the sync sent it.
    await expect.poll(() => page.getByTestId('task-notice').textContent()).toBe('Đã lưu và đã gửi lên máy chủ.');
    await context.close();

    // The working group of thành phố Thanh Hóa (Thiệu Vân's district) reads the roll-up.
    const officerContext = await phoneContext(env.browser, env.server.url);
    const officer = await officerContext.newPage();
    await login(officer, 'thanhpho.thanhhoa');
    await officer.goto('/#/dashboard');
    const plan = officer.getByTestId('task-plan-th-bc137-2024-pl1');
    await plan.waitFor({ timeout: 20_000 });
    await expect.poll(() => plan.getByTestId('count-notDone').textContent()).toBe('1');
    await plan.scrollIntoViewIfNeeded();
    await screenshot(officer, 'tasks-dashboard-360');
    await plan.getByRole('link').click();
    const unit = officer.getByTestId(`db-task-${T5}`).getByTestId('db-task-unit-tv');
    await unit.waitFor();
    expect(await unit.textContent()).toMatch(/xã Thiệu Vân.*Chủ trì.*Chưa hoàn thành · 40% · Quá hạn/);
    // Đông Hải, the other commune, has not reported.
    expect(await officer.getByTestId(`db-task-${T5}`).getByTestId('db-task-unit-dh').textContent()).toContain('Chưa báo cáo');
    await officer.getByTestId(`db-task-${T5}`).scrollIntoViewIfNeeded();
    await screenshot(officer, 'tasks-dashboard-plan-360');
    await officerContext.close();
  });
});
