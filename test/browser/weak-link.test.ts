// A phone on a weak 2G link: a server that stops answering gives a clear outcome and a retry
// within the request timeout; a long sync says how far it got; the first visit shows the
// login form before the service worker starts precaching, and says once when the app works
// without network. Real Chromium (CPU slowed 4×), real server behind a loopback link we control.
import { describe, expect, it } from 'vitest';
import { createServer, connect, type Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { login, phoneContext, screenshot, serverAndBrowser, waitForServiceWorker } from '../helpers/browser.ts';

const env = serverAndBrowser();

type Mode = 'pass' | 'slow' | 'stall';

/**
 * A TCP link between the browser and the server. 'stall': connections are accepted and
 * nothing comes back (a 2G link that has gone quiet, the worst case: no error, ever);
 * 'slow': every chunk waits; back to 'pass', the stalled connections drop, as a link
 * recovering would, and the browser opens new ones.
 */
async function startLink(target: string) {
  const { hostname, port } = new URL(target);
  let mode: Mode = 'pass';
  let slowMs = 0;
  const held = new Set<Socket>();
  const all = new Set<Socket>();
  /** The request line of each request the stalled link swallowed ("POST /api/sync HTTP/1.1"). */
  const swallowed: string[] = [];
  const swallow = (chunk: Buffer) => swallowed.push(chunk.toString('latin1').split('\r\n', 1)[0]!);
  const server = createServer((client) => {
    all.add(client);
    client.on('error', () => {}).on('close', () => (all.delete(client), held.delete(client)));
    if (mode === 'stall') {
      // Read and dropped: nothing ever comes back, as before; the test only learns what was asked.
      held.add(client);
      client.once('data', (chunk: Buffer) => (swallow(chunk), client.pause()));
      return;
    }
    const upstream = connect(Number(port), hostname);
    all.add(upstream);
    upstream.on('error', () => {}).on('close', () => all.delete(upstream));
    const pipe = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (mode === 'stall') {
          // Swallowed: this connection is now as dead as the link.
          held.add(client).add(upstream);
          from.pause();
          if (from === client) swallow(chunk);
          return;
        }
        if (mode === 'slow') {
          from.pause();
          setTimeout(() => (to.write(chunk), from.resume()), slowMs);
        } else to.write(chunk);
      });
    pipe(client, upstream);
    pipe(upstream, client);
    const end = () => (client.destroy(), upstream.destroy());
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    set(next: Mode, ms = 0) {
      if (mode === 'stall' && next !== 'stall') for (const s of held) s.destroy();
      mode = next;
      slowMs = ms;
    },
    swallowed: () => [...swallowed],
    close: () => new Promise<void>((r) => (all.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

async function slowPhone(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

const status = (page: Page) => page.getByTestId('sync-status').textContent();
const button = (page: Page) => page.locator('.syncbar button');

/** HH:mm on the Vietnamese clock, as a person in Thiệu Vân reads it. */
const hhmm = (ms: number) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' }).format(ms);

/** Pseudo-random Vietnamese words: text that gzip cannot shrink to nothing. */
function longText(chars: number, seed: number): string {
  const words = ['công', 'dân', 'số', 'định', 'danh', 'điện', 'tử', 'thôn', 'xã', 'hộ', 'khẩu', 'cấp', 'căn', 'cước', 'mức', 'hai', 'ứng', 'dụng', 'VNeID'];
  let s = seed >>> 0;
  let out = '';
  while (out.length < chars) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out += `${words[s % words.length]}${s % 7 === 0 ? '. ' : ' '}`;
  }
  return out.slice(0, chars);
}

describe('weak link', () => {
  it('a server that stops answering: within 35 s an error with the retry time and an enabled retry button', async () => {
    const link = await startLink(env.server.url);
    const context = await phoneContext(env.browser, link.url);
    const page = await context.newPage();
    await slowPhone(page);
    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);
    await expect.poll(() => status(page), { timeout: 20_000 }).toMatch(/^Lần cuối/);
    await expect.poll(() => button(page).isEnabled()).toBe(true);

    link.set('stall');
    const tapped = Date.now();
    await button(page).click();
    expect(await button(page).textContent()).toBe('Đang đồng bộ…');
    await expect.poll(() => status(page), { timeout: 35_000, interval: 250 }).toMatch(/^Không kết nối được.* — sẽ thử lại lúc \d\d:\d\d$/);
    expect(Date.now() - tapped).toBeLessThan(35_000);
    expect(await button(page).isEnabled()).toBe(true);
    expect(await button(page).textContent()).toBe('Đồng bộ lại');
    // The retry it announces is soon (the first back-off is seconds), on the Vietnamese clock.
    const said = /lúc (\d\d:\d\d)$/.exec((await status(page)) ?? '')![1];
    expect([hhmm(Date.now()), hhmm(Date.now() + 60_000)]).toContain(said);
    await screenshot(page, 'sync-stalled-360');

    // While the scheduled retries keep failing, the failure and the button stay on screen: looked
    // at once the first scheduled retry (2–4 s after the failure) is out on the dead link.
    const syncs = () => link.swallowed().filter((line) => line.startsWith('POST /api/sync')).length;
    const failedSyncs = syncs();
    expect(failedSyncs).toBeGreaterThanOrEqual(1);
    await expect.poll(syncs, { timeout: 15_000, interval: 100 }).toBeGreaterThan(failedSyncs);
    expect(await status(page)).toMatch(/^Không kết nối được/);
    expect(await button(page).isEnabled()).toBe(true);

    // The link comes back: the retry button syncs.
    link.set('pass');
    await button(page).click();
    await expect.poll(() => status(page), { timeout: 35_000 }).toMatch(/^Lần cuối/);
    expect(await button(page).textContent()).toBe('Đồng bộ');
    await context.close();
    await link.close();
  });

  it('a long sync shows how many changes have been sent: "Đã gửi n/m"', async () => {
    const link = await startLink(env.server.url);
    const context = await phoneContext(env.browser, link.url);
    const page = await context.newPage();
    await slowPhone(page);
    await login(page, 'thieuvan.congan');
    await expect.poll(() => status(page), { timeout: 20_000 }).toMatch(/^Lần cuối/);

    // Long notes saved offline on two models: several ~5 KB batches to send.
    await context.setOffline(true);
    for (const [i, model] of ['tv%3Amh-24', 'tv%3Amh-01'].entries()) {
      await page.evaluate((m) => (location.hash = `/models/${m}/status`), model);
      for (const [j, label] of ['Ghi chú, kết quả', 'Khó khăn, vướng mắc', 'Nguyên nhân', 'Kiến nghị, đề xuất'].entries()) {
        await page.getByLabel(label, { exact: true }).fill(longText(19_000, i * 10 + j + 1));
      }
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.getByTestId('current-status').waitFor();
    }
    const pending = Number(/^(\d+)/.exec((await page.getByTestId('pending-count').textContent()) ?? '')?.[1]);
    expect(pending).toBeGreaterThanOrEqual(2);

    // Every text the status line shows during the sync.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { __statuses: string[] }).__statuses = []);
      const el = document.querySelector('[data-testid="sync-status"]')!;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { subtree: true, childList: true, characterData: true });
    });
    link.set('slow', 150);
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 60_000 }).toBe('Đã đồng bộ hết');
    const seen = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
    const progress = seen.map((t) => /^Đã gửi (\d+)\/(\d+) thay đổi$/.exec(t)).filter((m) => m !== null);
    // Counted against the queue the sync started with; part-way shown at least once.
    expect(progress.some((m) => Number(m[1]) > 0 && Number(m[1]) < Number(m[2]))).toBe(true);
    // One total for the whole sync, in the unit of the pending count: saves, not their fields.
    expect(new Set(progress.map((m) => m[2])).size).toBe(1);
    expect(Number(progress[0]![2])).toBe(pending);
    await context.close();
    await link.close();
  });

  it('registers the worker only once the login form is shown, says once "Đã sẵn sàng dùng khi không có mạng", and offers install', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    // When the page asks for the worker: was the page loaded, and the login form there?
    await context.addInitScript(() => {
      const w = window as unknown as { __registeredWith?: { loaded: boolean; form: boolean } };
      const original = ServiceWorkerContainer.prototype.register;
      ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, ...args: Parameters<typeof original>) {
        w.__registeredWith ??= { loaded: document.readyState === 'complete', form: !!document.querySelector('input[autocomplete="username"], input') };
        return original.apply(this, args);
      } as typeof original;
    });
    const page = await context.newPage();
    await slowPhone(page);
    const cdp = await context.newCDPSession(page);
    // A 2G first visit: slow enough that registering during the load would be seen.
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 40_000, uploadThroughput: 20_000 });
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').waitFor();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __registeredWith?: unknown }).__registeredWith), { timeout: 60_000 }).toEqual({ loaded: true, form: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await login(page, 'thieuvan.congan');
    await waitForServiceWorker(page);
    const ready = page.getByTestId('offline-ready');
    await ready.waitFor({ timeout: 30_000 });
    expect(await ready.textContent()).toContain('Đã sẵn sàng dùng khi không có mạng');
    // No install offer in this browser: the steps instead.
    const hint = page.getByTestId('install-hint');
    expect(await hint.textContent()).toContain('Thêm vào màn hình chính');
    await screenshot(page, 'offline-ready-360');
    // It stays while moving between screens until closed, and never comes back.
    await page.getByRole('link', { name: 'Mô hình', exact: true }).click();
    await ready.waitFor();
    await ready.getByRole('button', { name: 'Đóng' }).click();
    await page.evaluate(() => (location.hash = '/'));
    await page.reload();
    await page.getByRole('heading', { name: 'Trang chủ' }).waitFor();
    await page.waitForTimeout(1_000);
    expect(await ready.count()).toBe(0);

    // Where the browser offers installing, a button opens its dialog.
    await page.evaluate(() => {
      const offer = new Event('beforeinstallprompt', { cancelable: true }) as Event & { prompt: () => Promise<void>; userChoice: Promise<{ outcome: string }> };
      const w = window as unknown as { __prompted: number };
      w.__prompted = 0;
      offer.prompt = async () => void w.__prompted++;
      offer.userChoice = Promise.resolve({ outcome: 'accepted' });
      dispatchEvent(offer);
    });
    await hint.getByRole('button', { name: 'Cài ứng dụng' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __prompted: number }).__prompted)).toBe(1);
    await expect.poll(() => hint.count()).toBe(0);
    await context.close();
  });
});
