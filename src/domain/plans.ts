// Plans and their task tables (issue 11): a plan (kế hoạch, or a report's appendix of tasks)
// issued by a unit holds numbered tasks (nhiệm vụ) with a lead unit, partner units, a
// deadline and sometimes numeric targets; each responsible unit later records its progress
// on a task. Seeds: seeds/plans/*.json (schema src/seed/plans-schema.ts). Pure. The progress
// syncs as the `taskProgress` collection (sync/collections.ts), fields as TaskProgressRecord.
import * as z from 'zod/mini';
import { Id, Instant, IsoDate, OptionalText, Source, Text } from './common.ts';
import { Deadline } from './catalogue.ts';
import { OrgLevel, subtree, type OrgUnit } from './org.ts';
import { parseTaskId, taskProgressIdOf } from './sync/ids.ts';

// ── Ids ─────────────────────────────────────────────────────────────────────────────
// Plans and tasks are seeded, so their ids are plain segments ("th-bc137-2024-pl1",
// "th-bc137-2024-pl1.12") that fit inside the record-id grammar of sync/ids.ts, where a
// progress record is "<unit>:<task>" like an adoption.

const SEGMENT = /^[A-Za-z0-9._-]{1,80}$/;
const KEY = /^[A-Za-z0-9_-]{1,24}$/; // one part of a task number, without the plan's dots

/** "II.2.đ" → "II-2-dd": a task's number as an id part (ASCII, no dots; đ has no ASCII form). */
export function taskKeyOf(no: string): string {
  const key = no
    .replace(/đ/g, 'dd')
    .replace(/Đ/g, 'DD')
    .replace(/[.\s]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!KEY.test(key)) throw new Error(`Không tạo được mã nhiệm vụ từ số "${no}"`);
  return key;
}

export function taskIdOf(planId: string, no: string): string {
  if (!SEGMENT.test(planId) || planId.includes('.')) throw new Error(`Mã kế hoạch "${planId}" không hợp lệ`);
  return `${planId}.${taskKeyOf(no)}`;
}

// The record-id grammar holds the task id's shape and the progress record's id (one place
// for every collection's ids); re-exported here for the plan screens and seeds.
export { parseTaskId, taskProgressIdOf } from './sync/ids.ts';

// ── Responsible units ───────────────────────────────────────────────────────────────

/**
 * Who a task names, in the document's words (`text`), plus what that means in the org tree:
 * - `unit`: one unit of the tree ("UBND phường Đông Hải").
 * - `level`: every unit of a level under the plan's unit ("UBND cấp xã", "Ủy ban nhân dân
 *   các huyện, thị xã, thành phố"), resolved by resolveUnitRef against the tree of the day.
 * - `named`: a body outside the tree (a department, the police, a bank: "Sở Tư pháp").
 */
export const UnitRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), unitId: Id, text: Text }),
  z.object({ kind: z.literal('level'), level: OrgLevel, text: Text }),
  z.object({ kind: z.literal('named'), text: Text }),
]);
export type UnitRef = z.infer<typeof UnitRef>;

/**
 * The org units a reference stands for: a `level` is every unit of that level within the
 * plan's unit (a province plan's "UBND cấp xã" is every commune of the province); a `named`
 * body has none. Unknown ids resolve to nothing rather than throwing: the tree changes
 * (mergers since 1/7/2025) while old plans keep their wording.
 */
export function resolveUnitRef(ref: UnitRef, planUnitId: string | null, units: readonly OrgUnit[]): string[] {
  switch (ref.kind) {
    case 'unit':
      return units.some((u) => u.id === ref.unitId) ? [ref.unitId] : [];
    case 'level':
      if (planUnitId === null) return [];
      return subtree(planUnitId, units)
        .filter((u) => u.level === ref.level && u.id !== planUnitId)
        .map((u) => u.id)
        .sort();
    case 'named':
      return [];
  }
}

/** Every org unit a task makes responsible (lead or partner), without repeats. */
export function responsibleUnits(task: Pick<PlanTask, 'lead' | 'partners'>, planUnitId: string | null, units: readonly OrgUnit[]): { lead: string[]; partner: string[] } {
  const lead = [...new Set(task.lead.flatMap((r) => resolveUnitRef(r, planUnitId, units)))];
  const partner = [...new Set(task.partners.flatMap((r) => resolveUnitRef(r, planUnitId, units)))].filter((id) => !lead.includes(id));
  return { lead, partner };
}

// ── Targets ─────────────────────────────────────────────────────────────────────────

/**
 * A numeric target as the plan states it: "đến ngày 30/6/2025, đảm bảo thu nhận định danh
 * điện tử cho tối thiểu 80% doanh nghiệp…" → value 80, unit "%", atLeast, counted
 * "doanh nghiệp, hợp tác xã, … có trụ sở chính đóng trên địa bàn đang hoạt động", by 2025-06-30.
 * `level` narrows a target to one level where the plan gives one figure per level
 * ("cấp tỉnh và huyện 100%; cấp xã 90%").
 */
export const Target = z.object({
  value: z.number().check(z.minimum(0)),
  unit: Text,
  comparison: z.enum(['atLeast', 'exactly', 'atMost']),
  counted: Text,
  by: z.nullable(Deadline),
  level: z.optional(OrgLevel),
  text: Text,
});
export type Target = z.infer<typeof Target>;

// ── Progress vocabulary ─────────────────────────────────────────────────────────────

/**
 * The progress assessments the documents use ("Đánh giá tiến độ: …" in 001 Phụ lục I; the
 * done / not done columns and "Chờ HD của BCA" of 001 Phụ lục II; "Đã hoàn thành và duy trì
 * thường xuyên", "đang chờ Bộ, ngành triển khai, hướng dẫn" in 001 §I.1).
 */
export const TaskStatus = z.enum(['notStarted', 'inProgress', 'ongoing', 'done', 'notDone', 'waitingGuidance']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  notStarted: 'Chưa thực hiện',
  inProgress: 'Đang thực hiện',
  ongoing: 'Thực hiện thường xuyên',
  done: 'Đã hoàn thành',
  notDone: 'Chưa hoàn thành',
  waitingGuidance: 'Chờ hướng dẫn của Bộ, ngành',
};

/**
 * The status a document's own wording states, or null when it states none (a result with no
 * assessment). Order matters: "Đã hoàn thành và thực hiện thường xuyên" is done, "Chưa thực
 * hiện do đang chờ hướng dẫn" is waiting, "Đã và đang thực hiện thường xuyên" is ongoing.
 */
export function statusFromWording(wording: string): TaskStatus | null {
  const w = wording.normalize('NFC').trim().toLowerCase();
  if (/chờ (hd|hướng dẫn|chỉ đạo|bộ|trung ương)|chờ bộ, ngành|đang chờ/.test(w)) return 'waitingGuidance';
  if (/^chưa hoàn thành/.test(w)) return 'notDone';
  if (/^(chưa thực hiện|chưa triển khai|sẽ thực hiện)/.test(w)) return 'notStarted';
  if (/^đã hoàn thành/.test(w)) return 'done';
  if (/thường xuyên/.test(w)) return 'ongoing';
  if (/^đã thực hiện$/.test(w)) return 'done';
  if (/đang (được )?thực hiện|đang trong giai đoạn|đã triển khai|đã và đang/.test(w)) return 'inProgress';
  return null;
}

/**
 * The assessments as 001 words them (Phụ lục I "Đánh giá tiến độ: …", Phụ lục II's columns),
 * for a progress form to offer beside the status; each maps to a status by statusFromWording.
 */
export const PROGRESS_WORDINGS: readonly string[] = [
  'Đã hoàn thành',
  'Đã hoàn thành và thực hiện thường xuyên',
  'Đã thực hiện',
  'Đã thực hiện và thực hiện thường xuyên',
  'Đã và đang thực hiện',
  'Đã và đang thực hiện thường xuyên',
  'Đã và tiếp tục thực hiện thường xuyên',
  'Đang thực hiện',
  'Đang thực hiện thường xuyên',
  'Đang trong giai đoạn rà soát thực hiện',
  'Thực hiện thường xuyên',
  'Thực hiện thường xuyên theo yêu cầu',
  'Chưa thực hiện, đang chờ Bộ triển khai',
  'Chưa thực hiện, đang chờ Trung ương triển khai',
  'Chưa thực hiện do chờ Bộ Công an',
  'Chưa hoàn thành',
  'Chờ HD của BCA',
];

/** A progress assessment the plan's own document already gives (001's report of 28/6/2024). */
export const ReportedProgress = z.object({
  asOf: IsoDate,
  /** The assessment in the document's words ("Đang thực hiện thường xuyên"). */
  wording: z.nullable(Text),
  status: z.nullable(TaskStatus),
  result: z.nullable(Text),
  cause: z.nullable(Text),
});
export type ReportedProgress = z.infer<typeof ReportedProgress>;

// ── Plans and tasks ─────────────────────────────────────────────────────────────────

export const PlanTask = z.object({
  id: Id,
  /** The task's number as printed ("12", "I.7", "II.3.a"). */
  no: Text,
  /** The group heading it sits under, word for word ("Về pháp lý (03 nhiệm vụ)"). */
  group: z.nullable(Text),
  text: Text,
  lead: z.array(UnitRef),
  partners: z.array(UnitRef),
  /** Null when the document gives no time. */
  deadline: z.nullable(Deadline),
  targets: z.array(Target),
  /** The directive a task comes from where the table names one ("NQ 175"). */
  basis: z.nullable(Text),
  reported: z.nullable(ReportedProgress),
  source: Source,
  /** What was corrected or could not be read in the source, for whoever checks the seed. */
  notes: z.array(Text),
});
export type PlanTask = z.infer<typeof PlanTask>;

/** The fields of a plan; Plan adds the rules across its tasks (planRules). */
export const PlanObject = z.object({
    id: Id,
    /** The unit that issued it: an org unit id, or null when it is outside the tree (Huế). */
    unitId: z.nullable(Id),
    issuer: Text,
    /** "259/KH-UBND"; null where the document leaves the number blank. */
    number: z.nullable(Text),
    date: z.nullable(IsoDate),
    /** The years the plan covers. */
    period: z.object({ from: z.int(), to: z.int() }).check(z.refine((p) => p.to >= p.from, { message: 'Năm kết thúc trước năm bắt đầu', path: ['to'] })),
    title: Text,
    /** Which part of the document holds the table ("Phụ lục I"). */
    table: Text,
    source: Source,
    tasks: z.array(PlanTask).check(z.minLength(1)),
    notes: z.array(Text),
  });

/** Task ids are unique and each names its plan ("<plan>.<task>"). */
export const planRules = z.superRefine((p: { id: string; tasks: readonly { id: string }[] }, ctx) => {
  const seen = new Set<string>();
  p.tasks.forEach((t, i) => {
    if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'id'], message: `Trùng mã nhiệm vụ ${t.id}` });
    seen.add(t.id);
    if (parseTaskId(t.id)?.planId !== p.id) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'id'], message: `Mã nhiệm vụ ${t.id} không thuộc kế hoạch ${p.id}` });
  });
});

export const Plan = PlanObject.check(planRules);
export type Plan = z.infer<typeof Plan>;

/** "Kế hoạch số 259/KH-UBND ngày 01/3/2024 của UBND thành phố Thanh Hóa — Phụ lục". */
export function planTitle(p: Pick<Plan, 'title' | 'number' | 'date' | 'issuer'>): string {
  const date = p.date ? ` ngày ${Number(p.date.slice(8))}/${Number(p.date.slice(5, 7))}/${p.date.slice(0, 4)}` : '';
  const number = p.number ? ` số ${p.number}` : '';
  return `${p.title}${number}${date} của ${p.issuer}`;
}

// ── Progress records ────────────────────────────────────────────

/** A photo, a document number or a link that shows the result ("Công văn số 4561/UBND-…"). */
export const Evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('photo'), photoId: Id }),
  z.object({ kind: z.literal('document'), text: Text }),
  z.object({ kind: z.literal('link'), url: z.string().check(z.regex(/^https?:\/\/\S+$/, 'Đường dẫn phải bắt đầu bằng http:// hoặc https://')) }),
]);
export type Evidence = z.infer<typeof Evidence>;

/** One responsible unit's progress on one task; id taskProgressIdOf(unitId, taskId). */
export const TaskProgressRecord = z.object({
  id: Id,
  taskId: Id,
  unitId: Id,
  status: TaskStatus,
  percent: z.number().check(z.minimum(0, 'Tiến độ không nhỏ hơn 0%'), z.maximum(100, 'Tiến độ không lớn hơn 100%')),
  result: OptionalText,
  evidence: z._default(z.array(Evidence), []),
  /** Nguyên nhân: why the task is not done (required when it is "Chưa hoàn thành"). */
  cause: OptionalText,
  asOf: IsoDate,
  authorId: Id,
  createdAt: Instant,
  updatedAt: Instant,
});
export type TaskProgressRecord = z.infer<typeof TaskProgressRecord>;

export interface TaskProgressProblem {
  field: 'percent' | 'cause' | 'id';
  message: string;
}

export const TASK_DONE_NEEDS_100 = 'Đã hoàn thành thì tiến độ phải là 100%';
export const TASK_NOT_STARTED_NEEDS_0 = 'Chưa thực hiện thì tiến độ phải là 0%';
export const TASK_NOT_DONE_NEEDS_CAUSE = 'Chưa hoàn thành thì phải ghi nguyên nhân';
export const TASK_NOT_DONE_UNDER_100 = 'Chưa hoàn thành thì tiến độ phải dưới 100%';

/**
 * The cross-field rules of a progress record, as status.ts / record-rules.ts word them for
 * model status, plus 001 Phụ lục II's: a task not done states its cause. Empty when none.
 */
export function taskProgressProblems(p: Partial<Pick<TaskProgressRecord, 'id' | 'taskId' | 'unitId' | 'status' | 'percent' | 'cause'>>): TaskProgressProblem[] {
  const out: TaskProgressProblem[] = [];
  if (typeof p.percent === 'number') {
    if (p.status === 'done' && p.percent < 100) out.push({ field: 'percent', message: TASK_DONE_NEEDS_100 });
    if (p.status === 'notStarted' && p.percent > 0) out.push({ field: 'percent', message: TASK_NOT_STARTED_NEEDS_0 });
    if (p.status === 'notDone' && p.percent >= 100) out.push({ field: 'percent', message: TASK_NOT_DONE_UNDER_100 });
  }
  if (p.status === 'notDone' && (p.cause ?? '').trim() === '') out.push({ field: 'cause', message: TASK_NOT_DONE_NEEDS_CAUSE });
  if (p.id !== undefined && p.unitId !== undefined && p.taskId !== undefined) {
    let expected: string | null = null;
    try {
      expected = taskProgressIdOf(p.unitId, p.taskId);
    } catch {
      expected = null;
    }
    if (expected !== p.id) out.push({ field: 'id', message: `Mã bản ghi phải là "<đơn vị>:<nhiệm vụ>" (${p.unitId}:${p.taskId})` });
  }
  return out;
}

/** What a person fills in; the rest is stamped by the app. */
export const TaskProgressInput = z
  .pick(TaskProgressRecord, { status: true, percent: true, result: true, evidence: true, cause: true, asOf: true })
  .check(
    z.superRefine((s, ctx) => {
      for (const p of taskProgressProblems(s)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
    }),
  );
export type TaskProgressInput = z.infer<typeof TaskProgressInput>;
