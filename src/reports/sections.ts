// The text of a report: the narrative sections the documents have, and the few lines of
// the official layout a person fills in (number, recipients, signer). Both travel in the
// `report.sections` array of the sync collection — narrative sections under their key
// ("results"…), layout lines under "meta:<name>" — so a draft needs no new field.
import { SECTION_LABEL, SectionKey } from '../domain/report.ts';
import { STATUS_LABEL } from '../domain/status.ts';
import type { StatusKey } from '../domain/rollup.ts';
import { onlineRate } from '../domain/indicators.ts';
import type { OrgUnit } from '../domain/org.ts';
import { periodLabel } from '../domain/calendar.ts';
import { formatNumber, formatPercent } from '../domain/text.ts';
import { parseAdoptionId } from '../domain/sync/ids.ts';
import type { ChildSnapshot, LocalRecord, ReportData } from './data.ts';
import { modelsAdopted, modelsDone, serviceTotals } from './data.ts';

export type NarrativeKey = (typeof SectionKey.options)[number];
export const NARRATIVE_KEYS: readonly NarrativeKey[] = SectionKey.options;

// The number of a document is two things an official fills apart: the serial number the
// records clerk (văn thư) gives it ("15") and the fixed symbol of the document type and the
// issuing body ("BC-TCTĐA06"); the number line joins them once: "Số: 15/BC-TCTĐA06".
export const META_FIELDS = ['number', 'symbol', 'recipients', 'signerTitle', 'signerName'] as const;
export type MetaField = (typeof META_FIELDS)[number];
/**
 * The titles stored with each layout line in `report.sections` (data the server and the other
 * phones read): Vietnamese in both languages. The editor's labels are in messages.ts.
 */
export const META_LABEL: Record<MetaField, string> = {
  number: 'Số (để trống nếu văn thư cấp số sau)',
  symbol: 'Ký hiệu',
  recipients: 'Nơi nhận (mỗi dòng một nơi)',
  signerTitle: 'Chức danh người ký',
  signerName: 'Họ tên người ký',
};
export const metaKey = (f: MetaField): string => `meta:${f}`;

export interface SectionRow {
  key: string;
  title: string;
  body: string;
}

/** What the editor holds: the title and one text per narrative section and layout line. */
export interface ReportForm {
  title: string;
  fields: Record<string, string>;
}

export const MAX_TITLE = 500;
export const MAX_BODY = 100_000;

export function toSections(form: ReportForm): SectionRow[] {
  return [
    ...NARRATIVE_KEYS.map((key) => ({ key, title: SECTION_LABEL[key], body: form.fields[key] ?? '' })),
    ...META_FIELDS.map((f) => ({ key: metaKey(f), title: META_LABEL[f], body: form.fields[metaKey(f)] ?? '' })),
  ];
}

export function fromSections(title: string, sections: readonly SectionRow[]): ReportForm {
  const fields: Record<string, string> = {};
  for (const s of sections) fields[s.key] = s.body;
  return { title, fields };
}

export const narrative = (sections: readonly SectionRow[], key: NarrativeKey): string => sections.find((s) => s.key === key)?.body ?? '';
export const meta = (sections: readonly SectionRow[], f: MetaField): string => sections.find((s) => s.key === metaKey(f))?.body ?? '';

/** "Kết quả thực hiện Đề án 06 trên địa bàn xã Thiệu Vân tháng 11/2026" */
export function defaultTitle(unitName: string, period: string): string {
  const when = periodLabel(period);
  const lower = when === 'Đột xuất' ? '(báo cáo đột xuất)' : when.charAt(0).toLowerCase() + when.slice(1);
  return `Kết quả thực hiện Đề án 06 trên địa bàn ${unitName} ${lower}`;
}

/**
 * The symbol of a report issued by a unit's Tổ công tác Đề án 06: "BC" (báo cáo) and the
 * issuing body's abbreviation, the same at every level because the issuer is named
 * "TỔ CÔNG TÁC ĐỀ ÁN 06" under each unit's people's committee.
 */
export function defaultSymbol(_unit: Pick<OrgUnit, 'level'>): string {
  return 'BC-TCTĐA06';
}

export function defaultMeta(unit: OrgUnit, parent: OrgUnit | undefined): Record<string, string> {
  const recipients = [
    parent ? `Tổ công tác Đề án 06 ${parent.name} (để báo cáo)` : null,
    unit.level === 'commune' ? `Đảng ủy, UBND ${unit.name} (để báo cáo)` : `Thường trực cấp ủy, chính quyền ${unit.name} (để báo cáo)`,
    'Thành viên Tổ công tác (để thực hiện)',
    'Lưu: VT.',
  ].filter((s): s is string => s !== null);
  return {
    [metaKey('number')]: '',
    [metaKey('symbol')]: defaultSymbol(unit),
    [metaKey('recipients')]: recipients.join('\n'),
    [metaKey('signerTitle')]: 'TỔ TRƯỞNG',
    [metaKey('signerName')]: '',
  };
}

// ── Prefill of the narrative ────────────────────────────────────────────────────────

const STATUS_ORDER: readonly StatusKey[] = ['done', 'ongoing', 'inProgress', 'partial', 'waitingGuidance', 'notStarted', 'none'];
const statusWord = (k: StatusKey) => (k === 'none' ? 'chưa cập nhật tình trạng' : STATUS_LABEL[k].toLowerCase());

/** "đã hoàn thành 3, đang thực hiện 5, chưa cập nhật tình trạng 1" */
export function statusBreakdown(counts: Partial<Record<StatusKey, number>>): string {
  return STATUS_ORDER.filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => `${statusWord(k)} ${formatNumber(counts[k]!)}`)
    .join(', ');
}

export function modelsSummary(data: ReportData): string {
  const adopted = modelsAdopted(data.models);
  if (adopted === 0) return 'Chưa có mô hình nào được ghi nhận triển khai.';
  const counts: Partial<Record<StatusKey, number>> = {};
  for (const line of data.models) for (const [k, n] of Object.entries(line.counts) as [StatusKey, number][]) counts[k] = (counts[k] ?? 0) + n;
  const done = modelsDone(data.models);
  const what = data.level === 'commune' ? `Tổng số mô hình đang triển khai: ${formatNumber(adopted)}` : `Tổng số lượt mô hình các đơn vị triển khai: ${formatNumber(adopted)} (${formatNumber(data.models.length)} mô hình)`;
  return `${what}; ${statusBreakdown(counts)}; tỷ lệ hoàn thành ${formatPercent(done / adopted)}.`;
}

export function indicatorsSummary(data: ReportData): string {
  const t = serviceTotals(data.indicators.services);
  const months = data.months.map((m) => periodLabel(m).toLowerCase()).join(', ');
  if (t.total === 0) return `25 dịch vụ công thiết yếu (${months}): chưa có số liệu.`;
  const rate = onlineRate(t);
  return `25 dịch vụ công thiết yếu (${months}): tổng số ${formatNumber(t.total)} hồ sơ, trực tuyến ${formatNumber(t.online)} hồ sơ${rate === null ? '' : `, đạt ${formatPercent(rate)}`}.`;
}

const bullet = (lines: readonly string[]) => lines.filter((l) => l.trim() !== '').map((l) => `- ${l.trim()}`);

/** The commune's sections, from its models' statuses (their notes, difficulties, causes and proposals). */
export function prefillCommuneNarrative(data: ReportData, records: readonly LocalRecord[]): Record<NarrativeKey, string> {
  const statusOf = new Map(records.filter((r) => r.coll === 'status' && r.unit === data.unitId).map((r) => [parseAdoptionId(r.id)?.model ?? r.id, r.values]));
  const textOf = (modelId: string, field: 'difficulties' | 'causes' | 'proposals') => {
    const v = statusOf.get(modelId)?.[field];
    return typeof v === 'string' ? v.trim() : '';
  };
  const perModel = (field: 'difficulties' | 'causes' | 'proposals') =>
    bullet(data.models.map((m) => (textOf(m.modelId, field) ? `${m.title}: ${textOf(m.modelId, field)}` : ''))).join('\n');
  const results = [
    modelsSummary(data),
    indicatorsSummary(data),
    ...bullet(
      data.models.map((m) => {
        const state = m.status === null || m.status === 'none' ? 'chưa cập nhật tình trạng' : STATUS_LABEL[m.status];
        const progress = m.progressCount > 0 ? ` (${formatNumber(m.progressSum)}%)` : '';
        return `${m.title}: ${state}${progress}${m.note ? `. ${m.note}` : ''}`;
      }),
    ),
  ].join('\n');
  const nextTasks = bullet(
    data.models
      .filter((m) => m.status !== 'done')
      .map((m) => `Tiếp tục triển khai ${m.title}${m.progressCount > 0 ? ` (tiến độ hiện nay ${formatNumber(m.progressSum)}%)` : ''}.`),
  ).join('\n');
  return { results, difficulties: perModel('difficulties'), causes: perModel('causes'), proposals: perModel('proposals'), nextTasks };
}

/** A parent's sections: its summary, then each child's section text under the child's name. */
export function prefillParentNarrative(data: ReportData, children: readonly ChildSnapshot[]): Record<NarrativeKey, string> {
  const names = new Map(data.parts.map((p) => [p.unitId, p.name]));
  const reported = data.parts.filter((p) => p.hasData);
  const missing = data.parts.filter((p) => !p.hasData);
  const coverage = `Số đơn vị đã gửi báo cáo ${periodLabel(data.period).toLowerCase()}: ${formatNumber(reported.length)}/${formatNumber(data.parts.length)}${
    missing.length ? `; chưa gửi: ${missing.map((p) => p.name).join(', ')}` : ''
  }.`;
  const fromChildren = (key: NarrativeKey) =>
    children
      .map((c) => ({ name: names.get(c.unitId) ?? c.unitId, body: c.sections.find((s) => s.key === key)?.body.trim() ?? '' }))
      .filter((c) => c.body !== '')
      .map((c) => `${c.name}:\n${c.body}`)
      .join('\n\n');
  return {
    results: [coverage, modelsSummary(data), indicatorsSummary(data), fromChildren('results')].filter(Boolean).join('\n\n'),
    difficulties: fromChildren('difficulties'),
    causes: fromChildren('causes'),
    proposals: fromChildren('proposals'),
    nextTasks: fromChildren('nextTasks'),
  };
}
