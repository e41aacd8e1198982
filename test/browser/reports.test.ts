// A commune writes its monthly report offline, submits it (it waits in the outbox), opens
// the print view in the Vietnamese administrative layout, prints it to an A4 PDF and, once
// online, downloads the .docx. Real Chromium, real service worker, real server.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { launch, login, phoneContext, screenshot, waitForServiceWorker, serverAndBrowser } from '../helpers/browser.ts';
import { periodLabel, periodOf } from '../../src/domain/calendar.ts';
import { placeDateLine } from '../../src/reports/document.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';

const env = serverAndBrowser();

describe('reports in the field app', () => {
  it('writes and submits a report offline, prints it in the administrative layout on A4, exports .docx', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    const page = await context.newPage();
    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);

    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await page.getByRole('heading', { name: 'Báo cáo theo lịch' }).waitFor();
    expect(await page.getByTestId('scheduled-reports').locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, 'reports-list-360');

    // Offline from here: the report chunk was precached with the app shell.
    await context.setOffline(true);
    const period = periodOf('monthly', Date.now());
    await page.evaluate((id) => (location.hash = `/reports/${encodeURIComponent(id)}`), `tv@${period}`);
    const results = page.locator('textarea[data-section="results"]');
    await results.waitFor();
    expect(await results.inputValue()).toContain('Tổng số mô hình đang triển khai: 11');
    await page.locator('textarea[data-section="difficulties"]').fill('Sóng điện thoại yếu ở thôn 5, thôn 6.');
    await page.getByTestId('draft-state').filter({ hasText: 'Đã lưu nháp trên máy' }).waitFor();
    await page.getByText('Thông tin văn bản: số, nơi nhận, người ký').click();
    await page.getByLabel('Họ tên người ký').fill('Lê Văn Bình');
    await screenshot(page, 'report-edit-360');

    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => page.getByTestId('report-notice').textContent()).toMatch(/^Đã gửi phiên bản 1\. Báo cáo đang chờ trong hàng đợi/);
    // The phase is a live query of the stored report: it may render a moment after the notice.
    await expect.poll(() => page.getByTestId('report-phase').textContent()).toBe('Đã gửi');
    expect(await page.getByTestId('pending-count').textContent()).toMatch(/chưa đồng bộ/);
    await page.getByTestId('version-1').waitFor();

    await page.getByRole('link', { name: 'Bản in, tải Word / Excel / CSV' }).click();
    const doc = page.getByTestId('report-document');
    await doc.waitFor();
    const text = (await doc.innerText()).replace(/\s+/g, ' ');
    for (const line of [
      'UBND XÃ THIỆU VÂN',
      'TỔ CÔNG TÁC ĐỀ ÁN 06',
      'Số: …/BC-TCTĐA06',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO',
      `Kết quả thực hiện Đề án 06 trên địa bàn xã Thiệu Vân ${periodLabel(period).toLowerCase()}`,
      'I. KẾT QUẢ ĐẠT ĐƯỢC',
      'II. KHÓ KHĂN, VƯỚNG MẮC',
      'Sóng điện thoại yếu ở thôn 5, thôn 6.',
      'V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
      'Nơi nhận:',
      'TM. TỔ CÔNG TÁC',
      'Lê Văn Bình',
    ]) {
      expect(text).toContain(line);
    }
    const dateLine = await page.getByTestId('doc-place-date').textContent();
    expect([placeDateLine('Thiệu Vân', Date.now()), placeDateLine('Thiệu Vân', Date.now() - 60_000)]).toContain(dateLine);
    // The 25 essential services less the rows the extracted source lost their names of (shown once named).
    const named = SeedBundle.parse(buildSeedBundle()).indicatorSheet.services.length;
    expect(named).toBe(19);
    expect(await page.getByTestId('doc-table-dvc').locator('tbody tr').count()).toBe(named);
    expect(await page.getByTestId('doc-table-mo-hinh').locator('tbody tr').count()).toBe(11);
    expect(await page.getByTestId('doc-table-dvc').locator('tfoot').innerText()).toMatch(/Tổng cộng 19 dịch vụ/);
    // The issuer block sits left of the national title, on one line.
    const issuer = await page.locator('.vn-doc-issuer').boundingBox();
    const nation = await page.locator('.vn-doc-nation').boundingBox();
    expect(issuer!.x + issuer!.width).toBeLessThanOrEqual(nation!.x + 1);
    expect(Math.abs(issuer!.y - nation!.y)).toBeLessThan(2);
    await screenshot(page, 'report-print-360');

    // Printed: no toolbar, A4 pages.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('toolbar', { name: 'Bản in' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdfText = pdf.toString('latin1');
    expect(pdfText.startsWith('%PDF')).toBe(true);
    const pages = [...pdfText.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(pages.length).toBeGreaterThan(1);
    expect(new Set(pages.map(String))).toEqual(new Set(['595,842'])); // A4 in points, every page
    await page.emulateMedia({ media: 'screen' });

    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'report-print-1280');

    // Online again: the submission leaves the outbox, and the Word export loads and downloads.
    await context.setOffline(false);
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(true);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải Word (.docx)' }).click();
    const file = await download;
    // Named by the commune and the month as people say them, not by ids: "bao-cao-xa-thieu-van-thang-12-2026-lan-1.docx".
    const [year, month] = period.split('-');
    expect(file.suggestedFilename()).toBe(`bao-cao-xa-thieu-van-thang-${Number(month)}-${year}-lan-1.docx`);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip: the .docx
    await page.getByRole('link', { name: '← Quay lại' }).click();
    await page.getByTestId('report-phase').waitFor();
    await screenshot(page, 'report-1280');
    await page.getByRole('button', { name: 'Đồng bộ' }).click();
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
    await context.close();
  });
});
