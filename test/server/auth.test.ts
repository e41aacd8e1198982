import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../sync-server/auth/tokens.ts';
import { PASSWORD, testServer, type ErrorJson, type TestServer } from './helpers.ts';

interface LoginJson {
  token: string;
  expiresAt: number;
  deviceId: string;
  user: { id: string; role: string; unitId: string; passwordHash?: string };
  units: { id: string }[];
}

let s: TestServer;
beforeEach(async () => {
  s = await testServer({ demoUsers: true, deps: { clientIp: (c) => c.req.header('x-test-ip') ?? 'ip-1' } });
});
afterEach(() => s.close());

const login = (username: string, password = PASSWORD, ip = 'ip-1', deviceId = 'phone_01') =>
  s.request<LoginJson & ErrorJson>('POST', '/api/login', { body: { username, password, deviceId }, headers: { 'x-test-ip': ip } });

describe('login, session, logout', () => {
  it('logs in, returns a 180-day token, the user without its hash, and the readable units with their ancestors', async () => {
    const r = await login('  ThieuVan.CongAn '); // usernames are trimmed and case-folded
    expect(r.status).toBe(200);
    expect(r.body.expiresAt).toBe(s.clock.now() + TOKEN_LIFETIME_MS);
    expect(r.body.deviceId).toBe('phone_01');
    expect(r.body.user).toEqual({ id: 'u-thieuvan-congan', username: 'thieuvan.congan', displayName: 'Công an xã Thiệu Vân', role: 'communeStanding', unitId: 'tv' });
    expect(r.body.units.map((u) => u.id).sort()).toEqual(['th', 'th-tp', 'tv', 'tv-thon-1', 'tv-thon-2', 'tv-thon-3', 'tv-thon-4', 'tv-thon-5', 'tv-thon-6']);

    const me = await s.request<{ user: { id: string }; expiresAt: number }>('GET', '/api/me', { token: r.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe('u-thieuvan-congan');
  });

  it('gives a village member its whole commune to read', async () => {
    const r = await login('thieuvan.thon1');
    expect(r.body.units.map((u) => u.id)).toContain('tv-thon-2');
    expect(r.body.units.map((u) => u.id)).not.toContain('dh');
  });

  it('refuses a wrong password or an unknown user alike', async () => {
    for (const r of [await login('thieuvan.congan', 'sai-mat-khau'), await login('khong.ton.tai')]) {
      expect(r.status).toBe(401);
      expect(r.body.error).toEqual({ code: 'auth/bad-credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng' });
    }
  });

  it('answers 400 with every field path for a malformed body', async () => {
    const r = await s.request<ErrorJson>('POST', '/api/login', { body: { username: 'Ô', password: '', deviceId: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('http/invalid-body');
    expect(r.body.error.issues?.map((i) => i.path)).toEqual(['username', 'password', 'deviceId']);
    const bad = await s.app.request('/api/login', { method: 'POST', body: '{"username":' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorJson).error.code).toBe('http/bad-json');
  });

  it('rejects a missing, expired or revoked token with 401', async () => {
    const { body } = await login('donghai.congan');
    expect((await s.request<ErrorJson>('GET', '/api/me')).body.error.code).toBe('auth/missing-token');
    expect((await s.request<ErrorJson>('GET', '/api/me', { token: 'x'.repeat(43) })).body.error.code).toBe('auth/invalid-token');

    s.clock.advance(TOKEN_LIFETIME_MS - 1);
    expect((await s.request('GET', '/api/me', { token: body.token })).status).toBe(200);
    s.clock.advance(1);
    const expired = await s.request<ErrorJson>('GET', '/api/me', { token: body.token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('auth/token-expired');
  });

  it('logout revokes the token: it gets 401 on /api/me and /api/sync, the person\'s other phone stays signed in', async () => {
    const a = (await login('donghai.congan', PASSWORD, 'ip-1', 'dh_phone_a')).body.token;
    const b = (await login('donghai.congan', PASSWORD, 'ip-1', 'dh_phone_b')).body.token;
    const out = await s.request<{ ok: boolean }>('POST', '/api/logout', { token: a });
    expect([out.status, out.body.ok, out.headers.get('cache-control')]).toEqual([200, true, 'no-store']);
    const me = await s.request<ErrorJson>('GET', '/api/me', { token: a });
    expect([me.status, me.body.error.code]).toEqual([401, 'auth/invalid-token']);
    const sync = await s.sync(a, 'dh_phone_a', []);
    expect([sync.status, sync.body.error.code]).toEqual([401, 'auth/invalid-token']);
    expect((await s.request('POST', '/api/logout', { token: a })).status).toBe(401); // once is enough
    expect((await s.request('GET', '/api/me', { token: b })).status).toBe(200);
    expect((await s.sync(b, 'dh_phone_b', [])).status).toBe(200);
  });

  it('revoking all of a user\'s tokens logs every phone out', async () => {
    const a = (await login('donghai.congan', PASSWORD, 'ip-1', 'dh_phone_a')).body.token;
    const b = (await login('donghai.congan', PASSWORD, 'ip-1', 'dh_phone_b')).body.token;
    expect(await s.store.revokeUserTokens('u-donghai-congan', s.clock.now())).toBe(2);
    for (const t of [a, b]) expect((await s.request('GET', '/api/me', { token: t })).status).toBe(401);
  });
});

describe('request limits and errors', () => {
  it('answers 413 for a body over 1 MB, by Content-Length or by the bytes actually sent', async () => {
    const declared = await s.app.request('/api/login', { method: 'POST', headers: { 'content-length': String(2 * 1024 * 1024) }, body: '{}' });
    expect(declared.status).toBe(413);
    const big = JSON.stringify({ username: 'a'.repeat(1024 * 1024 + 10), password: 'x', deviceId: 'phone_01' });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await s.app.request('/api/login', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    const json = (await streamed.json()) as ErrorJson;
    expect(json.error.code).toBe('http/too-large');
  });

  it('answers unknown API paths with a JSON 404, and unexpected failures with a bare 500', async () => {
    const r = await s.request<ErrorJson>('GET', '/api/khong-co');
    expect([r.status, r.body.error.code]).toEqual([404, 'http/not-found']);
    await s.store.close(); // every store call now fails
    const broken = await s.request<ErrorJson>('GET', '/api/catalogue');
    expect(broken.status).toBe(500);
    expect(broken.body).toEqual({ error: { code: 'server/internal', message: 'Máy chủ gặp lỗi, vui lòng thử lại sau' } });
    // The health check says so in its own terms (a load balancer takes the process out).
    const health = await s.request<{ ok: boolean; writable: boolean }>('GET', '/api/health');
    expect([health.status, health.body.ok, health.body.writable]).toEqual([503, false, false]);
    s = await testServer(); // afterEach closes a live store
  });
});

describe('people', () => {
  it('names the people of the readable subtree and the units above it, nothing of other communes', async () => {
    const s = await testServer({ demoUsers: true });
    const token = await s.session('u-thieuvan-thon1', 'p1');
    const res = await s.request<{ people: { id: string; displayName: string }[] }>('GET', '/api/people', { token });
    expect(res.status).toBe(200);
    const ids = res.body.people.map((p) => p.id);
    expect(ids).toContain('u-thieuvan-congan');
    expect(ids).toContain('u-thanhhoa-tinh');
    expect(ids).not.toContain('u-donghai-congan');
    expect(ids).not.toContain('u-quangxuong-huyen');
    expect(res.body.people.find((p) => p.id === 'u-thieuvan-congan')?.displayName).toBe('Công an xã Thiệu Vân');
    expect((await s.request('GET', '/api/people')).status).toBe(401);
    await s.close();
  });
});
