// An inspection campaign end to end (issue 11, document 003), in real Chromium against the
// real server: the district (quangxuong.huyen) creates it from the seeded 2023 plan with its
// dates moved around today and a member account in team 01; the commune Tân Phong answers its
// outline offline and sends it, then syncs; the team member schedules two communes of team 01
// and records the visit and conclusion at Tân Phong; the campaign view shows Tân Phong
// concluded and Quảng Bình — whose visit day passed with no notice and no visit — late; Phòng
// Nội vụ's response to the district outline, typed in offline, shows in the district's merged answer.
// Along the way: "Đã gửi" says when the server has a report and whom it reaches, the team reads
// the unit's answers read-only, and the team's people show by name.
//
// The server's clock cannot be faked, so the dates are chosen around today (in Vietnam) and
// the expectations are worked from the plan's rules here, with the working-day calendar.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, phoneContext, screenshot, serverAndBrowser, syncNow, waitForServiceWorker } from '../helpers/browser.ts';
import { vnDateOf, workingDaysBefore } from '../../src/domain/working-days.ts';

const env = serverAndBrowser();
const DAY = 86_400_000;
const today = vnDateOf(Date.now());
const shift = (n: number) => vnDateOf(Date.parse(`${today}T12:00:00+07:00`) + n * DAY);
const CAMPAIGN = 'qx:kt-2023';
const campaignHash = `#/inspections/${encodeURIComponent(CAMPAIGN)}`;
/** The save notice (src/app/messages.ts `saved`), not the draft line "Đã lưu nháp trên máy". */
const SAVED = /^Đã lưu trên máy\./;
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// The window runs from 20 days ago to 15 days ahead; registration is due tomorrow, so no unit is
// late for it. Tân Phong is visited today, notified 2 working days before (the plan's rule:
// "trước ít nhất 02 ngày làm việc"), answers today (by the visit) and is concluded today.
// Quảng Bình's visit was scheduled 3 working days ago and nothing followed: its notice (due 2
// working days before that), its report (due by the visit) and the visit are all late.
const windowFrom = shift(-20);
const windowBefore = shift(15);
const registerBefore = shift(1);
const binhVisit = workingDaysBefore(today, 3);
const tanPhongNotice = workingDaysBefore(today, 2);

async function openCampaign(page: Page): Promise<void> {
  await page.evaluate((h) => (location.hash = h), campaignHash);
  await page.getByTestId('campaign-head').waitFor();
}

describe('inspection campaigns', () => {
  it('the district creates a campaign, a commune answers offline, a team member concludes; the view shows concluded and late', async () => {
    // 1. The district working group creates the campaign from the 2023 plan.
    const districtCtx = await phoneContext(env.browser, env.server.url);
    const district = await districtCtx.newPage();
    await login(district, 'quangxuong.huyen');
    await district.evaluate(() => (location.hash = '#/checklists'));
    await district.getByTestId('inspections-link').click();
    await district.getByRole('link', { name: 'Lập đợt kiểm tra' }).click();
    // The plan as written (003 §IV.2, §V.2) before anything is edited.
    expect(await district.getByTestId('window-from').inputValue()).toBe('2023-08-03');
    expect(await district.getByTestId('window-before').inputValue()).toBe('2023-08-25');
    expect(await district.getByTestId('register-before').inputValue()).toBe('2023-08-01');
    expect(await district.getByTestId('report-before').inputValue()).toBe('2023-08-30');
    expect(await district.locator('details[data-team]').count()).toBe(5);
    await screenshot(district, 'campaign-create-360');
    await district.getByTestId('window-from').fill(windowFrom);
    await district.getByTestId('window-before').fill(windowBefore);
    await district.getByTestId('register-before').fill(registerBefore);
    await district.getByTestId('report-before').fill(shift(20));
    await district.locator('details[data-team="doan-1"]').getByLabel('Tài khoản thành viên đoàn').fill('quangxuong.doan1');
    await district.getByRole('button', { name: 'Lưu đợt kiểm tra' }).click();
    await district.getByTestId('campaign-head').waitFor();
    expect(await district.getByTestId('team-counts-doan-1').textContent()).toMatch(/^6 đơn vị · 0 đã kết luận · 0 trễ hạn/);
    await syncNow(district);
    expect(await district.getByTestId('pending-count').textContent()).toBe('Đã đồng bộ hết');

    // 2. The commune pulls the campaign, then answers its outline with no network and sends it.
    const communeCtx = await phoneContext(env.browser, env.server.url);
    const commune = await communeCtx.newPage();
    await login(commune, 'tanphong.congan');
    await waitForServiceWorker(commune);
    await syncNow(commune);
    await communeCtx.setOffline(true);
    await openCampaign(commune);
    const own = commune.getByTestId('unit-qx-tan-phong');
    expect(await own.textContent()).toContain('Đoàn kiểm tra số 01');
    await own.getByRole('link', { name: 'Trả lời đề cương' }).click();
    await commune.locator('[data-item="I.1.1"] textarea').fill('Đã ban hành kế hoạch triển khai Đề án 06 năm 2023 của thị trấn.');
    await commune.locator('[data-item="I.1.2.a"]').getByLabel('Có').check();
    await commune.locator('[data-item="I.1.2.b"] input').fill('9');
    await commune.getByRole('button', { name: 'Lưu', exact: true }).click();
    await commune.getByText(SAVED).waitFor();
    await commune.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await commune.getByText(`Đã gửi báo cáo ngày ${dmy(today)}`).waitFor();
    await screenshot(commune, 'campaign-answer-360');
    expect(await commune.getByTestId('pending-count').textContent()).toMatch(/chưa đồng bộ/);
    await communeCtx.setOffline(false);
    await expect.poll(() => commune.evaluate(() => navigator.onLine)).toBe(true);
    await syncNow(commune);
    expect(await commune.getByTestId('pending-count').textContent()).toBe('Đã đồng bộ hết');
    // "Đã gửi" now says the server has it, no longer that it waits for a sync.
    await expect.poll(() => commune.getByTestId('sent-notice').textContent()).toBe(`Đã gửi báo cáo ngày ${dmy(today)}; máy chủ đã nhận, đoàn kiểm tra xem được sau khi đồng bộ.`);

    // 3. A member of team 01 schedules Quảng Bình and records Tân Phong's visit and conclusion.
    const memberCtx = await phoneContext(env.browser, env.server.url);
    const member = await memberCtx.newPage();
    await login(member, 'quangxuong.doan1');
    await syncNow(member);
    await openCampaign(member);
    await member.getByTestId('unit-qx-quang-binh').getByRole('link', { name: 'Ghi kết quả kiểm tra' }).click();
    await member.locator('input[name="scheduledOn"]').fill(binhVisit);
    await member.getByRole('button', { name: 'Lưu', exact: true }).click();
    await member.getByText(SAVED).waitFor();
    await openCampaign(member);
    await member.getByTestId('unit-qx-tan-phong').getByRole('link', { name: 'Ghi kết quả kiểm tra' }).click();
    // The unit's report arrived with the sync; the team reads it, read-only, before recording.
    await member.getByText(`Đơn vị đã gửi ngày ${dmy(today)}`).waitFor();
    await member.getByRole('link', { name: 'Xem báo cáo của đơn vị' }).click();
    expect(await member.locator('[data-item="I.1.1"] .insp-answer').textContent()).toBe('Đã ban hành kế hoạch triển khai Đề án 06 năm 2023 của thị trấn.');
    expect(await member.locator('[data-item="I.1.2.b"] .insp-answer').textContent()).toBe('9 tổ');
    await member.getByRole('link', { name: 'Về kết quả kiểm tra tại đơn vị' }).click();
    await member.locator('input[name="scheduledOn"]').fill(today);
    await member.locator('input[name="notifiedOn"]').fill(tanPhongNotice);
    await member.locator('input[name="visitedOn"]').fill(today);
    await member.locator('textarea[name="findings"]').fill('Bộ phận một cửa thị trấn đã khai thác dữ liệu dân cư; còn thiếu máy quét.');
    await member.locator('textarea[name="conclusion"]').fill('Thị trấn Tân Phong triển khai đạt yêu cầu; bổ sung máy quét trước 30/9.');
    await member.locator('input[name="concludedOn"]').fill(today);
    await member.getByRole('button', { name: 'Lưu', exact: true }).click();
    await member.getByText(SAVED).waitFor();
    await syncNow(member);
    expect(await member.getByTestId('pending-count').textContent()).toBe('Đã đồng bộ hết');

    // 4. The campaign view: Tân Phong concluded and on time, Quảng Bình late, the others pending.
    await openCampaign(member);
    const tanPhong = member.getByTestId('unit-qx-tan-phong');
    const quangBinh = member.getByTestId('unit-qx-quang-binh');
    await expect.poll(() => tanPhong.getAttribute('data-stage')).toBe('concluded');
    expect(await tanPhong.getAttribute('data-late')).toBe('no');
    for (const step of ['scheduled', 'notified', 'answered', 'inspected', 'concluded']) {
      expect(await tanPhong.locator(`[data-step="${step}"]`).getAttribute('data-done')).toBe('yes');
    }
    expect(await quangBinh.getAttribute('data-stage')).toBe('scheduled');
    expect(await quangBinh.getAttribute('data-late')).toBe('yes');
    const lateLines = await quangBinh.getByTestId('late').allTextContents();
    expect(lateLines).toEqual([
      `Trễ hạn gửi thông báo kiểm tra (hạn ${dmy(workingDaysBefore(binhVisit, 2))})`,
      `Trễ hạn đơn vị gửi báo cáo theo đề cương (hạn ${dmy(binhVisit)})`,
      `Trễ hạn tiến hành kiểm tra (hạn ${dmy(binhVisit)})`,
    ]);
    expect(await member.getByTestId('team-counts-doan-1').textContent()).toMatch(/^6 đơn vị · 1 đã kết luận · 1 trễ hạn/);
    // The team's people by name, not login name.
    expect(await member.getByTestId('team-people-doan-1').textContent()).toBe('Cán bộ ghi kết quả: Thành viên Đoàn kiểm tra số 01 (Công an huyện Quảng Xương)');
    // The team's counts, then Tân Phong concluded and Quảng Bình late, in one phone screen.
    await member.evaluate(() => {
      const counts = document.querySelector('[data-testid="team-counts-doan-1"]')!;
      window.scrollBy(0, counts.getBoundingClientRect().top - document.querySelector('.topbar')!.getBoundingClientRect().bottom - 8);
    });
    await screenshot(member, 'campaign-view-360');

    // 5. Phòng Nội vụ's response to the district outline (003 Phụ lục 2 A): it has no account in
    // the seed, so the working group — the district officer, whom no team lists — types its paper
    // report in as that department on its phone with no network, sends it, then syncs. The team
    // member is offered no part of the district's answer (the server would refuse it).
    expect(await member.getByTestId('district-answer').getByRole('link', { name: 'Trả lời đề cương' }).count()).toBe(0);
    await syncNow(district);
    await openCampaign(district);
    await districtCtx.setOffline(true);
    await district.getByTestId('district-answer').getByRole('link', { name: 'Trả lời đề cương' }).click();
    await district.getByTestId('respond-as').selectOption('noi-vu');
    await district.getByTestId('answering-as').waitFor();
    await district.locator('[data-item="A.1.1"] textarea').fill('Phòng Nội vụ đã ban hành 02 văn bản triển khai Đề án 06.');
    await district.getByRole('button', { name: 'Lưu', exact: true }).click();
    await district.getByText(SAVED).waitFor();
    await district.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await district.getByText(`Đã gửi báo cáo ngày ${dmy(today)}`).waitFor();
    await districtCtx.setOffline(false);
    await expect.poll(() => district.evaluate(() => navigator.onLine)).toBe(true);
    await syncNow(district);
    expect(await district.getByTestId('pending-count').textContent()).toBe('Đã đồng bộ hết');
    await expect.poll(() => district.getByTestId('sent-notice').textContent()).toBe(`Đã gửi báo cáo ngày ${dmy(today)}; máy chủ đã nhận, Tổ công tác huyện xem được sau khi đồng bộ.`);

    // The district sees the team's records after the sync, and — not being in the team — records nothing.
    await openCampaign(district);
    await expect.poll(() => district.getByTestId('unit-qx-tan-phong').getAttribute('data-stage')).toBe('concluded');
    expect(await district.getByTestId('unit-qx-quang-binh').getAttribute('data-late')).toBe('yes');
    expect(await district.getByRole('link', { name: 'Ghi kết quả kiểm tra' }).count()).toBe(0);
    // A colleague of the district by the name /api/people gave this phone.
    await expect.poll(() => district.getByTestId('team-people-doan-1').textContent()).toBe('Cán bộ ghi kết quả: Thành viên Đoàn kiểm tra số 01 (Công an huyện Quảng Xương)');
    // …and Nội vụ's response merged into the district's answer, labelled with the department.
    expect(await district.getByTestId('district-departments').textContent()).toBe('1/9 phòng, ban đã gửi');
    await district.getByRole('link', { name: 'Xem báo cáo tổng hợp' }).click();
    expect(await district.getByTestId('dept-noi-vu').getAttribute('data-sent')).toBe('yes');
    expect(await district.locator('[data-item="A.1.1"] [data-source="noi-vu"]').textContent()).toBe('Phòng Nội vụ: Phòng Nội vụ đã ban hành 02 văn bản triển khai Đề án 06.');
    await district.locator('[data-section="A.1"] summary').click();
    await screenshot(district, 'campaign-merged-360');
    // The commune reads its conclusion.
    await syncNow(commune);
    await openCampaign(commune);
    await commune.getByText('Thị trấn Tân Phong triển khai đạt yêu cầu').waitFor();
    await screenshot(commune, 'campaign-commune-360');
    await Promise.all([districtCtx.close(), communeCtx.close(), memberCtx.close()]);
  });
});
