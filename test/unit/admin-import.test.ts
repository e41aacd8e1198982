// The bulk import's file reading: what a Vietnamese spreadsheet of units and users becomes
// before the server's dry run. Expectations are the rows as a person reads them in the file
// (hand-counted line numbers, the labels printed in the documents), not the parser's output.
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import readXlsxFile from 'read-excel-file/node';
import { csvTemplate, levelCode, parseCsv, parseCsvImport, parseWorkbook, roleCode, templateHeaders } from '../../src/admin/import-parse.ts';

describe('CSV records', () => {
  it('reads ";" fields, quotes, doubled quotes and line breaks inside quotes, keeping each record’s first line', () => {
    const text = '\uFEFFa;"b;c";"say ""hi"""\r\n"two\r\nlines";x\r\n\r\nlast;"";z';
    expect(parseCsv(text)).toEqual([
      { row: 1, cells: ['a', 'b;c', 'say "hi"'] },
      { row: 2, cells: ['two\r\nlines', 'x'] },
      { row: 4, cells: [''] },
      { row: 5, cells: ['last', '', 'z'] },
    ]);
  });

  it('takes "," or tab when the first line is separated by them', () => {
    expect(parseCsv('a,b,"c;d"\n1,2,3\n').map((r) => r.cells)).toEqual([
      ['a', 'b', 'c;d'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('a\tb\n1\t2').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('labels', () => {
  it('accepts the documents’ level names, their parts, codes, without diacritics', () => {
    expect(levelCode('Xã/Phường')).toBe('commune');
    expect(levelCode('Phường')).toBe('commune');
    expect(levelCode('xa')).toBe('commune');
    expect(levelCode('Thôn')).toBe('village');
    expect(levelCode('Tổ dân phố')).toBe('village');
    expect(levelCode('Huyện/Thành phố')).toBe('district');
    expect(levelCode('district')).toBe('district');
    expect(levelCode('Ấp')).toBeNull();
  });

  it('accepts role labels, the body named in brackets, and codes', () => {
    expect(roleCode('Cơ quan thường trực (Công an xã)')).toBe('communeStanding');
    expect(roleCode('Công an xã')).toBe('communeStanding');
    expect(roleCode('cong an xa')).toBe('communeStanding');
    expect(roleCode('Thành viên Tổ công nghệ số cộng đồng')).toBe('villageMember');
    expect(roleCode('villageMember')).toBe('villageMember');
    expect(roleCode('Lãnh đạo UBND xã')).toBe('communeLeader');
    // "(thôn)" is one word: it must not make "Thôn" a role.
    expect(roleCode('Thôn')).toBeNull();
  });
});

describe('a CSV of both tables', () => {
  const csv = [
    'Đơn vị', // 1
    'Mã;Tên;Cấp;Mã đơn vị cấp trên', // 2
    'xa-a;Xã An Hòa;Xã/Phường;th', // 3
    'xa-a-t1;"Thôn 1, An Hòa";Thôn;xa-a', // 4
    ';;;', // 5: empty, skipped
    'xa-a-t2;Thôn 2;Ấp;xa-a', // 6: unknown level
    '', // 7
    'Người dùng', // 8
    'Tên đăng nhập;Họ tên;Vai trò;Mã đơn vị;Mật khẩu (tùy chọn)', // 9
    'an.congan;Nguyễn Văn An;Công an xã;xa-a;', // 10
    'an.thon1;Lê Thị Bình;Thành viên Tổ công nghệ số cộng đồng (thôn);xa-a-t1;mat-khau-dai', // 11
    'an.x;Trần C;Trưởng thôn;xa-a-t1;', // 12: unknown role
  ].join('\r\n');

  it('gives every row with its line number, codes for labels, null for no parent, no empty password', () => {
    const parsed = parseCsvImport(csv);
    expect(parsed.units).toEqual([
      { row: 3, id: 'xa-a', name: 'Xã An Hòa', level: 'commune', parentId: 'th' },
      { row: 4, id: 'xa-a-t1', name: 'Thôn 1, An Hòa', level: 'village', parentId: 'xa-a' },
      { row: 6, id: 'xa-a-t2', name: 'Thôn 2', level: 'Ấp', parentId: 'xa-a' },
    ]);
    expect(parsed.users).toEqual([
      { row: 10, username: 'an.congan', displayName: 'Nguyễn Văn An', role: 'communeStanding', unitId: 'xa-a' },
      { row: 11, username: 'an.thon1', displayName: 'Lê Thị Bình', role: 'villageMember', unitId: 'xa-a-t1', password: 'mat-khau-dai' },
      { row: 12, username: 'an.x', displayName: 'Trần C', role: 'Trưởng thôn', unitId: 'xa-a-t1' },
    ]);
    expect(parsed.problems.map((p) => [p.sheet, p.row, p.field])).toEqual([
      ['units', 6, 'level'],
      ['users', 12, 'role'],
    ]);
    expect(parsed.problems[0]!.message).toContain('Ấp');
  });

  it('finds the tables by their headers, in any column order, without titles or diacritics', () => {
    const parsed = parseCsvImport('Cap,Ma,Ten\r\nXa,x1,Xã Một\r\nho ten,ten dang nhap,vai tro,ma don vi\r\nAn,an1,Lãnh đạo UBND xã,x1\r\n');
    expect(parsed.units).toEqual([{ row: 2, id: 'x1', name: 'Xã Một', level: 'commune', parentId: null }]);
    expect(parsed.users).toEqual([{ row: 4, username: 'an1', displayName: 'An', role: 'communeLeader', unitId: 'x1' }]);
    expect(parsed.problems).toEqual([]);
  });

  it('names a missing column on its header row, and a file with no table', () => {
    const parsed = parseCsvImport('Mã;Cấp\r\nx1;Xã\r\n');
    expect(parsed.problems).toEqual([{ sheet: 'units', row: 1, field: 'name', message: 'Thiếu cột “Tên”' }]);
    expect(parseCsvImport('hello;world\r\n1;2').problems).toHaveLength(1);
  });

  it('reads its own template back as two empty tables', () => {
    const parsed = parseCsvImport(csvTemplate());
    expect(parsed).toEqual({ units: [], users: [], problems: [] });
  });
});

describe('an .xlsx workbook (written and read by the real libraries)', () => {
  it('keeps spreadsheet row numbers, reads numbers as text and skips the guide sheet', async () => {
    const units = [
      templateHeaders('units'),
      ['xa-b', 'Xã Bình Minh', 'Xã/Phường', 'th'],
      [null, null, null, null],
      ['xa-b-t1', 'Thôn 1', 'Thôn/Tổ dân phố', 'xa-b'],
    ];
    const users = [templateHeaders('users'), ['binh.1', 'Phạm Văn D', 'villageMember', 'xa-b-t1', 12345678]];
    const cell = (v: string | number | null) => (v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String });
    const buffer = await writeXlsxFile(
      [
        { sheet: 'Hướng dẫn', data: [[cell('Mã'), cell('Cấp')], [cell('x'), cell('Tỉnh')]] },
        { sheet: 'Đơn vị', data: units.map((r) => r.map(cell)) },
        { sheet: 'Người dùng', data: users.map((r) => r.map(cell)) },
      ],
      {},
    ).toBuffer();
    const parsed = parseWorkbook(await readXlsxFile(buffer));
    expect(parsed.units).toEqual([
      { row: 2, id: 'xa-b', name: 'Xã Bình Minh', level: 'commune', parentId: 'th' },
      { row: 4, id: 'xa-b-t1', name: 'Thôn 1', level: 'village', parentId: 'xa-b' },
    ]);
    expect(parsed.users).toEqual([{ row: 2, username: 'binh.1', displayName: 'Phạm Văn D', role: 'villageMember', unitId: 'xa-b-t1', password: '12345678' }]);
    expect(parsed.problems).toEqual([]);
  });
});

describe('the .xlsx template', () => {
  it('reads back as the two empty tables, its guide sheet ignored', async () => {
    const { templateBlob } = await import('../../src/admin/admin-xlsx.ts');
    const blob = await templateBlob({ title: 'Hướng dẫn', levels: 'Cấp', roles: 'Vai trò', notes: ['Mã', 'Tên đăng nhập'] });
    const sheets = await readXlsxFile(Buffer.from(await blob.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(['Đơn vị', 'Người dùng', 'Hướng dẫn']);
    expect(sheets[0]!.data[0]).toEqual(['Mã', 'Tên', 'Cấp', 'Mã đơn vị cấp trên']);
    expect(parseWorkbook(sheets)).toEqual({ units: [], users: [], problems: [] });
  });
});
