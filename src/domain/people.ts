import * as z from 'zod/mini';
import { Id, Text } from './common.ts';

export const Role = z.enum(['villageMember', 'communeStanding', 'communeLeader', 'districtOfficer', 'provinceOfficer', 'admin']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABEL: Record<Role, string> = {
  villageMember: 'Thành viên Tổ công nghệ số cộng đồng (thôn)',
  communeStanding: 'Cơ quan thường trực (Công an xã)',
  communeLeader: 'Lãnh đạo UBND xã',
  districtOfficer: 'Cán bộ Tổ công tác cấp huyện',
  provinceOfficer: 'Cán bộ Tổ công tác cấp tỉnh',
  admin: 'Quản trị hệ thống',
};

export const Username = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 chữ không dấu, số, dấu chấm, gạch'));

export const User = z.object({
  id: Id,
  username: Username,
  displayName: Text,
  role: Role,
  /** The unit whose subtree the user may read. */
  unitId: Id,
});
export type User = z.infer<typeof User>;
