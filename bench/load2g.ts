// 2. 2G in a real browser. The real server serves the built app; Chromium's DevTools
// network emulation (CDP Network.emulateNetworkConditions) holds the page to 250 kbit/s
// down, 50 kbit/s up, 300 ms latency.
//   cold:           a fresh browser context (empty cache, no service worker) opens "/";
//                   time from navigation start until the "Đăng nhập" button is in the
//                   page, visible and enabled, and a frame has been painted with it.
//   offline reload: in the same context, once the service worker controls the page
//                   (throttling lifted meanwhile so precaching does not take minutes), the
//                   context goes offline and the page is reloaded until usable, 3 times.
// The time is taken inside the page (performance.now() is relative to navigation start),
// by a MutationObserver the test injects before the app's scripts run.
import type { Browser } from 'playwright-core';
import { NET_2G, NO_THROTTLE } from './lib/browser.ts';
import { median } from './lib/stats.ts';

const DETECT = `(() => {
  let found = false;
  const check = () => {
    if (found) return true;
    for (const b of document.querySelectorAll('button')) {
      if ((b.textContent || '').trim() === 'Đăng nhập' && !b.disabled && b.offsetParent !== null) {
        found = true;
        window.__usableDomAt = performance.now();
        requestAnimationFrame(() => { window.__usableAt = performance.now(); });
        return true;
      }
    }
    return false;
  };
  const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
  obs.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

export interface Load2gResult {
  coldMs: number;
  offlineReloadMs: number;
  coldRuns: number[];
  offlineRuns: number[];
  /** Bytes the cold load transferred (encoded, as on the wire), median. */
  coldBytes: number;
}

type Win = { __usableAt?: number; navigator: { serviceWorker: { controller: unknown } } };

export async function benchLoad2g(browser: Browser, url: string, runs: number, reloads: number, log: (s: string) => void): Promise<Load2gResult> {
  const coldRuns: number[] = [];
  const offlineRuns: number[] = [];
  const coldBytes: number[] = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', serviceWorkers: 'allow' });
    try {
      await context.addInitScript({ content: DETECT });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
      await cdp.send('Network.emulateNetworkConditions', NET_2G);
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
      await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
      await page.waitForFunction(() => (globalThis as unknown as Win).__usableAt !== undefined, undefined, { timeout: 60_000, polling: 50 });
      const cold = await page.evaluate(() => (globalThis as unknown as Win).__usableAt!);
      coldRuns.push(cold);
      coldBytes.push(bytes);

      await cdp.send('Network.emulateNetworkConditions', NO_THROTTLE);
      // (A synchronous predicate: an async one returns a Promise, which counts as truthy at once.)
      await page.waitForFunction(() => !!(globalThis as unknown as Win).navigator.serviceWorker.controller, undefined, { timeout: 60_000, polling: 100 });
      await cdp.detach();
      await context.setOffline(true);
      const offline: number[] = [];
      for (let k = 0; k < reloads; k++) {
        await page.reload({ waitUntil: 'commit', timeout: 30_000 });
        await page.waitForFunction(() => (globalThis as unknown as Win).__usableAt !== undefined, undefined, { timeout: 30_000, polling: 20 });
        offline.push(await page.evaluate(() => (globalThis as unknown as Win).__usableAt!));
      }
      offlineRuns.push(...offline);
      log(`  run ${r + 1}: cold ${Math.round(cold)} ms (${Math.round(bytes / 1024)} KiB on the wire), offline reloads ${offline.map((v) => Math.round(v)).join(', ')} ms`);
    } finally {
      await context.close();
    }
  }
  return {
    coldMs: Math.round(median(coldRuns)),
    offlineReloadMs: Math.round(median(offlineRuns)),
    coldRuns: coldRuns.map(Math.round),
    offlineRuns: offlineRuns.map(Math.round),
    coldBytes: Math.round(median(coldBytes)),
  };
}
