// `npm run admin -- <lệnh>`: the administrator's commands, written against an injected
// store and console so tests run them in process. Exit codes: 0 done, 1 refused
// (invalid data, not found, already exists), 2 wrong usage.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { ReportingRule } from '../../src/domain/calendar.ts';
import { LEVEL_LABEL } from '../../src/domain/org.ts';
import { ROLE_LABEL, Role, Username } from '../../src/domain/people.ts';
import { AdminRefusal, CLI, adminService, checkPassword, type AdminService } from '../admin-api/service.ts';
import { reorgService } from '../admin-api/reorg.ts';
import { FIXTURE_NAMES, fixture, type FixtureName } from '../demo/reorg-fixture.ts';
import { REORG_KIND_LABEL, formatDay, vnDate } from '../../src/domain/reorg.ts';
import { isDeviceId } from '../auth/device-id.ts';
import { DEFAULT_IDLE_DAYS, DEFAULT_RETRY_WINDOW, compactChangeLog } from '../sync/compact.ts';
import { StoreConflict, type SyncStore, type UnitRecord } from '../store/types.ts';
import { backupSqlite, listBackups, restoreSqlite } from '../backup/sqlite.ts';
import { exportUnit } from '../backup/export.ts';
import { serverRunning } from '../backup/pid.ts';

// zod's own messages (wrong type, unknown option…) in Vietnamese, as the server says them: an
// administrator must never read "Invalid input".
z.config(z.locales.vi());

export interface AdminIo {
  store: SyncStore;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Asks for a secret without echoing it. */
  prompt: (question: string) => Promise<string>;
  now: () => number;
  newId?: () => string;
  /** Where the SQLite database and its backups live (DATA_DIR); absent in tests that need neither. */
  dataDir?: string;
  /** Set when the store is PostgreSQL (DATABASE_URL): backups are pg_dump's job then. */
  postgres?: boolean;
}

export const USAGE = `Cách dùng: npm run admin -- <lệnh> [tùy chọn]
  create-unit --id <mã> --name <tên> --level <province|district|commune|village> [--parent <mã>] [--placeholder]
  create-admin --username <tên> --name <họ tên> [--unit <mã>]   quản trị viên đầu tiên: in mật khẩu một lần
  create-user --username <tên> --name <họ tên> --role <vai trò> --unit <mã đơn vị> [--password <mật khẩu>]
  reset-password --username <tên> [--password <mật khẩu>]
  reset-code --username <tên>         mã dùng một lần (72 giờ) để người dùng tự đặt mật khẩu khi đăng nhập
  deactivate-user --username <tên>    khóa tài khoản: đăng xuất mọi máy, không đăng nhập được nữa
  activate-user --username <tên>      mở lại tài khoản đã khóa
  revoke-tokens --username <tên>
  unlock-login <tên>                  mở khóa đăng nhập sau nhiều lần nhập sai mật khẩu
  list-devices --username <tên>
  revoke-device <mã thiết bị>         điện thoại bị mất hoặc giao cho người khác
  import-catalogue <tệp.json>
  list-units                          cây đơn vị: mã, cấp, quy định báo cáo
  set-rules --unit <mã> <tệp.json | JSON>   quy định báo cáo riêng của đơn vị
  set-rules --unit <mã> --inherit     bỏ quy định riêng, dùng quy định của cấp trên
  backup [--to <thư mục>]             sao lưu ngay (mặc định DATA_DIR/backups), khi máy chủ đang chạy cũng được
  list-backups
  restore <tệp.db> [--yes]            khôi phục từ bản sao lưu (dừng máy chủ trước)
  mark-restored                       sau pg_restore (PostgreSQL): báo các điện thoại gửi lại dữ liệu
  export-unit <mã> [--to <thư mục>]   xuất toàn bộ dữ liệu của đơn vị và cấp dưới (JSON + CSV)
  reorganise <tệp.json | JSON>         tổ chức lại đơn vị có ngày hiệu lực: {"kind":"merge","effective":"2025-07-01","from":[…],"into":"…","name":"…"}
                                      (merge | split | move | rename | close; một sự kiện hoặc một mảng, ghi lần lượt)
  reorganise --fixture quang-xuong [--effective <YYYY-MM-DD>]   MÔ PHỎNG (không phải phương án thật): giải thể huyện
                                      Quảng Xương, sáp nhập vài xã của huyện; mặc định hiệu lực từ đầu tháng này
  list-reorg                          các lần tổ chức lại đã ghi, với bảng ánh xạ đơn vị cũ → đơn vị mới
  list-users
  audit [--limit <số, mặc định 50>]   nhật ký quản trị: ai đã làm gì, lúc nào
  compact-log [--idle-days <số ngày, mặc định ${DEFAULT_IDLE_DAYS}>] [--retry-window <số, mặc định ${DEFAULT_RETRY_WINDOW}>]
                                      dọn nhật ký thay đổi phía sau máy cũ nhất còn dùng; máy không dùng quá số ngày
                                      đó sẽ tải lại dữ liệu hiện tại (không mất thay đổi chưa gửi)
Vai trò: ${Role.options.map((r) => `${r} (${ROLE_LABEL[r]})`).join(', ')}
Mật khẩu không ghi trên dòng lệnh sẽ được hỏi (không hiện khi gõ). Dữ liệu: DATA_DIR (mặc định ./data).`;

class Refusal extends Error {
  readonly kind = 'refusal';
}
class Usage extends Error {
  readonly kind = 'usage';
}
const isParseArgsError = (e: unknown): e is TypeError => e instanceof TypeError && String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');

const OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  level: { type: 'string' },
  parent: { type: 'string' },
  placeholder: { type: 'boolean' },
  username: { type: 'string' },
  role: { type: 'string' },
  unit: { type: 'string' },
  password: { type: 'string' },
  inherit: { type: 'boolean' },
  to: { type: 'string' },
  yes: { type: 'boolean' },
  'idle-days': { type: 'string' },
  'retry-window': { type: 'string' },
  limit: { type: 'string' },
  fixture: { type: 'string' },
  effective: { type: 'string' },
} as const;

const RULES_EXAMPLE = `[{"periodType":"weekly","dueWeekday":1},{"periodType":"monthly","dueBeforeDay":20}]`;
const PERIOD_LABEL: Record<ReportingRule['periodType'], string> = { weekly: 'tuần', monthly: 'tháng', sixMonth: '6 tháng', annual: 'năm' };
const WEEKDAY = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

/** One rule as an officer says it: "tuần: vào thứ Hai tuần sau", "tháng: trước ngày 20". */
function describeRule(rule: ReportingRule): string {
  if (rule.periodType === 'weekly') return `tuần: vào ${WEEKDAY[rule.dueWeekday]} tuần sau`;
  const later = rule.monthOffset > 0 ? ` của ${rule.monthOffset} tháng sau kỳ` : '';
  return `${PERIOD_LABEL[rule.periodType]}: trước ngày ${rule.dueBeforeDay}${later}`;
}

function unitLines(units: readonly UnitRecord[]): string[] {
  const children = new Map<string | null, UnitRecord[]>();
  for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const ids = new Set(units.map((u) => u.id));
  const lines: string[] = [];
  const walk = (u: UnitRecord, depth: number) => {
    const rules = u.rules === null ? '' : ` — báo cáo ${u.rules.length ? u.rules.map(describeRule).join('; ') : 'không có'}`;
    lines.push(`${'  '.repeat(depth)}${u.name} (${u.id}, ${LEVEL_LABEL[u.level].toLowerCase()}${u.placeholder ? ', tên tạm chưa xác minh' : ''})${rules}`);
    for (const c of (children.get(u.id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi'))) walk(c, depth + 1);
  };
  // Roots, and units whose parent is missing (never expected; shown rather than hidden).
  for (const root of units.filter((u) => u.parentId === null || !ids.has(u.parentId))) walk(root, 0);
  return lines;
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new Usage(`Thiếu --${name}`);
  return v;
}

function valid<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Refusal(`${what} không hợp lệ: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

async function newPassword(io: AdminIo, given: string | undefined): Promise<string> {
  const password = given ?? (await io.prompt('Mật khẩu mới: '));
  if (given === undefined && (await io.prompt('Nhập lại mật khẩu: ')) !== password) throw new Refusal('Hai lần nhập mật khẩu không khớp');
  checkPassword(password);
  return password;
}

/** The same service as the browser admin's (validation, permission, audit), acting as the command line. */
const serviceOf = (io: AdminIo): AdminService => adminService({ store: io.store, now: io.now, ...(io.newId ? { newId: io.newId } : {}) });
const usernameOf = (v: Record<string, string | boolean | undefined>) => ({ username: valid(Username, required(v, 'username'), 'Tên đăng nhập') });
const when = (t: number) => new Date(t).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

// No 0/O/1/l/I: read aloud over the phone or copied from a screen without mistakes.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** 4 groups of 4 from 31 letters: about 79 bits, typed as xxxx-xxxx-xxxx-xxxx. */
function generatedPassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(''));
  return groups.join('-');
}

export const DB_FILE = 'so-tay.db';
function needDataDir(io: AdminIo): string {
  if (!io.dataDir) throw new Refusal('Không rõ thư mục dữ liệu (DATA_DIR)');
  return io.dataDir;
}

async function findUser(io: AdminIo, username: string) {
  const user = await io.store.getUserByUsername(valid(Username, username, 'Tên đăng nhập'));
  if (!user) throw new Refusal(`Không có người dùng ${username}`);
  return user;
}

const commands: Record<string, (io: AdminIo, values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<void>> = {
  async 'create-unit'(io, v) {
    const parentId = typeof v.parent === 'string' ? v.parent : null;
    const unit = await serviceOf(io).createUnit(CLI, {
      id: required(v, 'id'),
      name: required(v, 'name'),
      level: required(v, 'level'),
      parentId,
      placeholder: v.placeholder === true,
    });
    io.out(`Đã tạo ${LEVEL_LABEL[unit.level].toLowerCase()} ${unit.name} (${unit.id})${parentId ? `, thuộc ${parentId}` : ''}.`);
  },

  async 'create-user'(io, v) {
    const input = { username: required(v, 'username'), displayName: required(v, 'name'), role: required(v, 'role'), unitId: required(v, 'unit') };
    const password = await newPassword(io, typeof v.password === 'string' ? v.password : undefined);
    const { user } = await serviceOf(io).createUser(CLI, { ...input, password });
    const unit = (await io.store.getUnits()).find((u) => u.id === user.unitId);
    io.out(`Đã tạo tài khoản ${user.username} — ${ROLE_LABEL[user.role]}, ${unit?.name ?? user.unitId}.`);
  },

  // A fresh production database has no account at all: this makes the first one. The password
  // is generated (nobody types a weak one at 2 a.m.) and printed once; it is not stored in clear.
  async 'create-admin'(io, v) {
    const username = valid(Username, required(v, 'username'), 'Tên đăng nhập');
    const displayName = required(v, 'name');
    const units = await io.store.getUnits();
    const unitId = typeof v.unit === 'string' ? v.unit : units.find((u) => u.parentId === null)?.id;
    const unit = units.find((u) => u.id === unitId);
    if (!unit) throw new Refusal(unitId ? `Không có đơn vị ${unitId}` : 'Chưa có đơn vị nào: tạo tỉnh trước (create-unit --level province)');
    const password = generatedPassword();
    await serviceOf(io).createUser(CLI, { username, displayName, role: 'admin', unitId: unit.id, password });
    io.out(`Đã tạo quản trị viên ${username} (${unit.name}).`);
    io.out(`Mật khẩu (chỉ hiện một lần này, hãy ghi lại rồi đổi): ${password}`);
    io.out(`Đổi mật khẩu: npm run admin -- reset-password --username ${username}`);
  },

  async 'reset-password'(io, v) {
    const user = await findUser(io, required(v, 'username'));
    const password = await newPassword(io, typeof v.password === 'string' ? v.password : undefined);
    // A new password also shuts out whoever knew the old one (the service revokes the sessions).
    const { revoked } = await serviceOf(io).setPassword(CLI, { id: user.id }, password);
    io.out(`Đã đặt lại mật khẩu cho ${user.username}; ${revoked} phiên đăng nhập cũ đã bị thu hồi.`);
  },

  async 'reset-code'(io, v) {
    const ref = usernameOf(v);
    const { code, expiresAt } = await serviceOf(io).resetCode(CLI, ref);
    io.out(`Mã dùng một lần cho ${ref.username} (chỉ hiện một lần này): ${code}`);
    io.out(`Người dùng nhập mã này ở màn hình đăng nhập ("Có mã dùng một lần") để tự đặt mật khẩu, trước ${when(expiresAt)}.`);
  },

  async 'deactivate-user'(io, v) {
    const { user, revoked } = await serviceOf(io).setActive(CLI, usernameOf(v), false);
    io.out(`Đã khóa tài khoản ${user.username}: ${revoked} phiên đăng nhập đã bị thu hồi, không đăng nhập được nữa cho tới khi mở lại.`);
  },

  async 'activate-user'(io, v) {
    const { user } = await serviceOf(io).setActive(CLI, usernameOf(v), true);
    io.out(`Đã mở lại tài khoản ${user.username}.`);
  },

  async 'revoke-tokens'(io, v) {
    const { user, revoked } = await serviceOf(io).revokeSessions(CLI, usernameOf(v));
    io.out(`Đã thu hồi ${revoked} phiên đăng nhập của ${user.username}. Các thiết bị sẽ phải đăng nhập lại.`);
  },

  async 'unlock-login'(io, v, positionals) {
    const given = positionals[0] ?? (typeof v.username === 'string' ? v.username : undefined);
    if (!given) throw new Usage('Thiếu tên đăng nhập cần mở khóa');
    const user = await findUser(io, given);
    const cleared = await io.store.transaction(async (tx) => {
      const n = await tx.clearLoginCounters(user.username);
      if (n > 0) await serviceOf(io).audit(tx, CLI, { action: 'user.unlock-login', target: user.username, unit: user.unitId, detail: { cleared: n } });
      return n;
    });
    io.out(
      cleared === 0
        ? `Tài khoản ${user.username} không bị giới hạn đăng nhập.`
        : `Đã mở khóa đăng nhập cho ${user.username}: xóa ${cleared} bộ đếm lần nhập sai. Người dùng có thể đăng nhập lại ngay.`,
    );
  },

  async 'list-devices'(io, v) {
    const user = await findUser(io, required(v, 'username'));
    const devices = await io.store.listUserDevices(user.id);
    if (devices.length === 0) io.out(`${user.username} chưa đăng nhập trên thiết bị nào.`);
    const when = (t: number | null) => (t === null ? 'không rõ' : new Date(t).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }));
    for (const d of devices) {
      io.out(`${d.deviceId.padEnd(20)} gắn lúc ${when(d.createdAt)}, dùng lần cuối ${when(d.lastSeenAt)}${d.revokedAt === null ? '' : `, ĐÃ THU HỒI lúc ${when(d.revokedAt)}`}`);
    }
  },

  async 'revoke-device'(io, _v, positionals) {
    const id = positionals[0];
    if (!id) throw new Usage('Thiếu mã thiết bị cần thu hồi');
    const device = isDeviceId(id) ? await io.store.getDeviceBinding(id) : null;
    if (!device) throw new Refusal(`Không có thiết bị ${id}`);
    const owner = await io.store.getUserById(device.userId);
    const revoked = await io.store.transaction(async (tx) => {
      const n = await tx.revokeDevice(id, io.now());
      await serviceOf(io).audit(tx, CLI, { action: 'device.revoke', target: owner?.username ?? device.userId, unit: owner?.unitId ?? null, detail: { deviceId: id, revokedSessions: n } });
      return n;
    });
    io.out(`Đã thu hồi thiết bị ${id} của ${owner?.username ?? device.userId}: ${revoked} phiên đăng nhập đã bị hủy. Mã này không dùng lại được.`);
  },

  async 'import-catalogue'(io, _v, positionals) {
    const file = positionals[0];
    if (!file) throw new Usage('Thiếu đường dẫn tệp danh mục (.json)');
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
    } catch (e) {
      throw new Refusal(`Không đọc được tệp ${file} dưới dạng JSON: ${(e as Error).message}`);
    }
    const { version, models } = await serviceOf(io).importCatalogue(CLI, raw);
    io.out(`Đã nhập danh mục phiên bản ${version}: ${models} mô hình. Ứng dụng sẽ tải về ở lần đồng bộ tới.`);
  },

  async 'list-units'(io) {
    const units = await io.store.getUnits();
    if (units.length === 0) io.out('Chưa có đơn vị nào.');
    for (const line of unitLines(units)) io.out(line);
  },

  async 'set-rules'(io, v, positionals) {
    const unitId = required(v, 'unit');
    if (v.inherit === true) {
      if (positionals.length) throw new Usage('--inherit không đi kèm quy định');
      const unit = await serviceOf(io).setRules(CLI, unitId, null);
      io.out(`${unit.name} không còn quy định báo cáo riêng; dùng quy định của cấp trên.`);
      return;
    }
    const given = positionals[0];
    if (!given) throw new Usage(`Thiếu quy định báo cáo (tệp .json hoặc JSON), ví dụ: '${RULES_EXAMPLE}'`);
    let raw: unknown;
    try {
      raw = JSON.parse(given.trimStart().startsWith('[') ? given : await readFile(given, 'utf8')) as unknown;
    } catch (e) {
      throw new Refusal(`Không đọc được quy định dưới dạng JSON (${(e as Error).message}); ví dụ: ${RULES_EXAMPLE}`);
    }
    const unit = await serviceOf(io).setRules(CLI, unitId, raw);
    const rules = unit.rules ?? [];
    io.out(`Đã đặt quy định báo cáo cho ${unit.name}: ${rules.length ? rules.map(describeRule).join('; ') : 'không có báo cáo định kỳ'}. Bảng tổng hợp của máy chủ dùng quy định này ngay.`);
  },

  async 'compact-log'(io, v) {
    const count = (name: string, fallback: number, min: number) => {
      const given = v[name];
      if (given === undefined) return fallback;
      const n = Number(given);
      if (typeof given !== 'string' || !Number.isInteger(n) || n < min) throw new Usage(`--${name} phải là số nguyên không nhỏ hơn ${min}`);
      return n;
    };
    // Fewer than 500 would refuse an honest retry of the largest batch a phone sends (wire.ts).
    const report = await compactChangeLog(io.store, { now: io.now(), idleDays: count('idle-days', DEFAULT_IDLE_DAYS, 1), retryWindow: count('retry-window', DEFAULT_RETRY_WINDOW, 500) });
    io.out(
      `Đã dọn ${report.deleted.toLocaleString('vi-VN')} thay đổi đã bị ghi đè trong nhật ký (tới số ${report.horizon.toLocaleString('vi-VN')}, máy cũ nhất còn dùng). ` +
        `Máy nhận chậm hơn số ${report.compactedThrough.toLocaleString('vi-VN')} sẽ tải lại dữ liệu hiện tại khi đồng bộ.`,
    );
  },

  async backup(io, v) {
    if (io.postgres) throw new Refusal('Cơ sở dữ liệu PostgreSQL: sao lưu bằng pg_dump -Fc "$DATABASE_URL" -f so-tay.dump (xem README)');
    const dataDir = needDataDir(io);
    const dir = typeof v.to === 'string' ? v.to : join(dataDir, 'backups');
    const { file, bytes, changes } = await backupSqlite(join(dataDir, DB_FILE), dir, io.now());
    io.out(`Đã sao lưu vào ${file} (${(bytes / 1_048_576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB, ${changes.toLocaleString('vi-VN')} thay đổi trong nhật ký).`);
  },

  async 'list-backups'(io, v) {
    const dir = typeof v.to === 'string' ? v.to : join(needDataDir(io), 'backups');
    const backups = listBackups(dir);
    if (backups.length === 0) io.out(`Chưa có bản sao lưu nào trong ${dir}.`);
    for (const b of backups) io.out(`${b.file}  ${(b.bytes / 1_048_576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`);
  },

  async restore(io, v, positionals) {
    if (io.postgres) throw new Refusal('Cơ sở dữ liệu PostgreSQL: khôi phục bằng pg_restore, rồi chạy mark-restored (xem README)');
    const file = positionals[0];
    if (!file) throw new Usage('Thiếu tệp sao lưu cần khôi phục');
    const dataDir = needDataDir(io);
    const running = serverRunning(dataDir);
    if (running !== null) throw new Refusal(`Máy chủ đang chạy (tiến trình ${running}) trên ${dataDir}: dừng máy chủ rồi khôi phục`);
    if (v.yes !== true) {
      const answer = await io.prompt(`Thay cơ sở dữ liệu hiện tại bằng ${file}? Gõ "khoi phuc" để tiếp tục: `);
      if (answer.trim().toLowerCase() !== 'khoi phuc') throw new Refusal('Đã hủy, không thay đổi gì');
    }
    // io.store is not touched here: opening it would hold the file being replaced.
    const { keptAs, changes } = await restoreSqlite(file, join(dataDir, DB_FILE), io.now());
    io.out(`Đã khôi phục ${changes.toLocaleString('vi-VN')} thay đổi từ ${file}.${keptAs ? ` Cơ sở dữ liệu cũ được giữ ở ${keptAs}.` : ''}`);
    io.out('Khi đồng bộ lần tới, các điện thoại gửi lại những thay đổi máy chủ không còn giữ và nhận lại dữ liệu.');
  },

  async 'mark-restored'(io) {
    await io.store.newServerEpoch();
    io.out('Đã đánh dấu cơ sở dữ liệu là bản khôi phục: các điện thoại sẽ gửi lại những thay đổi máy chủ không còn giữ và nhận lại dữ liệu.');
  },

  async 'export-unit'(io, v, positionals) {
    const unitId = positionals[0] ?? (typeof v.unit === 'string' ? v.unit : undefined);
    if (!unitId) throw new Usage('Thiếu mã đơn vị cần xuất');
    if (!(await io.store.getUnits()).some((u) => u.id === unitId)) throw new Refusal(`Không có đơn vị ${unitId}`);
    const dir = typeof v.to === 'string' ? v.to : join(io.dataDir ?? '.', 'exports');
    const { json, csv, records } = await exportUnit(io.store, unitId, dir, io.now());
    io.out(`Đã xuất ${records.toLocaleString('vi-VN')} bản ghi: ${json} và ${csv}`);
  },

  async 'list-users'(io) {
    const units = new Map((await io.store.getUnits()).map((u) => [u.id, u.name]));
    const users = await io.store.listUsers();
    if (users.length === 0) io.out('Chưa có người dùng nào.');
    for (const u of users) {
      const marks = [u.canAdmin ? 'quyền quản trị' : '', u.active ? '' : 'ĐÃ KHÓA'].filter(Boolean).join(', ');
      io.out(`${u.username.padEnd(24)} ${ROLE_LABEL[u.role].padEnd(46)} ${units.get(u.unitId) ?? u.unitId} (${u.unitId})${marks ? ` — ${marks}` : ''}`);
    }
  },

  async reorganise(io, v, positionals) {
    let specs: unknown[];
    if (typeof v.fixture === 'string') {
      if (positionals.length) throw new Usage('--fixture không đi kèm tệp sự kiện');
      if (!(FIXTURE_NAMES as readonly string[]).includes(v.fixture)) throw new Usage(`Không có dữ liệu mô phỏng "${v.fixture}" (có: ${FIXTURE_NAMES.join(', ')})`);
      const effective = typeof v.effective === 'string' ? v.effective : `${vnDate(io.now()).slice(0, 7)}-01`;
      specs = fixture(v.fixture as FixtureName, effective);
      io.out('Dữ liệu MÔ PHỎNG để thử tính năng, không phải phương án sắp xếp thật của huyện Quảng Xương.');
    } else {
      const given = positionals[0];
      if (!given) throw new Usage('Thiếu sự kiện tổ chức lại (tệp .json hoặc JSON) hoặc --fixture');
      let raw: unknown;
      try {
        const text = /^\s*[[{]/.test(given) ? given : await readFile(given, 'utf8');
        raw = JSON.parse(text) as unknown;
      } catch (e) {
        throw new Refusal(`Không đọc được sự kiện dưới dạng JSON (${(e as Error).message})`);
      }
      specs = Array.isArray(raw) ? raw : [raw];
    }
    const service = reorgService({ store: io.store, now: io.now });
    for (const spec of specs) {
      const e = await service.record(CLI, spec);
      const mapping = Object.entries(e.successor).map(([from, to]) => `${from} → ${to}`).join(', ');
      const moved = Object.keys(e.movedUsers ?? {}).length;
      io.out(`Đã ghi ${REORG_KIND_LABEL[e.spec.kind].toLowerCase()} (số ${e.seq}), hiệu lực từ ${formatDay(e.spec.effective)}${mapping ? `: ${mapping}` : ''}${e.created.length ? `; đơn vị mới ${e.created.join(', ')}` : ''}${moved ? `; ${moved} tài khoản chuyển sang đơn vị mới` : ''}.`);
    }
  },

  async 'list-reorg'(io) {
    const events = await io.store.listReorgEvents();
    if (events.length === 0) io.out('Chưa ghi lần tổ chức lại nào.');
    for (const e of events) {
      const mapping = Object.entries(e.successor).map(([from, to]) => `${from} → ${to}`).join(', ');
      io.out(`${e.seq}. ${formatDay(e.spec.effective)}  ${REORG_KIND_LABEL[e.spec.kind]}  ${mapping || JSON.stringify(e.spec)}  (ghi lúc ${when(e.recordedAt)})`);
    }
  },

  async audit(io, v) {
    const given = v.limit;
    const limit = given === undefined ? 50 : Number(given);
    if (typeof given === 'string' && (!Number.isInteger(limit) || limit < 1 || limit > 10_000)) throw new Usage('--limit phải là số nguyên từ 1 đến 10000');
    const entries = await serviceOf(io).listAudit(CLI, { limit });
    if (entries.length === 0) io.out('Nhật ký quản trị chưa có mục nào.');
    for (const e of entries) io.out(`${when(e.at)}  ${(e.actor?.name ?? 'dòng lệnh').padEnd(28)} ${e.action.padEnd(22)} ${e.target}  ${JSON.stringify(e.detail)}`);
  },
};

export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    io.err(USAGE);
    return 2;
  }
  if (command === 'help' || command === '--help') {
    io.out(USAGE);
    return 0;
  }
  const run = commands[command];
  if (!run) {
    io.err(`Không có lệnh "${command}".\n${USAGE}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: true, strict: true });
    await run(io, values, positionals);
    return 0;
  } catch (e) {
    if (e instanceof Usage) {
      io.err(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (isParseArgsError(e)) {
      const option = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      io.err(`Tùy chọn không hợp lệ ${option}: sai tên, thiếu giá trị hoặc thừa tham số\n${USAGE}`);
      return 2;
    }
    if (e instanceof Refusal || e instanceof StoreConflict || e instanceof AdminRefusal) {
      io.err(`Lỗi: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
