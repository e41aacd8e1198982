// The review inbox round trip in real Chromium (360×740) against the real server: a commune
// (created with the admin CLI's command) pushes its monthly report; the district officer finds it
// in Báo cáo → Cần duyệt, opens it and comes back to the inbox, returns it with a comment; the
// commune pulls the returning comment and resubmits version 2; the district sees it as
// resubmitted and accepts it; the commune pulls the accepting comment. The commune's side is
// spoken over the wire (as its phone would), so what the district's taps produced is read from
// what the server hands the commune, not from the district's screen.
import { SYNC_FORMAT_VERSION } from '../../src/domain/sync/wire.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { launch, login, phoneContext, screenshot, syncNow, postJson } from '../helpers/browser.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { seedStore } from '../../sync-server/seed.ts';
import { runAdmin } from '../../sync-server/admin/commands.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { periodLabel, periodOf, previousPeriod } from '../../src/domain/calendar.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import { communeReportData, toFieldValue } from '../../src/reports/data.ts';
import { defaultTitle } from '../../src/reports/sections.ts';

const PASSWORD = 'demo06-xa';
const COMMUNE = 'qx-quang-binh';
const USERNAME = 'quangbinh.congan';
const seed = SeedBundle.parse(buildSeedBundle());
const unit = seed.units.find((u) => u.id === COMMUNE)!;
const now = Date.now();
const PERIOD = previousPeriod(periodOf('monthly', now));
const REPORT = `${COMMUNE}@${PERIOD}`;

let server: RunningServer;
let browser: Browser;
let phone: { token: string; device: string; author: string; seq: number };

const api = (path: string, body: unknown, token?: string) => postJson(server.url, path, body, token);

type Row = [Collection, string, string, FieldValue];
/** Version n of the commune's report and the report's state, as the commune's phone submits them. */
function submission(n: number, results: string): Row[] {
  const ctx = { models: seed.catalogue.models, units: seed.units, sheet: seed.indicatorSheet, checklists: seed.checklists };
  const data = communeReportData(ctx, unit, PERIOD, now, [], []);
  const title = defaultTitle(unit.name, PERIOD);
  const sections = [{ key: 'results', title: 'Kết quả đạt được', body: results }];
  const v = `${REPORT}#${n}`;
  return [
    ['reportVersion', v, 'reportId', REPORT],
    ['reportVersion', v, 'version', n],
    ['reportVersion', v, 'periodType', 'monthly'],
    ['reportVersion', v, 'period', PERIOD],
    ['reportVersion', v, 'snapshot', toFieldValue({ title, sections, data, submittedBy: `Công an ${unit.name}` })],
    ['reportVersion', v, 'submittedAt', Date.now()],
    ['report', REPORT, 'state', 'submitted'],
    ['report', REPORT, 'version', n],
  ];
}

async function push(rows: Row[]) {
  const wall = Date.now();
  const changes = rows.map(([coll, id, field, value], i) => [phone.seq + i + 1, coll, id, field, value, encodeHlc({ wall, counter: i, device: phone.device }), null, COMMUNE, phone.author]);
  const reply = await api('/api/sync', { v: SYNC_FORMAT_VERSION, d: phone.device, c: changes, p: 0, n: 1 }, phone.token);
  expect([reply.status, reply.body.x]).toEqual([200, []]);
  phone.seq += changes.length;
}

/** The comments on the commune's report the server hands the commune's phone: [version, returns, accepts, body]. */
async function communeComments(): Promise<[FieldValue, FieldValue, FieldValue, FieldValue][]> {
  const pulled = await api('/api/sync', { v: SYNC_FORMAT_VERSION, d: phone.device, c: [], p: 0 }, phone.token);
  const byId = new Map<string, Record<string, FieldValue>>();
  for (const c of pulled.body.c as [number, string, string, string, FieldValue][]) {
    if (c[1] !== 'comment') continue;
    const rec = byId.get(c[2]) ?? {};
    rec[c[3]] = c[4];
    byId.set(c[2], rec);
  }
  return [...byId.values()]
    .filter((c) => c.reportId === REPORT)
    .sort((a, b) => Number(a.createdAt) - Number(b.createdAt))
    .map((c) => [c.reportVersion!, c.returns ?? false, c.accepts ?? false, c.body!]);
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-tay-inbox-'));
  const store = openSqliteStore({ file: join(dataDir, 'so-tay.db') });
  await seedStore(store, { demo: true, now });
  const errors: string[] = [];
  const io = { store, out: () => undefined, err: (l: string) => errors.push(l), prompt: async () => PASSWORD, now: Date.now };
  const code = await runAdmin(['create-user', '--username', USERNAME, '--name', `Công an ${unit.name}`, '--role', 'communeStanding', '--unit', COMMUNE, '--password', PASSWORD], io);
  expect([code, errors]).toEqual([0, []]);
  await store.close();
  server = await startServer({ dataDir });
  browser = await launch();
  const device = 'dev_quang_binh';
  const res = await api('/api/login', { username: USERNAME, password: PASSWORD, deviceId: device });
  expect(res.status).toBe(200);
  phone = { token: res.body.token as string, device, author: (res.body.user as { id: string }).id, seq: 0 };
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('review inbox', () => {
  it('district returns, commune resubmits, district accepts', async () => {
    await push(submission(1, 'Kết quả lần 1.'));

    const context = await phoneContext(browser, server.url);
    const page = await context.newPage();
    await login(page, 'quangxuong.huyen');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByTestId('inbox-tab').click();
    const item = page.getByTestId(`inbox-item-${REPORT}`);
    // Once in a full suite the item never came within 20 s (alone it comes in 1–2 s): say what
    // the screen showed (in the log, so the next time tells why) and ask once more: the report
    // was on the server before the login, so a second sync must bring it.
    await item.waitFor({ timeout: 20_000 }).catch(async () => {
      const bar = await page.locator('.syncbar').innerText().catch(() => '?');
      const inbox = await page.locator('main').innerText().catch(() => '?');
      console.warn(`inbox item not shown after 20 s; sync bar: ${bar}\nscreen: ${inbox.slice(0, 1500)}`);
      await syncNow(page);
      await item.waitFor({ timeout: 20_000 });
    });
    expect(await item.getAttribute('data-state')).toBe('submitted');
    expect(await item.getByRole('link').textContent()).toBe(`${unit.name} — ${periodLabel(PERIOD)}`);
    await screenshot(page, 'inbox-360');

    // Open the report, and "←" leads back to the inbox (not the district's own list).
    await item.getByRole('link').click();
    await page.getByTestId('report-document').waitFor();
    expect(await page.getByTestId('report-document').innerText()).toContain('Kết quả lần 1.');
    await page.getByRole('link', { name: '← Báo cáo cần duyệt' }).click();
    await item.waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/reports/inbox');

    // Return with a comment.
    await item.getByRole('button', { name: 'Trả lại để sửa' }).click();
    await item.getByLabel('Cần sửa gì').fill('Bổ sung số liệu mô hình 24.');
    await item.getByRole('button', { name: 'Gửi trả lại' }).click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('returned');
    await syncNow(page);
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
    expect(await communeComments()).toEqual([[1, true, false, 'Bổ sung số liệu mô hình 24.']]);

    // The commune resubmits version 2; the district's next sync shows it waiting again.
    await push(submission(2, 'Kết quả lần 2, đã bổ sung.'));
    await syncNow(page);
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 20_000 }).toBe('resubmitted');
    expect(await item.getByTestId('inbox-state').textContent()).toBe('Gửi lại, chờ duyệt');
    expect(await item.innerText()).toContain('Phiên bản 2');

    // Accept.
    await item.getByRole('button', { name: 'Tiếp nhận' }).click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('accepted');
    await syncNow(page);
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
    expect(await communeComments()).toEqual([
      [1, true, false, 'Bổ sung số liệu mô hình 24.'],
      [2, false, true, 'Đã tiếp nhận báo cáo.'],
    ]);
    await context.close();
  });
});
