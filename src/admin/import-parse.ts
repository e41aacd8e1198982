// A spreadsheet of units and users → the rows POST /api/admin/import takes. Pure (no DOM, no
// library): the .xlsx reader (./import-xlsx.ts) and the CSV parser below both hand it a grid.
//
// What people fill in is a Vietnamese spreadsheet: headers "Mã", "Tên", "Cấp", "Mã đơn vị cấp
// trên" and "Tên đăng nhập", "Họ tên", "Vai trò", "Mã đơn vị", "Mật khẩu (tùy chọn)"; levels and
// roles as their Vietnamese labels (LEVEL_LABEL, ROLE_LABEL) or codes. Headers and labels are
// matched without diacritics or case, since a typed "Cap" or "Xa" means the same thing. A table is
// found by its header row, not by its position, so one sheet (or a CSV) may hold both tables one
// after the other, optionally each under its title ("Đơn vị", "Người dùng"). `row` is the row
// number people see in their spreadsheet (header = row 1 on a sheet of its own; the physical line
// in a CSV), so the server's errors point at the right line.
import { LEVEL_LABEL, OrgLevel } from '../domain/org.ts';
import { ROLE_LABEL, Role } from '../domain/people.ts';
import { searchKey } from '../domain/text.ts';

export type ImportSheet = 'units' | 'users';
export interface UnitRow {
  row: number;
  id: string;
  name: string;
  level: string;
  parentId: string | null;
}
export interface UserRow {
  row: number;
  username: string;
  displayName: string;
  role: string;
  unitId: string;
  password?: string;
}
export interface ImportProblem {
  sheet: ImportSheet;
  row: number;
  field: string;
  message: string;
}
export interface ParsedImport {
  units: UnitRow[];
  users: UserRow[];
  /** Found while reading the file (a missing column, an unknown level or role), before the server sees it. */
  problems: ImportProblem[];
}

/** What a reader hands over for a cell: text, a number, a boolean, a date, or nothing. */
export type CellValue = unknown;
/** One record of a grid and the row number people see for it. */
export interface GridRow {
  row: number;
  cells: readonly CellValue[];
}

export const SHEET_TITLE: Record<ImportSheet, string> = { units: 'Đơn vị', users: 'Người dùng' };

type UnitField = Exclude<keyof UnitRow, 'row'>;
type UserField = Exclude<keyof UserRow, 'row'>;

/** The template's headers (first) and what else is understood, as search keys. */
export const UNIT_HEADERS: Record<UnitField, readonly string[]> = {
  id: ['Mã', 'ma', 'id'],
  name: ['Tên', 'ten don vi', 'name'],
  level: ['Cấp', 'level'],
  parentId: ['Mã đơn vị cấp trên', 'ma cap tren', 'cap tren', 'don vi cap tren', 'parentid', 'parent'],
};
export const USER_HEADERS: Record<UserField, readonly string[]> = {
  username: ['Tên đăng nhập', 'username'],
  displayName: ['Họ tên', 'ho va ten', 'displayname'],
  role: ['Vai trò', 'role'],
  unitId: ['Mã đơn vị', 'don vi', 'unitid', 'unit'],
  password: ['Mật khẩu (tùy chọn)', 'mat khau', 'password'],
};
const REQUIRED_UNIT: readonly UnitField[] = ['id', 'name', 'level'];
const REQUIRED_USER: readonly UserField[] = ['username', 'displayName', 'role', 'unitId'];

/** "Mật khẩu (tùy chọn)" → "mat khau"; "Cấp*" → "cap". */
const headerKey = (s: string) =>
  searchKey(s.replace(/\(.*?\)/g, ' '))
    .replace(/[*:]/g, '')
    .trim();

function aliases<F extends string>(headers: Record<F, readonly string[]>): Map<string, F> {
  const out = new Map<string, F>();
  for (const [field, names] of Object.entries(headers) as [F, readonly string[]][]) for (const n of names) out.set(headerKey(n), field);
  return out;
}
const UNIT_ALIASES = aliases(UNIT_HEADERS);
const USER_ALIASES = aliases(USER_HEADERS);

/** A cell as the text it shows: numbers as digits (a code typed as 0123 stays whatever Excel kept), text trimmed, NFC. */
export function cellText(v: CellValue): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return '';
  return String(v).normalize('NFC').replace(/\s+/g, ' ').trim();
}

function labelIndex<C extends string>(codes: readonly C[], labels: Record<C, string>): Map<string, C> {
  const out = new Map<string, C>();
  for (const code of codes) {
    const label = labels[code];
    const forms = [code, label, ...label.split('/'), label.replace(/\(.*?\)/g, '')];
    // "Cơ quan thường trực (Công an xã)": the words in brackets name the body too, when they are a name
    // (not a single word like "(thôn)", which would mistake every "Thôn" for a role).
    for (const inner of label.match(/\((.*?)\)/g) ?? []) if (inner.split(/\s+/).length > 1) forms.push(inner.slice(1, -1));
    for (const f of forms) if (f.trim()) out.set(searchKey(f), code);
  }
  return out;
}
const LEVELS = labelIndex(OrgLevel.options, LEVEL_LABEL);
const ROLES = labelIndex(Role.options, ROLE_LABEL);

/** "Xã/Phường", "xa", "Phường", "commune" → 'commune'; unknown → null. */
export const levelCode = (text: string): OrgLevel | null => LEVELS.get(searchKey(text)) ?? null;
/** "Cơ quan thường trực (Công an xã)", "Công an xã", "communeStanding" → 'communeStanding'; unknown → null. */
export const roleCode = (text: string): Role | null => ROLES.get(searchKey(text)) ?? null;

const isTitle = (cells: readonly string[]): ImportSheet | null => {
  const filled = cells.filter(Boolean);
  if (filled.length !== 1) return null;
  const key = headerKey(filled[0]!);
  return key === headerKey(SHEET_TITLE.units) ? 'units' : key === headerKey(SHEET_TITLE.users) ? 'users' : null;
};

interface Header<F extends string> {
  sheet: ImportSheet;
  row: number;
  columns: Map<F, number>;
}
type AnyHeader = Header<UnitField> | Header<UserField>;

function columnsOf<F extends string>(cells: readonly string[], names: Map<string, F>): Map<F, number> {
  const columns = new Map<F, number>();
  cells.forEach((c, i) => {
    const f = names.get(headerKey(c));
    if (f !== undefined && !columns.has(f)) columns.set(f, i);
  });
  return columns;
}

/** A header row: the users' (it names a username and a role) or the units' (a code and a level). */
function headerOf(cells: readonly string[], row: number): AnyHeader | null {
  const users = columnsOf(cells, USER_ALIASES);
  if (users.has('username') && (users.has('role') || users.has('displayName'))) return { sheet: 'users', row, columns: users };
  const units = columnsOf(cells, UNIT_ALIASES);
  if (units.has('id') && (units.has('level') || units.has('name'))) return { sheet: 'units', row, columns: units };
  return null;
}

const missingColumn = (name: string) => `Thiếu cột “${name}”`;

/** The units and users of one or more grids (the sheets of a workbook, or one CSV). */
export function parseGrids(grids: readonly (readonly GridRow[])[]): ParsedImport {
  const out: ParsedImport = { units: [], users: [], problems: [] };
  const found = new Set<ImportSheet>();
  for (const grid of grids) {
    let header: AnyHeader | null = null;
    for (const { row, cells: raw } of grid) {
      const cells = raw.map(cellText);
      if (cells.every((c) => !c)) continue;
      if (isTitle(cells)) {
        header = null;
        continue;
      }
      const next = headerOf(cells, row);
      if (next) {
        header = next;
        found.add(next.sheet);
        const required: readonly string[] = next.sheet === 'units' ? REQUIRED_UNIT : REQUIRED_USER;
        const names: Record<string, readonly string[]> = next.sheet === 'units' ? UNIT_HEADERS : USER_HEADERS;
        for (const f of required)
          if (!(next.columns as Map<string, number>).has(f)) out.problems.push({ sheet: next.sheet, row, field: f, message: missingColumn(names[f]![0]!) });
        continue;
      }
      if (!header) continue; // text above the first table (a note, the file's title)
      const at = (f: string) => {
        const i = (header!.columns as Map<string, number>).get(f);
        return i === undefined ? '' : (cells[i] ?? '');
      };
      if (header.sheet === 'units') {
        const levelText = at('level');
        const level = levelText ? levelCode(levelText) : null;
        if (levelText && !level)
          out.problems.push({ sheet: 'units', row, field: 'level', message: `Cấp “${levelText}” không hợp lệ; dùng: ${Object.values(LEVEL_LABEL).join(', ')}` });
        out.units.push({ row, id: at('id'), name: at('name'), level: level ?? levelText, parentId: at('parentId') || null });
      } else {
        const roleText = at('role');
        const role = roleText ? roleCode(roleText) : null;
        if (roleText && !role) out.problems.push({ sheet: 'users', row, field: 'role', message: `Vai trò “${roleText}” không hợp lệ` });
        const password = at('password');
        out.users.push({
          row,
          username: at('username'),
          displayName: at('displayName'),
          role: role ?? roleText,
          unitId: at('unitId'),
          ...(password ? { password } : {}),
        });
      }
    }
  }
  if (found.size === 0) out.problems.push({ sheet: 'units', row: 1, field: '', message: 'Không tìm thấy dòng tiêu đề của bảng “Đơn vị” hay “Người dùng” (xem tệp mẫu)' });
  return out;
}

/** The sheets of a workbook, row i of a sheet's data being its spreadsheet row i + 1. */
export function parseWorkbook(sheets: readonly { sheet: string; data: readonly (readonly CellValue[])[] }[]): ParsedImport {
  // A guide sheet ("Hướng dẫn") is for people, not data.
  const data = sheets.filter((s) => !searchKey(s.sheet).startsWith('huong dan'));
  return parseGrids(data.map((s) => s.data.map((cells, i) => ({ row: i + 1, cells }))));
}

/**
 * RFC 4180 CSV with the separator Excel used: ";" (Vietnamese regional settings, as our exports),
 * "," or a tab, whichever the first line has most of outside quotes. Quoted fields may hold
 * separators, doubled quotes and line breaks; each record keeps the line it starts on.
 */
export function parseCsv(text: string): GridRow[] {
  const s = text.replace(/^\uFEFF/, '');
  const firstLine = s.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const sep = (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ';');
  const rows: GridRow[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const endRecord = () => {
    cells.push(field);
    rows.push({ row: start, cells });
    cells = [];
    field = '';
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (inQuotes) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') inQuotes = false;
      else {
        if (ch === '\n' || (ch === '\r' && s[i + 1] !== '\n')) line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === sep) {
      cells.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
    i++;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return rows;
}

export const parseCsvImport = (text: string): ParsedImport => parseGrids([parseCsv(text)]);

const csvQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const headerLine = (headers: Record<string, readonly string[]>) =>
  Object.values(headers)
    .map((names) => csvQuote(names[0]!))
    .join(';');

/** The CSV template: both tables, each under its title, headers only (";" and a BOM for Excel in Vietnamese). */
export function csvTemplate(): string {
  return '\uFEFF' + [csvQuote(SHEET_TITLE.units), headerLine(UNIT_HEADERS), '', csvQuote(SHEET_TITLE.users), headerLine(USER_HEADERS), ''].join('\r\n');
}

/** The template's header rows (the .xlsx template writes them on sheets named SHEET_TITLE). */
export const templateHeaders = (sheet: ImportSheet): string[] => Object.values(sheet === 'units' ? UNIT_HEADERS : USER_HEADERS).map((names) => names[0]!);
