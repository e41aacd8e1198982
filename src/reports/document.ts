// A report as an official Vietnamese administrative document (the layout of Nghị định
// 30/2020/NĐ-CP that the seed reports follow), described once as plain data and drawn by
// three renderers: the print view (HTML, A4), the .docx export and the CSV/.xlsx export
// of its tables. Pure: numbers are formatted vi-VN here (38.755; 96,24%), so every output
// says the same thing.
import { STATUS_LABEL } from '../domain/status.ts';
import type { StatusKey } from '../domain/rollup.ts';
import { onlineRate } from '../domain/indicators.ts';
import type { OrgUnit } from '../domain/org.ts';
import { periodLabel } from '../domain/calendar.ts';
import { SECTION_LABEL } from '../domain/report.ts';
import { fileSlug, formatDate, formatNumber, formatPercent } from '../domain/text.ts';
import type { ReportData } from './data.ts';
import { modelsAdopted, modelsDone, serviceTotals } from './data.ts';
import { NARRATIVE_KEYS, defaultSymbol, meta, narrative, type SectionRow } from './sections.ts';
import { m as ui } from './messages.ts';
import { m as common } from '../i18n/common.ts';
import { appendixNote, decision422Table, essentialTable, paragraphs, provinceAppendices, provinceBlocks, resolutionTable, taskTable, type Appendix } from './province-document.ts';
export type { Appendix } from './province-document.ts';

/** A table cell: the text every output shows, and the number behind it for spreadsheets. */
export interface Cell {
  text: string;
  value?: number;
  format?: 'integer' | 'percent' | 'decimal';
  /** A group's heading row inside a table (001 Phụ lục I "I. Về pháp lý"): bold. */
  strong?: boolean;
}
export interface DocTable {
  id: string;
  caption: string;
  head: string[];
  rows: Cell[][];
  foot: Cell[] | null;
  /** Column alignment; numbers right. */
  align: ('left' | 'right' | 'center')[];
  /** Relative column widths (sum ≈ 100). */
  widths: number[];
}
export type Block = { kind: 'heading'; level: 1 | 2; text: string } | { kind: 'para'; text: string } | { kind: 'table'; table: DocTable };

export interface ReportDocument {
  issuer: { upper: string; lower: string };
  numberLine: string;
  nation: { name: string; motto: string };
  placeDate: string;
  kind: string;
  title: string;
  /**
   * "BẢN NHÁP — báo cáo tháng chưa gửi" or "Phiên bản 2, gửi ngày 25/11/2026": a note on screen,
   * never printed nor exported, so it is interface text, in the interface language.
   */
  status: string;
  /** A draft carries the boxed DRAFT_MARK on paper and in Word; a submitted version does not. */
  draft: boolean;
  blocks: Block[];
  recipients: string[];
  signer: { onBehalf: string; title: string; name: string };
  /** Printed after the signature (a province report's Phụ lục I–IV); none on other reports. */
  appendices?: Appendix[];
  fileStem: string;
}

export const NATION = { name: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' } as const;
/** The symbol a report takes when none is given. */
export const NUMBER_SUFFIX = defaultSymbol({ level: 'commune' });
/** The mark of a document not yet issued ("Dự thảo", in capitals and boxed). */
export const DRAFT_MARK = 'DỰ THẢO';

/**
 * "Số: 15/BC-TCTĐA06": the serial number and the symbol joined once by "/". The decree
 * (Nghị định 30/2020/NĐ-CP, Phụ lục I) writes the serial in Arabic digits with a leading
 * zero below 10, and the symbol in capitals with hyphens and no spaces. What a person may
 * have typed into the serial field is tolerated: a leading "Số:", or the whole
 * "15/BC-TCT" (as records saved before the symbol had its own field hold it) — the part
 * after "/" is then the symbol they meant, and it is not added a second time.
 */
export function documentNumber(rawNumber: string, rawSymbol: string): string {
  const typed = splitNumber(rawNumber);
  let serial = typed.number.replace(/\s+/g, '');
  if (/^\d$/.test(serial)) serial = `0${serial}`;
  const symbol = (typed.symbol ?? rawSymbol).replace(/\s+/g, '').replace(/^\/+|\/+$/g, '').toLocaleUpperCase('vi-VN') || NUMBER_SUFFIX;
  return `Số: ${serial || '…'}/${symbol}`;
}

/** Splits what was typed into the serial field ("15/BC-TCT") into the two fields, if it holds both. */
export function splitNumber(rawNumber: string): { number: string; symbol: string | null } {
  const serial = rawNumber.trim().replace(/^số\s*:?\s*/iu, '');
  const slash = serial.indexOf('/');
  if (slash < 0) return { number: serial, symbol: null };
  const symbol = serial.slice(slash + 1).replace(/^[\s/]+|[\s/]+$/g, '');
  return { number: serial.slice(0, slash).trim(), symbol: symbol === '' ? null : symbol };
}

const t = (text: string): Cell => ({ text });
const int = (n: number): Cell => ({ text: formatNumber(n), value: n, format: 'integer' });
const pct = (ratio: number | null): Cell => (ratio === null ? { text: '—' } : { text: formatPercent(ratio), value: ratio, format: 'percent' });
const progress = (n: number | null): Cell => (n === null ? { text: '—' } : { text: `${formatNumber(Math.round(n * 100) / 100)}%`, value: n / 100, format: 'percent' });

/** "xã Thiệu Vân" → "Thiệu Vân": the place name of the date line. */
export function placeName(unitName: string): string {
  return unitName.replace(/^(tỉnh|thành phố|thị xã|huyện|quận|thị trấn|xã|phường|thôn|tổ dân phố)\s+/i, '').trim();
}

const VN = 7 * 3600_000;
/**
 * "Thiệu Vân, ngày 25 tháng 11 năm 2026". Days below 10 and the months January and
 * February take a leading zero, as the decree on administrative documents requires.
 */
export function placeDateLine(place: string, instant: number): string {
  const d = new Date(instant + VN);
  const day = d.getUTCDate();
  const month = d.getUTCMonth() + 1;
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${d.getUTCFullYear()}`;
}

const statusText = (k: StatusKey | null) => (k === null || k === 'none' ? 'Chưa cập nhật' : STATUS_LABEL[k]);
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function modelsTable(data: ReportData): DocTable {
  if (data.level === 'commune' || data.partKind !== 'child') {
    return {
      id: 'mo-hinh',
      caption: 'Bảng 1. Tiến độ triển khai các mô hình',
      head: ['TT', 'Mô hình', 'Đánh giá tiến độ', 'Tiến độ', 'Nhiệm vụ đã cập nhật', 'Ghi chú, kết quả'],
      rows: data.models.map((m, i) => [
        int(i + 1),
        t(m.title),
        t(statusText(m.status)),
        progress(m.progressCount > 0 ? m.progressSum / m.progressCount : null),
        m.tasks.total > 0 ? t(`${formatNumber(m.tasks.answered)}/${formatNumber(m.tasks.total)}`) : t('—'),
        t(m.note),
      ]),
      foot: null,
      align: ['center', 'left', 'left', 'right', 'right', 'left'],
      widths: [6, 34, 16, 10, 12, 22],
    };
  }
  const doing = (m: ReportData['models'][number]) => (m.counts.inProgress ?? 0) + (m.counts.ongoing ?? 0) + (m.counts.partial ?? 0);
  const other = (m: ReportData['models'][number]) => m.units - (m.counts.done ?? 0) - doing(m);
  const done = modelsDone(data.models);
  const adopted = modelsAdopted(data.models);
  return {
    id: 'mo-hinh',
    caption: 'Bảng 1. Tình hình triển khai các mô hình trên địa bàn',
    head: ['TT', 'Mô hình', 'Số đơn vị triển khai', 'Đã hoàn thành', 'Đang, thường xuyên thực hiện', 'Chưa thực hiện, khác', 'Tỷ lệ hoàn thành'],
    rows: data.models.map((m, i) => [int(i + 1), t(m.title), int(m.units), int(m.counts.done ?? 0), int(doing(m)), int(other(m)), pct(share(m.counts.done ?? 0, m.units))]),
    foot: [t(''), t('Tổng cộng'), int(adopted), int(done), int(data.models.reduce((n, m) => n + doing(m), 0)), int(data.models.reduce((n, m) => n + other(m), 0)), pct(share(done, adopted))],
    align: ['center', 'left', 'right', 'right', 'right', 'right', 'right'],
    widths: [6, 38, 11, 11, 12, 11, 11],
  };
}

function servicesTable(data: ReportData): DocTable {
  const total = serviceTotals(data.indicators.services);
  return {
    id: 'dvc',
    caption: `Bảng 2. Kết quả thực hiện 25 dịch vụ công thiết yếu (${data.months.map((m) => periodLabel(m).toLowerCase()).join(', ')})`,
    head: ['Số TT', 'Dịch vụ', 'Tổng số hồ sơ', 'Trực tuyến', 'Tỷ lệ'],
    rows: data.indicators.services.map((s) => [s.no === null ? t('') : int(s.no), t(s.name), int(s.total), int(s.online), pct(onlineRate(s))]),
    // The rows shown: the services the documents name (unnamed rows are kept out until an admin names them).
    foot: [t(''), t(`Tổng cộng ${formatNumber(data.indicators.services.length)} dịch vụ`), int(total.total), int(total.online), pct(onlineRate(total))],
    align: ['center', 'left', 'right', 'right', 'right'],
    widths: [8, 52, 15, 13, 12],
  };
}

function countersTable(data: ReportData): DocTable {
  return {
    id: 'chi-tieu',
    caption: 'Bảng 3. Căn cước công dân gắn chíp và định danh điện tử',
    head: ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Số lượng'],
    rows: data.indicators.counters.map((c, i) => [int(i + 1), t(c.label), t(c.unit), int(c.value)]),
    foot: null,
    align: ['center', 'left', 'left', 'right'],
    widths: [8, 60, 16, 16],
  };
}

function partsTable(data: ReportData): DocTable | null {
  if (data.parts.length === 0) return null;
  if (data.partKind === 'village') {
    return {
      id: 'thon',
      caption: 'Bảng 4. Số liệu do các Tổ công nghệ số cộng đồng thôn gửi',
      head: ['TT', 'Thôn, tổ dân phố', 'Đã gửi số liệu', 'Tổng số hồ sơ', 'Trực tuyến', 'Tỷ lệ'],
      rows: data.parts.map((p, i) => [int(i + 1), t(p.name), t(p.hasData ? 'Có' : 'Chưa'), int(p.total), int(p.online), pct(onlineRate(p))]),
      foot: null,
      align: ['center', 'left', 'center', 'right', 'right', 'right'],
      widths: [8, 36, 14, 15, 14, 13],
    };
  }
  const sum = data.parts.reduce((a, p) => ({ total: a.total + p.total, online: a.online + p.online }), { total: 0, online: 0 });
  return {
    id: 'don-vi',
    caption: 'Bảng 4. Tình hình báo cáo và số liệu của các đơn vị',
    head: ['TT', 'Đơn vị', 'Báo cáo', 'Mô hình đã hoàn thành', 'Tổng số hồ sơ', 'Trực tuyến', 'Tỷ lệ'],
    rows: data.parts.map((p, i) => [
      int(i + 1),
      t(p.name),
      t(p.hasData ? `Lần ${formatNumber(p.version ?? 1)}, ${p.submittedAt ? formatDate(p.submittedAt) : ''}` : 'Chưa gửi'),
      t(p.hasData ? `${formatNumber(p.modelsDone)}/${formatNumber(p.modelsTotal)}` : '—'),
      int(p.total),
      int(p.online),
      pct(onlineRate(p)),
    ]),
    foot: [t(''), t('Tổng cộng'), t(`${formatNumber(data.parts.filter((p) => p.hasData).length)}/${formatNumber(data.parts.length)} đã gửi`), t(''), int(sum.total), int(sum.online), pct(onlineRate(sum))],
    align: ['center', 'left', 'left', 'right', 'right', 'right', 'right'],
    widths: [6, 28, 20, 12, 13, 11, 10],
  };
}

function inspectionTable(data: ReportData): DocTable | null {
  const lines = data.inspection.filter((l) => l.total > 0);
  if (lines.length === 0) return null;
  return {
    id: 'de-cuong',
    caption: 'Bảng 5. Kết quả tự kiểm tra theo đề cương',
    head: ['TT', 'Đề cương', 'Số câu đã trả lời', 'Tỷ lệ'],
    rows: lines.map((l, i) => [int(i + 1), t(l.title), t(`${formatNumber(l.answered)}/${formatNumber(l.total)}`), pct(share(l.answered, l.total))]),
    foot: null,
    align: ['center', 'left', 'right', 'right'],
    widths: [8, 62, 16, 14],
  };
}

/** Every table of a report, in order (what CSV and .xlsx export). */
export function reportTables(data: ReportData): DocTable[] {
  if (data.province) return [taskTable(data.province), ...(data.province.resolution ? [resolutionTable(data.province.resolution)] : []), essentialTable(data.province), decision422Table(data.province)];
  return [modelsTable(data), servicesTable(data), countersTable(data), partsTable(data), inspectionTable(data)].filter((x): x is DocTable => x !== null);
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];

export interface DocumentInput {
  title: string;
  sections: readonly SectionRow[];
  data: ReportData;
  unit: Pick<OrgUnit, 'name' | 'level'>;
  /** The version shown (null for a draft), and when it was submitted. */
  version: number | null;
  issuedAt: number;
}

export function buildDocument(input: DocumentInput): ReportDocument {
  const { data, sections, unit } = input;
  const tables = reportTables(data);
  const byId = new Map(tables.map((tb) => [tb.id, tb]));
  const issuerName = `Tổ công tác Đề án 06 ${unit.name}`;
  if (data.province) return provinceDocument({ ...input, data: { ...data, province: data.province } }, issuerName);
  const blocks: Block[] = [
    {
      kind: 'para',
      text: `Thực hiện chế độ thông tin, báo cáo về triển khai Đề án 06, ${issuerName} báo cáo kết quả thực hiện ${periodLabel(data.period).toLowerCase()} như sau:`,
    },
  ];
  NARRATIVE_KEYS.forEach((key, i) => {
    blocks.push({ kind: 'heading', level: 1, text: `${ROMAN[i]}. ${SECTION_LABEL[key].toUpperCase()}` });
    if (key === 'results') {
      let n = 0;
      const sub = (text: string, ...ids: string[]) => {
        const found = ids.map((id) => byId.get(id)).filter((tb): tb is DocTable => tb !== undefined);
        if (found.length === 0) return;
        blocks.push({ kind: 'heading', level: 2, text: `${++n}. ${text}` });
        for (const table of found) blocks.push({ kind: 'table', table });
      };
      sub('Tiến độ triển khai các mô hình', 'mo-hinh');
      sub('Kết quả thực hiện 25 dịch vụ công thiết yếu, CCCD gắn chíp và định danh điện tử', 'dvc', 'chi-tieu');
      sub(data.partKind === 'village' ? 'Số liệu của các thôn' : 'Tình hình báo cáo của các đơn vị', 'thon', 'don-vi');
      sub('Kết quả tự kiểm tra', 'de-cuong');
      const text = narrative(sections, key);
      if (text.trim()) {
        blocks.push({ kind: 'heading', level: 2, text: `${++n}. Kết quả cụ thể` });
        blocks.push(...paragraphs(text));
      }
      return;
    }
    const body = paragraphs(narrative(sections, key));
    blocks.push(...(body.length ? body : [{ kind: 'para' as const, text: 'Không có.' }]));
  });
  blocks.push({ kind: 'para', text: `Trên đây là báo cáo ${periodLabel(data.period).toLowerCase()} của ${issuerName}./.` });

  return { ...frame(input), blocks };
}

/** What every report has around its body: header, number, date, recipients, signer, file name. */
function frame(input: DocumentInput): Omit<ReportDocument, 'blocks'> {
  const { data, sections, unit } = input;
  const recipients = meta(sections, 'recipients')
    .split('\n')
    .map((l) => l.trim().replace(/^[-–•]\s*/, ''))
    .filter(Boolean);
  const draft = input.version === null;
  // Named as people would: "bao-cao-xa-thieu-van-thang-11-2026-lan-1", not by the unit's id.
  const safeId = fileSlug(`${unit.name} ${periodLabel(data.period)}`) || 'bao-cao';
  return {
    issuer: { upper: `UBND ${unit.name}`.toUpperCase(), lower: 'TỔ CÔNG TÁC ĐỀ ÁN 06' },
    numberLine: documentNumber(meta(sections, 'number'), meta(sections, 'symbol')),
    nation: NATION,
    placeDate: placeDateLine(placeName(unit.name), input.issuedAt),
    kind: 'BÁO CÁO',
    title: input.title.trim(),
    status: draft ? ui.draftStatus(common.periodType(data.periodType).toLowerCase()) : ui.versionStatus(input.version!, input.issuedAt),
    draft,
    recipients,
    signer: { onBehalf: 'TM. TỔ CÔNG TÁC', title: meta(sections, 'signerTitle').trim() || 'TỔ TRƯỞNG', name: meta(sections, 'signerName').trim() },
    fileStem: `bao-cao-${safeId}${draft ? '-nhap' : `-lan-${input.version}`}`,
  };
}

/** A province report (data.province): 001's body, then its appendices after the signature. */
function provinceDocument(input: DocumentInput & { data: { province: NonNullable<ReportData['province']> } }, issuerName: string): ReportDocument {
  const base = frame(input);
  const issuedOn = input.version === null ? null : formatDate(input.issuedAt);
  return { ...base, blocks: provinceBlocks(input.data, input.sections, issuerName), appendices: provinceAppendices(input.data.province, appendixNote(base.numberLine, issuedOn, issuerName)) };
}

/** Every table of a document, body then appendices (what CSV and .xlsx export). */
export const documentTables = (doc: ReportDocument): DocTable[] => [
  ...doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])),
  ...(doc.appendices ?? []).map((a) => ({ ...a.table, caption: `${a.name}. ${a.title.join(' ')}` })),
];

/** The text of every table cell and paragraph, in order: what a reader of the document sees. */
export function documentText(doc: ReportDocument): string {
  const lines = [...(doc.draft ? [DRAFT_MARK] : []), doc.issuer.upper, doc.issuer.lower, doc.numberLine, doc.nation.name, doc.nation.motto, doc.placeDate, doc.kind, doc.title];
  for (const b of doc.blocks) {
    if (b.kind === 'table') lines.push(b.table.caption, b.table.head.join(' | '), ...b.table.rows.map((r) => r.map((c) => c.text).join(' | ')));
    else lines.push(b.text);
  }
  lines.push('Nơi nhận:', ...doc.recipients, doc.signer.onBehalf, doc.signer.title, doc.signer.name);
  for (const a of doc.appendices ?? []) lines.push(a.name, ...a.title, a.note, a.table.caption, a.table.head.join(' | '), ...a.table.rows.map((r) => r.map((c) => c.text).join(' | ')));
  return lines.join('\n');
}
