// The record-id grammar, written once. An id names the unit its record belongs to, because
// the unit decides who may write the record and who pulls it: the server refuses a change
// whose unit disagrees with its id (a lying unit would leak or smuggle data across
// communes), and the screens mint ids only through these functions.
//
//   adoption, status  "<unit>:<model>"                 "tv:mh-24" (a status shares its adoption's id)
//   checklist         "<template>@<unit>"              "inspection-commune@tv"
//   indicators        "<unit>@<period>"                "tv@2026-11"
//   report            "<unit>@<period>"                "tv@2026-11", "tv@adhoc:20261125-k3j2"
//   reportVersion     "<reportId>#<n>"                 "tv@2026-11#2"  (n ≥ 1)
//   photo             "<adoptionId>~<suffix>"          "tv:mh-24~mbx3k1a90"
//   comment           "<reportId>#<n>~<stamp>"         "tv@2026-11#2~mbx3k1a9"
//   taskProgress      "<unit>:<task>"                  "tv:th-bc137-2024-pl1.5"  (task = "<plan>.<key>")
//   campaign          "<unit>:<slug>"                  "qx:kt-2023"  (the unit that runs it)
//   inspection        "<campaign>@<unit>"              "qx:kt-2023@qx-quang-binh"  (the unit inspected)
//                     "<campaign>@<unit>~<team>"       "qx:kt-2023@qx~doan-1"  (a team's report, filed under the campaign's unit)
//   campaignAnswer    "<campaign>@<unit>"              "qx:kt-2023@qx-quang-binh"
//                     "<campaign>@<unit>~<department>" "qx:kt-2023@qx~noi-vu"  (a district department's response)
//
// Units, models, templates, suffixes and stamps are plain segments (letters, digits, . _ -):
// none of them may hold a separator, so every id parses one way only. Periods are PeriodKey.
import { PeriodKey, periodTypeOf } from '../calendar.ts';
import type { Collection } from './collections.ts';
import type { FieldValue } from './merge.ts';

const SEGMENT = /^[A-Za-z0-9._-]{1,80}$/;
/** wire.ts RecordId's limit, kept equal by test/unit/campaign-merge.test.ts (not imported: this module stays free of the wire schema). */
export const RECORD_ID_MAX = 120;
const VERSION = /^[1-9]\d{0,8}$/;
/** One part of a task number, without the plan's dots ("II-2-dd"): plans.ts taskKeyOf. */
const TASK_KEY = /^[A-Za-z0-9_-]{1,24}$/;

const isSegment = (s: string) => SEGMENT.test(s);
const isPeriod = (s: string) => PeriodKey.safeParse(s).success;
const isVersion = (n: number) => Number.isInteger(n) && n >= 1 && n <= 999_999_999;

/** The parts of a record id, by collection. Every id names its unit. */
export type RecordRef =
  | { coll: 'adoption' | 'status'; unit: string; model: string }
  | { coll: 'checklist'; template: string; unit: string }
  | { coll: 'indicators' | 'report'; unit: string; period: string }
  | { coll: 'reportVersion'; unit: string; period: string; version: number }
  | { coll: 'photo'; unit: string; model: string; suffix: string }
  | { coll: 'comment'; unit: string; period: string; version: number; stamp: string }
  | { coll: 'taskProgress'; unit: string; task: string }
  | { coll: 'campaign'; unit: string; slug: string }
  | { coll: 'inspection' | 'campaignAnswer'; campaign: string; unit: string; part?: string };

function need(ok: boolean, what: string): void {
  // A screen passing a bad part is a bug: fail loudly rather than queue an id the server refuses.
  if (!ok) throw new Error(`Không tạo được mã bản ghi: ${what} không hợp lệ`);
}

// ── Minting ─────────────────────────────────────────────────────────────────────────

export function adoptionIdOf(unit: string, model: string): string {
  need(isSegment(unit), `đơn vị "${unit}"`);
  need(isSegment(model), `mô hình "${model}"`);
  return `${unit}:${model}`;
}

export function checklistIdOf(template: string, unit: string): string {
  need(isSegment(template), `mẫu phiếu "${template}"`);
  need(isSegment(unit), `đơn vị "${unit}"`);
  return `${template}@${unit}`;
}

export function reportIdOf(unit: string, period: string): string {
  need(isSegment(unit), `đơn vị "${unit}"`);
  need(isPeriod(period), `kỳ "${period}"`);
  return `${unit}@${period}`;
}
/** An indicator sheet has the id of the report of the same unit and period. */
export const indicatorsIdOf = reportIdOf;

export function versionIdOf(reportId: string, version: number): string {
  need(parseReportId(reportId) !== null, `mã báo cáo "${reportId}"`);
  need(isVersion(version), `lần gửi ${version}`);
  return `${reportId}#${version}`;
}

export function photoIdOf(adoptionId: string, suffix: string): string {
  need(parseAdoptionId(adoptionId) !== null, `mã mô hình "${adoptionId}"`);
  need(isSegment(suffix), `mã ảnh "${suffix}"`);
  return `${adoptionId}~${suffix}`;
}

export function commentIdOf(reportId: string, version: number, stamp: string): string {
  need(isSegment(stamp), `mã ý kiến "${stamp}"`);
  return `${versionIdOf(reportId, version)}~${stamp}`;
}

/**
 * "th-bc137-2024-pl1.12" → { planId, key }; null when it is not a task id. A plan id is a
 * segment without dots, so the first dot is the one between plan and task.
 */
export function parseTaskId(id: string): { planId: string; key: string } | null {
  const i = id.indexOf('.');
  if (i <= 0 || !isSegment(id)) return null;
  const key = id.slice(i + 1);
  return TASK_KEY.test(key) ? { planId: id.slice(0, i), key } : null;
}

/** A unit's progress on a task: "<unit>:<task>", the shape of an adoption id. */
export function taskProgressIdOf(unit: string, task: string): string {
  need(isSegment(unit), `đơn vị "${unit}"`);
  need(parseTaskId(task) !== null, `nhiệm vụ "${task}"`);
  return `${unit}:${task}`;
}

export function campaignIdOf(unit: string, slug: string): string {
  need(isSegment(unit), `đơn vị "${unit}"`);
  need(isSegment(slug), `mã đợt kiểm tra "${slug}"`);
  return `${unit}:${slug}`;
}

/** An inspected unit's records in a campaign (its inspection, its answers): "<campaign>@<unit>". */
export function campaignUnitIdOf(campaign: string, unit: string): string {
  need(parseCampaignId(campaign) !== null, `mã đợt kiểm tra "${campaign}"`);
  need(isSegment(unit), `đơn vị "${unit}"`);
  return `${campaign}@${unit}`;
}

/**
 * A part's record under a unit of a campaign: "<campaign>@<unit>~<part>" — a team's report
 * (inspection, part = team id) or a district department's response (campaignAnswer, part =
 * department id), both filed under the campaign's own unit.
 */
export function campaignPartIdOf(campaign: string, unit: string, part: string): string {
  need(isSegment(part), `mã đoàn hay phòng, ban "${part}"`);
  const id = `${campaignUnitIdOf(campaign, unit)}~${part}`;
  // The server refuses a longer id (wire.ts RecordId); campaign.ts keeps part ids short enough.
  need(id.length <= RECORD_ID_MAX, `độ dài mã "${id}" (quá ${RECORD_ID_MAX} ký tự)`);
  return id;
}

export function mintRecordId(ref: RecordRef): string {
  switch (ref.coll) {
    case 'adoption':
    case 'status':
      return adoptionIdOf(ref.unit, ref.model);
    case 'checklist':
      return checklistIdOf(ref.template, ref.unit);
    case 'indicators':
    case 'report':
      return reportIdOf(ref.unit, ref.period);
    case 'reportVersion':
      return versionIdOf(reportIdOf(ref.unit, ref.period), ref.version);
    case 'photo':
      return photoIdOf(adoptionIdOf(ref.unit, ref.model), ref.suffix);
    case 'comment':
      return commentIdOf(reportIdOf(ref.unit, ref.period), ref.version, ref.stamp);
    case 'taskProgress':
      return taskProgressIdOf(ref.unit, ref.task);
    case 'campaign':
      return campaignIdOf(ref.unit, ref.slug);
    case 'inspection':
    case 'campaignAnswer':
      return ref.part === undefined ? campaignUnitIdOf(ref.campaign, ref.unit) : campaignPartIdOf(ref.campaign, ref.unit, ref.part);
  }
}

// ── Parsing ─────────────────────────────────────────────────────────────────────────

const split = (s: string, sep: string, at: 'first' | 'last'): [string, string] | null => {
  const i = at === 'first' ? s.indexOf(sep) : s.lastIndexOf(sep);
  return i < 0 ? null : [s.slice(0, i), s.slice(i + 1)];
};

/** "tv:mh-24" → { unit: "tv", model: "mh-24" } (an adoption, or its status). */
export function parseAdoptionId(id: string): { unit: string; model: string } | null {
  const parts = split(id, ':', 'first');
  return parts && isSegment(parts[0]) && isSegment(parts[1]) ? { unit: parts[0], model: parts[1] } : null;
}

/** "tv:th-bc137-2024-pl1.5" → { unit: "tv", taskId, planId, key }. */
export function parseTaskProgressId(id: string): { unit: string; taskId: string; planId: string; key: string } | null {
  const parts = split(id, ':', 'first');
  const task = parts && isSegment(parts[0]) ? parseTaskId(parts[1]) : null;
  return parts && task ? { unit: parts[0], taskId: parts[1], ...task } : null;
}

/** "qx:kt-2023" → { unit: "qx", slug: "kt-2023" }: the unit running the campaign. */
export function parseCampaignId(id: string): { unit: string; slug: string } | null {
  const p = parseAdoptionId(id);
  return p && { unit: p.unit, slug: p.model };
}

/**
 * "qx:kt-2023@qx-quang-binh" → { campaign: "qx:kt-2023", unit: "qx-quang-binh" };
 * "qx:kt-2023@qx~noi-vu" → { campaign, unit: "qx", part: "noi-vu" } (no segment holds "~").
 */
export function parseCampaignUnitId(id: string): { campaign: string; unit: string; part?: string } | null {
  const parts = split(id, '@', 'first');
  if (!parts || !parseCampaignId(parts[0])) return null;
  const sub = split(parts[1], '~', 'first');
  if (!sub) return isSegment(parts[1]) ? { campaign: parts[0], unit: parts[1] } : null;
  return isSegment(sub[0]) && isSegment(sub[1]) ? { campaign: parts[0], unit: sub[0], part: sub[1] } : null;
}

/** "inspection-commune@tv" → { template, unit }. */
export function parseChecklistId(id: string): { template: string; unit: string } | null {
  const parts = split(id, '@', 'first');
  return parts && isSegment(parts[0]) && isSegment(parts[1]) ? { template: parts[0], unit: parts[1] } : null;
}

/** "tv@2026-11" → { unit: "tv", period: "2026-11" } (a report, or an indicator sheet). */
export function parseReportId(id: string): { unit: string; period: string } | null {
  const parts = split(id, '@', 'first');
  return parts && isSegment(parts[0]) && isPeriod(parts[1]) ? { unit: parts[0], period: parts[1] } : null;
}

/** "tv@2026-11#2" → { reportId: "tv@2026-11", unit, period, version: 2 }. */
export function parseVersionId(id: string): { reportId: string; unit: string; period: string; version: number } | null {
  const parts = split(id, '#', 'last');
  if (!parts || !VERSION.test(parts[1])) return null;
  const report = parseReportId(parts[0]);
  return report ? { reportId: parts[0], ...report, version: Number(parts[1]) } : null;
}

/** "tv:mh-24~mbx3k1a90" → { adoptionId: "tv:mh-24", unit, model, suffix }. */
export function parsePhotoId(id: string): { adoptionId: string; unit: string; model: string; suffix: string } | null {
  const parts = split(id, '~', 'last');
  if (!parts || !isSegment(parts[1])) return null;
  const adoption = parseAdoptionId(parts[0]);
  return adoption ? { adoptionId: parts[0], ...adoption, suffix: parts[1] } : null;
}

/** "tv@2026-11#2~mbx3k1a9" → { reportId, versionId, unit, period, version, stamp }. */
export function parseCommentId(
  id: string,
): { reportId: string; versionId: string; unit: string; period: string; version: number; stamp: string } | null {
  const parts = split(id, '~', 'last');
  if (!parts || !isSegment(parts[1])) return null;
  const version = parseVersionId(parts[0]);
  return version ? { ...version, versionId: parts[0], stamp: parts[1] } : null;
}

export function parseRecordId(coll: Collection, id: string): RecordRef | null {
  switch (coll) {
    case 'adoption':
    case 'status': {
      const p = parseAdoptionId(id);
      return p && { coll, unit: p.unit, model: p.model };
    }
    case 'checklist': {
      const p = parseChecklistId(id);
      return p && { coll, template: p.template, unit: p.unit };
    }
    case 'indicators':
    case 'report': {
      const p = parseReportId(id);
      return p && { coll, unit: p.unit, period: p.period };
    }
    case 'reportVersion': {
      const p = parseVersionId(id);
      return p && { coll, unit: p.unit, period: p.period, version: p.version };
    }
    case 'photo': {
      const p = parsePhotoId(id);
      return p && { coll, unit: p.unit, model: p.model, suffix: p.suffix };
    }
    case 'comment': {
      const p = parseCommentId(id);
      return p && { coll, unit: p.unit, period: p.period, version: p.version, stamp: p.stamp };
    }
    case 'taskProgress': {
      const p = parseTaskProgressId(id);
      return p && { coll, unit: p.unit, task: p.taskId };
    }
    case 'campaign': {
      const p = parseCampaignId(id);
      return p && { coll, unit: p.unit, slug: p.slug };
    }
    case 'inspection':
    case 'campaignAnswer': {
      const p = parseCampaignUnitId(id);
      return p && { coll, campaign: p.campaign, unit: p.unit, ...(p.part !== undefined ? { part: p.part } : {}) };
    }
  }
}

/** How each collection's ids look, as the refusal says it. */
const ID_SHAPE: Record<Collection, string> = {
  adoption: '"<đơn vị>:<mô hình>"',
  status: '"<đơn vị>:<mô hình>"',
  checklist: '"<mẫu phiếu>@<đơn vị>"',
  indicators: '"<đơn vị>@<kỳ>"',
  report: '"<đơn vị>@<kỳ>"',
  reportVersion: '"<đơn vị>@<kỳ>#<lần gửi>"',
  photo: '"<đơn vị>:<mô hình>~<mã ảnh>"',
  comment: '"<đơn vị>@<kỳ>#<lần gửi>~<mã ý kiến>"',
  taskProgress: '"<đơn vị>:<mã kế hoạch>.<số nhiệm vụ>"',
  campaign: '"<đơn vị>:<mã đợt kiểm tra>"',
  inspection: '"<đơn vị>:<mã đợt kiểm tra>@<đơn vị được kiểm tra>" hoặc "…@<đơn vị>~<mã đoàn>"',
  campaignAnswer: '"<đơn vị>:<mã đợt kiểm tra>@<đơn vị được kiểm tra>" hoặc "…@<đơn vị>~<mã phòng, ban>"',
};

/** The unit a record belongs to, or why its id is malformed. */
export function unitOfRecord(coll: Collection, id: string): { ok: true; unit: string } | { ok: false; message: string } {
  const ref = parseRecordId(coll, id);
  return ref ? { ok: true, unit: ref.unit } : { ok: false, message: `Mã bản ghi phải có dạng ${ID_SHAPE[coll]}` };
}

/** The adoption a status or photo record belongs to (null for other collections or a bad id). */
export function adoptionOfRecord(coll: Collection, id: string): string | null {
  if (coll === 'status') return parseAdoptionId(id) ? id : null;
  if (coll === 'photo') return parsePhotoId(id)?.adoptionId ?? null;
  return null;
}

/**
 * Fields that restate what the id already says must agree with it: the roll-ups count a
 * report version by its `period`, the app finds a version by `reportId` and `version`, a
 * photo by `adoptionId`. null when the value agrees (or the field restates nothing).
 */
export function idFieldProblem(coll: Collection, id: string, field: string, value: FieldValue): string | null {
  const ref = parseRecordId(coll, id);
  if (!ref) return null; // the id itself is refused first
  const expected = ((): FieldValue | undefined => {
    switch (ref.coll) {
      case 'adoption':
        return field === 'modelId' ? ref.model : undefined;
      case 'report':
        return field === 'period' ? ref.period : field === 'periodType' ? periodTypeOf(ref.period) : undefined;
      case 'reportVersion':
        if (field === 'reportId') return reportIdOf(ref.unit, ref.period);
        if (field === 'version') return ref.version;
        return field === 'period' ? ref.period : field === 'periodType' ? periodTypeOf(ref.period) : undefined;
      case 'photo':
        return field === 'adoptionId' ? adoptionIdOf(ref.unit, ref.model) : undefined;
      case 'comment':
        if (field === 'reportId') return reportIdOf(ref.unit, ref.period);
        return field === 'reportVersion' ? ref.version : undefined;
      default:
        return undefined;
    }
  })();
  if (expected === undefined || value === expected) return null;
  return `Trường ${field} phải là ${JSON.stringify(expected)} như mã bản ghi ${id} đã ghi`;
}
