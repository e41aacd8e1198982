// Administration in the browser, as a province sets itself up: the admin bulk-imports a real
// .xlsx of 2 communes × 3 villages and 12 accounts that has 3 deliberate mistakes; the dry run
// must name exactly those 3 rows and write nothing; the fixed file imports everything (seen in
// the admin screens and through the API); then one of the new village members signs in on
// another phone with the one-time code the import listed, and reaches Home.
// The rows, labels and mistakes below are written out by hand (not taken from the parser).
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { Page } from 'playwright-core';
import { login, phoneContext, postJson, screenshot, serverAndBrowser } from '../helpers/browser.ts';

const env = serverAndBrowser();

type Row = (string | null)[];
const UNIT_HEAD = ['Mã', 'Tên', 'Cấp', 'Mã đơn vị cấp trên'];
const USER_HEAD = ['Tên đăng nhập', 'Họ tên', 'Vai trò', 'Mã đơn vị', 'Mật khẩu (tùy chọn)'];
const STANDING = 'Cơ quan thường trực (Công an xã)';
const LEADER = 'Lãnh đạo UBND xã';
const MEMBER = 'Thành viên Tổ công nghệ số cộng đồng (thôn)';
const DISTRICT = 'Cán bộ Tổ công tác cấp huyện';

/** Sheet rows 2…9 (row 1 is the header). */
const UNITS: Row[] = [
  ['adm-xa-a', 'xã An Thái', 'Xã/Phường', 'th-tp'],
  ['adm-xa-a-t1', 'Thôn Đông', 'Thôn/Tổ dân phố', 'adm-xa-a'],
  ['adm-xa-a-t2', 'Thôn Tây', 'Thôn', 'adm-xa-a'],
  ['adm-xa-a-t3', 'Thôn Nam', 'Thôn', 'adm-xa-a'],
  ['adm-xa-b', 'phường Bình Minh', 'Phường', 'th-tp'],
  ['adm-xa-b-t1', 'Tổ dân phố 1', 'Tổ dân phố', 'adm-xa-b'], // row 7
  ['adm-xa-b-t2', 'Tổ dân phố 2', 'Tổ dân phố', 'adm-xa-b'],
  ['adm-xa-b-t3', 'Tổ dân phố 3', 'Tổ dân phố', 'adm-xa-b'],
];
/** Sheet rows 2…13. Two with a password; the other ten get one-time codes. */
const USERS: Row[] = [
  ['an.congan', 'Nguyễn Văn Hải', STANDING, 'adm-xa-a', null],
  ['an.lanhdao', 'Lê Thị Hoa', LEADER, 'adm-xa-a', 'matkhau-an-2026'],
  ['an.thon1', 'Trịnh Văn Đông', MEMBER, 'adm-xa-a-t1', null], // row 4
  ['an.thon2', 'Phạm Thị Tây', MEMBER, 'adm-xa-a-t2', null],
  ['an.thon3', 'Hoàng Văn Nam', MEMBER, 'adm-xa-a-t3', null],
  ['binh.congan', 'Đỗ Văn Minh', STANDING, 'adm-xa-b', null],
  ['binh.lanhdao', 'Vũ Thị Lan', LEADER, 'adm-xa-b', null],
  ['binh.to1', 'Ngô Văn Một', MEMBER, 'adm-xa-b-t1', null], // row 9
  ['binh.to2', 'Bùi Thị Hai', MEMBER, 'adm-xa-b-t2', null],
  ['binh.to3', 'Đặng Văn Ba', MEMBER, 'adm-xa-b-t3', null],
  ['tp.quantri1', 'Cao Văn Tư', DISTRICT, 'th-tp', 'matkhau-tp-2026'],
  ['tp.quantri2', 'Lý Thị Năm', DISTRICT, 'th-tp', null],
];
const WITH_PASSWORD = new Set(['an.lanhdao', 'tp.quantri1']);

/** The three mistakes, at the rows a person would read them in Excel. */
function broken(): { units: Row[]; users: Row[] } {
  const units = UNITS.map((r) => [...r]);
  const users = USERS.map((r) => [...r]);
  units[5]![1] = null; // Đơn vị row 7: no name
  users[2]![0] = 'thieuvan.congan'; // Người dùng row 4: a username the demo already has
  users[7]![3] = 'adm-xa-b'; // Người dùng row 9: a village member placed on a commune
  return { units, users };
}
const EXPECTED_ERRORS = [
  ['units', 7],
  ['users', 4],
  ['users', 9],
];

async function xlsx(units: Row[], users: Row[]): Promise<Buffer> {
  const cells = (rows: Row[]) => rows.map((r) => r.map((v) => (v === null ? null : { value: v, type: String })));
  return writeXlsxFile([
    { sheet: 'Đơn vị', data: cells([UNIT_HEAD, ...units]) },
    { sheet: 'Người dùng', data: cells([USER_HEAD, ...users]) },
  ]).toBuffer();
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function apiGet(path: string, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${env.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function pick(page: Page, name: string, buffer: Buffer) {
  await page.locator('input[name="import-file"]').setInputFiles({ name, mimeType: XLSX, buffer });
}

describe('administration in the browser', () => {
  it('bulk-imports units and users from a spreadsheet with a dry run, and a new user signs in with the one-time code', async () => {
    const adminCtx = await env.browser.newContext({ baseURL: env.server.url, viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block' });
    const page = await adminCtx.newPage();
    await login(page, 'admin');
    const token = String((await postJson(env.server.url, '/api/login', { username: 'admin', password: 'demo2026' })).body.token);

    // The way in: Settings offers administration to this account.
    await page.goto('/#/settings');
    await page.getByTestId('admin-link').getByRole('link', { name: 'Mở quản trị' }).click();
    await page.getByRole('heading', { name: 'Quản trị' }).waitFor();
    await page.getByRole('link', { name: 'Nhập từ bảng tính' }).click();

    // Dry run of the file with three mistakes: exactly those rows, and nothing written.
    const bad = broken();
    await pick(page, 'don-vi-nguoi-dung.xlsx', await xlsx(bad.units, bad.users));
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const named = await errors.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-sheet'), Number(r.getAttribute('data-row'))]));
    expect(named).toEqual(EXPECTED_ERRORS);
    // Each says what is wrong, in Vietnamese.
    const messages = await errors.locator('tbody tr td:nth-child(4)').allInnerTexts();
    expect(messages.every((t) => t.trim().length > 5)).toBe(true);
    await expect.poll(() => page.getByTestId('error-count').innerText()).toContain('Có 3 lỗi');
    expect(await page.getByRole('button', { name: /^Nhập \d/ }).count()).toBe(0);
    const before = (await apiGet('/api/admin/units', token)).units as { id: string }[];
    expect(before.some((u) => u.id.startsWith('adm-'))).toBe(false);
    await screenshot(page, 'admin-import-1280');

    // The fixed file: no errors, then "Nhập" writes it all.
    await pick(page, 'don-vi-nguoi-dung-da-sua.xlsx', await xlsx(UNITS, USERS));
    await page.getByText('Không có lỗi.').waitFor();
    await page.getByRole('button', { name: 'Nhập 8 đơn vị, 12 người dùng' }).click();
    const done = page.getByTestId('import-done');
    await done.waitFor();
    await expect.poll(() => done.innerText()).toContain('Đã tạo 8 đơn vị, 12 người dùng.');
    await screenshot(page, 'admin-import-done-1280');
    const codeRows = await page
      .getByTestId('import-codes')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-username') ?? '', r.querySelector('td:nth-child(3)')?.textContent?.trim() ?? '']));
    const codes = new Map(codeRows as [string, string][]);
    expect([...codes.keys()].sort()).toEqual(USERS.map((u) => u[0]!).filter((u) => !WITH_PASSWORD.has(u)).sort());
    for (const code of codes.values()) expect(code).toMatch(/^[A-Z0-9]{8}$/);

    // Through the API: every unit under its parent at its level, every account with its role and unit.
    const units = new Map(((await apiGet('/api/admin/units', token)).units as { id: string; name: string; level: string; parentId: string }[]).map((u) => [u.id, u]));
    for (const [id, name, , parentId] of UNITS) expect(units.get(id!), id!).toMatchObject({ name, parentId });
    expect(units.get('adm-xa-a')!.level).toBe('commune');
    expect(units.get('adm-xa-b-t2')!.level).toBe('village');
    const users = new Map(((await apiGet('/api/admin/users?unit=th-tp', token)).users as { username: string; role: string; unitId: string }[]).map((u) => [u.username, u]));
    const ROLE_CODE: Record<string, string> = { [STANDING]: 'communeStanding', [LEADER]: 'communeLeader', [MEMBER]: 'villageMember', [DISTRICT]: 'districtOfficer' };
    for (const [username, , role, unitId] of USERS) expect(users.get(username!), username!).toMatchObject({ role: ROLE_CODE[role!], unitId });

    // In the admin screens: the unit tree finds the new commune without diacritics; its villages and people are there.
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByLabel('Tìm đơn vị').fill('binh minh');
    await page.getByTestId('unit-matches').getByRole('link', { name: /phường Bình Minh/ }).click();
    const panel = page.getByTestId('unit-panel');
    await expect.poll(() => panel.locator('h2').innerText()).toBe('phường Bình Minh');
    for (const name of ['Tổ dân phố 1', 'Tổ dân phố 2', 'Tổ dân phố 3']) await page.getByRole('link', { name: new RegExp(`^${name}`) }).first().waitFor();
    await screenshot(page, 'admin-units-1280');
    await page.getByRole('link', { name: 'Người dùng của đơn vị' }).click();
    const list = page.getByTestId('user-list');
    for (const u of ['binh.congan', 'binh.lanhdao', 'binh.to1', 'binh.to2', 'binh.to3']) await list.getByTestId(`user-${u}`).waitFor();
    await page.setViewportSize({ width: 360, height: 740 });
    await screenshot(page, 'admin-users-360');

    // A new village member, on their own phone, with the code the import listed.
    const phone = await (await phoneContext(env.browser, env.server.url)).newPage();
    await phone.goto('/');
    await phone.getByRole('button', { name: 'Có mã dùng một lần?' }).click();
    const form = phone.getByTestId('redeem-form');
    await form.getByLabel('Tên đăng nhập').fill('an.thon1');
    await form.getByLabel('Mã dùng một lần').fill(codes.get('an.thon1')!.toLowerCase());
    await form.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('thon-dong-2026');
    await form.getByLabel('Nhập lại mật khẩu mới').fill('thon-dong-2026');
    await form.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }).click();
    await phone.getByRole('heading', { name: 'Trang chủ' }).waitFor();
    await expect.poll(() => phone.locator('.topbar small').innerText()).toBe('Thôn Đông');
    // The code was spent; the new password is the one that works now.
    expect((await postJson(env.server.url, '/api/auth/redeem', { username: 'an.thon1', code: codes.get('an.thon1'), newPassword: 'another-2026' })).status).toBe(401);
    expect((await postJson(env.server.url, '/api/login', { username: 'an.thon1', password: 'thon-dong-2026' })).status).toBe(200);

    // Back at the admin's desk (now a phone's width): a password reset shows its code once…
    const row = list.getByTestId('user-binh.to2');
    await row.getByText('Thao tác').click();
    await row.getByRole('button', { name: 'Cấp mã đặt lại mật khẩu' }).click();
    await expect.poll(() => row.getByTestId('one-time-code').locator('.adm-code-value').innerText()).toMatch(/^[A-Z0-9]{8}$/);
    // …the server's refusal of a rule stands next to the field it names, and a good rule is stored…
    await page.goto('/#/admin/units/adm-xa-b');
    const rules = page.getByTestId('rules-form');
    await rules.getByLabel('Quy định riêng của đơn vị').check();
    await rules.getByRole('button', { name: 'Thêm loại báo cáo' }).click();
    await rules.getByLabel('Hạn: trước ngày').fill('40');
    await rules.getByRole('button', { name: 'Lưu quy định' }).click();
    const refusal = rules.locator('[data-field="rules.0.dueBeforeDay"]');
    await refusal.waitFor();
    expect(await rules.getByLabel('Hạn: trước ngày').getAttribute('aria-invalid')).toBe('true');
    expect((await refusal.innerText()).length).toBeGreaterThan(5);
    await rules.getByLabel('Hạn: trước ngày').fill('25');
    await rules.getByRole('button', { name: 'Lưu quy định' }).click();
    await rules.getByText('Đã lưu.').waitFor();
    const stored = ((await apiGet('/api/admin/units', token)).units as { id: string; rules: unknown }[]).find((u) => u.id === 'adm-xa-b');
    expect(stored?.rules).toEqual([{ periodType: 'monthly', dueBeforeDay: 25, monthOffset: 0 }]);
    // …and each of these is in the audit log.
    await page.getByRole('link', { name: 'Nhật ký' }).click();
    const audit = page.getByTestId('audit');
    await audit.locator('tbody tr').first().waitFor();
    const actions = await audit.locator('tbody tr td:nth-child(3)').allInnerTexts();
    for (const a of ['Nhập từ bảng tính', 'Cấp mã đặt lại mật khẩu', 'Đặt quy định báo cáo', 'Đăng nhập bằng mã dùng một lần']) expect(actions, a).toContain(a);

    await adminCtx.close();
    await phone.context().close();
  });

  it('names a service row the source lost, its source required; a commune phone lists it, with that source, after a reload', async () => {
    // Written out here, not taken from the code: a name and where a person would say it came from.
    const NAME = 'Cấp đổi giấy phép lái xe (điền thử)';
    const SOURCE = 'Bản giấy Báo cáo số 137/BC-UBND, Phụ lục III, dòng 14';
    const phone = await (await phoneContext(env.browser, env.server.url)).newPage();
    await login(phone, 'thieuvan.congan');
    await phone.goto('/#/indicators');
    await phone.getByTestId('totals').waitFor();
    // Before: the two recovered rows cite the report; the lost rows are not listed.
    expect(await phone.getByTestId('name-source-dvc-21').innerText()).toContain('Báo cáo số 137/BC-UBND');
    expect(await phone.getByTestId('row-dvc-14').count()).toBe(0);

    const adminCtx = await env.browser.newContext({ baseURL: env.server.url, viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block' });
    const page = await adminCtx.newPage();
    await login(page, 'admin');
    await page.goto('/#/admin/files');
    const form = page.getByTestId('service-name-dvc-14');
    await form.getByLabel('Tên dịch vụ').fill(NAME);
    await form.getByRole('button', { name: 'Lưu' }).click();
    // No source: the server's refusal stands next to that field.
    await form.locator('[data-field="source"]').waitFor();
    const source = form.getByLabel(/^Nguồn/);
    expect(await source.getAttribute('aria-invalid')).toBe('true');
    await source.fill(SOURCE);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu tên dòng dvc-14; các máy nhận khi đồng bộ.').waitFor();

    await phone.reload();
    const row = phone.getByTestId('row-dvc-14');
    await row.waitFor();
    expect(await row.innerText()).toContain(NAME);
    expect(await phone.getByTestId('name-source-dvc-14').innerText()).toBe(`Tên do quản trị viên điền, theo: ${SOURCE}`);
    await expect.poll(() => phone.getByTestId('totals').getByRole('rowheader').innerText()).toBe('Tổng cộng 20 dịch vụ');

    await adminCtx.close();
    await phone.context().close();
  });
});
