// The province report in 001's form, end to end: Thiệu Vân's commune police record progress
// on row 67 of 001 Phụ lục I (led by "UBND cấp xã" among others) through the task screen on
// a phone, offline, and sync it; the province officer (thanhhoa.tinh, seeds/demo-users.json)
// opens the province's half-year report: its Phụ lục I row 67 carries Thiệu Vân's assessment
// and result, Phụ lục II the Nghị quyết 175 rows, the body 001 §II.3.2's figures as baselines,
// the print view is drawn at 1280 px, and the .docx downloaded from it holds the rows. Real server, real Chromium, one of each for the file.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { login, phoneContext, screenshot, serverAndBrowser } from '../helpers/browser.ts';
import { periodOf } from '../../src/domain/calendar.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';

const seed = SeedBundle.parse(buildSeedBundle());

const env = serverAndBrowser();
const TASK = 'th-bc137-2024-pl1.67';
const RESULT = 'Đã treo 4 pano và phát 300 tờ rơi có mã QR hướng dẫn dịch vụ công tại nhà văn hóa các thôn.';

describe('province report (001’s form)', () => {
  it('a commune’s progress on a Phụ lục I task prefills the province report, which exports to .docx', async () => {
    const period = periodOf('sixMonth', Date.now());

    // The commune: the task screen opened, then the network lost; the progress is saved on the
    // phone and synced when the network is back (opening the screens offline from a cold start
    // is the tasks' own test).
    const phone = await phoneContext(env.browser, env.server.url);
    const commune = await phone.newPage();
    await login(commune, 'thieuvan.congan');
    await commune.evaluate((id) => (location.hash = `/tasks/${id}`), TASK);
    const form = commune.getByTestId('task-progress-form');
    await form.waitFor();
    await phone.setOffline(true);
    await form.getByLabel('Đánh giá tiến độ').selectOption('inProgress');
    await form.getByLabel('Tỷ lệ hoàn thành (%)').fill('60');
    await form.getByLabel('Kết quả thực hiện').fill(RESULT);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => commune.getByTestId('task-notice').textContent()).toMatch(/Đã lưu/);
    expect(await commune.getByTestId('pending-count').textContent()).toMatch(/chưa đồng bộ/);
    await phone.setOffline(false);
    await commune.getByRole('button', { name: 'Đồng bộ' }).click();
    await expect.poll(() => commune.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
    await phone.close();

    // The province officer, on a computer.
    const desk = await env.browser.newContext({ baseURL: env.server.url, viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    const page = await desk.newPage();
    await login(page, 'thanhhoa.tinh');
    await page.getByRole('button', { name: 'Đồng bộ' }).click();
    const reportId = `th@${period}`;
    // The editor: the province writes its own report; the narrative is prefilled in 001's terms.
    await page.evaluate((id) => (location.hash = `/reports/${encodeURIComponent(id)}`), reportId);
    const results = page.locator('textarea[data-section="results"]');
    await results.waitFor();
    expect(await results.inputValue()).toContain('(chi tiết tại Phụ lục III, IV kèm theo Báo cáo này)');
    // 001 §II.3.2's all-service figures: the province has entered none yet, the document's stand as the baseline.
    expect(await results.inputValue()).toContain('- Dịch vụ công trực tuyến toàn trình: chưa nhập số liệu (mốc ngày 28/06/2024, mục II.3.2: 990/1.714 dịch vụ, đạt 57,76%).');
    await page.locator('textarea[data-section="proposals"]').fill('Đề nghị Bộ Công an sớm hướng dẫn kết nối Trung tâm dữ liệu quốc gia.');
    await page.getByTestId('draft-state').filter({ hasText: 'Đã lưu nháp trên máy' }).waitFor();

    await page.getByRole('link', { name: 'Bản in, tải Word / Excel / CSV' }).click();
    const doc = page.getByTestId('report-document');
    await doc.waitFor();
    const appendix = page.getByTestId('doc-appendix-phu-luc-1');
    // The pull may land after the view opened: the view follows the records.
    const row67 = appendix.locator('tbody tr').filter({ has: page.locator('td:first-child', { hasText: /^67$/ }) });
    await expect.poll(() => row67.innerText(), { timeout: 20_000 }).toContain(RESULT);
    const cells = (await row67.locator('td').allInnerTexts()).map((t) => t.trim());
    expect(cells[4]).toBe('Đánh giá tiến độ: Đang thực hiện 1/1 đơn vị');
    expect(cells[5]).toContain('- xã Thiệu Vân (Đang thực hiện, 60%');
    const text = (await doc.innerText()).replace(/\s+/g, ' ');
    for (const line of [
      'UBND TỈNH THANH HÓA',
      'I. KHÁI QUÁT TÌNH HÌNH VÀ KẾT QUẢ TRIỂN KHAI ĐỀ ÁN 06',
      'tổng số 72 nhiệm vụ cụ thể thuộc 10 nhóm nội dung',
      'Đề nghị Bộ Công an sớm hướng dẫn kết nối Trung tâm dữ liệu quốc gia.',
      'Phụ lục I',
      'THỐNG KÊ CÁC NHIỆM VỤ CỦA ĐỊA PHƯƠNG ĐƯỢC GIAO',
      'ĐÁNH GIÁ 25 DỊCH VỤ CÔNG THIẾT YẾU THEO ĐỀ ÁN 06',
      'SỐ LIỆU CÁC DỊCH VỤ CÔNG THEO QUYẾT ĐỊNH 422/QĐ-TTg CỦA THỦ TƯỚNG CHÍNH PHỦ',
    ])
      expect(text).toContain(line);
    expect(await page.getByTestId('doc-appendix-phu-luc-3').locator('tbody tr').count()).toBe(seed.indicatorSheet.services.length);
    // Phụ lục II (Nghị quyết 175): the document's rows, and the rows our copy lacks named.
    const pl2 = (await page.getByTestId('doc-appendix-phu-luc-2').innerText()).replace(/\s+/g, ' ');
    expect(pl2).toContain('KẾT QUẢ TRIỂN KHAI CÁC NHIỆM VỤ CỦA NGHỊ QUYẾT 175 GIAI ĐOẠN 1 (2023 - 2025)');
    expect(pl2).toContain('Các dòng 11–15 không có trong bản văn bản mà ứng dụng lưu giữ.');
    expect(pl2).toContain('Chờ HD của BCA (theo văn bản số 137/BC-UBND ngày 28/06/2024)');
    await row67.scrollIntoViewIfNeeded();
    await screenshot(page, 'province-report-1280');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải Word (.docx)' }).click();
    const file = await download;
    const [year, half] = period.split('-');
    expect(file.suggestedFilename()).toBe(`bao-cao-tinh-thanh-hoa-6-thang-${half === 'H1' ? 'dau' : 'cuoi'}-nam-${year}-nhap.docx`);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await file.path())!)))['word/document.xml']!);
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('\n')));
    const docRow = rows.find((r) => r[0] === '67' && r.length === 6)!;
    expect(docRow[4]).toBe('Đánh giá tiến độ: Đang thực hiện 1/1 đơn vị');
    expect(docRow[5]).toContain(RESULT);
    expect(rows.find((r) => r[0] === '11–15' && r.length === 9)?.[2]).toBe('Các dòng 11–15 không có trong bản văn bản mà ứng dụng lưu giữ.');

    // The province dashboard shows the activation target of 001 §II.5 against what the communes entered.
    await page.evaluate(() => (location.hash = '/dashboard'));
    const target = page.getByTestId('target-kich-hoat-dddt');
    await target.waitFor();
    // No commune entered an activation this month: said so, not "0/1.620.967 (đạt 0,00%)".
    expect((await target.innerText()).replace(/\s+/g, ' ')).toMatch(/Kích hoạt tài khoản định danh điện tử \(chỉ tiêu Bộ Công an giao\) chưa nhập số liệu/);
    expect(await page.getByTestId('counter-cccd-ho-so').innerText()).toContain('3.537.345');
    await desk.close();
  }, 60_000);
});
