// 5. On the device: bench/page (the app's LocalStore and catalogue search, built by Vite as
// the app is) served from loopback and run in headless Chromium. The page is served
// cross-origin isolated so performance.now() has 5 µs resolution rather than 100 µs.
// Unthrottled figures are the results; the same runs with Chromium's 4× CPU slowdown
// (the usual stand-in for a low-end phone) are reported beside them for information.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { ROOT, TMP } from './lib/server.ts';
import { median, percentile } from './lib/stats.ts';

const PAGE_OUT = join(TMP, 'page');

export async function buildBenchPage(): Promise<string> {
  await build({
    root: join(ROOT, 'bench/page'),
    configFile: false,
    logLevel: 'warn',
    build: { outDir: PAGE_OUT, emptyOutDir: true, target: 'es2020', sourcemap: false },
  });
  return PAGE_OUT;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = resolve(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server })));
}

export interface LocalResult {
  writeP95Ms: number;
  searchP95Ms: number;
  writeP50Ms: number;
  searchP50Ms: number;
  indexMs: number;
  throttled4x: { writeP95Ms: number; searchP95Ms: number };
}

type BenchGlobals = {
  benchWrite(count: number, warmup: number): Promise<number[]>;
  benchSearch(): { perKeystroke: number[]; indexMs: number; hits: number };
};

async function measure(page: Page, runs: number) {
  const writeP95: number[] = [];
  const writeP50: number[] = [];
  const searchP95: number[] = [];
  const searchP50: number[] = [];
  const indexMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const times = await page.evaluate(() => (globalThis as unknown as BenchGlobals).benchWrite(100, 10));
    writeP95.push(percentile(times, 95));
    writeP50.push(percentile(times, 50));
    const s = await page.evaluate(() => (globalThis as unknown as BenchGlobals).benchSearch());
    if (s.hits === 0) throw new Error('catalogue search found nothing: the seed or the filter changed');
    searchP95.push(percentile(s.perKeystroke, 95));
    searchP50.push(percentile(s.perKeystroke, 50));
    indexMs.push(s.indexMs);
  }
  return { writeP95: median(writeP95), writeP50: median(writeP50), searchP95: median(searchP95), searchP50: median(searchP50), indexMs: median(indexMs) };
}

export async function benchLocal(browser: Browser, pageDir: string, runs: number): Promise<LocalResult> {
  const { url, server } = await serve(pageDir);
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } | null } }).document.getElementById('state')?.textContent === 'ready');
    if (!(await page.evaluate(() => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated))) {
      throw new Error('bench page is not cross-origin isolated');
    }
    const plain = await measure(page, runs);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const slow = await measure(page, Math.max(3, Math.ceil(runs / 2)));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await context.close();
    const r2 = (v: number) => Math.round(v * 100) / 100;
    return {
      writeP95Ms: r2(plain.writeP95),
      searchP95Ms: r2(plain.searchP95),
      writeP50Ms: r2(plain.writeP50),
      searchP50Ms: r2(plain.searchP50),
      indexMs: r2(plain.indexMs),
      throttled4x: { writeP95Ms: r2(slow.writeP95), searchP95Ms: r2(slow.searchP95) },
    };
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}
