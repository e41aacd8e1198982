// QR enrolment (issue 15), in real Chromium phones against the real server: the commune police
// create a village member and show a one-time QR code; a second phone "scans" it — the QR is
// decoded with jsqr in Node from a screenshot of the officer's screen, as a camera app would
// read it, and the link it holds is opened — and is signed in without a password and sets a
// PIN. A second use of the code and a use after its 10 minutes are refused (the server is
// restarted on the same data with its clock 10 minutes on: TEST_CLOCK_OFFSET_MS, honoured only
// under NODE_ENV=test). The officer then revokes the lost phone in one tap from the member's entry.
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { keyval, login, phoneContext, screenshot, serverAndBrowser } from '../helpers/browser.ts';
import { decodePng } from '../helpers/png.ts';
import { startServer } from '../helpers/server.ts';

const env = serverAndBrowser();

const MEMBER = { name: 'Lê Thị Lan', username: 'thieuvan.thon2.lan', village: 'tv-thon-2' };

/** What a camera pointed at the officer's screen reads: the QR code's text, from a screenshot. */
async function scan(officer: Page): Promise<string> {
  // The whole screen, as a camera sees it: a screenshot cropped to the element's box left too
  // little white around the code for jsQR now and then (the same codes decode from the screen).
  const qr = officer.getByTestId('enrol-qr');
  await qr.scrollIntoViewIfNeeded();
  const png = await officer.screenshot();
  const { data, width, height } = decodePng(png);
  const found = jsQR(data, width, height);
  expect(found, 'a QR code on the officer’s screen').not.toBeNull();
  return found!.data;
}

const newPhone = async () => (await phoneContext(env.browser, env.server.url)).newPage();
const meStatus = async (token: string) => (await fetch(`${env.server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('enrolment by QR code', () => {
  it('signs a new member’s phone in once, within 10 minutes, and the officer revokes it in one tap', async () => {
    const officer = await newPhone();
    await login(officer, 'thieuvan.congan');
    await officer.evaluate(() => (location.hash = '/settings'));
    await officer.getByTestId('members-link').getByRole('link').click();
    await officer.getByLabel('Họ tên').fill(MEMBER.name);
    await officer.getByLabel('Tên đăng nhập').fill(MEMBER.username);
    await officer.getByLabel('Thôn').selectOption(MEMBER.village);
    await officer.getByRole('button', { name: 'Tạo tài khoản và hiện mã QR' }).click();
    await officer.getByTestId('enrol-qr').locator('canvas').waitFor();
    await expect.poll(() => officer.getByTestId('enrol-expiry').textContent()).toMatch(/Hết hạn lúc .*\(còn (10:00|9:\d\d)\)/);
    await screenshot(officer, 'enrol-qr-360');

    const link = await scan(officer);
    expect(link).toMatch(new RegExp(`^${env.server.url.replace(/[.]/g, '\\.')}/#/enrol/[A-Za-z0-9_-]{22}$`));

    // The member's phone opens the link: signed in with no password typed, then asked for a PIN.
    const member = await newPhone();
    await member.goto(link);
    await member.getByRole('heading', { name: 'Đặt mã PIN cho máy này' }).waitFor();
    expect(await member.getByRole('status').textContent()).toContain(MEMBER.name);
    expect(await member.locator('input[autocomplete="current-password"]').count()).toBe(0);
    await member.getByLabel('Mã PIN mới').fill('2580');
    await member.getByLabel('Nhập lại mã PIN').fill('2580');
    await member.getByRole('button', { name: 'Đặt mã PIN và bắt đầu' }).click();
    await member.getByRole('heading', { name: 'Trang chủ' }).waitFor();
    expect(new URL(member.url()).hash).toBe('#/');
    const session = (await keyval(member, 'session')) as { token: string; user: { username: string; unitId: string } };
    expect(session.user).toMatchObject({ username: MEMBER.username, unitId: MEMBER.village });
    expect(await keyval(member, 'pinLock')).toBeDefined();
    expect(await meStatus(session.token)).toBe(200);
    // Next opening: the PIN, not a password.
    await member.reload();
    await member.getByLabel('Mã PIN của máy').waitFor();

    // Someone who photographed the code tries it too.
    const second = await newPhone();
    await second.goto(link);
    await second.getByRole('alert').filter({ hasText: 'đã được dùng' }).waitFor();
    expect(await keyval(second, 'session')).toBeUndefined();

    // The phone is lost: one tap on the member's entry cuts it off.
    await officer.getByRole('button', { name: 'Xong' }).click();
    const entry = officer.getByTestId('member').filter({ hasText: MEMBER.username });
    await entry.getByTestId('member-phones').waitFor();
    await entry.getByRole('button', { name: 'Thu hồi máy này' }).click();
    await officer.getByText('Đã thu hồi máy.').waitFor();
    expect(await meStatus(session.token)).toBe(401);
    await expect.poll(() => entry.textContent()).toContain('Chưa đăng nhập trên máy nào.');

    // A fresh code, left unscanned past its 10 minutes.
    await entry.getByRole('button', { name: 'Hiện mã QR đăng nhập' }).click();
    await officer.getByTestId('enrol-qr').locator('canvas').waitFor();
    const late = await scan(officer);
    expect(late).not.toBe(link);
    const { dataDir, port } = env.server;
    await env.server.stop();
    env.server = await startServer({ dataDir, port, env: { TEST_CLOCK_OFFSET_MS: String(10 * 60_000 + 1_000) } });
    const tooLate = await newPhone();
    await tooLate.goto(late);
    await tooLate.getByRole('alert').filter({ hasText: 'hết hạn' }).waitFor();
    expect(await keyval(tooLate, 'session')).toBeUndefined();
  }, 60_000);
});
