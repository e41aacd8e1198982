// The browser admin's API (/api/admin/*, /api/auth/redeem, /api/plans), in process. Who may do
// what is stated from the contract (ADMIN-API.md: the admin; province/district officers with the
// admin right within their subtree; the commune police for their villages' members; nobody
// else) on the demo tree (seeds/org), not read from the rule's code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { loadPlanSeeds } from '../../src/seed/plans-schema.ts';
import { runAdmin } from '../../sync-server/admin/commands.ts';
import { PASSWORD, testServer, type ErrorJson, type TestServer } from './helpers.ts';

interface UnitJson { id: string; name: string; level: string; parentId: string | null; placeholder: boolean; rules: unknown; closedOn: string | null }
interface UserJson { id: string; username: string; displayName: string; role: string; unitId: string; active: boolean; canAdmin: boolean; createdAt: number }
interface AuditJson { id: number; at: number; actor: { id: string; name: string } | null; action: string; target: string; detail: Record<string, unknown> }
interface ImportJson { ok: boolean; errors: { sheet: string; row: number; field: string; message: string }[]; created?: { units: number; users: number }; codes?: { username: string; code: string; expiresAt: number }[] }

let s: TestServer;
/** Tokens by demo username (seeds/demo-users.json). */
const tok: Record<string, string> = {};
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
  // The Quảng Xương district officer holds the admin right; its colleague doan1 does not.
  await s.store.updateUser('u-quangxuong-huyen', { canAdmin: true });
  for (const [name, id] of [
    ['admin', 'u-admin'],
    ['qx', 'u-quangxuong-huyen'],
    ['doan1', 'u-quangxuong-doan1'],
    ['tinh', 'u-thanhhoa-tinh'],
    ['tvPolice', 'u-thieuvan-congan'],
    ['tvLeader', 'u-thieuvan-lanhdao'],
    ['thon1', 'u-thieuvan-thon1'],
    ['tanphong', 'u-tanphong-congan'],
  ] as const) {
    tok[name] = await s.session(id, `dev_${name}`);
  }
});
afterEach(() => s.close());

type Body = Record<string, unknown> | unknown[];
const get = <T>(path: string, who: string) => s.request<T & ErrorJson>('GET', path, { token: tok[who] });
const send = <T>(method: string, path: string, who: string, body?: Body) => s.request<T & ErrorJson>(method, path, { token: tok[who], ...(body !== undefined ? { body } : {}) });
const audit = async () => (await get<{ entries: AuditJson[] }>('/api/admin/audit?limit=500', 'admin')).body.entries;
const login = (username: string, password: string, deviceId?: string) =>
  s.request<{ token: string; deviceId: string; user: { username: string; unitId: string } } & ErrorJson>('POST', '/api/login', { body: { username, password, ...(deviceId ? { deviceId } : {}) } });

describe('GET /api/admin/me', () => {
  it('tells each person what they may administer', async () => {
    expect((await get('/api/admin/me', 'admin')).body).toEqual({ role: 'admin', scope: null, canAdminUnits: true, canEnrol: true });
    expect((await get('/api/admin/me', 'qx')).body).toEqual({ role: 'districtOfficer', scope: 'qx', canAdminUnits: true, canEnrol: true });
    expect((await get('/api/admin/me', 'doan1')).body).toEqual({ role: 'districtOfficer', scope: 'qx', canAdminUnits: false, canEnrol: false });
    expect((await get('/api/admin/me', 'tvPolice')).body).toEqual({ role: 'communeStanding', scope: 'tv', canAdminUnits: false, canEnrol: true });
    expect((await get('/api/admin/me', 'thon1')).body).toMatchObject({ canAdminUnits: false, canEnrol: false });
    expect((await s.request('GET', '/api/admin/me')).status).toBe(401);
  });
});

describe('units', () => {
  it('lists the units of one\'s scope: all for the admin, the district\'s subtree for its officer, the commune for its police', async () => {
    const all = (await get<{ units: UnitJson[] }>('/api/admin/units', 'admin')).body.units;
    expect(all.map((u) => u.id)).toContain('th');
    expect(all.find((u) => u.id === 'tv')).toMatchObject({ level: 'commune', parentId: 'th-tp', closedOn: null });
    const qx = (await get<{ units: UnitJson[] }>('/api/admin/units', 'qx')).body.units.map((u) => u.id);
    expect(qx).toContain('qx');
    expect(qx).toContain('qx-quang-binh');
    expect(qx).not.toContain('th');
    expect(qx).not.toContain('tv');
    const tv = (await get<{ units: UnitJson[] }>('/api/admin/units', 'tvPolice')).body.units.map((u) => u.id).sort();
    expect(tv).toEqual(['tv', 'tv-thon-1', 'tv-thon-2', 'tv-thon-3', 'tv-thon-4', 'tv-thon-5', 'tv-thon-6']);
    for (const who of ['doan1', 'thon1', 'tvLeader']) expect((await get('/api/admin/units', who)).body.error.code).toBe('admin/forbidden');
  });

  it('creates, renames and sets rules within the subtree, refusing the parent, other districts and the wrong grammar', async () => {
    const made = await send<{ unit: UnitJson }>('POST', '/api/admin/units', 'qx', { id: 'qx-qb-thon-1', name: 'Thôn 1', level: 'village', parentId: 'qx-quang-binh' });
    expect(made.status).toBe(201);
    expect(made.body.unit).toMatchObject({ id: 'qx-qb-thon-1', parentId: 'qx-quang-binh', rules: null });
    expect((await s.store.getUnits()).some((u) => u.id === 'qx-qb-thon-1')).toBe(true);

    // Outside its subtree (another district's commune, the province above it, a new root): 403.
    expect((await send('POST', '/api/admin/units', 'qx', { id: 'tv-thon-9', name: 'Thôn 9', level: 'village', parentId: 'tv' })).status).toBe(403);
    expect((await send('POST', '/api/admin/units', 'qx', { id: 'qx2', name: 'Huyện mới', level: 'district', parentId: 'th' })).status).toBe(403);
    expect((await send('POST', '/api/admin/units', 'qx', { id: 'p2', name: 'Tỉnh mới', level: 'province', parentId: null })).status).toBe(403);
    expect((await send('PATCH', '/api/admin/units/th', 'qx', { name: 'Tỉnh khác' })).status).toBe(403);
    expect((await send('PATCH', '/api/admin/units/th-tp', 'qx', { name: 'Thành phố khác' })).status).toBe(403);
    // Officers without the right, and village members: 403 for everything.
    expect((await send('POST', '/api/admin/units', 'doan1', { id: 'qx-x', name: 'Thôn X', level: 'village', parentId: 'qx-quang-binh' })).status).toBe(403);
    expect((await send('POST', '/api/admin/units', 'thon1', { id: 'tv-thon-7', name: 'Thôn 7', level: 'village', parentId: 'tv' })).status).toBe(403);

    // Record ids embed unit ids: ':' and '@' would make them ambiguous.
    const bad = await send('POST', '/api/admin/units', 'qx', { id: 'qx:bad', name: '', level: 'tinh', parentId: 'qx-quang-binh' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('admin/invalid');
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['id', 'level', 'name']);
    expect(JSON.stringify(bad.body)).not.toMatch(/Invalid|expected/);
    const taken = await send('POST', '/api/admin/units', 'qx', { id: 'qx-quang-binh', name: 'Trùng', level: 'commune', parentId: 'qx' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'admin/conflict']);
    const upward = await send('POST', '/api/admin/units', 'admin', { id: 'x-d', name: 'Huyện dưới xã', level: 'district', parentId: 'qx-quang-binh' });
    expect(upward.status).toBe(400);

    const renamed = await send<{ unit: UnitJson }>('PATCH', '/api/admin/units/qx-quang-binh', 'qx', { name: 'xã Quảng Bình (mới)' });
    expect(renamed.body.unit).toMatchObject({ name: 'xã Quảng Bình (mới)', parentId: 'qx', level: 'commune' });
    const rules = await send<{ unit: UnitJson }>('PUT', '/api/admin/units/qx-quang-binh/rules', 'qx', { rules: [{ periodType: 'monthly', dueBeforeDay: 25 }] });
    expect(rules.body.unit.rules).toEqual([{ periodType: 'monthly', dueBeforeDay: 25, monthOffset: 0 }]);
    const badRules = await send('PUT', '/api/admin/units/qx-quang-binh/rules', 'qx', { rules: [{ periodType: 'weekly', dueWeekday: 9 }] });
    expect(badRules.status).toBe(400);
    expect(badRules.body.error.issues?.[0]?.path).toBe('rules.0.dueWeekday');
    expect((await send<{ unit: UnitJson }>('PUT', '/api/admin/units/qx-quang-binh/rules', 'qx', { rules: null })).body.unit.rules).toBeNull();
    expect((await send('PATCH', '/api/admin/units/khong-co', 'admin', { name: 'X' })).status).toBe(404);

    const actions = (await audit()).filter((e) => e.actor?.id === 'u-quangxuong-huyen').map((e) => `${e.action} ${e.target}`);
    expect(actions).toEqual(['rules.set qx-quang-binh', 'rules.set qx-quang-binh', 'unit.update qx-quang-binh', 'unit.create qx-qb-thon-1']);
  });
});

describe('users', () => {
  it('creates accounts within the subtree up to one\'s own role; without a password they get a one-time code', async () => {
    const made = await send<{ user: UserJson; code: { code: string; expiresAt: number } }>('POST', '/api/admin/users', 'qx', {
      username: 'QuangBinh.CongAn', displayName: 'Công an xã Quảng Bình', role: 'communeStanding', unitId: 'qx-quang-binh',
    });
    expect(made.status).toBe(201);
    expect(made.body.user).toMatchObject({ username: 'quangbinh.congan', role: 'communeStanding', active: true, canAdmin: false });
    expect(made.body.code.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/);
    expect(made.body.code.expiresAt).toBe(s.clock.now() + 72 * 3_600_000);
    // A peer district officer with the admin right: not above its own role.
    expect((await send('POST', '/api/admin/users', 'qx', { username: 'qx.moi', displayName: 'Cán bộ mới', role: 'districtOfficer', unitId: 'qx', canAdmin: true, password: 'mat-khau-qx-1' })).status).toBe(201);

    const refuse = async (body: Body, who = 'qx') => {
      const r = await send('POST', '/api/admin/users', who, body);
      return [r.status, r.body.error.code];
    };
    expect(await refuse({ username: 'a.tinh', displayName: 'A', role: 'provinceOfficer', unitId: 'th', password: 'mat-khau-dai-1' })).toEqual([403, 'admin/forbidden']);
    expect(await refuse({ username: 'a.admin', displayName: 'A', role: 'admin', unitId: 'qx', password: 'mat-khau-dai-1' })).toEqual([403, 'admin/forbidden']);
    expect(await refuse({ username: 'a.tv', displayName: 'A', role: 'communeStanding', unitId: 'tv', password: 'mat-khau-dai-1' })).toEqual([403, 'admin/forbidden']);
    expect(await refuse({ username: 'a.b', displayName: 'A', role: 'villageMember', unitId: 'qx-quang-binh', password: 'mat-khau-dai-1' })).toEqual([400, 'admin/invalid']);
    expect(await refuse({ username: 'a.c', displayName: 'A', role: 'communeLeader', unitId: 'qx-quang-binh', canAdmin: true, password: 'mat-khau-dai-1' })).toEqual([400, 'admin/invalid']);
    expect(await refuse({ username: 'a.d', displayName: 'A', role: 'communeLeader', unitId: 'qx-quang-binh', password: 'ngan' })).toEqual([400, 'admin/invalid']);
    expect(await refuse({ username: 'tanphong.congan', displayName: 'A', role: 'communeLeader', unitId: 'qx-quang-binh', password: 'mat-khau-dai-1' })).toEqual([409, 'admin/conflict']);
    expect(await refuse({ username: 'a.e', displayName: 'A', role: 'communeLeader', unitId: 'qx-quang-binh', password: 'mat-khau-dai-1' }, 'doan1')).toEqual([403, 'admin/forbidden']);
    expect(await refuse({ username: 'a.f', displayName: 'A', role: 'villageMember', unitId: 'tv-thon-1', password: 'mat-khau-dai-1' }, 'thon1')).toEqual([403, 'admin/forbidden']);

    const list = (await get<{ users: UserJson[] }>('/api/admin/users?unit=qx', 'qx')).body.users.map((u) => u.username);
    expect(list).toEqual(expect.arrayContaining(['quangbinh.congan', 'qx.moi', 'tanphong.congan', 'quangxuong.doan1']));
    expect(list).not.toContain('quangxuong.huyen'); // not its own account
    expect(list).not.toContain('admin');
    expect(list).not.toContain('thieuvan.congan');
    expect((await get<{ users: UserJson[] }>('/api/admin/users?unit=qx-tan-phong', 'qx')).body.users.map((u) => u.username)).toEqual(['tanphong.congan']);
  });

  it('deactivation ends the sessions, refuses the login in Vietnamese and stops any token; activation lets the person back', async () => {
    const before = await get('/api/me', 'tanphong');
    expect(before.status).toBe(200);
    const off = await send<{ user: UserJson }>('POST', '/api/admin/users/u-tanphong-congan/deactivate', 'qx');
    expect(off.body.user.active).toBe(false);
    expect((await get('/api/me', 'tanphong')).status).toBe(401);
    const refused = await login('tanphong.congan', PASSWORD);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'auth/deactivated']);
    expect(refused.body.error.message).toMatch(/đã bị khóa/);
    // A token that slipped through (issued directly) is refused by the session check itself.
    const stray = await s.session('u-tanphong-congan', 'dev_stray');
    const strayReply = await s.request<ErrorJson>('GET', '/api/me', { token: stray });
    expect([strayReply.status, strayReply.body.error.code]).toEqual([401, 'auth/deactivated']);
    // An inactive administrator is refused like anyone else.
    await s.store.updateUser('u-quangxuong-huyen', { active: false });
    expect((await send('POST', '/api/admin/users/u-tanphong-congan/activate', 'qx')).status).toBe(401);
    await s.store.updateUser('u-quangxuong-huyen', { active: true });

    expect((await send<{ user: UserJson }>('POST', '/api/admin/users/u-tanphong-congan/activate', 'qx')).body.user.active).toBe(true);
    expect((await login('tanphong.congan', PASSWORD)).status).toBe(200);
    const actions = (await audit()).map((e) => `${e.action} ${e.target}`);
    expect(actions.slice(0, 2)).toEqual(['user.activate tanphong.congan', 'user.deactivate tanphong.congan']);
  });

  it('moving an account or changing its role signs it out; never onto a unit or role out of reach', async () => {
    const moved = await send<{ user: UserJson }>('PATCH', '/api/admin/users/u-tanphong-congan', 'qx', { unitId: 'qx-quang-binh' });
    expect(moved.body.user).toMatchObject({ unitId: 'qx-quang-binh', role: 'communeStanding' });
    expect((await get('/api/me', 'tanphong')).status).toBe(401);
    const again = await login('tanphong.congan', PASSWORD);
    expect(again.body.user.unitId).toBe('qx-quang-binh');
    const renamed = await send<{ user: UserJson }>('PATCH', '/api/admin/users/u-tanphong-congan', 'qx', { displayName: 'Công an xã Quảng Bình' });
    expect(renamed.body.user.displayName).toBe('Công an xã Quảng Bình');
    expect((await s.request('GET', '/api/me', { token: again.body.token })).status).toBe(200); // a name correction keeps the session

    const refuse = async (id: string, body: Body, who = 'qx') => (await send('PATCH', `/api/admin/users/${id}`, who, body)).status;
    expect(await refuse('u-tanphong-congan', { unitId: 'tv' })).toBe(403); // into another district
    expect(await refuse('u-tanphong-congan', { role: 'provinceOfficer', unitId: 'th' })).toBe(403);
    expect(await refuse('u-tanphong-congan', { role: 'villageMember' })).toBe(400); // a commune is no village
    expect(await refuse('u-thieuvan-congan', { displayName: 'X' })).toBe(403); // another district's account
    expect(await refuse('u-admin', { displayName: 'X' })).toBe(403);
    expect(await refuse('u-thanhhoa-tinh', { displayName: 'X' })).toBe(403); // above it
    expect(await refuse('u-quangxuong-huyen', { displayName: 'X' })).toBe(403); // itself
    expect(await refuse('u-khong-co', { displayName: 'X' })).toBe(403); // nobody but the admin learns it does not exist
    expect(await refuse('u-khong-co', { displayName: 'X' }, 'admin')).toBe(404);
    expect(await refuse('u-admin', { role: 'provinceOfficer' }, 'admin')).toBe(400); // the admin cannot demote itself

    // The right goes with the role: a district officer made commune leader loses it.
    await send('PATCH', '/api/admin/users/u-quangxuong-doan1', 'qx', { canAdmin: true });
    expect((await s.store.getUserById('u-quangxuong-doan1'))?.canAdmin).toBe(true);
    const demoted = await send<{ user: UserJson }>('PATCH', '/api/admin/users/u-quangxuong-doan1', 'admin', { role: 'communeLeader', unitId: 'qx-quang-binh' });
    expect(demoted.body.user).toMatchObject({ role: 'communeLeader', canAdmin: false });
    expect((await audit()).map((e) => e.action).slice(0, 4)).toEqual(['user.move', 'user.update', 'user.update', 'user.move']);
  });

  it('the commune police manage their villages\' members and nothing else', async () => {
    const made = await send<{ user: UserJson; code: { code: string } }>('POST', '/api/admin/users', 'tvPolice', {
      username: 'thieuvan.thon2', displayName: 'Tổ công nghệ số Thôn 2', role: 'villageMember', unitId: 'tv-thon-2',
    });
    expect(made.status).toBe(201);
    expect(made.body.code.code).toHaveLength(8);
    expect((await send('POST', '/api/admin/users', 'tvPolice', { username: 'x.qx', displayName: 'X', role: 'villageMember', unitId: 'qx-quang-binh', password: 'mat-khau-dai-1' })).status).toBe(403);
    expect((await send('POST', '/api/admin/users', 'tvPolice', { username: 'x.ld', displayName: 'X', role: 'communeLeader', unitId: 'tv', password: 'mat-khau-dai-1' })).status).toBe(403);
    expect((await send('POST', '/api/admin/users/u-thieuvan-thon1/deactivate', 'tvPolice')).status).toBe(200);
    expect((await send('POST', '/api/admin/users/u-thieuvan-thon1/activate', 'tvPolice')).status).toBe(200);
    expect((await send('POST', '/api/admin/users/u-thieuvan-thon1/reset', 'tvPolice')).status).toBe(200);
    expect((await send('PATCH', '/api/admin/users/u-thieuvan-thon1', 'tvPolice', { unitId: 'tv-thon-3' })).status).toBe(403);
    expect((await send('POST', '/api/admin/users/u-thieuvan-lanhdao/deactivate', 'tvPolice')).status).toBe(403);
    expect((await send('POST', '/api/admin/users/u-thieuvan-thon1/deactivate', 'tvLeader')).status).toBe(403);
    expect((await get<{ users: UserJson[] }>('/api/admin/users', 'tvPolice')).body.users.map((u) => u.username).sort()).toEqual(['thieuvan.thon1', 'thieuvan.thon2']);
    expect((await get('/api/admin/audit', 'tvPolice')).status).toBe(403);
  });

  it('revokes an account\'s sessions', async () => {
    const r = await send<{ revoked: number }>('POST', '/api/admin/users/u-tanphong-congan/revoke-sessions', 'qx');
    expect(r.body).toEqual({ revoked: 1 });
    expect((await get('/api/me', 'tanphong')).status).toBe(401);
    expect((await send('POST', '/api/admin/users/u-thieuvan-congan/revoke-sessions', 'qx')).status).toBe(403);
  });
});

describe('one-time codes: POST /api/auth/redeem', () => {
  const redeem = (username: string, code: string, newPassword = 'mat-khau-moi-2026', deviceId?: string) =>
    s.request<{ token: string; deviceId: string; user: { username: string } } & ErrorJson>('POST', '/api/auth/redeem', { body: { username, code, newPassword, ...(deviceId ? { deviceId } : {}) } });

  it('signs in once with the code, sets the password and ends the old sessions; a used or expired code is refused', async () => {
    const { code } = (await send<{ code: string; expiresAt: number }>('POST', '/api/admin/users/u-tanphong-congan/reset', 'qx')).body;
    expect((await redeem('tanphong.congan', 'ABCDEFGH')).body.error.code).toBe('auth/bad-code');
    // Someone else's code does not work for this name, and is not spent by trying.
    expect((await redeem('thieuvan.thon1', code)).body.error.code).toBe('auth/bad-code');
    expect((await redeem('tanphong.congan', code, 'ngan')).status).toBe(400); // the password rule, before the code is touched

    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    const ok = await redeem('tanphong.congan', typed, 'mat-khau-moi-2026', 'tp_phone');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ deviceId: 'tp_phone', user: { username: 'tanphong.congan' } });
    expect((await s.request('GET', '/api/me', { token: ok.body.token })).status).toBe(200);
    expect((await get('/api/me', 'tanphong')).status).toBe(401); // the old session
    expect((await login('tanphong.congan', PASSWORD)).status).toBe(401);
    expect((await login('tanphong.congan', 'mat-khau-moi-2026')).status).toBe(200);
    expect((await redeem('tanphong.congan', code)).body.error.code).toBe('auth/bad-code'); // single use

    const late = (await send<{ code: string }>('POST', '/api/admin/users/u-tanphong-congan/reset', 'qx')).body.code;
    s.clock.advance(72 * 3_600_000);
    expect((await redeem('tanphong.congan', late)).body.error.code).toBe('auth/bad-code');

    // A new code voids the one handed over before it.
    const first = (await send<{ code: string }>('POST', '/api/admin/users/u-tanphong-congan/reset', 'qx')).body.code;
    const second = (await send<{ code: string }>('POST', '/api/admin/users/u-tanphong-congan/reset', 'qx')).body.code;
    expect((await redeem('tanphong.congan', first)).body.error.code).toBe('auth/bad-code');
    expect((await redeem('tanphong.congan', second)).status).toBe(200);
    expect((await audit()).filter((e) => e.action === 'user.redeem')).toHaveLength(2);
  });

  it('counts wrong codes like wrong passwords', async () => {
    const { code } = (await send<{ code: string }>('POST', '/api/admin/users/u-tanphong-congan/reset', 'qx')).body;
    for (let i = 0; i < 5; i++) expect((await redeem('tanphong.congan', `WRONG${i}AA`)).status).toBe(401);
    // The sixth attempt waits, whatever the code: a guesser cannot try 2^40 of them.
    const blocked = await redeem('tanphong.congan', code);
    expect([blocked.status, blocked.body.error.code]).toEqual([429, 'auth/too-many-attempts']);
    s.clock.advance(60_000);
    expect((await redeem('tanphong.congan', code)).status).toBe(200);
  });

  it('refuses a locked account\'s code without spending it', async () => {
    const { code } = (await send<{ code: string }>('POST', '/api/admin/users/u-tanphong-congan/reset', 'qx')).body;
    await send('POST', '/api/admin/users/u-tanphong-congan/deactivate', 'qx');
    expect((await redeem('tanphong.congan', code)).body.error.code).toBe('auth/deactivated');
    await send('POST', '/api/admin/users/u-tanphong-congan/activate', 'qx');
    expect((await redeem('tanphong.congan', code)).status).toBe(200);
  });
});

describe('bulk import', () => {
  // Two communes of three villages each under Quảng Xương, and 12 accounts: 2 commune police, 2
  // commune leaders, 6 village members, 2 district officers. Spreadsheet rows start at 2 (row 1 = header).
  const units = [
    { row: 2, id: 'qx-moi-a', name: 'xã Mới A', level: 'commune', parentId: 'qx' },
    { row: 3, id: 'qx-moi-a-1', name: 'Thôn 1', level: 'village', parentId: 'qx-moi-a' },
    { row: 4, id: 'qx-moi-a-2', name: 'Thôn 2', level: 'village', parentId: 'qx-moi-a' },
    { row: 5, id: 'qx-moi-a-3', name: 'Thôn 3', level: 'village', parentId: 'qx-moi-a' },
    { row: 6, id: 'qx-moi-b', name: 'xã Mới B', level: 'commune', parentId: 'qx' },
    { row: 7, id: 'qx-moi-b-1', name: 'Thôn 1', level: 'village', parentId: 'qx-moi-b' },
    { row: 8, id: 'qx-moi-b-2', name: 'Thôn 2', level: 'village', parentId: 'qx-moi-b' },
    { row: 9, id: 'qx-moi-b-3', name: 'Thôn 3', level: 'village', parentId: 'qx-moi-b' },
  ];
  const person = (row: number, username: string, role: string, unitId: string, password?: string) => ({
    row, username, displayName: `Người ${username}`, role, unitId, ...(password ? { password } : {}),
  });
  const users = [
    person(2, 'moia.congan', 'communeStanding', 'qx-moi-a', 'mat-khau-moi-a'),
    person(3, 'moia.lanhdao', 'communeLeader', 'qx-moi-a'),
    person(4, 'moia.thon1', 'villageMember', 'qx-moi-a-1', 'mat-khau-thon-1'),
    person(5, 'moia.thon2', 'villageMember', 'qx-moi-a-2'),
    person(6, 'moia.thon3', 'villageMember', 'qx-moi-a-3'),
    person(7, 'moib.congan', 'communeStanding', 'qx-moi-b'),
    person(8, 'moib.lanhdao', 'communeLeader', 'qx-moi-b'),
    person(9, 'moib.thon1', 'villageMember', 'qx-moi-b-1'),
    person(10, 'moib.thon2', 'villageMember', 'qx-moi-b-2'),
    person(11, 'moib.thon3', 'villageMember', 'qx-moi-b-3'),
    person(12, 'qx.canbo1', 'districtOfficer', 'qx'),
    person(13, 'qx.canbo2', 'districtOfficer', 'qx'),
  ];

  it('names exactly the bad rows in a dry run and writes nothing; fixed, it creates everything at once, audited once', async () => {
    const unitsBefore = (await s.store.getUnits()).length;
    const usersBefore = (await s.store.listUsers()).length;
    const auditBefore = (await audit()).length;
    const broken = {
      units: units.map((u) => (u.row === 8 ? { ...u, parentId: 'qx-moi-c' } : u)), // no such parent
      users: users.map((u) => (u.row === 6 ? { ...u, role: 'communeStanding' } : u.row === 10 ? { ...u, username: 'moib.thon1' } : u)), // police at a village; a name twice
      dryRun: true,
    };
    const dry = await send<ImportJson>('POST', '/api/admin/import', 'qx', broken);
    expect(dry.status).toBe(200);
    expect(dry.body.ok).toBe(false);
    expect(dry.body.errors.map((e) => [e.sheet, e.row, e.field])).toEqual([
      ['units', 8, 'parentId'],
      ['users', 6, 'role'],
      ['users', 10, 'username'],
    ]);
    expect(dry.body.errors[0]!.message).toContain('qx-moi-c');
    expect(dry.body.errors[2]!.message).toContain('dòng 9');
    for (const e of dry.body.errors) expect(e.message).not.toMatch(/Invalid|expected/);
    // The same broken file for real: refused, nothing written either.
    expect((await send<ImportJson>('POST', '/api/admin/import', 'qx', { ...broken, dryRun: false })).body.ok).toBe(false);
    expect((await s.store.getUnits()).length).toBe(unitsBefore);
    expect((await s.store.listUsers()).length).toBe(usersBefore);
    expect((await audit()).length).toBe(auditBefore);

    const clean = await send<ImportJson>('POST', '/api/admin/import', 'qx', { units, users, dryRun: true });
    expect(clean.body).toEqual({ ok: true, errors: [] });
    expect((await s.store.getUnits()).length).toBe(unitsBefore);

    const real = await send<ImportJson>('POST', '/api/admin/import', 'qx', { units, users, dryRun: false });
    expect(real.body).toMatchObject({ ok: true, errors: [], created: { units: 8, users: 12 } });
    expect(real.body.codes?.map((c) => c.username).sort()).toEqual(users.filter((u) => !u.password).map((u) => u.username).sort());
    expect((await s.store.getUnits()).length).toBe(unitsBefore + 8);
    expect((await s.store.listUsers()).length).toBe(usersBefore + 12);
    const entries = (await audit()).slice(0, (await audit()).length - auditBefore);
    expect(entries.map((e) => e.action)).toEqual(['import.apply']);
    expect(entries[0]!.actor).toEqual({ id: 'u-quangxuong-huyen', name: 'Tổ công tác Đề án 06 huyện Quảng Xương' });

    // A new member signs in on a phone with the password from the sheet, another with their code.
    const member = await login('moia.thon1', 'mat-khau-thon-1', 'thon1_phone');
    expect(member.status).toBe(200);
    expect(member.body.user.unitId).toBe('qx-moi-a-1');
    const code = real.body.codes!.find((c) => c.username === 'moib.thon2')!.code;
    expect((await s.request('POST', '/api/auth/redeem', { body: { username: 'moib.thon2', code, newPassword: 'mat-khau-thon-b2' } })).status).toBe(200);

    // Importing the same file again: every row already exists.
    const twice = await send<ImportJson>('POST', '/api/admin/import', 'qx', { units, users, dryRun: true });
    expect(twice.body.errors).toHaveLength(units.length + users.length);
  });

  it('checks ids, levels, roles and passwords row by row, and the importer\'s reach', async () => {
    const r = await send<ImportJson>('POST', '/api/admin/import', 'qx', {
      units: [
        { row: 2, id: 'qx:x', name: 'Xã X', level: 'commune', parentId: 'qx' },
        { row: 3, id: 'qx-y', name: '', level: 'xa', parentId: 'qx' },
        { row: 4, id: 'qx-z', name: 'Huyện Z', level: 'district', parentId: 'qx' },
        { row: 5, id: 'tv-thon-9', name: 'Thôn 9', level: 'village', parentId: 'tv' },
        { row: 6, id: 'qx-quang-binh', name: 'Trùng', level: 'commune', parentId: 'qx' },
        { row: 7, id: 'qx-w', name: 'Xã W', level: 'commune', parentId: 'qx' },
        { row: 8, id: 'qx-w', name: 'Xã W lần hai', level: 'commune', parentId: 'qx' },
      ],
      users: [
        { row: 2, username: 'a', displayName: 'A', role: 'communeLeader', unitId: 'qx-w' },
        { row: 3, username: 'b.b', displayName: 'B', role: 'thuTruong', unitId: 'qx-w' },
        { row: 4, username: 'c.c', displayName: 'C', role: 'communeLeader', unitId: 'qx-w', password: 'ngan' },
        { row: 5, username: 'd.d', displayName: 'D', role: 'provinceOfficer', unitId: 'th' },
        { row: 6, username: 'e.e', displayName: 'E', role: 'communeLeader', unitId: 'khong-co' },
        { row: 7, username: 'f.f', displayName: 'F', role: 'communeLeader', unitId: 'qx-w' },
      ],
      dryRun: true,
    });
    expect(r.body.errors.map((e) => `${e.sheet}:${e.row}:${e.field}`)).toEqual([
      'units:2:id', 'units:3:name', 'units:3:level', 'units:4:level', 'units:5:parentId', 'units:6:id', 'units:8:id',
      'users:2:username', 'users:3:role', 'users:4:password', 'users:5:unitId', 'users:6:unitId',
    ]);
  });
});

describe('catalogue, plans, audit', () => {
  it('imports a catalogue (the admin only) and a plan the phones then read, with an ETag', async () => {
    const catalogue = { ...buildSeedBundle().catalogue, version: '2027.02.01-1' };
    expect((await send('POST', '/api/admin/catalogue', 'qx', catalogue)).status).toBe(403);
    expect((await send<{ models: number }>('POST', '/api/admin/catalogue', 'admin', catalogue)).body).toEqual({ models: catalogue.models.length });
    expect((await send('POST', '/api/admin/catalogue', 'admin', catalogue)).status).toBe(409);
    expect((await s.request<{ version: string }>('GET', '/api/catalogue')).body.version).toBe('2027.02.01-1');

    const plan = loadPlanSeeds().seedPlans[0]!; // a seed file as it is on disk (task lines and all)
    expect((await send('POST', '/api/admin/plans', 'thon1', plan)).status).toBe(403);
    const stored = await send<{ planId: string; tasks: number }>('POST', '/api/admin/plans', 'admin', plan);
    expect(stored.body).toEqual({ planId: plan.id, tasks: plan.tasks.length });
    const bad = await send('POST', '/api/admin/plans', 'admin', { ...plan, tasks: [] });
    expect(bad.body.error.code).toBe('admin/invalid');

    const read = await get<{ plans: { id: string; tasks: unknown[] }[] }>('/api/plans', 'thon1');
    expect(read.body.plans.map((p) => p.id)).toEqual([plan.id]);
    expect(read.body.plans[0]!.tasks).toHaveLength(plan.tasks.length);
    const etag = read.headers.get('etag')!;
    expect((await s.request('GET', '/api/plans', { token: tok.thon1, headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await s.request('GET', '/api/plans')).status).toBe(401);
    expect((await audit()).map((e) => e.action).slice(0, 2)).toEqual(['plan.import', 'catalogue.import']);
  });

  it('lets the admin read every entry and an officer those of its subtree, a page at a time; CLI actions have no actor', async () => {
    await send('PATCH', '/api/admin/units/qx-quang-binh', 'qx', { name: 'xã Quảng Bình' });
    await send('PATCH', '/api/admin/units/tv', 'admin', { name: 'xã Thiệu Vân' });
    const out: string[] = [];
    const cli = await runAdmin(['revoke-tokens', '--username', 'tanphong.congan'], { store: s.store, out: (l) => out.push(l), err: (l) => out.push(l), prompt: async () => '', now: s.clock.now });
    expect(cli).toBe(0);

    const all = await audit();
    expect(all.map((e) => `${e.action} ${e.target}`)).toEqual(['user.revoke-sessions tanphong.congan', 'unit.update tv', 'unit.update qx-quang-binh']);
    expect(all[0]!.actor).toBeNull();
    expect(all[1]!.actor).toEqual({ id: 'u-admin', name: 'Quản trị hệ thống' });
    expect(all[2]!.detail).toEqual({ before: { name: 'xã Quảng Bình', placeholder: false }, after: { name: 'xã Quảng Bình', placeholder: false } });

    const mine = (await get<{ entries: AuditJson[] }>('/api/admin/audit', 'qx')).body.entries.map((e) => e.target);
    expect(mine).toEqual(['tanphong.congan', 'qx-quang-binh']); // not Thiệu Vân, another district
    const page1 = (await get<{ entries: AuditJson[] }>('/api/admin/audit?limit=2', 'admin')).body.entries;
    const page2 = (await get<{ entries: AuditJson[] }>(`/api/admin/audit?limit=2&before=${page1[1]!.id}`, 'admin')).body.entries;
    expect([...page1, ...page2].map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect((await get('/api/admin/audit?limit=nhieu', 'admin')).status).toBe(400);
    expect((await get('/api/admin/audit', 'doan1')).status).toBe(403);
  });

  it('gives the same refusal on the command line as in the browser', async () => {
    const err: string[] = [];
    const code = await runAdmin(['create-user', '--username', 'x.y', '--name', 'X', '--role', 'districtOfficer', '--unit', 'tv', '--password', 'mat-khau-dai-1'], {
      store: s.store, out: () => undefined, err: (l) => err.push(l), prompt: async () => '', now: s.clock.now,
    });
    expect(code).toBe(1);
    const api = await send('POST', '/api/admin/users', 'admin', { username: 'x.y', displayName: 'X', role: 'districtOfficer', unitId: 'tv', password: 'mat-khau-dai-1' });
    expect(err.at(-1)).toBe(`Lỗi: ${api.body.error.message}`);
  });
});
