// The .xlsx side of the bulk import: read a workbook into rows, write the template. A chunk of
// its own (admin-xlsx-*.js), loaded only when someone picks an .xlsx file or asks for the template.
import readXlsxFile from 'read-excel-file/browser';
import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/universal';
import { LEVEL_LABEL, OrgLevel } from '../domain/org.ts';
import { ROLE_LABEL, Role } from '../domain/people.ts';
import { SHEET_TITLE, parseWorkbook, templateHeaders, type ParsedImport } from './import-parse.ts';

export async function readWorkbook(file: Blob): Promise<ParsedImport> {
  return parseWorkbook(await readXlsxFile(file));
}

const text = (value: string, bold = false): Cell => ({ value, type: String, ...(bold ? { fontWeight: 'bold' as const } : {}) });

/** The template: the two tables' headers on sheets of their own, and a guide to the accepted values. */
export function templateBlob(guide: { title: string; levels: string; roles: string; notes: readonly string[] }): Promise<Blob> {
  const table = (sheet: 'units' | 'users'): Sheet<never> => ({
    sheet: SHEET_TITLE[sheet],
    data: [templateHeaders(sheet).map((h) => text(h, true))],
    columns: templateHeaders(sheet).map(() => ({ width: 26 })),
    stickyRowsCount: 1,
  });
  const rows: Cell[][] = [
    [text(guide.title, true)],
    ...guide.notes.map((n) => [text(n)]),
    [],
    [text(guide.levels, true)],
    ...OrgLevel.options.map((l) => [text(LEVEL_LABEL[l]), text(l)]),
    [],
    [text(guide.roles, true)],
    ...Role.options.map((r) => [text(ROLE_LABEL[r]), text(r)]),
  ];
  return writeXlsxFile([table('units'), table('users'), { sheet: 'Hướng dẫn', data: rows, columns: [{ width: 60 }, { width: 20 }] }]).toBlob();
}
