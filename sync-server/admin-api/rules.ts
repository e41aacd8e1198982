// The refusals the admin service and the bulk import share, so a rule reads the same wherever
// it is broken (the CLI, a form in the browser admin, a row of a spreadsheet).
import { ROLE_LEVEL } from '../../src/domain/admin-access.ts';
import { LEVEL_LABEL, type OrgUnit } from '../../src/domain/org.ts';
import { ROLE_LABEL, type Role } from '../../src/domain/people.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/password.ts';

export const PASSWORD_RULE = `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`;
export const ADMIN_RIGHT_PROBLEM = 'Chỉ cán bộ cấp tỉnh hoặc cấp huyện mới được giao quyền quản trị';
export const UNIT_ID_RULE = 'Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang (tối đa 80 ký tự)';
export const usernameTaken = (username: string) => `Tên đăng nhập ${username} đã có người dùng`;
export const unitTaken = (id: string) => `Đơn vị ${id} đã có`;

/** Why a role cannot sit at a unit (ROLE_LEVEL), or null when it can. */
export function roleLevelProblem(role: Role, unit: Pick<OrgUnit, 'name' | 'level'>): string | null {
  const level = ROLE_LEVEL[role];
  if (!level || unit.level === level) return null;
  return `${ROLE_LABEL[role]} phải thuộc một ${LEVEL_LABEL[level].toLowerCase()}, còn ${unit.name} là ${LEVEL_LABEL[unit.level].toLowerCase()}`;
}
