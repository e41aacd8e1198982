// Server-owned device identity: a device id is bound to one person at login (first binding
// wins), refused to anyone else, renewed for a restored or cloned phone, and revocable per
// phone by its owner or by the officers who look after that person.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_ID } from '../../src/domain/sync/hlc.ts';
import { PASSWORD, change, hlcAt, testServer, type ErrorJson, type TestServer } from './helpers.ts';

interface LoginJson {
  token: string;
  expiresAt: number;
  deviceId: string;
  user: { id: string };
}
interface DevicesJson {
  devices: { id: string; createdAt: number | null; lastSeenAt: number | null; current: boolean; revoked: boolean }[];
}

let s: TestServer;
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
});
afterEach(() => s.close());

const login = (username: string, deviceId?: string) =>
  s.request<LoginJson & ErrorJson>('POST', '/api/login', { body: { username, password: PASSWORD, ...(deviceId === undefined ? {} : { deviceId }) } });

async function loggedIn(username: string, deviceId?: string): Promise<LoginJson> {
  const r = await login(username, deviceId);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** One note on Mô hình 24 of Thiệu Vân, as the given phone stamps it. */
const note = (seq: number, device: string, author: string, text: string) =>
  change(seq, 'status', 'tv:mh-24', 'note', text, hlcAt(s.clock.now(), device, seq), null, 'tv', author);

describe('device ids issued and bound at login', () => {
  it('mints an id when the phone proposes none, a different one each time, bound to the person', async () => {
    const a = await loggedIn('thieuvan.congan');
    const b = await loggedIn('thieuvan.congan');
    // The phone stamps changes with it, so it must be a valid stamp device (src/domain/sync/hlc.ts).
    expect(a.deviceId).toMatch(/^d[0-9a-z]{15}$/);
    expect(a.deviceId).toMatch(DEVICE_ID);
    expect(b.deviceId).not.toBe(a.deviceId);
    expect(await s.store.getDeviceBinding(a.deviceId)).toMatchObject({ userId: 'u-thieuvan-congan', createdAt: s.clock.now(), revokedAt: null });
    const me = await s.request<{ deviceId: string }>('GET', '/api/me', { token: a.token });
    expect(me.body.deviceId).toBe(a.deviceId);
  });

  it('binds a well-formed unbound id the phone proposes, keeps it for the same person, and revokes that pair\'s older token', async () => {
    const first = await loggedIn('thieuvan.congan', 'dev1');
    expect(first.deviceId).toBe('dev1');
    const other = await loggedIn('thieuvan.congan', 'dev2');
    s.clock.advance(60_000);
    const again = await loggedIn('thieuvan.congan', 'dev1');
    expect(again.deviceId).toBe('dev1');
    // One person, one phone, one live token: the first token of dev1 stopped working, dev2's did not.
    expect((await s.request<ErrorJson>('GET', '/api/me', { token: first.token })).status).toBe(401);
    expect((await s.request('GET', '/api/me', { token: again.token })).status).toBe(200);
    expect((await s.request('GET', '/api/me', { token: other.token })).status).toBe(200);
    // Pushing under the bound id works as before.
    const pushed = await s.sync(again.token, 'dev1', [note(1, 'dev1', 'u-thieuvan-congan', 'ghi chú')]);
    expect([pushed.status, pushed.body.a]).toEqual([200, 1]);
  });

  it('refuses reserved ids whatever their case', async () => {
    for (const id of ['server', 'SERVER', 'server_2', 'Seed', 'seed_data', 'seedling']) {
      const r = await login('thieuvan.congan', id);
      expect([r.status, r.body.error?.code], id).toEqual([400, 'auth/device-reserved']);
      expect(r.body.error.message).toContain('dành riêng cho máy chủ');
    }
    expect((await login('thieuvan.congan', 'myserver')).status).toBe(200);
  });

  it('problem 2: a village member proposing the police phone\'s id is refused, and the police phone goes on syncing normally', async () => {
    const police = await loggedIn('thieuvan.congan', 'police_phone');
    const one = await s.sync(police.token, 'police_phone', [note(1, 'police_phone', 'u-thieuvan-congan', 'lần 1')]);
    expect([one.status, one.body.a]).toEqual([200, 1]);

    const hijack = await login('thieuvan.thon1', 'police_phone');
    expect(hijack.status).toBe(409);
    expect(hijack.body.error.code).toBe('auth/device-taken');
    expect(hijack.body.error.message).toBe('Mã thiết bị này đã gắn với một tài khoản khác. Hãy đăng nhập lại để máy chủ cấp mã thiết bị mới cho bạn.');
    expect(hijack.body.token).toBeUndefined();
    // Even a token somehow issued for the pair (e.g. before this version) is refused.
    const forged = await s.session('u-thieuvan-thon1', 'police_phone');
    expect((await s.sync(forged, 'police_phone', [note(2, 'police_phone', 'u-thieuvan-thon1', 'giả')])).status).toBe(401);
    // The app then logs in without proposing an id and gets its own.
    const member = await loggedIn('thieuvan.thon1');
    expect(member.deviceId).not.toBe('police_phone');

    const two = await s.sync(police.token, 'police_phone', [note(2, 'police_phone', 'u-thieuvan-congan', 'lần 2')]);
    expect([two.status, two.body.a, two.body.x]).toEqual([200, 2, []]);
    const logged = await s.store.deviceChanges('police_phone', 1, 10);
    expect(logged.map((e) => [e.deviceSeq, e.value, e.author])).toEqual([[1, 'lần 1', 'u-thieuvan-congan'], [2, 'lần 2', 'u-thieuvan-congan']]);
    expect((await s.store.getDevice('police_phone'))?.userId).toBe('u-thieuvan-congan');
  });

  it('a push never hands a bound device to another user', async () => {
    await loggedIn('thieuvan.congan', 'police_phone');
    await s.store.putDevice({ deviceId: 'police_phone', userId: 'u-thieuvan-thon1', highWater: 3 });
    expect(await s.store.getDevice('police_phone')).toEqual({ deviceId: 'police_phone', userId: 'u-thieuvan-congan', highWater: 3 });
  });
});

describe('a restored or cloned phone renews its identity', () => {
  it('mints a new id bound to the person, a token for it, and revokes the calling token', async () => {
    const old = await loggedIn('thieuvan.congan', 'phone_a');
    s.clock.advance(1000);
    const r = await s.request<{ deviceId: string; token: string; expiresAt: number } & ErrorJson>('POST', '/api/device/renew', { token: old.token, body: {} });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.deviceId).toMatch(/^d[0-9a-z]{15}$/);
    expect(r.body.deviceId).not.toBe('phone_a');
    expect(r.body.expiresAt).toBeGreaterThan(s.clock.now());

    expect((await s.request<ErrorJson>('GET', '/api/me', { token: old.token })).body.error.code).toBe('auth/invalid-token');
    const me = await s.request<{ deviceId: string; user: { id: string } }>('GET', '/api/me', { token: r.body.token });
    expect([me.status, me.body.deviceId, me.body.user.id]).toEqual([200, r.body.deviceId, 'u-thieuvan-congan']);
    const pushed = await s.sync(r.body.token, r.body.deviceId, [note(1, r.body.deviceId, 'u-thieuvan-congan', 'sau khi khôi phục')]);
    expect([pushed.status, pushed.body.a]).toEqual([200, 1]);

    const list = await s.request<DevicesJson>('GET', '/api/devices', { token: r.body.token });
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.body.devices.map((d) => [d.id, d.current, d.revoked]).sort()).toEqual([['phone_a', false, false], [r.body.deviceId, true, false]].sort());
    expect((await s.request('POST', '/api/device/renew', { body: {} })).status).toBe(401);
  });
});

describe('revoking a phone', () => {
  const revoke = (token: string, id: string) => s.request<{ ok: boolean; revokedTokens: number } & ErrorJson>('POST', `/api/devices/${id}/revoke`, { token });

  it('the owner revokes one of their phones: its tokens stop, its id cannot log in again, the others go on', async () => {
    const lost = await loggedIn('thieuvan.thon1', 'lost_phone');
    const kept = await loggedIn('thieuvan.thon1', 'new_phone');
    const r = await revoke(kept.token, 'lost_phone');
    expect([r.status, r.body.revokedTokens]).toEqual([200, 1]);
    expect(r.headers.get('cache-control')).toBe('no-store');

    const after = await s.request<ErrorJson>('GET', '/api/me', { token: lost.token });
    expect([after.status, after.body.error.code]).toEqual([401, 'auth/device-revoked']);
    expect((await s.sync(lost.token, 'lost_phone', [])).status).toBe(401);
    const again = await login('thieuvan.thon1', 'lost_phone');
    expect([again.status, again.body.error.code]).toEqual([409, 'auth/device-revoked']);
    expect(again.body.error.message).toContain('đã bị thu hồi');
    expect((await loggedIn('thieuvan.thon1')).deviceId).not.toBe('lost_phone');
    expect((await s.request('GET', '/api/me', { token: kept.token })).status).toBe(200);

    const list = await s.request<DevicesJson>('GET', '/api/devices', { token: kept.token });
    expect(list.body.devices.find((d) => d.id === 'lost_phone')).toMatchObject({ revoked: true, current: false });
    expect(list.body.devices.find((d) => d.id === 'new_phone')).toMatchObject({ revoked: false, current: true });
  });

  it('problem 3: a commune officer revokes a phone of a village member of the commune, not of another commune', async () => {
    await s.store.putUnit({ id: 'dh-kp-1', name: 'Khu phố 1', level: 'village', parentId: 'dh', placeholder: false });
    await s.addUser({ id: 'u-dh-kp1', username: 'donghai.kp1', role: 'villageMember', unitId: 'dh-kp-1' });
    const member = await loggedIn('thieuvan.thon1', 'thon1_phone');
    const outsider = await loggedIn('donghai.kp1', 'kp1_phone');
    const officer = await loggedIn('thieuvan.congan', 'tv_police');

    const phones = await s.request<DevicesJson>('GET', '/api/users/thieuvan.thon1/devices', { token: officer.token });
    expect(phones.body.devices.map((d) => d.id)).toEqual(['thon1_phone']);
    expect((await revoke(officer.token, 'thon1_phone')).status).toBe(200);
    expect((await s.request('GET', '/api/me', { token: member.token })).status).toBe(401);

    const refused = await revoke(officer.token, 'kp1_phone');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'auth/forbidden']);
    expect((await s.request<ErrorJson>('GET', '/api/users/donghai.kp1/devices', { token: officer.token })).status).toBe(403);
    expect((await s.request('GET', '/api/me', { token: outsider.token })).status).toBe(200);

    // Nor may a village member revoke the officer's phone, nor the officer of another district;
    // the province officer, above both communes, may.
    expect((await revoke(outsider.token, 'tv_police')).status).toBe(403);
    const qx = await loggedIn('quangxuong.huyen');
    expect((await revoke(qx.token, 'kp1_phone')).status).toBe(403);
    const province = await loggedIn('thanhhoa.tinh');
    expect((await s.request<DevicesJson>('GET', '/api/users/donghai.kp1/devices', { token: province.token })).body.devices).toHaveLength(1);
    const admin = await loggedIn('admin');
    expect((await revoke(admin.token, 'kp1_phone')).status).toBe(200);
    expect((await revoke(admin.token, 'khong_co_may')).status).toBe(404);
  });
});
