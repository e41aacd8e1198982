// Hand-off between phones, in real Chromium: the village phone has no network (setOffline), packs
// its queued changes into a signed bundle and gives it to the commune police phone — once as a
// downloaded file, once as QR codes drawn by the sender and decoded by the receiver from
// screenshots of them (fed through the receiver's "Ảnh chụp mã QR" picker, the same decoder its
// camera uses) — and the police phone relays it. The server must hold each change once, under
// the village member's name; a second relay and the village phone's own push later change
// nothing; a bundle with one character changed is refused with a clear message.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { login, phoneContext, postJson, screenshot, serverAndBrowser, waitForServiceWorker } from '../helpers/browser.ts';

const env = serverAndBrowser();
const VILLAGE = 'u-thieuvan-thon1';
const ADOPTION = 'tv:mh-24';

const synced = (page: Page) => expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');

async function recordProgress(page: Page, progress: string, note: string) {
  await page.evaluate((a) => (location.hash = `/models/${encodeURIComponent(a)}/status`), ADOPTION);
  await page.getByLabel('Tiến độ (%)').fill(progress);
  await page.getByLabel('Ghi chú, kết quả').fill(note);
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByTestId('current-status').filter({ hasText: `${progress}%` }).waitFor();
}

/** Rows of one table of the signed-in person's database (the first person on a new phone uses the plain name: src/db/legacy.ts). */
const rowsOf = <T,>(page: Page, table: string) =>
  page.evaluate(
    (t) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('so-tay-de-an-06');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          try {
            const all = open.result.transaction(t).objectStore(t).getAll();
            all.onsuccess = () => (open.result.close(), resolve(all.result));
            all.onerror = () => reject(all.error);
          } catch (e) {
            reject(e);
          }
        };
      }),
    table,
  ) as Promise<T[]>;

/** The hand-off key registered with the server (src/db/handoff.ts keeps it in meta). */
const keyRegistered = async (page: Page) =>
  (await rowsOf<{ key: string; value: { registered?: boolean } }>(page, 'meta')).some((r) => r.key === 'deviceKey' && r.value.registered === true);

/** When the server took each bundle the police phone holds. */
const settledTimes = async (page: Page) =>
  (await rowsOf<{ state: string; settledAt: number | null }>(page, 'relayed')).filter((r) => r.state === 'delivered').map((r) => r.settledAt ?? 0);

/** Packs the village phone's queue and says how many saves and fields (its seqs) the bundle holds. */
async function makeBundle(village: Page): Promise<{ saves: number; fields: number }> {
  await village.evaluate(() => (location.hash = '/'));
  await village.getByTestId('handoff-entry').getByRole('link', { name: /Chuyển \d+ thay đổi chưa gửi/ }).click();
  await village.getByRole('button', { name: 'Tạo gói dữ liệu' }).click();
  const made = await village.getByTestId('handoff-bundle').getByText(/^Gói gồm/).textContent();
  const [, saves, fields] = /^Gói gồm (\d+) thay đổi \((\d+) mục, số 1–\2\)/.exec(made ?? '')!;
  return { saves: Number(saves), fields: Number(fields) };
}

describe('hand-off between phones without a network', () => {
  it('by file and by QR codes, relayed by the commune phone, applied once under the author; a changed bundle is refused', async () => {
    const villageContext = await phoneContext(env.browser, env.server.url);
    const policeContext = await phoneContext(env.browser, env.server.url);
    const village = await villageContext.newPage();
    const police = await policeContext.newPage();
    // A step that hangs fails with its own name, well inside the test's time.
    village.setDefaultTimeout(15_000);
    police.setDefaultTimeout(15_000);
    await login(village, 'thieuvan.thon1');
    await login(police, 'thieuvan.congan');
    await waitForServiceWorker(village);
    await synced(village);
    // The key is made and registered while there is a network (the first sync).
    await expect.poll(() => keyRegistered(village), { timeout: 20_000 }).toBe(true);

    // What the server holds of the village member's changes, read as the commune police would pull it.
    const officer = await postJson(env.server.url, '/api/login', { username: 'thieuvan.congan', password: 'demo2026' });
    const serverRows = async () => {
      const r = await postJson(env.server.url, '/api/sync', { v: 2, d: officer.body.deviceId, c: [], p: 0, n: 2000 }, officer.body.token as string);
      return (r.body.c as unknown[][]).filter((c) => c[8] === VILLAGE).map((c) => ({ coll: c[1], id: c[2], field: c[3], value: c[4], hlc: c[5] as string }));
    };
    expect(await serverRows()).toEqual([]);

    // 1. No network in the village: two saves, then a bundle as a file.
    await villageContext.setOffline(true);
    await recordProgress(village, '60', 'Thôn 1: đã hướng dẫn 40 hộ cài VNeID');
    await recordProgress(village, '70', 'Thôn 1: thêm 12 hộ');
    const { saves, fields: first } = await makeBundle(village);
    // The saves counted as everywhere in the app (the sync bar says the same), each a few fields.
    expect(saves).toBe(2);
    expect(first).toBeGreaterThanOrEqual(4);
    await screenshot(village, 'handoff-send-360');
    const [download] = await Promise.all([village.waitForEvent('download'), village.getByRole('button', { name: 'Lưu tệp gói dữ liệu' }).click()]);
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(/^ban-giao-thieuvan\.thon1-1-\d+\.txt$/);
    const fileText = readFileSync((await download.path())!, 'utf8');
    expect(fileText.startsWith('DA06B1.')).toBe(true);

    // The commune phone reads the file, shows whose and what, and relays it (it is online).
    await police.evaluate(() => (location.hash = '/'));
    await police.getByTestId('handoff-entry').getByRole('link', { name: 'Nhận dữ liệu từ điện thoại của thôn' }).click();
    await police.getByLabel('Tệp gói dữ liệu').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(fileText) });
    const summary = police.getByTestId('handoff-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`Gói của Tổ công nghệ số cộng đồng Thôn 1: 2 thay đổi (${first} mục), cho 1 bản ghi`);
    expect(await summary.textContent()).toContain('tình trạng mô hình — Mô hình 24');
    expect(await summary.textContent()).toContain('Chữ ký hợp lệ');
    await expect.poll(() => police.getByTestId('relay-row').first().getAttribute('data-state'), { timeout: 20_000 }).toBe('delivered');
    await summary.scrollIntoViewIfNeeded();
    await screenshot(police, 'handoff-receive-360');
    let rows = await serverRows();
    expect(rows).toHaveLength(first);
    expect(new Set(rows.map((r) => r.hlc)).size).toBe(first);
    expect(rows.filter((r) => r.field === 'note').map((r) => r.value)).toEqual(['Thôn 1: đã hướng dẫn 40 hộ cài VNeID', 'Thôn 1: thêm 12 hộ']);
    // On the police phone, after its pull, the record shows the village team's note by name.
    await police.evaluate((a) => (location.hash = `/models/${encodeURIComponent(a)}`), ADOPTION);
    await expect.poll(() => police.getByTestId('current-status').textContent(), { timeout: 20_000 }).toContain('70%');

    // 2. Still offline: one more save; the next bundle (the whole queue, old changes too) as QR codes.
    await recordProgress(village, '80', 'Thôn 1: đã xong 80%');
    const second = (await makeBundle(village)).fields;
    expect(second).toBeGreaterThan(first);
    await village.getByRole('button', { name: 'Hiện mã QR' }).click();
    const qr = village.getByTestId('handoff-qr');
    await qr.waitFor();
    const total = Number(/\/(\d+)/.exec((await village.getByTestId('qr-counter').textContent()) ?? '')![1]);
    expect(total).toBeGreaterThan(1);
    // The codes change by themselves…
    await expect.poll(() => qr.getAttribute('data-index'), { timeout: 5_000 }).toBe('2');
    await qr.scrollIntoViewIfNeeded();
    await screenshot(village, 'handoff-qr-360');
    // … and by hand: screenshot each one (the images the sender drew).
    await village.getByRole('button', { name: 'Dừng tự chuyển' }).click();
    const counter = village.getByTestId('qr-counter');
    const images = new Map<number, Buffer>();
    for (let k = 0; k < total; k++) {
      const shown = Number(/Mã (\d+)\//.exec((await counter.textContent()) ?? '')![1]);
      await expect.poll(() => qr.getAttribute('data-index')).toBe(String(shown));
      images.set(shown, await qr.screenshot());
      await village.getByRole('button', { name: 'Mã tiếp' }).click();
      await expect.poll(() => counter.textContent()).not.toContain(`Mã ${shown}/`);
    }
    expect(images.size).toBe(total);
    // The receiver takes them in any order: the last half first, then the rest.
    const order = [...images].sort(([a], [b]) => b - a).map(([i, buffer]) => ({ name: `ma-${i}.png`, mimeType: 'image/png', buffer }));
    await police.evaluate(() => (location.hash = '/handoff/receive'));
    const pictures = police.getByLabel('Ảnh chụp mã QR');
    await pictures.setInputFiles(order.slice(0, Math.ceil(total / 2)));
    await expect.poll(() => police.getByTestId('qr-progress').textContent()).toMatch(new RegExp(`^Đã đọc ${Math.ceil(total / 2)}/${total} mã; còn thiếu: 1`));
    await pictures.setInputFiles(order.slice(Math.ceil(total / 2)));
    await expect.poll(() => police.getByTestId('handoff-summary').textContent()).toContain(`3 thay đổi (${second} mục), cho 1 bản ghi`);
    await expect.poll(() => police.locator('[data-testid="relay-row"][data-state="delivered"]').count(), { timeout: 20_000 }).toBe(2);
    rows = await serverRows();
    // The changes of the first bundle came again in the second: still once each.
    expect(rows).toHaveLength(second);
    expect(new Set(rows.map((r) => r.hlc)).size).toBe(second);
    expect(rows.find((r) => r.field === 'note' && r.value === 'Thôn 1: đã xong 80%')).toBeTruthy();

    // 3. A bundle with one character changed: the receiving phone refuses it, and so does the server.
    const at = Math.floor(fileText.length / 2);
    const tampered = fileText.slice(0, at) + (fileText[at] === 'A' ? 'B' : 'A') + fileText.slice(at + 1);
    await police.getByLabel('Tệp gói dữ liệu').setInputFiles({ name: 'sua.txt', mimeType: 'text/plain', buffer: Buffer.from(tampered) });
    const error = police.getByTestId('handoff-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Gói dữ liệu đã bị thay đổi sau khi máy gửi ký \(chữ ký không khớp\)/);
    await error.scrollIntoViewIfNeeded();
    await screenshot(police, 'handoff-tampered-360');
    const refused = await postJson(env.server.url, '/api/sync/relay', { b: tampered }, officer.body.token as string);
    expect(refused.status).toBe(400);
    const err = refused.body.error as { code: string; message: string };
    expect(err.code).toBe('handoff/bad-signature');
    expect(err.message).toMatch(/^Gói dữ liệu đã bị thay đổi/);
    expect(await serverRows()).toEqual(rows);

    // 4. The first file relayed again: nothing changes.
    const before = await settledTimes(police);
    await police.getByLabel('Tệp gói dữ liệu').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(fileText) });
    await expect.poll(() => police.getByTestId('handoff-summary').textContent()).toContain('Gói này đã nhận trước đó');
    // Delivered again (a new settling time for that bundle), not merely still marked from the first time.
    await expect.poll(async () => (await settledTimes(police)).filter((t) => !before.includes(t)).length, { timeout: 20_000 }).toBe(1);
    expect(await serverRows()).toEqual(rows);

    // 5. The village phone gets a network and pushes its own queue: settled silently, cleared, nothing new on the server.
    await villageContext.setOffline(false);
    await synced(village);
    expect(await serverRows()).toEqual(rows);
    await village.goto('/#/');
    await village.getByRole('heading', { name: 'Trang chủ' }).waitFor();
    expect(await village.getByText('Máy chủ không nhận').count()).toBe(0);
    await village.evaluate((a) => (location.hash = `/models/${encodeURIComponent(a)}`), ADOPTION);
    await expect.poll(() => village.getByTestId('current-status').textContent()).toContain('80%');
    expect(await village.getByTestId('conflict').count()).toBe(0);

    await villageContext.close();
    await policeContext.close();
  }, 90_000);
});
