// Debian's Chromium driven by playwright-core (Playwright cannot download a browser here).
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ARTIFACTS = join(import.meta.dirname, '../../test-results/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--lang=vi-VN'],
  });
}

export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'allow' });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

export async function login(page: Page, username: string, password = 'demo2026'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Trang chủ' }).waitFor();
}

/** Waits until the service worker controls the page, so an offline reload is served from cache. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  // A plain (not async) check: an async predicate's promise is truthy at once.
  await page.waitForFunction(() => !!navigator.serviceWorker.controller && navigator.serviceWorker.controller.state === 'activated', undefined, {
    timeout: 30_000,
  });
}

/**
 * The real server (its own data directory) and one Chromium for a test file, started before
 * its tests and stopped after. Read `env.server` / `env.browser` inside tests.
 */
export function serverAndBrowser(options?: Parameters<typeof startServer>[0]): { server: RunningServer; browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    // Side by side: neither needs the other to start.
    const [server, browser] = await Promise.allSettled([startServer(options), launch()]);
    if (server.status === 'fulfilled') env.server = server.value;
    if (browser.status === 'fulfilled') env.browser = browser.value;
    for (const started of [server, browser]) if (started.status === 'rejected') throw started.reason;
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** A value idb-keyval keeps in the page's origin (its default database and store), read from the page. */
export async function keyval(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('keyval')) return resolve(undefined);
          const get = db.transaction('keyval').objectStore('keyval').get(k);
          get.onsuccess = () => (db.close(), resolve(get.result));
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );
}

export interface QueuedRequest {
  queueName: string;
  url: string;
  method: string;
  authorization: string | null;
  bodyBytes: number;
}

/**
 * What Workbox Background Sync holds for replay (its own IndexedDB database, shared by every
 * page and the worker of the origin). Read without creating the database when it is absent.
 */
export async function backgroundSyncQueue(page: Page): Promise<QueuedRequest[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('workbox-background-sync')) return [];
    return new Promise<QueuedRequest[]>((resolve, reject) => {
      const open = indexedDB.open('workbox-background-sync');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('requests')) return (db.close(), resolve([]));
        const all = db.transaction('requests').objectStore('requests').getAll();
        all.onerror = () => reject(all.error);
        all.onsuccess = () => {
          db.close();
          type Entry = { queueName: string; requestData: { url: string; method: string; headers: Record<string, string>; body?: ArrayBuffer } };
          resolve(
            (all.result as Entry[]).map((e) => ({
              queueName: e.queueName,
              url: e.requestData.url,
              method: e.requestData.method,
              authorization: e.requestData.headers.authorization ?? e.requestData.headers.Authorization ?? null,
              bodyBytes: e.requestData.body?.byteLength ?? 0,
            })),
          );
        };
      };
    });
  });
}

/** Everything a person can read on the screen: the page's text and what its fields hold. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = Array.from(document.querySelectorAll('input, textarea, select')).map((el) => (el as HTMLInputElement).value);
    return [document.body.innerText, ...fields].join('\n');
  });
}

/** Taps "Đồng bộ" in the sync bar and waits until that sync has finished (saves do not push by themselves). */
export async function syncNow(page: Page): Promise<void> {
  const button = page.locator('.syncbar button');
  await button.waitFor();
  await page.waitForFunction(() => !(document.querySelector('.syncbar button') as HTMLButtonElement | null)?.disabled);
  // Watch for the running state, so a sync still starting is not taken for one finished.
  await page.evaluate(() => {
    const w = window as unknown as { __syncRan?: boolean };
    w.__syncRan = false;
    const bar = document.querySelector('.syncbar')!;
    const seen = () => {
      if (bar.querySelector('button')?.textContent === 'Đang đồng bộ…') w.__syncRan = true;
      if (w.__syncRan) observer.disconnect();
    };
    const observer = new MutationObserver(seen);
    observer.observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await button.click();
  await page.waitForFunction(
    // Finished: "Đồng bộ" again, or "Đồng bộ lại" when it failed (offline).
    () => (window as unknown as { __syncRan?: boolean }).__syncRan === true && /^Đồng bộ( lại)?$/.test(document.querySelector('.syncbar button')?.textContent ?? ''),
    undefined,
    { timeout: 20_000 },
  );
}

/** POSTs JSON to the test server as a phone would (login, sync), outside any page. */
export async function postJson(baseUrl: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The two phones of the conflict tests: the commune police and Thôn 1, signed in, workers ready. */
export async function policeAndVillagePhones(env: { browser: Browser; server: RunningServer }): Promise<{ police: Page; village: Page }> {
  const police = await (await phoneContext(env.browser, env.server.url)).newPage();
  const village = await (await phoneContext(env.browser, env.server.url)).newPage();
  await login(police, 'thieuvan.congan');
  await login(village, 'thieuvan.thon1');
  await waitForServiceWorker(police);
  await waitForServiceWorker(village);
  return { police, village };
}
