import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE } from '../../sync-server/http/static.ts';
import { testServer, type TestServer } from './helpers.ts';

const dist = mkdtempSync(join(tmpdir(), 'so-tay-dist-'));
const bundle = `console.log(${JSON.stringify('Sổ tay Đề án 06 '.repeat(200))});`;
let s: TestServer;
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'icons'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="vi"><title>Sổ tay Đề án 06</title></html>');
  writeFileSync(join(dist, 'assets', 'index-B2x9_aQf.js'), bundle);
  writeFileSync(join(dist, 'sw.js'), 'self.skipWaiting;');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Sổ tay Đề án 06"}');
  writeFileSync(join(dist, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(tmpdir(), 'so-tay-secret.txt'), 'bí mật');
  s = await testServer({ deps: { staticDir: dist } });
});
afterAll(async () => {
  await s.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'so-tay-secret.txt'), { force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => s.app.request(path, { headers });

describe('serving the built app', () => {
  it('serves index.html, the service worker and the manifest for revalidation on every load', async () => {
    for (const [path, type] of [['/', 'text/html'], ['/sw.js', 'text/javascript'], ['/manifest.webmanifest', 'application/manifest+json']] as const) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toContain(type);
      expect(r.headers.get('cache-control')).toBe(REVALIDATE);
    }
  });

  it('caches hashed assets for a year and compresses them', async () => {
    const r = await get('/assets/index-B2x9_aQf.js', { 'accept-encoding': 'gzip, br' });
    expect(r.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(r.headers.get('content-type')).toContain('text/javascript');
    expect(r.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await r.arrayBuffer());
    expect(body.length).toBeLessThan(Buffer.byteLength(bundle) / 4);
    expect(gunzipSync(body).toString()).toBe(bundle);
    expect((await get('/icons/icon-192.png')).headers.get('content-type')).toBe('image/png');
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await get('/sw.js');
    const again = await get('/sw.js', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('falls back to index.html for app routes, not for missing files or the API', async () => {
    const nav = await get('/bao-cao/2026-11', { accept: 'text/html' });
    expect(nav.status).toBe(200);
    expect(await nav.text()).toContain('<title>Sổ tay Đề án 06</title>');
    expect((await get('/assets/khong-co.js')).status).toBe(404);
    const api = await get('/api/khong-co');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('never serves files outside dist/', async () => {
    const r = await get('/%2e%2e/so-tay-secret.txt');
    expect(await r.text()).not.toContain('bí mật');
  });

  it('compresses JSON answers', async () => {
    const r = await get('/api/catalogue', { 'accept-encoding': 'gzip' });
    expect(r.headers.get('content-encoding')).toBe('gzip');
    const catalogue = JSON.parse(gunzipSync(Buffer.from(await r.arrayBuffer())).toString()) as { version: string };
    expect(catalogue.version).toBeTruthy();
    const cached = await get('/api/catalogue', { 'if-none-match': r.headers.get('etag')! });
    expect(cached.status).toBe(304);
  });

  it('says in Vietnamese when the app has not been built', async () => {
    const bare = await testServer({ deps: { staticDir: join(dist, 'khong-co') } });
    const r = await bare.request<{ error: { code: string; message: string } }>('GET', '/', { headers: { accept: 'text/html' } });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('http/no-app');
    await bare.close();
  });
});
