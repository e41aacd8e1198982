// Security headers on every answer of the app, and no caching of auth answers.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, testServer, type TestServer } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..');
const dist = mkdtempSync(join(tmpdir(), 'so-tay-headers-'));
let s: TestServer;
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="vi"><title>Sổ tay Đề án 06</title><script type="module" src="/assets/index-B2x9_aQf.js"></script></html>');
  writeFileSync(join(dist, 'assets', 'index-B2x9_aQf.js'), 'console.log(1)');
  writeFileSync(join(dist, 'sw.js'), 'self.skipWaiting;');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Sổ tay Đề án 06"}');
  s = await testServer({ demoUsers: true, deps: { staticDir: dist } });
});
afterAll(async () => {
  await s.close();
  rmSync(dist, { recursive: true, force: true });
});

/** "default-src 'self'; img-src 'self' data:" → { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] } */
function directives(csp: string | null): Record<string, string[]> {
  expect(csp).toBeTruthy();
  return Object.fromEntries(
    csp!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name!, values];
    }),
  );
}

function expectSecure(r: Response, what: string) {
  expect(r.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(r.headers.get('referrer-policy'), what).toBe('no-referrer');
  const csp = directives(r.headers.get('content-security-policy'));
  expect(csp['frame-ancestors'], what).toEqual(["'none'"]);
}

describe('security headers', () => {
  it('are on every kind of answer: the app, its worker and manifest, the API, errors', async () => {
    const token = await s.session('u-thieuvan-congan', 'tvphone1');
    const answers: [string, Response | Promise<Response>][] = [
      ['index.html', s.app.request('/')],
      ['app route', s.app.request('/bao-cao/2026-11', { headers: { accept: 'text/html' } })],
      ['hashed asset (compressed)', s.app.request('/assets/index-B2x9_aQf.js', { headers: { 'accept-encoding': 'gzip' } })],
      ['service worker', s.app.request('/sw.js')],
      ['manifest', s.app.request('/manifest.webmanifest')],
      ['health', s.app.request('/api/health')],
      ['catalogue', s.app.request('/api/catalogue')],
      ['signed-in API', s.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })],
      ['401', s.app.request('/api/me')],
      ['404 API', s.app.request('/api/khong-co')],
      ['404 file', s.app.request('/assets/khong-co.js')],
      ['400', s.app.request('/api/login', { method: 'POST', body: '{' })],
    ];
    for (const [what, pending] of answers) expectSecure(await pending, what);
  });

  it('are short on API answers (fetched, never rendered; on 2G every sync answer pays them) and full on pages', async () => {
    const api = await s.app.request('/api/health');
    expect(directives(api.headers.get('content-security-policy'))).toEqual({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
    expect(api.headers.get('x-frame-options')).toBeNull();
    const page = await s.app.request('/');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('strict-transport-security')).toBe('max-age=15552000');
  });

  it('allow what the built app uses and nothing more', async () => {
    const csp = directives((await s.app.request('/')).headers.get('content-security-policy'));
    expect(csp['default-src']).toEqual(["'self'"]);
    // No inline or eval'd script and no inline style: index.html has none (checked below).
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    // Photos are shown from data: URLs (collections.ts) and blob: object URLs.
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['worker-src']).toEqual(["'self'"]);
    expect(csp['manifest-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
  });

  // The CSP above holds only while the page has no inline script, style element, style
  // attribute or inline handler. The source page is checked always, the built one when present.
  for (const file of ['index.html', 'dist/index.html']) {
    it.skipIf(!existsSync(join(root, file)))(`${file} has nothing inline that the policy would block`, () => {
      const html = readFileSync(join(root, file), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag, 'inline script').toMatch(/\bsrc=/i);
      expect(html).not.toMatch(/<style\b/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\/(?!127\.0\.0\.1)/i); // nothing from another origin
    });
  }

  it('keeps the static files\' own cache rules', async () => {
    expect((await s.app.request('/assets/index-B2x9_aQf.js')).headers.get('cache-control')).toContain('immutable');
    expect((await s.app.request('/sw.js')).headers.get('cache-control')).toBe('no-cache');
  });
});

describe('auth answers are never cached', () => {
  it('login (accepted or refused), me, logout, devices, renew, revoke, unlock', async () => {
    const login = await s.request<{ token: string; deviceId: string }>('POST', '/api/login', { body: { username: 'thieuvan.congan', password: PASSWORD } });
    expect(login.status).toBe(200);
    const token = login.body.token;
    const wrong = await s.request('POST', '/api/login', { body: { username: 'thieuvan.congan', password: 'sai' } });
    const answers: [string, Response][] = [
      ['login', await s.app.request('/api/login', { method: 'POST', body: JSON.stringify({ username: 'thieuvan.thon1', password: PASSWORD }) })],
      ['login 400', await s.app.request('/api/login', { method: 'POST', body: '{}' })],
      ['me', await s.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })],
      ['me 401', await s.app.request('/api/me')],
      ['devices', await s.app.request('/api/devices', { headers: { authorization: `Bearer ${token}` } })],
      ['user devices', await s.app.request('/api/users/thieuvan.thon1/devices', { headers: { authorization: `Bearer ${token}` } })],
      ['unlock', await s.app.request('/api/users/thieuvan.thon1/unlock', { method: 'POST', headers: { authorization: `Bearer ${token}` } })],
      ['revoke 404', await s.app.request('/api/devices/khong_co/revoke', { method: 'POST', headers: { authorization: `Bearer ${token}` } })],
    ];
    expect(wrong.headers.get('cache-control')).toBe('no-store');
    for (const [what, r] of answers) expect(r.headers.get('cache-control'), what).toBe('no-store');
    const renew = await s.request<{ token: string }>('POST', '/api/device/renew', { token, body: {} });
    expect(renew.headers.get('cache-control')).toBe('no-store');
    const logout = await s.request('POST', '/api/logout', { token: renew.body.token });
    expect([logout.status, logout.headers.get('cache-control')]).toEqual([200, 'no-store']);
  });
});
