// The report as a .docx with the same layout as the print view, for people who finish the
// document in Word. Loaded only when someone exports (the `docx` package is large): the
// chunk is named export-*.js so the service worker does not precache it for every phone.
// Runs in the browser and in Node (the tests unzip what it writes).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { DRAFT_MARK, type Cell, type DocTable, type ReportDocument } from './document.ts';

/** Millimetres to twips (1/1440 inch), rounded: A4 is exactly 11906 × 16838. */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);

const FONT = 'Times New Roman';
/** Half-points: 13 pt body, as the decree on administrative documents allows (13–14). */
const BODY = 26;
const SMALL = 24;
const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 };
const CONTENT_TWIPS = mm(PAGE.width - PAGE.left - PAGE.right);
/** A landscape page keeps the same margins: its line is the page's height less them. */
const LANDSCAPE_CONTENT_TWIPS = mm(PAGE.height - PAGE.left - PAGE.right);
const WIDE_COLUMNS = 7;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}
const run = (text: string, s: RunStyle = {}) =>
  new TextRun({ text, font: FONT, size: s.size ?? BODY, bold: s.bold, italics: s.italics, ...(s.underline ? { underline: {} } : {}) });
const line = (text: string, s: RunStyle & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number } = {}) =>
  new Paragraph({
    children: [run(text, s)],
    alignment: s.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: 0, after: s.after ?? 60, line: 276 },
    ...(s.indent ? { indent: { firstLine: mm(10) } } : {}),
  });

const NO_BORDERS = TableBorders.NONE;
/** Word's default left + right cell margins (108 twips each): a cell's text is this much narrower. */
const CELL_MARGINS = 216;
const SOLID = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;

/**
 * The width of a line of Times New Roman, in twips, from average advance widths (em) per
 * kind of character. Good to a few per cent, which is all a centred rule needs: Word has
 * no "rule as long as the line above", and a drawn shape would not move with the text.
 */
export function textTwips(text: string, halfPoints: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize('NFD').replace(/\p{M}/gu, '')) {
    if (ch === ' ') em += 0.25;
    else if (/[0-9]/.test(ch)) em += 0.5;
    else if (/[A-ZĐ]/.test(ch)) em += bold ? 0.72 : 0.68;
    else if (/[a-zđ]/.test(ch)) em += bold ? 0.5 : 0.45;
    else em += 0.33;
  }
  return Math.round(em * halfPoints * 10); // 1 pt = 20 twips, a half-point 10
}

/**
 * The decree's solid rule under a line: an empty paragraph two points high with a bottom
 * border, indented equally from both sides so the border is `length` twips long and centred
 * in a column whose text is `column` twips wide.
 */
function rule(length: number, column: number, after = 60): Paragraph {
  const w = Math.min(column, Math.max(1, Math.round(length)));
  const side = Math.floor((column - w) / 2);
  return new Paragraph({
    children: [new TextRun({ text: '', size: 2 })],
    border: { bottom: { ...SOLID, space: 0 } },
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 40, lineRule: LineRuleType.EXACT },
  });
}

/** "DỰ THẢO" in capitals, bold, in a box at the top right, on a draft only. */
function draftMark(): Paragraph {
  const box = textTwips(DRAFT_MARK, BODY, true) + 240;
  const border = { ...SOLID, size: 8, space: 3 };
  return new Paragraph({
    children: [run(DRAFT_MARK, { bold: true })],
    alignment: AlignmentType.CENTER,
    border: { top: border, bottom: border, left: border, right: border },
    indent: { left: Math.max(0, CONTENT_TWIPS - box - 120), right: 120 },
    spacing: { before: 0, after: 120 },
  });
}

/**
 * Two borderless columns: the issuer and number on the left, the nation and date on the
 * right, with the sizes and rules of Nghị định 30/2020/NĐ-CP: the issuing body 12 pt bold
 * with a rule a third to a half of its line (here 40 %), the motto 13 pt bold with a rule
 * as long as the motto, the number 13 pt, the place and date 13 pt italic.
 */
function headerTable(doc: ReportDocument): Table {
  const left = Math.round(CONTENT_TWIPS * 0.42);
  const right = CONTENT_TWIPS - left;
  const c = AlignmentType.CENTER;
  return new Table({
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: left, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: [
              line(doc.issuer.upper, { align: c, size: SMALL, after: 0 }),
              line(doc.issuer.lower, { align: c, bold: true, size: SMALL, after: 0 }),
              rule(textTwips(doc.issuer.lower, SMALL, true) * 0.4, left - CELL_MARGINS, 120),
              line(doc.numberLine, { align: c }),
            ],
          }),
          new TableCell({
            width: { size: right, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: [
              line(doc.nation.name, { align: c, bold: true, size: SMALL, after: 0 }),
              line(doc.nation.motto, { align: c, bold: true, after: 0 }),
              rule(textTwips(doc.nation.motto, BODY, true), right - CELL_MARGINS, 120),
              line(doc.placeDate, { align: c, italics: true }),
            ],
          }),
        ],
      }),
    ],
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
  });
}

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

function cellOf(cell: Cell, width: number, align: 'left' | 'right' | 'center', bold: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    // A cell's lines (a task's result lists each unit on its own line) are paragraphs of their own.
    children: cell.text.split('\n').map((text) => new Paragraph({ children: [run(text, { bold: bold || cell.strong, size: SMALL })], alignment: ALIGN[align], spacing: { before: 0, after: 0 } })),
  });
}

function dataTable(table: DocTable, contentTwips = CONTENT_TWIPS): Table {
  const sum = table.widths.reduce((a, b) => a + b, 0);
  const widths = table.widths.map((w) => Math.floor((contentTwips * w) / sum));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const row = (cells: readonly Cell[], bold: boolean, header = false) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c, i) => cellOf(c, widths[i] ?? 0, header ? 'center' : (table.align[i] ?? 'left'), bold)),
    });
  return new Table({
    rows: [row(table.head.map((text) => ({ text })), true, true), ...table.rows.map((r) => row(r, false)), ...(table.foot ? [row(table.foot, true)] : [])],
    width: { size: contentTwips, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
  });
}

/** "Nơi nhận" on the left, the signature block on the right. */
function closingTable(doc: ReportDocument): Table {
  const left = Math.round(CONTENT_TWIPS * 0.5);
  const right = CONTENT_TWIPS - left;
  const c = AlignmentType.CENTER;
  // "Nơi nhận:" 12 pt bold italic, the list 11 pt, each line ending ";" and the last ".".
  const recipients = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: SMALL })], spacing: { after: 0 } }),
    ...doc.recipients.map((r, i) => line(`- ${r}${/[;.]$/.test(r) ? '' : i === doc.recipients.length - 1 ? '.' : ';'}`, { size: 22, align: AlignmentType.LEFT, after: 0 })),
  ];
  const signature = [
    line(doc.signer.onBehalf, { align: c, bold: true, after: 0 }),
    line(doc.signer.title, { align: c, bold: true, after: 0 }),
    ...[0, 1, 2, 3].map(() => line('', { align: c, after: 0 })),
    line(doc.signer.name, { align: c, bold: true }),
  ];
  return new Table({
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: left, type: WidthType.DXA }, borders: NO_BORDERS, children: recipients }),
          new TableCell({ width: { size: right, type: WidthType.DXA }, borders: NO_BORDERS, children: signature }),
        ],
      }),
    ],
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
  });
}

export function buildDocx(doc: ReportDocument): Document {
  const body: (Paragraph | Table)[] = [
    ...(doc.draft ? [draftMark()] : []),
    headerTable(doc),
    line('', { after: 120 }),
    line(doc.kind, { align: AlignmentType.CENTER, bold: true, size: 28, after: 0 }),
    line(doc.title, { align: AlignmentType.CENTER, bold: true, after: 40 }),
    // The title's rule: a third to a half of its (longest) line.
    rule(Math.min(textTwips(doc.title, BODY, true), CONTENT_TWIPS) * 0.4, CONTENT_TWIPS, 240),
  ];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') body.push(new Paragraph({ children: [run(b.text, { bold: true })], keepNext: true, spacing: { before: 120, after: 60 }, indent: { firstLine: mm(10) } }));
    else if (b.kind === 'para') body.push(line(b.text, { indent: true }));
    else {
      body.push(new Paragraph({ children: [run(b.table.caption, { bold: true, italics: true, size: SMALL })], alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120, after: 60 } }));
      body.push(dataTable(b.table));
      body.push(line('', { after: 60 }));
    }
  }
  body.push(line('', { after: 120 }), closingTable(doc));
  const margin = { top: mm(PAGE.top), bottom: mm(PAGE.bottom), left: mm(PAGE.left), right: mm(PAGE.right) };
  const size = { width: mm(PAGE.width), height: mm(PAGE.height) };
  // Each appendix is a section of its own, so it starts a page; a table of seven columns or more
  // (Phụ lục I, II: nine) is laid on a landscape page, as 001's own appendices are.
  const appendices = (doc.appendices ?? []).map((a) => {
    const wide = a.table.head.length >= WIDE_COLUMNS;
    const children = [
      new Paragraph({ children: [run(a.name, { bold: true })], alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } }),
      ...a.title.map((t) => line(t, { align: AlignmentType.CENTER, bold: true, after: 0 })),
      line(a.note, { align: AlignmentType.CENTER, italics: true, after: 120 }),
      dataTable(a.table, wide ? LANDSCAPE_CONTENT_TWIPS : CONTENT_TWIPS),
    ];
    return { properties: { page: { size: wide ? { ...size, orientation: PageOrientation.LANDSCAPE } : size, margin } }, children };
  });
  return new Document({
    creator: 'Sổ tay Đề án 06',
    title: `${doc.kind} ${doc.title}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        // Page numbers at the top centre, 13 pt, from the second page on (none on the first).
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })] })] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        properties: { titlePage: true, page: { size, margin } },
        children: body,
      },
      ...appendices,
    ],
  });
}

/** The .docx file's bytes. */
export async function docxBytes(doc: ReportDocument): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(buildDocx(doc)));
}

export function docxBlob(doc: ReportDocument): Promise<Blob> {
  return Packer.toBlob(buildDocx(doc));
}
