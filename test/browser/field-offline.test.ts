// A commune police officer's first day, as they would live it: log in online, lose the
// network, keep working, come back online. Real Chromium, real service worker, real server.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { launch, login, phoneContext, screenshot, waitForServiceWorker, serverAndBrowser } from '../helpers/browser.ts';

const env = serverAndBrowser();

describe('field app offline', () => {
  it('logs in online, works offline across reloads, and says when it is back online', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    const page = await context.newPage();
    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);
    await expect(page.getByTestId('online-indicator').textContent()).resolves.toBe('Trực tuyến');
    await screenshot(page, 'home-360');

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('online-indicator').textContent()).resolves.toBe('Ngoại tuyến');

    await page.getByRole('link', { name: 'Mô hình', exact: true }).click();
    const rows = page.getByTestId('model-row').filter({ hasText: 'Đã áp dụng' });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(11);
    await screenshot(page, 'catalogue-360');

    // Diacritic-insensitive search.
    await page.getByLabel('Tìm mô hình').fill('cong dan so');
    await expect.poll(() => page.getByTestId('catalogue-count').textContent()).not.toMatch(/^30\/30/);
    expect(await page.getByTestId('model-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('model-row').allTextContents()).toContainEqual(expect.stringContaining('Mô hình 24: Đảm bảo điều kiện công dân số'));
    await page.getByRole('link', { name: /Mô hình 24/ }).click();
    await page.getByRole('heading', { name: 'Tình trạng hiện tại' }).waitFor();
    await screenshot(page, 'model-detail-360');

    await page.getByRole('link', { name: 'Ghi nhận tình trạng' }).click();
    await page.getByLabel('Tình trạng').selectOption('inProgress');
    await page.getByLabel('Tiến độ (%)').fill('65');
    await page.getByLabel('Khó khăn, vướng mắc').fill('Một số hộ dân chưa có điện thoại thông minh');
    await page.getByLabel('Ảnh minh chứng').setInputFiles(join(import.meta.dirname, '../../public/icons/icon-512.png'));
    await page.getByTestId('draft-photos').locator('img').waitFor();
    await screenshot(page, 'status-form-360');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('current-status').waitFor();
    expect(await page.getByTestId('current-status').textContent()).toContain('65%');

    await page.reload();
    await page.getByTestId('current-status').waitFor();
    expect(await page.getByTestId('current-status').textContent()).toContain('Đang thực hiện');
    expect(await page.getByRole('img', { name: 'Ảnh minh chứng' }).count()).toBe(1);
    // The photo's bytes are kept on the phone (blobs table) and shown from there, offline.
    const photo = await page.getByRole('img', { name: 'Ảnh minh chứng' }).evaluate(async (img) => {
      const el = img as HTMLImageElement;
      await el.decode();
      return { src: el.src.slice(0, 5), width: el.naturalWidth };
    });
    expect(photo.src).toBe('blob:');
    expect(photo.width).toBeGreaterThan(0);
    // (The page's CSP allows no fetch of blob: URLs, so the size is read from IndexedDB.)
    const sizes = await page.evaluate(
      () =>
        new Promise<number[]>((resolve, reject) => {
          const open = indexedDB.open('so-tay-de-an-06');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('blobs').objectStore('blobs').getAll();
            all.onsuccess = () => resolve((all.result as { bytes: Blob }[]).map((b) => b.bytes.size));
          };
        }),
    );
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toBeGreaterThan(0);
    expect(sizes[0]).toBeLessThanOrEqual(200_000);
    expect(await page.getByTestId('pending-count').textContent()).toMatch(/chưa đồng bộ/);

    // The other main screens work offline too.
    await page.getByRole('link', { name: 'Kiểm tra', exact: true }).click();
    await page.getByRole('link', { name: /Đề cương/ }).first().click();
    await page.getByText('I.1', { exact: false }).first().waitFor();
    await screenshot(page, 'checklist-360');
    await page.getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
    await page.getByText('Đăng ký khai sinh').first().waitFor();
    await screenshot(page, 'indicators-360');
    await page.getByRole('link', { name: 'Cài đặt', exact: true }).click();
    await page.getByRole('heading', { name: 'Bộ nhớ trên máy' }).waitFor();
    await screenshot(page, 'settings-360');

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('online-indicator').textContent()).toBe('Trực tuyến');
    // Coming online triggers a sync; the outbox drains.
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
    await context.close();
  });
});
