// QR enrolment (issue 15), in process with an injected clock: the commune police issue a
// one-time code for a village member of their commune; the member's phone redeems it once,
// within 10 minutes, and gets the same session a password login gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0, testServer, type ErrorJson, type TestServer } from './helpers.ts';

interface Issued {
  username: string;
  code: string;
  expiresAt: number;
}
interface LoginAnswer {
  token: string;
  deviceId: string;
  expiresAt: number;
  user: { id: string; username: string; role: string; unitId: string };
  units: { id: string }[];
}

const MINUTE = 60_000;

describe('QR enrolment', () => {
  let s: TestServer;
  let police: string;
  beforeEach(async () => {
    s = await testServer({ demoUsers: true, deps: { loginLimit: { freeFailures: 3 } } });
    police = await s.session('u-thieuvan-congan', 'dpolice000000001');
  });
  afterEach(() => s.close());

  const issue = (token: string, username = 'thieuvan.thon1') => s.request<Issued & ErrorJson>('POST', '/api/enrol', { token, body: { username } });
  const redeem = (code: string, deviceId?: string) => s.request<LoginAnswer & ErrorJson>('POST', '/api/auth/enrol', { body: { code, ...(deviceId ? { deviceId } : {}) } });

  it('signs the member in once with the code their commune police issued', async () => {
    const issued = await issue(police);
    expect(issued.status).toBe(201);
    expect(issued.body.expiresAt).toBe(T0 + 10 * MINUTE);
    expect(issued.body.code).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const first = await redeem(issued.body.code);
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ username: 'thieuvan.thon1', role: 'villageMember', unitId: 'tv-thon-1' });
    expect(first.body.deviceId).toMatch(/^d[0-9a-z]{15}$/);
    // The token is a real session of that person on that phone.
    const me = await s.request<{ user: { username: string }; deviceId: string }>('GET', '/api/me', { token: first.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'thieuvan.thon1' }, deviceId: first.body.deviceId });

    const again = await redeem(issued.body.code);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('auth/bad-code');
    expect(again.body.error.message).toMatch(/một lần/);
  });

  it('refuses a code after its 10 minutes, and accepts it just before', async () => {
    const early = await issue(police);
    s.clock.advance(10 * MINUTE - 1);
    expect((await redeem(early.body.code)).status).toBe(200);

    const late = await issue(police);
    s.clock.advance(10 * MINUTE);
    const refused = await redeem(late.body.code);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('auth/bad-code');
  });

  it('refuses a wrong code and counts it like a wrong password', async () => {
    const issued = await issue(police);
    for (let i = 0; i < 3; i++) {
      const wrong = await redeem('AAAAAAAAAAAAAAAAAAAAAA');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('auth/bad-code');
    }
    // Past the free failures even the right code waits: a guesser cannot keep trying at full speed.
    const throttled = await redeem(issued.body.code);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('auth/too-many-attempts');
    s.clock.advance(5 * 1000);
    expect((await redeem(issued.body.code)).status).toBe(200);
  });

  it('a new code replaces the member’s earlier unused one', async () => {
    const older = await issue(police);
    const newer = await issue(police);
    expect((await redeem(older.body.code)).status).toBe(401);
    expect((await redeem(newer.body.code)).status).toBe(200);
  });

  it('only the member’s own commune police (or the admin) can issue a code, and only for a village member', async () => {
    const otherCommune = await s.session('u-donghai-congan', 'dpolice000000002');
    const leader = await s.session('u-thieuvan-lanhdao', 'dleader000000001');
    const district = await s.session('u-thanhpho-thanhhoa', 'ddistrict0000001');
    const member = await s.session('u-thieuvan-thon1', 'dmember000000001');
    const admin = await s.session('u-admin', 'dadmin0000000001');
    for (const token of [otherCommune, leader, district, member]) {
      const refused = await issue(token);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('auth/forbidden');
    }
    // Not a village member: an officer cannot hand out a colleague's account by QR.
    expect((await issue(police, 'thieuvan.lanhdao')).status).toBe(403);
    // A name that does not exist looks like any other refusal, except to the admin.
    expect((await issue(police, 'khong.co.ai')).status).toBe(403);
    expect((await issue(admin, 'khong.co.ai')).status).toBe(404);
    expect((await issue(admin)).status).toBe(201);
    expect((await s.request('POST', '/api/enrol', { body: { username: 'thieuvan.thon1' } })).status).toBe(401);
  });

  it('a phone whose proposed id belongs to someone else is refused and the code is not spent', async () => {
    await s.store.bindDevice('dpolice000000001', 'u-thieuvan-congan', T0);
    const issued = await issue(police);
    const taken = await redeem(issued.body.code, 'dpolice000000001');
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('auth/device-taken');
    expect((await redeem(issued.body.code)).status).toBe(200);
  });
});

describe('the test server’s clock offset (browser test of an expired code)', () => {
  it('is honoured only under NODE_ENV=test', async () => {
    const { readConfig } = await import('../../sync-server/config.ts');
    expect(readConfig({ NODE_ENV: 'test', TEST_CLOCK_OFFSET_MS: '660000' }, []).config.clockOffsetMs).toBe(660_000);
    expect(readConfig({ NODE_ENV: 'production', TEST_CLOCK_OFFSET_MS: '660000' }, []).config.clockOffsetMs).toBe(0);
    expect(readConfig({ TEST_CLOCK_OFFSET_MS: '660000' }, []).config.clockOffsetMs).toBe(0);
  });
});
