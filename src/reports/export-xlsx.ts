// The report's tables as an .xlsx workbook, one sheet per table. Numbers stay numbers
// (with "#,##0" and "0.00%" formats, which Excel shows as 38.755 and 96,24% in a
// Vietnamese locale) so people can add them up. `write-excel-file` is small and kept up;
// this chunk (export-*.js) loads only when someone exports and is never precached.
import writeXlsxFile, { type Cell as XlsxCell, type Sheet } from 'write-excel-file/universal';
import { DRAFT_MARK, documentTables, type Cell, type DocTable, type ReportDocument } from './document.ts';

const FORMAT: Record<NonNullable<Cell['format']>, string> = { integer: '#,##0', percent: '0.00%', decimal: '#,##0.00' };

const cellOf = (c: Cell, bold = false): XlsxCell =>
  c.value !== undefined
    ? { value: c.value, type: Number, format: FORMAT[c.format ?? 'decimal'], ...(bold ? { fontWeight: 'bold' as const } : {}) }
    : { value: c.text, type: String, wrap: true, ...(bold ? { fontWeight: 'bold' as const } : {}) };

/** Excel sheet names: at most 31 characters, none of []:*?/\ , unique. */
function sheetName(table: DocTable, used: Set<string>): string {
  const words = (table.caption.replace(/^Bảng\s+\d+\.\s*/, '').replace(/[[\]:*?/\\]/g, ' ').trim() || table.id).split(/\s+/);
  let base = words[0]!.slice(0, 28);
  for (const w of words.slice(1)) {
    if (`${base} ${w}`.length > 28) break;
    base = `${base} ${w}`;
  }
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name);
  return name;
}

export function workbookSheets(doc: ReportDocument): Sheet<never>[] {
  const used = new Set<string>();
  return documentTables(doc).map((table) => {
    const data: XlsxCell[][] = [
      [{ value: table.caption, type: String, fontWeight: 'bold' }],
      // A draft's figures say so, like its print view and its .docx.
      [{ value: `${doc.draft ? `${DRAFT_MARK} — ` : ''}${doc.issuer.upper} — ${doc.title}`, type: String, fontStyle: 'italic' }],
      table.head.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const, wrap: true, align: 'center' as const })),
      ...table.rows.map((r) => r.map((c) => cellOf(c, c.strong))),
      ...(table.foot ? [table.foot.map((c) => cellOf(c, true))] : []),
    ];
    return { data, sheet: sheetName(table, used), columns: table.widths.map((w) => ({ width: Math.max(6, Math.round(w * 1.1)) })), stickyRowsCount: 3 };
  });
}

export function xlsxBlob(doc: ReportDocument): Promise<Blob> {
  return writeXlsxFile(workbookSheets(doc), { fontFamily: 'Times New Roman', fontSize: 12 }).toBlob();
}
