// The PWA contract a user meets: installable, updates only when asked (losing no typing),
// and a full disk says so without losing what was saved before.
import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { startServer } from '../helpers/server.ts';
import { launch, login, phoneContext, screenshot, waitForServiceWorker, serverAndBrowser } from '../helpers/browser.ts';

const env = serverAndBrowser();

describe('progressive web app', () => {
  it('is installable: Chromium reports no installability errors for the manifest and service worker', async () => {
    // A persistent profile: Chromium never offers to install from an incognito context.
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'so-tay-profile-')), {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      baseURL: env.server.url,
      viewport: { width: 360, height: 740 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ name: 'Sổ tay Đề án 06', short_name: 'Đề án 06', display: 'standalone', start_url: '/', lang: 'vi' });
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
    await context.close();
  });

  it('offers "Có phiên bản mới — Cập nhật" and keeps what the user was typing across the update', async () => {
    // Its own server over a copy of dist/, so the test can deploy a "new version".
    const dist = mkdtempSync(join(tmpdir(), 'so-tay-dist-'));
    cpSync(join(import.meta.dirname, '../../dist'), dist, { recursive: true });
    const own = await startServer({ env: { STATIC_DIR: dist } });
    const context = await phoneContext(env.browser, own.url);
    const page = await context.newPage();
    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);
    await page.evaluate(() => (location.hash = '/models/tv%3Amh-01/status'));
    await page.getByLabel('Ghi chú, kết quả').fill('Đang nhập dở khi có bản mới');
    await page.getByTestId('draft-state').filter({ hasText: 'Đã lưu nháp trên máy' }).waitFor();

    // A new deployment: the server now sends a different sw.js.
    appendFileSync(join(dist, 'sw.js'), `\n// phiên bản mới ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByRole('alertdialog', { name: 'Có phiên bản mới' });
    await prompt.waitFor({ timeout: 30_000 });
    await screenshot(page, 'update-prompt-360');
    // Nothing switches until the user agrees.
    expect(await page.getByLabel('Ghi chú, kết quả').inputValue()).toBe('Đang nhập dở khi có bản mới');
    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Cập nhật' }).click()]);
    await page.getByLabel('Ghi chú, kết quả').waitFor();
    expect(await page.getByLabel('Ghi chú, kết quả').inputValue()).toBe('Đang nhập dở khi có bản mới');
    expect(await page.getByRole('alertdialog', { name: 'Có phiên bản mới' }).count()).toBe(0);
    await context.close();
    await own.stop();
  });

  it('a full disk (QuotaExceededError) shows the Vietnamese message, keeps the typing and the earlier data', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    // Chromium's Storage.overrideQuotaForOrigin accepted the call but did not limit IndexedDB
    // writes in this headless build, so the disk fills at the IndexedDB boundary instead: every
    // put/add throws the QuotaExceededError a full phone would. Everything above it is real.
    await context.addInitScript(() => {
      for (const method of ['put', 'add'] as const) {
        const original = IDBObjectStore.prototype[method];
        IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
          if ((globalThis as { __diskFull?: boolean }).__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return original.apply(this, args);
        } as typeof original;
      }
    });
    const page = await context.newPage();
    await login(page, 'thieuvan.congan');
    await page.evaluate(() => (location.hash = '/models/tv%3Amh-03/status'));
    await page.getByLabel('Tiến độ (%)').fill('40');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('current-status').filter({ hasText: '40%' }).waitFor();

    await page.evaluate(() => (location.hash = '/models/tv%3Amh-03/status'));
    await page.getByLabel('Tiến độ (%)').waitFor();
    await page.evaluate(() => ((globalThis as { __diskFull?: boolean }).__diskFull = true));
    await page.getByLabel('Tiến độ (%)').fill('55');
    await page.getByRole('button', { name: 'Lưu' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Bộ nhớ của máy đã đầy' });
    await alert.first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'disk-full-360');
    // What was typed is still on screen, and nothing was half-written.
    expect(await page.getByLabel('Tiến độ (%)').inputValue()).toBe('55');
    await page.evaluate(() => ((globalThis as { __diskFull?: boolean }).__diskFull = false));
    await page.reload();
    await page.evaluate(() => (location.hash = '/models/tv%3Amh-03'));
    await page.getByTestId('current-status').waitFor();
    expect(await page.getByTestId('current-status').textContent()).toContain('40%');
    await context.close();
  });
});
