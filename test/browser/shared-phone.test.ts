// Problem 3 of issue 10, on one real phone (one Chromium profile): the commune police officer
// works offline, leaves changes queued and a draft half typed, and logs out; a village team
// member signs in on the same phone, must see none of it, and syncs their own work; when the
// officer signs in again, their queue goes out under their own name.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { backgroundSyncQueue, keyval, login, phoneContext, screenshot, syncNow, visibleText, waitForServiceWorker, serverAndBrowser } from '../helpers/browser.ts';

const env = serverAndBrowser();

const ADOPTION = 'tv:mh-24'; // assigned to the village teams: both people may edit its status
const POLICE = 'u-thieuvan-congan';
const VILLAGE = 'u-thieuvan-thon1';
const POLICE_NAME = 'Công an xã Thiệu Vân'; // seeds/demo-users.json
const SHARED_NOTE = 'Đã họp triển khai với các thôn'; // synced before the phone changes hands: both may read it
const QUEUED_NOTE = 'Công an xã: danh sách 12 hộ chưa gắn chip CCCD (chưa gửi)';
const DRAFT_TEXT = 'Nháp của công an: hộ ông Lê Văn Tư cần xác minh lại';
const VILLAGE_PROPOSAL = 'Thôn 1 đề nghị thêm một buổi hướng dẫn VNeID';

const synced = (page: Page) => expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
const go = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash);
const formHash = `/models/${encodeURIComponent(ADOPTION)}/status`;
const detailHash = `/models/${encodeURIComponent(ADOPTION)}`;

const Session = (v: unknown) => v as { token: string; deviceId: string; user: { id: string } };
const meStatus = async (token: string) => (await fetch(`${env.server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;

async function logout(page: Page) {
  await go(page, '/settings');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  // With changes still queued the app asks once more.
  const again = page.getByRole('button', { name: 'Vẫn đăng xuất' });
  await Promise.race([again.waitFor().then(() => again.click()), page.getByLabel('Tên đăng nhập').waitFor()]);
  await page.getByLabel('Tên đăng nhập').waitFor();
}

/** None of the officer's unsent work anywhere on this screen (text, fields, counts). */
async function expectNoneOfPolice(page: Page, where: string) {
  const text = await visibleText(page);
  expect(text, where).not.toContain(QUEUED_NOTE);
  expect(text, where).not.toContain(DRAFT_TEXT);
  expect(text, where).not.toContain('60%');
}

describe('a phone shared by two people', () => {
  it("keeps each person's queue, drafts and token to themselves", async () => {
    const phone = await phoneContext(env.browser, env.server.url);
    const page = await phone.newPage();

    // The officer: a first status synced (both people may read it), then offline work.
    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);
    await synced(page);
    await go(page, formHash);
    await page.getByLabel('Tiến độ (%)').fill('10');
    await page.getByLabel('Ghi chú, kết quả').fill(SHARED_NOTE);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('current-status').filter({ hasText: '10%' }).waitFor();
    await syncNow(page);
    await synced(page);
    const police = Session(await keyval(page, 'session'));
    expect(police.user.id).toBe(POLICE);

    await phone.setOffline(true);
    await go(page, formHash);
    await expect.poll(() => page.getByLabel('Ghi chú, kết quả').inputValue()).toBe(SHARED_NOTE);
    await page.getByLabel('Tiến độ (%)').fill('60');
    await page.getByLabel('Ghi chú, kết quả').fill(QUEUED_NOTE);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('current-status').filter({ hasText: '60%' }).waitFor();
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 thay đổi chưa đồng bộ');
    // A push tried offline: the service worker keeps it (with the officer's token) for Background Sync.
    await syncNow(page);
    await expect.poll(async () => (await backgroundSyncQueue(page)).map((r) => r.authorization), { timeout: 10_000 }).toContain(`Bearer ${police.token}`);
    // And a draft left half typed.
    await go(page, formHash);
    await page.getByLabel('Khó khăn, vướng mắc').fill(DRAFT_TEXT);
    await page.getByTestId('draft-state').filter({ hasText: 'Đã lưu nháp trên máy' }).waitFor();

    await logout(page);
    // Nothing of the officer is left for the worker to replay, and their session is gone.
    expect(await backgroundSyncQueue(page)).toEqual([]);
    expect(await keyval(page, 'session')).toBeUndefined();
    const waiting = page.getByTestId('others-pending');
    await expect.poll(() => waiting.textContent()).toContain(`${POLICE_NAME} (1 thay đổi)`);
    await expectNoneOfPolice(page, 'login screen');
    await screenshot(page, 'shared-phone-login-360');

    // The village team member, on the same phone, back online.
    await phone.setOffline(false);
    await login(page, 'thieuvan.thon1');
    const village = Session(await keyval(page, 'session'));
    expect(village.user.id).toBe(VILLAGE);
    expect(village.token).not.toBe(police.token);
    // The officer's token, revoked at the first chance the phone had (logout was offline).
    await expect.poll(() => meStatus(police.token), { timeout: 10_000 }).toBe(401);
    await synced(page);
    await expectNoneOfPolice(page, 'home');
    // The phone says whose changes wait, without showing them.
    await expect.poll(() => page.getByTestId('others-pending').textContent()).toContain(`${POLICE_NAME}: 1 thay đổi`);
    await go(page, detailHash);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain(SHARED_NOTE);
    expect(await page.getByTestId('current-status').textContent()).toContain('10%');
    await expectNoneOfPolice(page, 'model detail');
    await go(page, formHash);
    await expect.poll(() => page.getByLabel('Ghi chú, kết quả').inputValue()).toBe(SHARED_NOTE);
    expect(await page.getByText('Đang tiếp tục bản nháp chưa lưu').count()).toBe(0);
    await expectNoneOfPolice(page, 'status form');
    await page.getByLabel('Kiến nghị, đề xuất').fill(VILLAGE_PROPOSAL);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('current-status').waitFor();
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 thay đổi chưa đồng bộ');
    await syncNow(page);
    await synced(page);
    await expectNoneOfPolice(page, 'after their own sync');

    // The village member logs out online: their token is revoked at once.
    await logout(page);
    expect(await meStatus(village.token)).toBe(401);
    expect(await backgroundSyncQueue(page)).toEqual([]);
    await expect.poll(() => page.getByTestId('others-pending').textContent()).toContain(`${POLICE_NAME} (1 thay đổi)`);

    // The officer again: their queue and their draft waited for them, and the queue goes out.
    await login(page, 'thieuvan.congan');
    const policeAgain = Session(await keyval(page, 'session'));
    await synced(page);
    await go(page, detailHash);
    await expect.poll(() => page.getByTestId('current-status').textContent()).toContain('60%');
    await expect.poll(() => page.locator('main').textContent()).toContain(QUEUED_NOTE);
    await go(page, formHash);
    await page.getByText('Đang tiếp tục bản nháp chưa lưu').waitFor();
    expect(await page.getByLabel('Khó khăn, vướng mắc').inputValue()).toBe(DRAFT_TEXT);
    await phone.close();

    // What the server logged: the queued changes under the officer's name and this phone's
    // identity for the officer, the proposal under the village member's; nothing refused.
    await env.server.stop();
    const db = new Database(join(env.server.dataDir, 'so-tay.db'), { readonly: true, fileMustExist: true });
    try {
      const logged = db.prepare(`SELECT field, value, author, device FROM changes WHERE coll = 'status' AND id = ? ORDER BY server_seq`).all(ADOPTION) as { field: string; value: string; author: string; device: string }[];
      const rows = logged.map((c) => ({ field: c.field, value: JSON.parse(c.value) as unknown, author: c.author, device: c.device }));
      const queued = rows.filter((r) => r.value === QUEUED_NOTE || r.value === 60);
      expect(queued).toHaveLength(2);
      expect(queued).toEqual(
        expect.arrayContaining([
          { field: 'progress', value: 60, author: POLICE, device: policeAgain.deviceId },
          { field: 'note', value: QUEUED_NOTE, author: POLICE, device: policeAgain.deviceId },
        ]),
      );
      expect(rows.filter((r) => r.author === VILLAGE)).toEqual([{ field: 'proposals', value: VILLAGE_PROPOSAL, author: VILLAGE, device: village.deviceId }]);
      expect(policeAgain.deviceId).not.toBe(village.deviceId);
      expect((db.prepare('SELECT count(*) AS n FROM refusals').get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });
});
