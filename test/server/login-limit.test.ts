// Login throttling that holds: attempts are counted before the password check, so a burst of
// parallel guesses cannot get more checks than the free ones; a guesser slows only its own
// (username, address); a trusted proxy's appended address is the one counted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../../sync-server/auth/password.ts';
import { PASSWORD, testServer, type ErrorJson, type TestServer } from './helpers.ts';

// Every password check the login route makes, counted (the real check still runs).
vi.mock('../../sync-server/auth/password.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../sync-server/auth/password.ts')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const checks = vi.mocked(verifyPassword);

interface LoginJson {
  token: string;
  deviceId: string;
}

let s: TestServer;
afterEach(() => s.close());

// With a device id, as the app of the time sent it: the old server refused a login without one.
const loginFrom = (headers: Record<string, string>, username: string, password: string) =>
  s.request<LoginJson & ErrorJson & { error: { retryAfter?: number } }>('POST', '/api/login', { body: { username, password, deviceId: `p_${username.replace(/\W/g, '_')}`.slice(0, 32) }, headers });

describe('counted before the password check', () => {
  beforeEach(async () => {
    s = await testServer({ demoUsers: true, deps: { clientIp: (c) => c.req.header('x-test-ip') ?? 'ip-1' } });
    checks.mockClear();
  });
  const login = (username: string, password: string, ip = 'ip-1') => loginFrom({ 'x-test-ip': ip }, username, password);

  it('problem 7: of 50 parallel wrong guesses at most 5 are checked; the right password waits; another address is unaffected', async () => {
    const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => login('thieuvan.congan', `sai-${i}`)));
    expect(checks.mock.calls.length).toBeLessThanOrEqual(5);
    expect(burst.filter((r) => r.status === 401)).toHaveLength(checks.mock.calls.length);
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(45);

    const during = await login('thieuvan.congan', PASSWORD);
    expect(during.status).toBe(429);
    expect(during.body.error.code).toBe('auth/too-many-attempts');
    expect(during.body.error.message).toBe('Đăng nhập sai nhiều lần. Vui lòng thử lại sau 1 giây.');
    expect(during.headers.get('retry-after')).toBe('1');
    expect(during.headers.get('cache-control')).toBe('no-store');
    expect(checks.mock.calls.length).toBeLessThanOrEqual(5); // refused without a check

    // The real user on their own phone's address is not locked out by someone else's guesses.
    expect((await login('thieuvan.congan', PASSWORD, 'ip-2')).status).toBe(200);
    // And once the delay passes, the right password gets in.
    s.clock.advance(1000);
    expect((await login('thieuvan.congan', PASSWORD)).status).toBe(200);
  }, 30_000);

  it('slows a guesser with growing delays, capped at 15 minutes, and a success starts afresh', async () => {
    const waits: [number, number][] = [];
    let failures = 0;
    while (failures < 16) {
      const r = await login('thieuvan.congan', 'sai');
      if (r.status === 401) {
        failures++;
        continue;
      }
      expect(r.status).toBe(429);
      const wait = Number(r.headers.get('retry-after'));
      waits.push([failures, wait]);
      s.clock.advance(wait * 1000);
    }
    // Five free failures, then 1 s, 2 s, 4 s… doubling, never more than 900 s.
    expect(waits).toEqual([[5, 1], [6, 2], [7, 4], [8, 8], [9, 16], [10, 32], [11, 64], [12, 128], [13, 256], [14, 512], [15, 900]]);
    expect(checks.mock.calls.length).toBe(16);
    expect((await login('thieuvan.congan', PASSWORD)).status).toBe(429);
    s.clock.advance(900_000);
    expect((await login('thieuvan.congan', PASSWORD)).status).toBe(200);
    expect((await login('thieuvan.congan', 'sai')).status).toBe(401);
    expect((await login('thieuvan.congan', 'sai')).status).toBe(401); // the success cleared the count
  }, 30_000);

  it('says the wait in minutes once it is long, rounded up', async () => {
    for (let i = 0; i < 12; i++) {
      if (i > 0) s.clock.advance(15 * 60_000);
      expect((await login('thieuvan.congan', 'sai')).status).toBe(401);
    }
    const r = await login('thieuvan.congan', PASSWORD);
    expect(r.status).toBe(429);
    expect(r.body.error.message).toBe('Đăng nhập sai nhiều lần. Vui lòng thử lại sau 3 phút.'); // 128 s after the 12th failure
    expect(r.body.error.retryAfter).toBe(128);
  });

  it('caps one address across usernames (password spraying), leaving other addresses alone', async () => {
    // 20 instead of the default 100, to keep the test quick: each failure costs a real scrypt check.
    await s.close();
    s = await testServer({ demoUsers: true, deps: { clientIp: (c) => c.req.header('x-test-ip') ?? 'ip-1', loginLimit: { addressFailures: 20 } } });
    // In parallel, too: the per-address count is taken in the same transaction as the per-name one.
    const spray = await Promise.all(Array.from({ length: 30 }, (_, i) => login(`khong.co.${i}`, 'sai', 'ip-x')));
    expect(spray.filter((r) => r.status === 401)).toHaveLength(20);
    expect(spray.filter((r) => r.status === 429)).toHaveLength(10);
    expect(checks.mock.calls.length).toBe(20);
    const r = await login('thieuvan.congan', PASSWORD, 'ip-x');
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBe(15 * 60);
    expect((await login('thieuvan.congan', PASSWORD, 'ip-y')).status).toBe(200);
    s.clock.advance(15 * 60_000);
    expect((await login('thieuvan.congan', PASSWORD, 'ip-x')).status).toBe(200);
  }, 30_000);

  it('keeps the counts in the store, where another server process sees them', async () => {
    for (let i = 0; i < 5; i++) await login('thieuvan.congan', 'sai');
    expect(await s.store.getLoginCounter('thieuvan.congan', 'ip-1')).toMatchObject({ failures: 5, blockedUntil: s.clock.now() + 1000 });
    // A second app on the same store (another process) refuses too.
    const { createApp } = await import('../../sync-server/app.ts');
    const other = createApp({ store: s.store, now: s.clock.now, staticDir: null, clientIp: () => 'ip-1' });
    const r = await other.request('/api/login', { method: 'POST', body: JSON.stringify({ username: 'thieuvan.congan', password: PASSWORD }) });
    expect(r.status).toBe(429);
  });

  it('lets the admin, or the commune police for their own people, unlock a person', async () => {
    await s.store.putUnit({ id: 'dh-kp-1', name: 'Khu phố 1', level: 'village', parentId: 'dh', placeholder: false });
    await s.addUser({ id: 'u-dh-kp1', username: 'donghai.kp1', role: 'villageMember', unitId: 'dh-kp-1' });
    for (let i = 0; i < 8; i++) await login('thieuvan.thon1', 'sai');
    for (let i = 0; i < 8; i++) await login('donghai.kp1', 'sai');
    expect((await login('thieuvan.thon1', PASSWORD)).status).toBe(429);

    const officer = (await login('thieuvan.congan', PASSWORD, 'ip-police')).body.token;
    const unlock = (token: string, username: string) => s.request<{ ok: boolean; cleared: number } & ErrorJson>('POST', `/api/users/${username}/unlock`, { token });
    const ok = await unlock(officer, 'thieuvan.thon1');
    expect([ok.status, ok.body.cleared]).toEqual([200, 1]);
    expect((await login('thieuvan.thon1', PASSWORD)).status).toBe(200);

    const refused = await unlock(officer, 'donghai.kp1');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'auth/forbidden']);
    expect((await unlock(officer, 'khong.co.ai')).status).toBe(403); // no probing for names
    const member = (await login('thieuvan.thon1', PASSWORD)).body.token;
    expect((await unlock(member, 'thieuvan.thon1')).status).toBe(403);
    const admin = (await login('admin', PASSWORD, 'ip-admin')).body.token;
    expect((await unlock(admin, 'donghai.kp1')).status).toBe(200);
    expect((await unlock(admin, 'khong.co.ai')).status).toBe(404);
    expect((await login('donghai.kp1', PASSWORD)).status).toBe(200);
  });
});

describe('behind a trusted proxy', () => {
  beforeEach(async () => {
    s = await testServer({ demoUsers: true, deps: { trustProxy: true } });
    checks.mockClear();
  });

  it('counts the address the proxy appended, whatever the client wrote to the left of it', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await loginFrom({ 'x-forwarded-for': `10.0.0.${i}, 203.0.113.7` }, 'thieuvan.congan', 'sai');
      expect(r.status).toBe(401);
    }
    const forged = await loginFrom({ 'x-forwarded-for': '198.51.100.99, 203.0.113.7' }, 'thieuvan.congan', PASSWORD);
    expect(forged.status).toBe(429);
    expect(await s.store.getLoginCounter('thieuvan.congan', '203.0.113.7')).toMatchObject({ failures: 5 });
    expect(await s.store.getLoginCounter('thieuvan.congan', '10.0.0.1')).toBeNull();
    // The real user arrives through the proxy from another address.
    expect((await loginFrom({ 'x-forwarded-for': '203.0.113.7, 192.0.2.1' }, 'thieuvan.congan', PASSWORD)).status).toBe(200);
  });

  it('counts an IPv6 client per /64, so it cannot walk through its own block', async () => {
    for (let i = 0; i < 5; i++) await loginFrom({ 'x-forwarded-for': `2001:db8:1:2::${i + 1}` }, 'thieuvan.congan', 'sai');
    expect((await loginFrom({ 'x-forwarded-for': '2001:db8:1:2:ffff::9' }, 'thieuvan.congan', PASSWORD)).status).toBe(429);
    expect((await loginFrom({ 'x-forwarded-for': '2001:db8:1:3::1' }, 'thieuvan.congan', PASSWORD)).status).toBe(200);
  });
});
