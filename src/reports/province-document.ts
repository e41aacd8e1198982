// The province report laid out as 001 is (Báo cáo 137/BC-UBND ngày 28/6/2024 của Tổ công tác
// Đề án 06 tỉnh Thanh Hóa): I. the tasks assigned (counted from Phụ lục I), II. results,
// III. assessment (shortcomings, causes), IV. the next period's tasks, V. proposals, the
// closing sentence naming the appendices, and after the signature Phụ lục I (tasks and
// progress), II (the Nghị quyết 175 tasks: done / not done, cause), III (25 essential
// services) and IV (services of Quyết định 422/QĐ-TTg).
// Its text sections are the same five a report always has, so the editor, the workflow and
// the sync record need nothing new; only the layout and the prefill differ.
import { TASK_STATUS_LABEL, type TaskStatus } from '../domain/plans.ts';
import { aggregateShare, onlineRate, targetProgress, type DocumentFigure, type IndicatorSheetTemplate } from '../domain/indicators.ts';
import { nextPeriod, periodLabel, periodTypeOf } from '../domain/calendar.ts';
import { formatNumber, formatPercent } from '../domain/text.ts';
import type { Block, Cell, DocTable } from './document.ts';
import type { ChildSnapshot, ReportData } from './data.ts';
import { narrative, prefillParentNarrative, type NarrativeKey, type SectionRow } from './sections.ts';
import { missingRows, taskStatusCounts, type ProvinceData } from './province.ts';

/** An appendix printed after the signature: its name, title lines, the "kèm theo" line and its table. */
export interface Appendix {
  name: string;
  title: string[];
  note: string;
  table: DocTable;
}

const t = (text: string, strong = false): Cell => (strong ? { text, strong: true } : { text });
const int = (n: number): Cell => ({ text: formatNumber(n), value: n, format: 'integer' });
const pct = (ratio: number | null): Cell => (ratio === null ? { text: '—' } : { text: formatPercent(ratio), value: ratio, format: 'percent' });
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

export function taskTable(p: ProvinceData): DocTable {
  const rows: Cell[][] = [];
  let group: string | null | undefined;
  let g = 0;
  for (const task of p.tasks) {
    if (task.group !== group) {
      group = task.group;
      if (group) rows.push([t(ROMAN[g++] ?? String(g), true), t(group, true), t(''), t(''), t(''), t('')]);
    }
    rows.push([t(task.no), t(task.text), t(task.lead), t(task.deadline), t(task.wording), t(task.result)]);
  }
  return {
    id: 'phu-luc-1',
    caption: 'Tiến độ thực hiện các nhiệm vụ',
    head: ['TT', 'Nội dung, nhiệm vụ cụ thể', 'Đơn vị chủ trì', 'Thời gian hoàn thành', 'Tiến độ thực hiện', 'Kết quả thực hiện'],
    rows,
    foot: null,
    align: ['center', 'left', 'left', 'left', 'left', 'left'],
    widths: [5, 30, 13, 12, 16, 24],
  };
}

/**
 * 001 Phụ lục II as the document draws it: section rows ("I. Nhiệm vụ chung của các Bộ,
 * ngành, địa phương"), each task under its number within the section, the result in one of
 * the two columns and the cause. Rows the table skips are named in a row of their own, and a
 * section whose heading is missing says so: our copy of 001 lacks rows 11–15 and section II's
 * heading (seeds/plans/NOTES.md), and a reader must not take the table for complete.
 */
export function resolutionTable(r: NonNullable<ProvinceData['resolution']>): DocTable {
  const rows: Cell[][] = [];
  const gaps = missingRows(r.tasks);
  const empty = (n: number) => Array.from({ length: n }, () => t(''));
  let section: string | undefined;
  for (const task of r.tasks) {
    const [roman = '', num = task.no] = task.no.includes('.') ? task.no.split('.') : ['', task.no];
    const gap = gaps.get(task.no);
    if (gap) rows.push([t(gap.from === gap.to ? String(gap.from) : `${gap.from}–${gap.to}`), t(''), t(`${gap.from === gap.to ? `Dòng ${gap.from}` : `Các dòng ${gap.from}–${gap.to}`} không có trong bản văn bản mà ứng dụng lưu giữ.`), ...empty(6)]);
    if (roman !== section) {
      section = roman;
      if (roman) rows.push([t(roman, true), t(''), t(task.group ?? `(Tên mục ${roman} không có trong bản văn bản mà ứng dụng lưu giữ)`, true), ...empty(6)]);
    }
    rows.push([t(num), t(task.lead), t(task.text), t(task.partners), t(task.basis), t(task.deadline), t(task.done), t(task.notDone), t(task.cause)]);
  }
  return {
    id: 'phu-luc-2',
    caption: 'Kết quả: đã hoàn thành, chưa hoàn thành và nguyên nhân',
    head: ['STT', 'Đơn vị chủ trì', 'Nhiệm vụ', 'Đơn vị phối hợp', 'Văn bản chỉ đạo', 'Thời gian hoàn thành', 'Đã hoàn thành', 'Chưa hoàn thành', 'Nguyên nhân'],
    rows,
    foot: null,
    align: ['center', 'left', 'left', 'left', 'left', 'left', 'left', 'left', 'left'],
    widths: [5, 9, 24, 9, 9, 9, 13, 12, 10],
  };
}

/** Whether a service or counter was entered by some commune (versions without the list: all were). */
const wasEntered = (p: ProvinceData, id: string): boolean => !p.entered || p.entered.includes(id);
const NOT_ENTERED = 'chưa nhập số liệu';
/** A figure cell: a dash for one nobody entered, not a 0 that reads as a result. */
const figure = (p: ProvinceData, id: string, n: number): Cell => (wasEntered(p, id) ? int(n) : t('—'));
const rate = (p: ProvinceData, id: string, s: { total: number; online: number }): Cell => (wasEntered(p, id) ? pct(onlineRate(s)) : t('—'));
/** "from n communes that entered", or that none entered any of `ids`. */
const figuresCaption = (p: ProvinceData, ids: readonly string[]): string =>
  ids.some((id) => wasEntered(p, id))
    ? `Số liệu ${monthsText(p.months)}, tổng hợp từ ${formatNumber(p.communes)} xã, phường đã nhập`
    : `Số liệu ${monthsText(p.months)}: chưa xã, phường nào nhập số liệu các dịch vụ này`;

const monthsText = (months: readonly string[]) => (months.length ? `${periodLabel(months[0]!).toLowerCase()}${months.length > 1 ? ` – ${periodLabel(months.at(-1)!).toLowerCase()}` : ''}` : '');

export function essentialTable(p: ProvinceData): DocTable {
  const sum = p.services.reduce((a, s) => ({ total: a.total + s.total, online: a.online + s.online }), { total: 0, online: 0 });
  return {
    id: 'phu-luc-3',
    caption: figuresCaption(p, p.services.map((s) => s.id)),
    head: ['Số TT', 'Dịch vụ', 'Tổng số hồ sơ', 'Trực tuyến', 'Tỷ lệ'],
    rows: p.services.map((s) => [s.no === null ? t('') : int(s.no), t(s.name), figure(p, s.id, s.total), figure(p, s.id, s.online), rate(p, s.id, s)]),
    foot: [t(''), t(`Tổng cộng ${formatNumber(p.services.length)} dịch vụ`), int(sum.total), int(sum.online), pct(onlineRate(sum))],
    align: ['center', 'left', 'right', 'right', 'right'],
    widths: [8, 52, 15, 13, 12],
  };
}

export function decision422Table(p: ProvinceData): DocTable {
  const rows: Cell[][] = [];
  let group: string | undefined;
  let parent: string | null = null;
  for (const s of p.decision422) {
    if (s.group !== group) {
      group = s.group;
      parent = null;
      rows.push([t(''), t(s.group, true), t(''), t(''), t(''), t('')]);
    }
    if (s.parent && s.parent !== parent) {
      parent = s.parent;
      rows.push([t(String(s.no)), t(`${s.parent}, cụ thể:`), t(''), t(''), t(''), t('')]);
    }
    rows.push([t(s.parent ? '' : String(s.no)), t(s.parent ? `- ${s.name}` : s.name), figure(p, s.id, s.total), figure(p, s.id, s.online), rate(p, s.id, s), t(s.issue ?? '')]);
  }
  const sum = p.decision422.reduce((a, s) => ({ total: a.total + s.total, online: a.online + s.online }), { total: 0, online: 0 });
  return {
    id: 'phu-luc-4',
    caption: figuresCaption(p, p.decision422.map((s) => s.id)),
    head: ['STT', 'Tên dịch vụ công', 'Tổng số', 'Trực tuyến', 'Tỷ lệ', 'Tồn tại'],
    rows,
    foot: [t(''), t('Tổng cộng'), int(sum.total), int(sum.online), pct(onlineRate(sum)), t('')],
    align: ['center', 'left', 'right', 'right', 'right', 'left'],
    widths: [6, 44, 11, 11, 9, 19],
  };
}

const COUNT_ORDER: readonly (TaskStatus | null)[] = ['done', 'ongoing', 'inProgress', 'waitingGuidance', 'notDone', 'notStarted', null];

/** "1. Việc thực hiện các nhiệm vụ được giao": the plan's tasks counted by their assessment. */
export function taskSummary(p: ProvinceData): string[] {
  const counts = taskStatusCounts(p.tasks);
  const groups = new Set(p.tasks.map((x) => x.group).filter(Boolean)).size;
  return [
    `Theo ${p.plan.title}, tổng số ${formatNumber(p.tasks.length)} nhiệm vụ cụ thể${groups ? ` thuộc ${formatNumber(groups)} nhóm nội dung` : ''} cần thực hiện. Trong đó:`,
    ...COUNT_ORDER.filter((s) => (counts.get(s) ?? 0) > 0).map((s) => `- ${s === null ? 'Chưa có đánh giá' : TASK_STATUS_LABEL[s]}: ${formatNumber(counts.get(s)!)} nhiệm vụ`),
    '(chi tiết tại Phụ lục I kèm theo Báo cáo này)',
  ];
}

/** "IV. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2026": the period after the report's. */
export function nextTasksHeading(period: string): string {
  const type = periodTypeOf(period);
  const next = type === 'adHoc' ? 'KỲ TỚI' : periodLabel(nextPeriod(period)).toLocaleUpperCase('vi-VN');
  return `IV. NHIỆM VỤ TRỌNG TÂM ${next}`;
}

/** A section's text as paragraphs, one per line typed. */
export const paragraphs = (text: string): Block[] =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'para', text: p }));
const orNone = (blocks: Block[]): Block[] => (blocks.length ? blocks : [{ kind: 'para', text: 'Không có.' }]);

export function provinceBlocks(data: ReportData & { province: ProvinceData }, sections: readonly SectionRow[], issuerName: string): Block[] {
  const p = data.province;
  const when = periodLabel(data.period).toLowerCase();
  return [
    { kind: 'para', text: `Thực hiện chế độ thông tin, báo cáo về triển khai Đề án 06, ${issuerName} báo cáo kết quả triển khai thực hiện Đề án 06 trên địa bàn, ${when === 'đột xuất' ? 'đột xuất' : `trong ${when}`}, như sau:` },
    { kind: 'heading', level: 1, text: 'I. KHÁI QUÁT TÌNH HÌNH VÀ KẾT QUẢ TRIỂN KHAI ĐỀ ÁN 06' },
    { kind: 'heading', level: 2, text: `1. Việc thực hiện các nhiệm vụ được giao ${when === 'đột xuất' ? 'trong kỳ' : `trong ${when}`}` },
    ...taskSummary(p).map((text): Block => ({ kind: 'para', text })),
    { kind: 'heading', level: 1, text: 'II. KẾT QUẢ CÁC MẶT CÔNG TÁC' },
    ...orNone(paragraphs(narrative(sections, 'results'))),
    { kind: 'heading', level: 1, text: 'III. NHẬN XÉT, ĐÁNH GIÁ, GIẢI PHÁP' },
    { kind: 'heading', level: 2, text: '1. Tồn tại, hạn chế, khó khăn, vướng mắc' },
    ...orNone(paragraphs(narrative(sections, 'difficulties'))),
    { kind: 'heading', level: 2, text: '2. Nguyên nhân' },
    ...orNone(paragraphs(narrative(sections, 'causes'))),
    { kind: 'heading', level: 1, text: nextTasksHeading(data.period) },
    ...orNone(paragraphs(narrative(sections, 'nextTasks'))),
    { kind: 'heading', level: 1, text: 'V. KIẾN NGHỊ, ĐỀ XUẤT' },
    ...orNone(paragraphs(narrative(sections, 'proposals'))),
    { kind: 'para', text: `${issuerName} kính báo cáo (có Phụ lục ${appendixNames(p)} kèm theo Báo cáo)./.` },
  ];
}

/** "(kèm theo Báo cáo số: 15/BC-TCTĐA06 ngày 25/11/2026 của Tổ công tác Đề án 06 tỉnh Thanh Hóa)"; a draft has no date yet. */
export function appendixNote(numberLine: string, issuedOn: string | null, issuerName: string): string {
  return `(kèm theo Báo cáo ${numberLine.replace(/^Số:/, 'số:')}${issuedOn ? ` ngày ${issuedOn}` : ''} của ${issuerName})`;
}

/** "I, II, III, IV": the appendices this report has (a version submitted before Phụ lục II was added has no II). */
const appendixNames = (p: ProvinceData) => (p.resolution ? 'I, II, III, IV' : 'I, III, IV');

export function provinceAppendices(p: ProvinceData, note: string): Appendix[] {
  return [
    { name: 'Phụ lục I', title: ['THỐNG KÊ CÁC NHIỆM VỤ CỦA ĐỊA PHƯƠNG ĐƯỢC GIAO', 'TẠI CÁC CHỈ THỊ, NGHỊ QUYẾT, THÔNG BÁO KẾT LUẬN'], note, table: taskTable(p) },
    ...(p.resolution ? [{ name: 'Phụ lục II', title: ['KẾT QUẢ TRIỂN KHAI CÁC NHIỆM VỤ CỦA NGHỊ QUYẾT 175 GIAI ĐOẠN 1 (2023 - 2025)'], note, table: resolutionTable(p.resolution) }] : []),
    { name: 'Phụ lục III', title: ['ĐÁNH GIÁ 25 DỊCH VỤ CÔNG THIẾT YẾU THEO ĐỀ ÁN 06'], note, table: essentialTable(p) },
    {
      name: 'Phụ lục IV',
      title: ['SỐ LIỆU CÁC DỊCH VỤ CÔNG THEO QUYẾT ĐỊNH 422/QĐ-TTg CỦA THỦ TƯỚNG CHÍNH PHỦ', 'ĐÃ HOÀN THÀNH TÍCH HỢP TRÊN CỔNG DỊCH VỤ CÔNG QUỐC GIA'],
      note,
      table: decision422Table(p),
    },
  ];
}

// ── Prefill of the narrative ────────────────────────────────────────────────────────

/**
 * "Công tác cấp CCCD và tài khoản định danh điện tử: …": the counters summed from the
 * communes' sheets, each target of the unit with its progress, each baseline with its date.
 */
export function countersParagraph(p: ProvinceData, sheet: IndicatorSheetTemplate, unitId: string): string {
  const values = Object.fromEntries(p.counters.map((c) => [c.id, c.value]));
  const parts = sheet.counters.map((c) => {
    const base = c.baseline && c.baseline.unitId === unitId ? ` (mốc ngày ${c.baseline.asOf.slice(8, 10)}/${c.baseline.asOf.slice(5, 7)}/${c.baseline.asOf.slice(0, 4)}: ${formatNumber(c.baseline.value)})` : '';
    const label = `${c.label.charAt(0).toLowerCase()}${c.label.slice(1)}`;
    return wasEntered(p, c.id) ? `${label}: ${formatNumber(values[c.id] ?? 0)} ${c.unit}${base}` : `${label}: ${NOT_ENTERED}${base}`;
  });
  const targets = sheet.targets
    .filter((x) => x.unitId === unitId && x.value !== null)
    .map((x) => {
      if (!x.counters.some((id) => wasEntered(p, id))) return `${x.label}: ${NOT_ENTERED} (chỉ tiêu ${formatNumber(x.value!)})`;
      const { count, share } = targetProgress(x, values);
      return `${x.label}: ${formatNumber(count)}/${formatNumber(x.value!)}${share === null ? '' : ` (đạt ${formatPercent(share)})`}`;
    });
  return [`Công tác cấp CCCD, tài khoản định danh điện tử và chữ ký số (${monthsText(p.months)}): ${parts.join('; ')}.`, ...targets.map((x) => `${x}.`)].join('\n');
}

const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/** "Báo cáo số 137/BC-UBND … — mục II.3.2" → the document and the section, apart. */
const splitCitation = (citation: string) => {
  const at = citation.lastIndexOf(' — ');
  return at < 0 ? { title: citation, section: '' } : { title: citation.slice(0, at), section: citation.slice(at + 3) };
};

/**
 * "Dịch vụ công trực tuyến, số hóa hồ sơ …": the province's own figures of the period (its
 * sheet's aggregates: services fully online out of all, digitisation of records and results),
 * each with the document's figure of the same thing as its baseline, dated and with its
 * section; the documents cited are named once at the end. Shares are computed from counts.
 */
export function aggregatesParagraph(p: ProvinceData, sheet: IndicatorSheetTemplate, unitId: string): string {
  const lines = p.aggregates ?? [];
  if (lines.length === 0) return '';
  const byId = new Map(lines.map((l) => [l.id, l]));
  const defs = new Map(sheet.aggregates.map((a) => [a.id, a]));
  const cited = new Set<string>();
  const ofUnit = (f: DocumentFigure | undefined) => (f && f.unitId === unitId ? f : undefined);
  const baseText = (id: string): string => {
    const a = defs.get(id)!;
    const base = ofUnit(a.baseline);
    const shareBase = ofUnit(a.shareBaseline);
    const whole = a.of ? ofUnit(defs.get(a.of)?.baseline) : undefined;
    const share = base && whole ? aggregateShare(base.value, whole.value) : (shareBase?.value ?? null);
    const figure = base ? `${formatNumber(base.value)}${whole ? `/${formatNumber(whole.value)}` : ''} ${a.unit}` : '';
    const shown = [figure, share === null ? '' : `đạt ${formatPercent(share)}`].filter(Boolean).join(', ');
    const from = base ?? shareBase;
    if (!from || !shown) return '';
    const c = splitCitation(from.citation);
    cited.add(c.title);
    return ` (mốc ngày ${viDate(from.asOf)}${c.section ? `, ${c.section}` : ''}: ${shown})`;
  };
  const items = sheet.aggregates.flatMap((a) => {
    const line = byId.get(a.id);
    if (!line) return [];
    const whole = a.of ? byId.get(a.of)?.value ?? null : null;
    const now = line.value === null ? 'chưa nhập số liệu' : `${formatNumber(line.value)}${whole === null ? '' : `/${formatNumber(whole)}`} ${a.unit}${line.share === null ? '' : `, đạt ${formatPercent(line.share)}`}`;
    return [`- ${a.label}: ${now}${baseText(a.id)}.`];
  });
  return [
    `Dịch vụ công trực tuyến, số hóa hồ sơ và kết quả giải quyết thủ tục hành chính (số liệu của toàn tỉnh, ${monthsText(p.months)}):`,
    ...items,
    ...(cited.size ? [`Số liệu mốc theo ${[...cited].join('; ')}.`] : []),
  ].join('\n');
}

/** The province's sections: the district summary lines, the counters against targets, the all-service figures, the appendices named. */
export function prefillProvinceNarrative(data: ReportData & { province: ProvinceData }, children: readonly ChildSnapshot[], sheet: IndicatorSheetTemplate): Record<NarrativeKey, string> {
  const base = prefillParentNarrative(data, children);
  const services = `Kết quả thực hiện 25 dịch vụ công thiết yếu theo Đề án 06 và các dịch vụ công theo Quyết định 422/QĐ-TTg ngày 04/4/2022 của Thủ tướng Chính phủ (chi tiết tại Phụ lục III, IV kèm theo Báo cáo này).`;
  const resolution = data.province.resolution ? 'Kết quả triển khai Nghị quyết số 175/NQ-CP ngày 30/10/2023 của Chính phủ phê duyệt Đề án Trung tâm dữ liệu quốc gia (chi tiết tại Phụ lục II kèm theo Báo cáo này).' : '';
  return { ...base, results: [base.results, countersParagraph(data.province, sheet, data.unitId), aggregatesParagraph(data.province, sheet, data.unitId), services, resolution].filter(Boolean).join('\n\n') };
}
