// Reminders that work offline (issue 15), in real Chromium: a report coming due raises a
// notification on a phone with no network, from the device's own data (the service worker
// shows it when the app opens — the path every browser has; Periodic Background Sync, where the
// browser grants it, runs the same code with the app closed), Home keeps the count, and the
// notification permission is never asked on first load.
//
// The phone's clock is set with Playwright's clock (the server keeps its own): Thiệu Vân reports
// weekly "vào thứ 2 hằng tuần" (seeds/org/thanh-hoa.json), so week 49's report is due on Monday
// 7/12/2026 and, with the default settings (2 days before, 07:00), reminded on Saturday 5/12.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, phoneContext, serverAndBrowser, waitForServiceWorker } from '../helpers/browser.ts';

const env = serverAndBrowser();

/** What the phone's notification tray holds for the app (the worker's notifications). */
const tray = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
  });

describe('report reminders', () => {
  it('never ask for the notification permission on first load', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    // Installed before any of the app's code runs: every call is counted.
    await context.addInitScript(() => {
      const w = window as unknown as { __asked: number };
      w.__asked = 0;
      const original = Notification.requestPermission.bind(Notification);
      Notification.requestPermission = (...args: Parameters<typeof Notification.requestPermission>) => {
        w.__asked++;
        return original(...args);
      };
    });
    const page = await context.newPage();
    const asked = () => page.evaluate(() => (window as unknown as { __asked: number }).__asked);
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(await asked()).toBe(0);
    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Trang chủ' }).waitFor();
    expect(await asked()).toBe(0);
    expect(await page.evaluate(() => Notification.permission)).toBe('default');
    // No report submitted on this phone yet: not even the offer that explains and asks.
    expect(await page.getByTestId('reminder-offer').count()).toBe(0);
    await context.close();
  });

  it('a report coming due raises a notification on a phone with no network, once', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    await context.grantPermissions(['notifications'], { origin: env.server.url });
    const page = await context.newPage();
    // Friday 4/12/2026, 10:00 in Vietnam: nothing is inside its reminder window yet.
    await page.clock.setFixedTime(new Date(Date.UTC(2026, 11, 4, 3)));
    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);
    expect(await tray(page)).toEqual([]);

    await context.setOffline(true);
    // Saturday 5/12/2026, 09:00: the phone is opened again, still without a network.
    await page.clock.setFixedTime(new Date(Date.UTC(2026, 11, 5, 2)));
    await page.reload();
    await page.getByRole('heading', { name: 'Trang chủ' }).waitFor();
    await expect.poll(() => tray(page), { timeout: 15_000 }).toEqual([
      {
        title: 'Sắp đến hạn: Báo cáo tuần 49/2026',
        body: 'Hạn nộp: trước 08/12/2026 — còn 2 ngày. Có thể lập báo cáo ngay trên máy, kể cả khi không có mạng.',
        tag: 'report:weekly|2026-W49',
      },
    ]);
    await page.getByTestId('due-soon').filter({ hasText: '1 báo cáo cần nộp sớm' }).waitFor();

    // Dismissed, then the app opened again the same morning: the reminder is not repeated.
    await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).forEach((n) => n.close()));
    await page.reload();
    await page.getByRole('heading', { name: 'Trang chủ' }).waitFor();
    await page.getByTestId('due-soon').waitFor();
    expect(await tray(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
