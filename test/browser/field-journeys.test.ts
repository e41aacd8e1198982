// Field journeys of issue 14 on a cheap phone (360×740, CPU slowed 4×), real Chromium and the
// real server: a save goes out by itself when online; a report returned by the unit above
// heads the home page; "Giữ bản này" settles a conflict on both phones; and every main
// screen passes axe-core with no serious or critical violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { launch, login, phoneContext, screenshot, syncNow, waitForServiceWorker, postJson } from '../helpers/browser.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { seedStore } from '../../sync-server/seed.ts';
import { runAdmin } from '../../sync-server/admin/commands.ts';
import { SYNC_FORMAT_VERSION } from '../../src/domain/sync/wire.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import { reportIdOf } from '../../src/domain/sync/ids.ts';
import { periodOf } from '../../src/domain/calendar.ts';
import { commentEdit } from '../../src/reports/workflow.ts';

/** The district above Thiệu Vân (thành phố Thanh Hóa) has no demo account: this test makes one. */
const DISTRICT = { username: 'thanhpho.huyen', password: 'demo06-huyen', unit: 'th-tp' };
const ADOPTION = 'tv:mh-24';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: RunningServer;
let browser: Browser;
let launching: Promise<Browser> | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // Chromium starts while the data is seeded and the server starts (neither needs the other).
  launching = launch();
  launching.catch(() => undefined); // awaited below; a failure is thrown there
  const dataDir = mkdtempSync(join(tmpdir(), 'so-tay-journeys-'));
  const store = openSqliteStore({ file: join(dataDir, 'so-tay.db') });
  await seedStore(store, { demo: true, now: Date.now() });
  const errors: string[] = [];
  const io = { store, out: () => undefined, err: (l: string) => errors.push(l), prompt: async () => DISTRICT.password, now: Date.now };
  const code = await runAdmin(
    ['create-user', '--username', DISTRICT.username, '--name', 'Tổ công tác Đề án 06 thành phố Thanh Hóa', '--role', 'districtOfficer', '--unit', DISTRICT.unit, '--password', DISTRICT.password],
    io,
  );
  expect([code, errors]).toEqual([0, []]);
  await store.close();
  server = await startServer({ dataDir });
  browser = await launching;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  // Started even when the setup failed before it was awaited.
  await (browser ?? (await launching?.catch(() => undefined)))?.close();
  await server?.stop();
});

/** Each phone's DevTools session, to set its CPU rate. */
const cpu = new WeakMap<Page, CDPSession>();
const SLOW = 4;

/** A cheap phone: 360×740 and the CPU slowed 4× (through the Chrome DevTools Protocol). */
async function phone(options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = options.bypassCSP
    ? await browser.newContext({ baseURL: server.url, viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'allow', bypassCSP: true })
    : await phoneContext(browser, server.url);
  contexts.push(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW });
  cpu.set(page, cdp);
  return page;
}

const pendingCount = (page: Page) => page.getByTestId('pending-count').textContent();
const synced = (page: Page) => expect.poll(() => pendingCount(page), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
const go = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash);

const api = (path: string, body: unknown, token?: string) => postJson(server.url, path, body, token);

describe('field journeys on a cheap phone', () => {
  it('"Lưu" while online reaches the server by itself: nothing pending within 5 s', async () => {
    const page = await phone();
    await login(page, 'thieuvan.congan');
    await synced(page);
    // The first sync after the login has finished: a save made while it still runs goes out with
    // it at once, and "on the phone first" below could not be seen (a slow or busy machine).
    await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 20_000 }).toMatch(/^Lần cuối/);
    await go(page, `/models/${encodeURIComponent(ADOPTION)}/status`);
    await page.getByLabel('Tiến độ (%)').fill('35');
    await page.getByLabel('Ghi chú, kết quả').fill('Đã hướng dẫn 35% hộ cài VNeID mức 2.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    // The save is on the phone first…
    await expect.poll(() => pendingCount(page), { timeout: 3_000 }).toMatch(/chưa đồng bộ$/);
    const saved = Date.now();
    // …then sent without anyone tapping "Đồng bộ" (the issue: still "chưa đồng bộ" 10 s later).
    await expect.poll(() => pendingCount(page), { timeout: 5_000, interval: 100 }).toBe('Đã đồng bộ hết');
    expect(Date.now() - saved).toBeLessThan(5_000);
    await page.context().close();
  });

  it('a report returned with a comment by the district heads the home page, with the comment', async () => {
    const page = await phone();
    await login(page, 'thieuvan.congan');
    await synced(page);
    // The commune submits this month's report from the phone.
    const reportId = reportIdOf('tv', periodOf('monthly', Date.now()));
    await go(page, `/reports/${encodeURIComponent(reportId)}`);
    await page.locator('textarea[data-section="results"]').waitFor();
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => page.getByTestId('report-phase').textContent()).toBe('Đã gửi');
    await synced(page);

    // The district officer above returns version 1 with a comment, through the server's API.
    const device = 'dev_thanhpho_huyen';
    const session = await api('/api/login', { username: DISTRICT.username, password: DISTRICT.password, deviceId: device });
    expect(session.status).toBe(200);
    const token = session.body.token as string;
    const deviceId = session.body.deviceId as string;
    const author = (session.body.user as { id: string }).id;
    const comment = 'Đề nghị bổ sung số hộ đã kích hoạt VNeID mức 2 ở thôn 5.';
    const now = Date.now();
    const edit = commentEdit(reportId, 1, comment, true, now, `r${now.toString(36)}`);
    const changes = Object.entries(edit.values).map(([field, value], i) => [i + 1, edit.coll, edit.id, field, value, encodeHlc({ wall: now, counter: i, device: deviceId }), null, edit.unit, author]);
    const reply = await api('/api/sync', { v: SYNC_FORMAT_VERSION, d: deviceId, c: changes, p: 0, n: 1 }, token);
    expect([reply.status, reply.body.a, reply.body.x]).toEqual([200, changes.length, []]);

    // The commune's phone pulls it; Home lists that report first, returned, with the comment.
    await syncNow(page);
    await go(page, '/');
    await page.getByRole('heading', { name: 'Trang chủ' }).waitFor();
    const section = page.locator('section.card', { has: page.getByRole('heading', { name: 'Báo cáo đến hạn' }) });
    const first = section.getByTestId('due-report').first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toContain('Bị trả lại');
    expect(await first.textContent()).toContain(comment);
    expect(await first.getByRole('link').getAttribute('href')).toBe(`#/reports/${encodeURIComponent(reportId)}`);
    await screenshot(page, 'home-returned-360');
    await page.context().close();
  });

  it('"Giữ bản này" on the other version: both phones end with the chosen value and no conflict', async () => {
    const police = await phone();
    const village = await phone();
    await login(police, 'thieuvan.congan');
    await login(village, 'thieuvan.thon1');
    await waitForServiceWorker(police);
    await waitForServiceWorker(village);
    await synced(police);
    await synced(village);

    const policeNote = 'Công an xã: đã rà soát danh sách hộ';
    const villageNote = 'Thôn 1: đã hướng dẫn 70% hộ';
    for (const [page, note] of [[police, policeNote], [village, villageNote]] as const) {
      await page.context().setOffline(true);
      await go(page, `/models/${encodeURIComponent(ADOPTION)}/status`);
      await page.getByLabel('Ghi chú, kết quả').fill(note);
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await expect.poll(() => pendingCount(page)).toMatch(/chưa đồng bộ$/);
    }
    // Police first, the village later: the village's note is the one kept and shown.
    await police.context().setOffline(false);
    await synced(police);
    await village.context().setOffline(false);
    await synced(village);
    await syncNow(police);

    await go(police, `/models/${encodeURIComponent(ADOPTION)}`);
    const conflict = police.getByTestId('conflict');
    await conflict.waitFor();
    const note = conflict.locator('li[data-field="note"]');
    const versions = note.getByTestId('version');
    await expect.poll(() => versions.count()).toBe(2);
    expect(await versions.nth(0).textContent()).toContain(villageNote);
    expect(await versions.nth(1).textContent()).toContain(policeNote);
    await screenshot(police, 'keep-this-360');
    await versions.nth(1).getByRole('button', { name: 'Giữ bản này' }).click();
    await expect.poll(() => note.count()).toBe(0);

    await syncNow(police);
    await synced(police);
    await syncNow(village);
    for (const page of [police, village]) {
      await go(page, `/models/${encodeURIComponent(ADOPTION)}`);
      await page.getByTestId('current-status').waitFor();
      await expect.poll(() => page.getByTestId('conflict').count(), { timeout: 10_000 }).toBe(0);
      const card = page.locator('section.card', { has: page.getByTestId('current-status') });
      expect(await card.textContent()).toContain(policeNote);
      expect(await card.textContent()).not.toContain(villageNote);
      expect(await page.getByTestId('pending-count').textContent()).toBe('Đã đồng bộ hết');
    }
    await police.context().close();
    await village.context().close();
  });

  it('every main screen passes axe-core (no serious or critical violation); the login page has a main landmark', async () => {
    type Found = { id: string; impact: string | null; help: string; nodes: string[] };
    // The screen is loaded and shown on the slow CPU; axe itself (the harness, not the app) runs at
    // full speed: its rules read the DOM and the computed styles, which the CPU rate does not
    // change, and on a 4× slowed CPU it costs seconds a screen (the suite has a time budget).
    const audit = async (page: Page, screen: string): Promise<string[]> => {
      const cdp = cpu.get(page)!;
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const found = await (async () => {
        if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
        return page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
        });
      })().finally(() => cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW }));
      return (found as Found[]).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(' ')}`);
    };
    const problems: string[] = [];

    // The app's CSP (script-src 'self') blocks an inline script; only this context bypasses it, to inject axe.
    const page = await phone({ bypassCSP: true });
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').waitFor();
    if ((await page.getByRole('main').count()) !== 1) problems.push('đăng nhập: no `main` landmark');
    problems.push(...(await audit(page, 'đăng nhập')));
    await login(page, 'thieuvan.congan');
    await synced(page);
    const screens: [string, string, () => Promise<unknown>][] = [
      ['trang chủ', '/', () => page.getByRole('heading', { name: 'Trang chủ' }).waitFor()],
      ['danh mục mô hình', '/catalogue', () => page.locator('main a[href^="#/models/"]').first().waitFor()],
      ['ghi nhận tình trạng', `/models/${encodeURIComponent(ADOPTION)}/status`, () => page.getByLabel('Tiến độ (%)').waitFor()],
      // After a save, so the model page shows its status chip and history too.
      ['mô hình', `/models/${encodeURIComponent(ADOPTION)}`, () => page.getByTestId('current-status').waitFor()],
      ['kiểm tra', '/checklists', () => page.locator('main h2, main li').first().waitFor()],
      ['chỉ tiêu', '/indicators', () => page.locator('main input, main h2').first().waitFor()],
      ['cài đặt', '/settings', () => page.locator('main h2, main button').first().waitFor()],
      ['báo cáo', '/reports', () => page.getByRole('heading', { name: 'Báo cáo theo lịch' }).waitFor()],
    ];
    for (const [name, hash, ready] of screens) {
      await go(page, hash);
      await ready();
      problems.push(...(await audit(page, name)));
      if (name === 'ghi nhận tình trạng') {
        await page.getByLabel('Tiến độ (%)').fill('40');
        await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      }
    }
    // The harness finds what it should: an unnamed button is a critical violation.
    await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('button'), { id: 'axe-probe' })));
    expect((await audit(page, 'probe')).some((p) => p.startsWith('probe: button-name (critical)'))).toBe(true);
    await page.context().close();

    const officer = await phone({ bypassCSP: true });
    await login(officer, 'quangxuong.huyen');
    await officer.getByRole('link', { name: 'Tổng hợp', exact: true }).click();
    // The district's figures arrive from the server; the screen is audited once they are shown.
    await expect.poll(() => officer.getByTestId('as-of').textContent(), { timeout: 15_000 }).toMatch(/^Số liệu tính đến /);
    problems.push(...(await audit(officer, 'tổng hợp (huyện)')));
    await officer.context().close();

    expect(problems).toEqual([]);
  });
});
