// The report's tables as CSV, for Excel on a Vietnamese-locale computer (the offices the
// reports go to). No library: this is all of it.
//
// Why this number format: numbers are written as numbers, unquoted, so a spreadsheet can
// add them up; text stays quoted. Excel opens a .csv with the system's regional settings,
// and Windows' Vietnamese settings use "," as the decimal mark, "." to group digits and ";"
// as the list separator. So fields are separated by ";" (RFC 4180 in every other respect:
// CRLF, doubled quotes), decimals take a comma (96,24%), and digits are NOT grouped: Excel
// in Vietnamese would read "38.755" as 38755, but any program set to a "." decimal mark
// would read it as 38,755, while "38755" means the same everywhere. A percentage keeps its
// "%" (Excel stores 96,24% as the number 0,9624, shown as a percentage). A UTF-8 BOM so
// Excel reads the Vietnamese text as UTF-8; no "sep=;" line, which makes Excel ignore it.
import { DRAFT_MARK, documentTables, type Cell, type DocTable, type ReportDocument } from './document.ts';

export const CSV_SEPARATOR = ';';

const plain = new Intl.NumberFormat('vi-VN', { useGrouping: false, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', useGrouping: false, minimumFractionDigits: 0, maximumFractionDigits: 2 });

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Text that a spreadsheet would run as a formula ("=HYPERLINK(…)", "+…", "-…", "@…"; quotes
 * do not stop it) gets a leading apostrophe: a report's text is typed by many people and
 * opened by others (OWASP "CSV injection"). It also keeps "- Kết quả" from showing #NAME?.
 */
const inert = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** A cell as a CSV field: its number when it has one (unquoted), else its text (quoted). */
export function csvField(cell: Cell): string {
  if (cell.value === undefined || !Number.isFinite(cell.value)) return quote(inert(cell.text));
  // Intl puts a (no-break) space before "%" in vi-VN; Excel wants the sign right after the digits.
  return cell.format === 'percent' ? percent.format(cell.value).replace(/\s/g, '') : plain.format(cell.value);
}

const line = (cells: readonly Cell[]) => cells.map(csvField).join(CSV_SEPARATOR);
const texts = (values: readonly string[]) => values.map((text) => ({ text }));

export function tableCsv(table: DocTable): string {
  const rows = [line(texts([table.caption])), line(texts(table.head)), ...table.rows.map(line)];
  if (table.foot) rows.push(line(table.foot));
  return rows.join('\r\n');
}

export function documentCsv(doc: ReportDocument): string {
  const tables = documentTables(doc);
  const heading = [doc.kind, doc.title, ...(doc.draft ? [DRAFT_MARK] : [])]; // a draft's figures say so, as its print view does
  return '\uFEFF' + [line(texts(heading)), line(texts([doc.issuer.upper, doc.placeDate])), '', ...tables.map((tb) => `${tableCsv(tb)}\r\n`)].join('\r\n');
}
