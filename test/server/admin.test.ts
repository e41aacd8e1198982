import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { runAdmin } from '../../sync-server/admin/commands.ts';
import { DEMO_USERS } from '../../sync-server/seed.ts';
import { verifyPassword } from '../../sync-server/auth/password.ts';
import { PASSWORD, testServer, type TestServer } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'so-tay-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let s: TestServer;
let out: string[];
let err: string[];
let answers: string[];
afterEach(() => s.close());
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
  out = [];
  err = [];
  answers = [];
});
const admin = (...argv: string[]) =>
  runAdmin(argv, {
    store: s.store,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    prompt: async () => answers.shift() ?? '',
    now: s.clock.now,
    newId: () => 'u-moi',
  });

describe('npm run admin', () => {
  it('creates a unit under an existing parent, refusing broken trees', async () => {
    expect(await admin('create-unit', '--id', 'qx-thon-a', '--name', 'Thôn A', '--level', 'village', '--parent', 'qx-quang-binh')).toBe(0);
    expect((await s.store.getUnits()).find((u) => u.id === 'qx-thon-a')?.parentId).toBe('qx-quang-binh');
    expect(await admin('create-unit', '--id', 'x1', '--name', 'Xã X', '--level', 'commune', '--parent', 'khong-co')).toBe(1);
    expect(err.at(-1)).toContain('không có đơn vị cấp trên khong-co');
    expect(await admin('create-unit', '--id', 'x2', '--name', 'Huyện Y', '--level', 'district', '--parent', 'tv')).toBe(1);
    expect(await admin('create-unit', '--id', 'x3', '--name', 'Xã Z')).toBe(2);
    expect(err.at(-1)).toMatch(/^Thiếu --level/);
  });

  it('creates a user with a prompted password, checking the role fits the unit', async () => {
    answers = ['mat-khau-an-toan', 'mat-khau-an-toan'];
    expect(await admin('create-user', '--username', 'QuangBinh.CongAn', '--name', 'Công an xã Quảng Bình', '--role', 'communeStanding', '--unit', 'qx-quang-binh')).toBe(0);
    const user = await s.store.getUserByUsername('quangbinh.congan');
    expect(user).toMatchObject({ id: 'u-moi', role: 'communeStanding', unitId: 'qx-quang-binh' });
    expect(await verifyPassword('mat-khau-an-toan', user!.passwordHash)).toBe(true);

    expect(await admin('create-user', '--username', 'a.b', '--name', 'A', '--role', 'districtOfficer', '--unit', 'tv', '--password', '12345678')).toBe(1);
    expect(err.at(-1)).toContain('phải thuộc một huyện/thành phố');
    expect(await admin('create-user', '--username', 'admin', '--name', 'A', '--role', 'admin', '--unit', 'th', '--password', '12345678')).toBe(1);
    answers = ['mot-mat-khau', 'khac-mat-khau'];
    expect(await admin('create-user', '--username', 'c.d', '--name', 'C', '--role', 'admin', '--unit', 'th')).toBe(1);
    expect(err.at(-1)).toContain('không khớp');
    expect(await admin('create-user', '--username', 'c.d', '--name', 'C', '--role', 'thuTruong', '--unit', 'th', '--password', '12345678')).toBe(1);
  });

  it('resets a password and revokes tokens, logging devices out', async () => {
    const token = await s.session('u-donghai-congan', 'dhphone1');
    expect(await admin('reset-password', '--username', 'donghai.congan', '--password', 'mat-khau-moi-2026')).toBe(0);
    expect(out.at(-1)).toContain('1 phiên đăng nhập cũ đã bị thu hồi');
    expect((await s.request('GET', '/api/me', { token })).status).toBe(401);
    const again = await s.session('u-donghai-congan', 'dhphone1');
    expect(await admin('revoke-tokens', '--username', 'donghai.congan')).toBe(0);
    expect((await s.request('GET', '/api/me', { token: again })).status).toBe(401);
    expect(await admin('revoke-tokens', '--username', 'khong.co')).toBe(1);
  });

  it('unlocks a person\'s login after failed attempts, in Vietnamese, seen by the running server', async () => {
    const login = (password: string) => s.request('POST', '/api/login', { body: { username: 'thieuvan.thon1', password } });
    for (let i = 0; i < 6; i++) await login('sai');
    expect((await login(PASSWORD)).status).toBe(429);
    expect(await admin('unlock-login', 'ThieuVan.Thon1')).toBe(0);
    expect(out.at(-1)).toContain('Đã mở khóa đăng nhập cho thieuvan.thon1');
    expect((await login(PASSWORD)).status).toBe(200);
    expect(await admin('unlock-login', 'thieuvan.thon1')).toBe(0);
    expect(out.at(-1)).toBe('Tài khoản thieuvan.thon1 không bị giới hạn đăng nhập.');
    expect(await admin('unlock-login', 'khong.co')).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Không có người dùng khong.co');
    expect(await admin('unlock-login')).toBe(2);
    expect(err.at(-1)).toMatch(/^Thiếu tên đăng nhập cần mở khóa/);
  });

  it('lists a person\'s phones and revokes one for good', async () => {
    const login = (deviceId: string) => s.request<{ token: string }>('POST', '/api/login', { body: { username: 'thieuvan.thon1', password: PASSWORD, deviceId } });
    const token = (await login('thon1_lost')).body.token;
    await login('thon1_new');
    expect(await admin('list-devices', '--username', 'thieuvan.thon1')).toBe(0);
    expect(out.filter((l) => l.startsWith('thon1_'))).toHaveLength(2);
    expect(await admin('revoke-device', 'thon1_lost')).toBe(0);
    expect(out.at(-1)).toContain('Đã thu hồi thiết bị thon1_lost của thieuvan.thon1: 1 phiên đăng nhập đã bị hủy');
    expect((await s.request('GET', '/api/me', { token })).status).toBe(401);
    expect((await login('thon1_lost')).status).toBe(409);
    expect(await admin('list-devices', '--username', 'thieuvan.thon1')).toBe(0);
    expect(out.filter((l) => l.startsWith('thon1_lost')).at(-1)).toContain('ĐÃ THU HỒI');
    expect(await admin('revoke-device', 'khong_co')).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Không có thiết bị khong_co');
  });

  it('imports a validated catalogue that the app then fetches, once per version', async () => {
    const catalogue = { ...buildSeedBundle().catalogue, version: '2027.01.05-1' };
    const file = join(dir, 'catalogue.json');
    writeFileSync(file, JSON.stringify(catalogue));
    expect(await admin('import-catalogue', file)).toBe(0);
    const got = await s.request<{ version: string; catalogue: { models: unknown[] } }>('GET', '/api/catalogue');
    expect(got.body.version).toBe('2027.01.05-1');
    expect(got.body.catalogue.models).toHaveLength(catalogue.models.length);
    expect(await admin('import-catalogue', file)).toBe(1);

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...catalogue, version: 'x', models: [{ ...catalogue.models[0], source: [] }] }));
    expect(await admin('import-catalogue', broken)).toBe(1);
    expect(err.at(-1)).toContain('models.0.source: Mỗi mô hình phải ghi nguồn');
  });

  it('lists users with their role in Vietnamese, and explains usage', async () => {
    expect(await admin('list-users')).toBe(0);
    expect(out.find((l) => l.startsWith('quangxuong.huyen'))).toContain('Cán bộ Tổ công tác cấp huyện');
    expect(await admin('xoa-het')).toBe(2);
    expect(await admin('list-users', '--bay')).toBe(2);
    expect(err.at(-1)).toContain('Tùy chọn không hợp lệ --bay');
  });

  it('lists the unit tree with levels and each unit\'s own reporting rules', async () => {
    expect(await admin('list-units')).toBe(0);
    const province = out.findIndex((l) => /^tỉnh Thanh Hóa \(th, tỉnh\)/i.test(l));
    const commune = out.findIndex((l) => l.includes('(tv, xã'));
    expect(province).toBeGreaterThanOrEqual(0);
    expect(commune).toBeGreaterThan(province);
    // Nested under its district/city: indented deeper than the province line.
    expect(out[commune]).toMatch(/^ {4,}/);
    // Thiệu Vân's seeded rules (weekly on Monday, monthly before the 20th: seeds/org) are listed in words.
    expect(out[commune]).toMatch(/tuần: vào thứ Hai tuần sau/);
    expect(out[commune]).toMatch(/tháng: trước ngày 20/);
  });

  it('sets a unit\'s reporting rules from JSON, refuses bad ones in Vietnamese, and can go back to inheriting', async () => {
    const file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify([{ periodType: 'monthly', dueBeforeDay: 25 }, { periodType: 'annual', dueBeforeDay: 15, monthOffset: 1 }]));
    expect(await admin('set-rules', '--unit', 'qx-quang-binh', file)).toBe(0);
    const rulesOf = async (id: string) => (await s.store.getUnits()).find((u) => u.id === id)?.rules;
    expect(await rulesOf('qx-quang-binh')).toEqual([
      { periodType: 'monthly', dueBeforeDay: 25, monthOffset: 0 },
      { periodType: 'annual', dueBeforeDay: 15, monthOffset: 1 },
    ]);
    expect(out.at(-1)).toMatch(/tháng: trước ngày 25; năm: trước ngày 15 của 1 tháng sau kỳ/);

    err = [];
    expect(await admin('set-rules', '--unit', 'qx-quang-binh', '[{"periodType":"weekly","dueWeekday":9}]')).toBe(1);
    expect(err.join('\n')).toMatch(/quy định 1 › dueWeekday/);
    expect(err.join('\n')).not.toMatch(/Invalid|expected/i);
    expect(await admin('set-rules', '--unit', 'qx-quang-binh', '[{"periodType":"monthly","dueBeforeDay":5},{"periodType":"monthly","dueBeforeDay":9}]')).toBe(1);
    expect(err.at(-1)).toMatch(/Báo cáo tháng có hai quy định/);
    expect(await admin('set-rules', '--unit', 'khong-co', '[]')).toBe(1);
    expect(await admin('set-rules', '--unit', 'qx-quang-binh')).toBe(2);
    // Refusals left the stored rules alone.
    expect((await rulesOf('qx-quang-binh'))?.[0]).toMatchObject({ dueBeforeDay: 25 });

    expect(await admin('set-rules', '--unit', 'qx-quang-binh', '--inherit')).toBe(0);
    expect(await rulesOf('qx-quang-binh')).toBeNull();
  });

  it('says what is wrong with an option value in Vietnamese, never zod\'s English', async () => {
    expect(await admin('create-unit', '--id', 'x9', '--name', 'Xã X', '--level', 'tinh', '--parent', 'th')).toBe(1);
    expect(err.join('\n')).toMatch(/Cấp đơn vị không hợp lệ/);
    expect(err.join('\n')).not.toMatch(/Invalid|expected/i);
  });

  it('creates the first admin with a generated password printed once, which logs in', async () => {
    expect(await admin('create-admin', '--username', 'quantri.tinh', '--name', 'Quản trị tỉnh')).toBe(0);
    const password = /Mật khẩu[^:]*: (\S+)$/.exec(out.find((l) => l.startsWith('Mật khẩu')) ?? '')?.[1] ?? '';
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const user = await s.store.getUserByUsername('quantri.tinh');
    expect(user).toMatchObject({ role: 'admin', unitId: 'th' });
    expect(await verifyPassword(password, user!.passwordHash)).toBe(true);
    expect(user!.passwordHash).not.toContain(password);
    expect(await admin('create-admin', '--username', 'quantri.tinh', '--name', 'X')).toBe(1);
  });

  it('takes the demo password, which obeys the rule every password obeys', async () => {
    expect(await admin('reset-password', '--username', 'donghai.congan', '--password', DEMO_USERS.password)).toBe(0);
    expect(await admin('reset-password', '--username', 'donghai.congan', '--password', 'ngan7ky')).toBe(1);
  });

  it('runs as a command with exit codes', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/admin.ts', ...args], {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { ...process.env, DATA_DIR: dir },
        encoding: 'utf8',
      });
    const ok = run('create-unit', '--id', 'th', '--name', 'tỉnh Thanh Hóa', '--level', 'province');
    expect(ok.status, ok.stderr).toBe(0);
    const refused = run('create-unit', '--id', 'th', '--name', 'tỉnh Thanh Hóa', '--level', 'province');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Đơn vị th đã có');
    // The command alone (no server module loaded) still speaks Vietnamese about a bad value.
    const badLevel = run('create-unit', '--id', 'x9', '--name', 'Xã X', '--level', 'tinh', '--parent', 'th');
    expect(badLevel.status).toBe(1);
    expect(badLevel.stderr).toMatch(/Cấp đơn vị không hợp lệ/);
    expect(badLevel.stderr).not.toMatch(/Invalid|expected/i);
  }, 45_000); // three child processes starting tsx: seconds on a busy machine
});
