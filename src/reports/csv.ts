// The report's tables as CSV (RFC 4180), numbers written as the document prints them
// (38.755; 96,24%). A BOM so Excel reads UTF-8 Vietnamese; every field quoted, since
// vi-VN numbers contain the comma that separates fields. No library: this is all of it.
import type { DocTable, ReportDocument } from './document.ts';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const line = (cells: readonly string[]) => cells.map(quote).join(',');

export function tableCsv(table: DocTable): string {
  const rows = [line([table.caption]), line(table.head), ...table.rows.map((r) => line(r.map((c) => c.text)))];
  if (table.foot) rows.push(line(table.foot.map((c) => c.text)));
  return rows.join('\r\n');
}

export function documentCsv(doc: ReportDocument): string {
  const tables = doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
  return '\uFEFF' + [line([doc.kind, doc.title]), line([doc.issuer.upper, doc.placeDate]), '', ...tables.map((tb) => `${tableCsv(tb)}\r\n`)].join('\r\n');
}
