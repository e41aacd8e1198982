// The bulk import of units and accounts (POST /api/admin/import): every row of both sheets is
// checked against the store and against the other rows, and every problem is named by sheet,
// row and field, in Vietnamese, before anything is written. The browser turns the spreadsheet
// into these rows (src/admin/import-parse.ts); `row` is the spreadsheet's own row number.
//
// Pure: the service runs it once to answer a dry run (or refuse early), then again inside the
// transaction that writes, against what the store holds at that moment.
import { z } from 'zod';
import { Text } from '../../src/domain/common.ts';
import { UNIT_ID, mayCreateUnit, mayGrant, type AdminActor, type UnitIndex } from '../../src/domain/admin-access.ts';
import { LEVEL_LABEL, LEVEL_RANK, OrgLevel, type OrgUnit } from '../../src/domain/org.ts';
import { ROLE_LABEL, Role, Username } from '../../src/domain/people.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/password.ts';
import { ADMIN_RIGHT_PROBLEM, PASSWORD_RULE, UNIT_ID_RULE, roleLevelProblem, unitTaken, usernameTaken } from './rules.ts';

/** Rows per sheet: a province's communes and villages with their people, well under the body cap. */
export const MAX_IMPORT_ROWS = 5000;

const Cell = z.string().max(2000);
const OptionalCell = Cell.nullish();
export const UnitRow = z.object({ row: z.number().int().min(1), id: Cell, name: Cell, level: Cell, parentId: OptionalCell });
export const UserRow = z.object({ row: z.number().int().min(1), username: Cell, displayName: Cell, role: Cell, unitId: Cell, password: OptionalCell, canAdmin: z.boolean().optional() });
export type UnitRow = z.infer<typeof UnitRow>;
export type UserRow = z.infer<typeof UserRow>;
export const ImportRequest = z.object({
  units: z.array(UnitRow).max(MAX_IMPORT_ROWS, `Tối đa ${MAX_IMPORT_ROWS} dòng đơn vị mỗi lần nhập`),
  users: z.array(UserRow).max(MAX_IMPORT_ROWS, `Tối đa ${MAX_IMPORT_ROWS} dòng tài khoản mỗi lần nhập`),
  dryRun: z.boolean(),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

export interface ImportError {
  sheet: 'units' | 'users';
  row: number;
  field: string;
  message: string;
}

export interface ImportedUser {
  row: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  canAdmin: boolean;
  /** Absent: the account gets a one-time reset code to hand over. */
  password?: string;
}

export interface ImportPlan {
  errors: ImportError[];
  /** Parents before children. */
  units: OrgUnit[];
  users: ImportedUser[];
}

const LEVELS = OrgLevel.options.map((l) => `${l} (${LEVEL_LABEL[l]})`).join(', ');
const ROLES = Role.options.map((r) => `${r} (${ROLE_LABEL[r]})`).join(', ');
const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';
const firstIssue = (r: { success: false; error: { issues: readonly { message: string }[] } }) => r.error.issues[0]?.message ?? 'không hợp lệ';

/**
 * Checks both sheets. `existing` is what the store holds; `taken` the usernames it holds.
 * A unit row with problems can still be referred to by its id (a village under it, a person
 * in it): its own row carries the error, the rows that name it do not repeat it.
 */
export function planImport(request: Pick<ImportRequest, 'units' | 'users'>, existing: readonly OrgUnit[], taken: ReadonlySet<string>, actor: AdminActor): ImportPlan {
  const errors: ImportError[] = [];
  const byId = new Map<string, OrgUnit>(existing.map((u) => [u.id, u]));
  const fileIds = new Map<string, number>(); // id → first row naming it
  const fail = (sheet: ImportError['sheet'], row: number, field: string, message: string) => errors.push({ sheet, row, field, message });

  // First pass: every unit row's own fields, and what the file's ids refer to.
  interface Draft { row: number; id: string | null; name: string | null; level: OrgLevel | null; parentId: string | null; ok: boolean }
  const drafts: Draft[] = request.units.map((r) => {
    const before = errors.length;
    const id = r.id.trim();
    let okId: string | null = null;
    if (!UNIT_ID.test(id)) fail('units', r.row, 'id', id === '' ? 'Thiếu mã đơn vị' : UNIT_ID_RULE);
    else if (fileIds.has(id)) fail('units', r.row, 'id', `Mã đơn vị ${id} trùng với dòng ${fileIds.get(id)}`);
    else if (byId.has(id)) fail('units', r.row, 'id', `${unitTaken(id)} trong hệ thống`);
    else okId = id;
    if (UNIT_ID.test(id) && !fileIds.has(id)) fileIds.set(id, r.row);
    const name = z.safeParse(Text, r.name);
    if (!name.success) fail('units', r.row, 'name', blank(r.name) ? 'Thiếu tên đơn vị' : `Tên đơn vị không hợp lệ: ${firstIssue(name)}`);
    const level = OrgLevel.safeParse(r.level.trim());
    if (!level.success) fail('units', r.row, 'level', blank(r.level) ? `Thiếu cấp đơn vị; một trong: ${LEVELS}` : `Cấp đơn vị "${r.level}" không có; một trong: ${LEVELS}`);
    const parentId = blank(r.parentId) ? null : r.parentId!.trim();
    return { row: r.row, id: okId, name: name.success ? name.data : null, level: level.success ? level.data : null, parentId, ok: errors.length === before };
  });
  // The file's units, as far as they can be read, join the tree for references.
  const fileUnits = new Map<string, Draft>();
  for (const d of drafts) if (d.id !== null) fileUnits.set(d.id, d);
  const index = new Map<string, Pick<OrgUnit, 'id' | 'parentId' | 'level'>>(byId);
  for (const d of fileUnits.values()) if (d.level) index.set(d.id!, { id: d.id!, parentId: d.parentId, level: d.level });
  const levelOf = (id: string): OrgLevel | null | undefined => (byId.has(id) ? byId.get(id)!.level : fileUnits.has(id) ? fileUnits.get(id)!.level : undefined);
  const nameOf = (id: string) => byId.get(id)?.name ?? fileUnits.get(id)?.name ?? id;

  /**
   * Whether a unit's chain of parents reaches the store through readable file rows only. When it
   * does not, a row on the way carries the error; the rows below it are not blamed for it too.
   */
  const chainReadable = (id: string): boolean => {
    const seen = new Set<string>();
    for (let current: string | null = id; current !== null; ) {
      if (byId.has(current)) return true;
      const d = fileUnits.get(current);
      if (!d || !d.level || seen.has(current)) return false;
      seen.add(current);
      current = d.parentId;
    }
    return false;
  };

  // Second pass: parents.
  const parentProblem = (d: Draft): string | null => {
    if (d.parentId === null) {
      if (d.level && d.level !== 'province') return `Thiếu đơn vị cấp trên: ${LEVEL_LABEL[d.level].toLowerCase()} phải thuộc một đơn vị`;
      return mayCreateUnit(actor, null, index) ? null : 'Chỉ quản trị viên hệ thống tạo được đơn vị cấp cao nhất';
    }
    const parentLevel = levelOf(d.parentId);
    if (parentLevel === undefined) return `Không có đơn vị cấp trên ${d.parentId} (trong hệ thống hay trong tệp)`;
    if (d.parentId === d.id) return 'Đơn vị không thể là cấp trên của chính nó';
    if (chainReadable(d.parentId) && !mayCreateUnit(actor, d.parentId, index)) return `Bạn không có quyền tạo đơn vị thuộc ${nameOf(d.parentId)} (${d.parentId})`;
    return null;
  };
  for (const d of drafts) {
    const problem = parentProblem(d);
    if (problem) {
      fail('units', d.row, 'parentId', problem);
      d.ok = false;
      continue;
    }
    const parentLevel = d.parentId === null ? null : levelOf(d.parentId);
    if (d.level && parentLevel && LEVEL_RANK[parentLevel] >= LEVEL_RANK[d.level]) {
      fail('units', d.row, 'level', `${LEVEL_LABEL[d.level]} không thể nằm dưới ${LEVEL_LABEL[parentLevel].toLowerCase()} ${nameOf(d.parentId!)}`);
      d.ok = false;
    }
  }

  // Accounts.
  const fileNames = new Map<string, number>();
  const users: ImportedUser[] = [];
  for (const r of request.users) {
    const before = errors.length;
    const username = Username.safeParse(r.username);
    if (!username.success) fail('users', r.row, 'username', blank(r.username) ? 'Thiếu tên đăng nhập' : firstIssue(username));
    else if (fileNames.has(username.data)) fail('users', r.row, 'username', `Tên đăng nhập ${username.data} trùng với dòng ${fileNames.get(username.data)}`);
    else if (taken.has(username.data)) fail('users', r.row, 'username', usernameTaken(username.data));
    if (username.success && !fileNames.has(username.data)) fileNames.set(username.data, r.row);
    const displayName = z.safeParse(Text, r.displayName);
    if (!displayName.success) fail('users', r.row, 'displayName', blank(r.displayName) ? 'Thiếu họ tên' : `Họ tên không hợp lệ: ${firstIssue(displayName)}`);
    const role = Role.safeParse(r.role.trim());
    if (!role.success) fail('users', r.row, 'role', blank(r.role) ? `Thiếu vai trò; một trong: ${ROLES}` : `Vai trò "${r.role}" không có; một trong: ${ROLES}`);
    const unitId = r.unitId.trim();
    const level = unitId === '' ? undefined : levelOf(unitId);
    if (level === undefined) fail('users', r.row, 'unitId', unitId === '' ? 'Thiếu mã đơn vị' : `Không có đơn vị ${unitId} (trong hệ thống hay trong tệp)`);
    const canAdmin = r.canAdmin === true;
    if (role.success && level) {
      const problem = roleLevelProblem(role.data, { name: nameOf(unitId), level });
      if (problem) fail('users', r.row, 'role', problem);
      else if (canAdmin && role.data !== 'provinceOfficer' && role.data !== 'districtOfficer') fail('users', r.row, 'canAdmin', ADMIN_RIGHT_PROBLEM);
      else if (chainReadable(unitId) && !mayGrant(actor, { role: role.data, unitId, canAdmin }, index)) {
        fail('users', r.row, 'unitId', `Bạn không được tạo tài khoản ${ROLE_LABEL[role.data].toLowerCase()} ở ${nameOf(unitId)}`);
      }
    }
    const password = blank(r.password) ? undefined : r.password!;
    if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) fail('users', r.row, 'password', `${PASSWORD_RULE}; để trống thì hệ thống cấp mã dùng một lần`);
    if (errors.length === before && username.success && displayName.success && role.success) {
      users.push({ row: r.row, username: username.data, displayName: displayName.data, role: role.data, unitId, canAdmin, ...(password !== undefined ? { password } : {}) });
    }
  }

  const units = drafts
    .filter((d) => d.ok && d.id !== null && d.name !== null && d.level !== null)
    .map((d): OrgUnit => ({ id: d.id!, name: d.name!, level: d.level!, parentId: d.parentId, placeholder: false }))
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  const order = { units: 0, users: 1 } as const;
  errors.sort((a, b) => order[a.sheet] - order[b.sheet] || a.row - b.row);
  return { errors, units, users };
}

export type { UnitIndex };
