// The province report in the form of 001 (Báo cáo 137/BC-UBND of 28/6/2024, Tổ công tác Đề án
// 06 tỉnh Thanh Hóa): its body, then Phụ lục I (the plan's tasks with their progress),
// Phụ lục III (the 25 essential services) and Phụ lục IV (the services of Quyết định
// 422/QĐ-TTg). Pure: the prefill reads the plan, the units' task progress records and the
// indicators roll-up of the communes' sheets, and freezes them in the report's data.
//
// A task's row says what the responsible units recorded: the province's own assessment
// when it wrote one, otherwise a count of the units' assessments with each unit's result;
// a task nobody has assessed yet keeps the assessment the plan's document printed, dated.
// Phụ lục II (the Nghị quyết 175 tasks) is read the same way, into 001's done / not done /
// cause columns; the body's all-service figures come from the province's own sheet.
import * as z from 'zod/mini';
import { aggregateShare, periodValue, type IndicatorSheetTemplate } from '../domain/indicators.ts';
import { TASK_STATUS_LABEL, TaskStatus, planTitle, type Plan } from '../domain/plans.ts';
import { indexUnits, isWithin, type OrgUnit } from '../domain/org.ts';
import { parseTaskProgressId } from '../domain/sync/ids.ts';
import { rollupOf, summarizeCommune, type StoredDoc } from '../domain/rollup.ts';
import { docValues } from '../domain/sync/merge.ts';
import { indicatorsIdOf } from '../domain/sync/ids.ts';
import type { LocalRecord } from './data.ts';

export interface UnitProgress {
  unitId: string;
  name: string;
  status: TaskStatus;
  percent: number | null;
  result: string;
  cause: string;
  asOf: string | null;
}

export interface TaskLine {
  taskId: string;
  no: string;
  group: string | null;
  text: string;
  lead: string;
  deadline: string;
  /** What the row's "Tiến độ thực hiện" says, in the documents' words. */
  wording: string;
  status: TaskStatus | null;
  result: string;
  /** 'unit': the report's own unit assessed it; 'units': units below did; 'document': only the plan's document has. */
  from: 'unit' | 'units' | 'document';
  /** Of the responsible units below, those that recorded progress. */
  units: UnitProgress[];
}

export interface Service422Line {
  id: string;
  no: number;
  name: string;
  group: string;
  parent: string | null;
  issue: string | null;
  total: number;
  online: number;
}

/**
 * A row of 001 Phụ lục II: the document's columns (lead, task, partners, directive, deadline,
 * result "Đã hoàn thành" / "Chưa hoàn thành", cause) with what was recorded, or the document's.
 */
export interface ResolutionLine {
  taskId: string;
  no: string;
  group: string | null;
  text: string;
  lead: string;
  partners: string;
  basis: string;
  deadline: string;
  status: TaskStatus | null;
  /** What goes in "Đã hoàn thành", "Chưa hoàn thành" and "Nguyên nhân". */
  done: string;
  notDone: string;
  cause: string;
  from: 'unit' | 'units' | 'document';
}

/** One of the body's all-service figures (001 §II.3.2) for the report's period, from the province's own sheet. */
export interface AggregateLine {
  id: string;
  /** null: not entered for any month of the period (which is not 0). */
  value: number | null;
  /** value / the value of the counter it is part of. */
  share: number | null;
}

export interface ProvinceData {
  plan: { id: string; title: string; table: string };
  tasks: TaskLine[];
  /** Phụ lục II, when the province has a Nghị quyết 175 table; absent from versions submitted before it. */
  resolution?: { plan: { id: string; title: string; table: string }; tasks: ResolutionLine[] };
  /** The province's own all-service figures of the period (sheet.aggregates); absent from older versions. */
  aggregates?: AggregateLine[];
  /** Months summed in Phụ lục III and IV, and how many communes entered figures for them. */
  months: string[];
  communes: number;
  services: { id: string; no: number | null; name: string; total: number; online: number }[];
  decision422: Service422Line[];
  counters: { id: string; label: string; unit: string; value: number }[];
  /** The services and counters some commune entered in those months: the others are "not
   * entered", not 0. Absent from versions submitted before it (then every figure is shown). */
  entered?: string[];
}

// ── Task progress records ───────────────────────────────────────────────────────────

/** A taskProgress record's values, as far as they can be read (status must be one of the vocabulary). */
export function readTaskProgress(id: string, values: Readonly<Record<string, unknown>>): (Omit<UnitProgress, 'name'> & { taskId: string }) | null {
  const ref = parseTaskProgressId(id);
  const status = TaskStatus.safeParse(values.status);
  if (!ref || !status.success) return null;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return {
    unitId: ref.unit,
    taskId: ref.taskId,
    status: status.data,
    percent: typeof values.percent === 'number' && Number.isFinite(values.percent) ? values.percent : null,
    result: text(values.result),
    cause: text(values.cause),
    asOf: typeof values.asOf === 'string' ? values.asOf : null,
  };
}

/** Sentences joined: "Kết quả." + "Nguyên nhân: …" without a doubled full stop. */
const sentences = (parts: readonly string[]) => parts.filter(Boolean).reduce((acc, p) => (acc === '' ? p : `${acc}${/[.!?:;]$/.test(acc) ? ' ' : '. '}${p}`), '');
const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/**
 * Units listed by name under a task: a province's 558 communes on 72 tasks would make a
 * submitted version far larger than a record may be (sync/limits.ts); the counts cover them all.
 */
export const MAX_UNIT_LINES = 30;
const STATUS_ORDER: readonly TaskStatus[] = ['done', 'ongoing', 'inProgress', 'waitingGuidance', 'notDone', 'notStarted'];

function unitLine(p: UnitProgress): string {
  const head = [TASK_STATUS_LABEL[p.status], p.percent === null ? null : `${p.percent.toLocaleString('vi-VN')}%`, p.asOf ? `ngày ${viDate(p.asOf)}` : null].filter(Boolean).join(', ');
  const tail = sentences([p.result, p.cause ? `Nguyên nhân: ${p.cause}` : '']);
  return `- ${p.name} (${head})${tail ? `: ${tail}` : ''}`;
}

/** Per task: the report's unit's own record and those of the units below it (by name), from every taskProgress record. */
function progressByTask(reportUnit: OrgUnit, units: readonly OrgUnit[], records: readonly LocalRecord[]): (taskId: string) => { own: UnitProgress | null; below: UnitProgress[] } {
  const byId = indexUnits(units);
  const progress = new Map<string, UnitProgress[]>();
  for (const r of records) {
    if (r.coll !== 'taskProgress') continue;
    const p = readTaskProgress(r.id, r.values);
    if (!p || !isWithin(p.unitId, reportUnit.id, byId)) continue;
    const list = progress.get(p.taskId) ?? [];
    list.push({ ...p, name: byId.get(p.unitId)?.name ?? p.unitId });
    progress.set(p.taskId, list);
  }
  return (taskId) => {
    const all = (progress.get(taskId) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return { own: all.find((p) => p.unitId === reportUnit.id) ?? null, below: all.filter((p) => p.unitId !== reportUnit.id) };
  };
}

/** "- … và 12 đơn vị khác" after the first MAX_UNIT_LINES units' lines. */
function unitLines(below: readonly UnitProgress[]): string {
  const more = below.length - MAX_UNIT_LINES;
  const listed = [...below.slice(0, MAX_UNIT_LINES).map(unitLine), ...(more > 0 ? [`- … và ${more.toLocaleString('vi-VN')} đơn vị khác`] : [])];
  return below.length ? `Các đơn vị đã cập nhật (${below.length.toLocaleString('vi-VN')}):\n${listed.join('\n')}` : '';
}

/** The units' statuses counted: "Đã hoàn thành 1/2 đơn vị; Đang thực hiện 1/2 đơn vị", and the status they make together. */
function countedStatuses(below: readonly UnitProgress[]): { text: string; status: TaskStatus } {
  const counts = STATUS_ORDER.map((s) => [s, below.filter((p) => p.status === s).length] as const).filter(([, n]) => n > 0);
  return {
    text: counts.map(([s, n]) => `${TASK_STATUS_LABEL[s]} ${n.toLocaleString('vi-VN')}/${below.length.toLocaleString('vi-VN')} đơn vị`).join('; '),
    status: counts.length === 1 ? counts[0]![0] : 'inProgress',
  };
}

/** "văn bản số 137/BC-UBND ngày 28/06/2024": whose assessment a document row is, and of when. */
const documentName = (plan: Plan, asOf: string) => `${plan.number ? `văn bản số ${plan.number}` : plan.table} ngày ${viDate(asOf)}`;
const documentWhen = (plan: Plan, asOf: string) => `(theo ${documentName(plan, asOf)})`;

/**
 * Phụ lục I: every task of the plan with its lead, deadline and progress. `reportUnit` is the
 * unit whose report this is; records of units outside it are not its business and are left out.
 */
export function taskLines(plan: Plan, reportUnit: OrgUnit, units: readonly OrgUnit[], records: readonly LocalRecord[]): TaskLine[] {
  const progressOf = progressByTask(reportUnit, units, records);
  return plan.tasks.map((task): TaskLine => {
    const { own, below } = progressOf(task.id);
    const base = {
      taskId: task.id,
      no: task.no,
      group: task.group,
      text: task.text,
      lead: task.lead.map((r) => r.text).join('; '),
      deadline: task.deadline?.text ?? '',
      units: below.slice(0, MAX_UNIT_LINES),
    };
    const belowText = unitLines(below);
    if (own) {
      const ownText = sentences([own.result, own.cause ? `Nguyên nhân: ${own.cause}` : '']);
      return { ...base, wording: `Đánh giá tiến độ: ${TASK_STATUS_LABEL[own.status]}${own.percent === null ? '' : ` (${own.percent.toLocaleString('vi-VN')}%)`}`, status: own.status, result: [ownText, belowText].filter(Boolean).join('\n'), from: 'unit' };
    }
    if (below.length) {
      const counted = countedStatuses(below);
      return { ...base, wording: `Đánh giá tiến độ: ${counted.text}`, status: counted.status, result: belowText, from: 'units' };
    }
    const r = task.reported;
    const when = r ? ` ${documentWhen(plan, r.asOf)}` : '';
    return {
      ...base,
      wording: r?.wording ? `Đánh giá tiến độ: ${r.wording}${when}` : 'Chưa có đánh giá',
      status: r?.status ?? null,
      result: r?.result ?? '',
      from: 'document',
    };
  });
}

// ── Phụ lục II: the Nghị quyết 175 tasks ──────────────────────────────────────────

/** Where a status goes in 001 Phụ lục II: done and kept up are "Đã hoàn thành"; anything else is not done yet. */
const inDoneColumn = (status: TaskStatus) => status === 'done' || status === 'ongoing';
/** "Đang thực hiện (60%). Kết quả…": the status first, since the column only says done or not. */
const statusText = (p: Pick<UnitProgress, 'status' | 'percent' | 'result'>) => sentences([`${TASK_STATUS_LABEL[p.status]}${p.percent === null ? '' : ` (${p.percent.toLocaleString('vi-VN')}%)`}`, p.result]);

/**
 * 001 Phụ lục II, row by row: the province's own record when it wrote one (with the units
 * below listed under it), else the units' records counted, else the document's own cells,
 * marked as the document's. A document row whose result cells are empty says so.
 */
export function resolutionLines(plan: Plan, reportUnit: OrgUnit, units: readonly OrgUnit[], records: readonly LocalRecord[]): ResolutionLine[] {
  const progressOf = progressByTask(reportUnit, units, records);
  return plan.tasks.map((task): ResolutionLine => {
    const { own, below } = progressOf(task.id);
    const base = {
      taskId: task.id,
      no: task.no,
      group: task.group,
      text: task.text,
      lead: task.lead.map((r) => r.text).join('; '),
      partners: task.partners.map((r) => r.text).join('; '),
      basis: task.basis ?? '',
      deadline: task.deadline?.text ?? '',
    };
    const belowText = unitLines(below);
    if (own) {
      const text = [statusText(own), belowText].filter(Boolean).join('\n');
      const done = inDoneColumn(own.status);
      return { ...base, status: own.status, done: done ? text : '', notDone: done ? '' : text, cause: own.cause, from: 'unit' };
    }
    if (below.length) {
      const counted = countedStatuses(below);
      const text = `${counted.text}\n${belowText}`;
      const causes = below.filter((p) => p.cause).map((p) => `${p.name}: ${p.cause}`).join('; ');
      const done = inDoneColumn(counted.status);
      return { ...base, status: counted.status, done: done ? text : '', notDone: done ? '' : text, cause: causes, from: 'units' };
    }
    const r = task.reported;
    if (!r || (!r.wording && !r.result)) return { ...base, status: null, done: '', notDone: '', cause: `Chưa có đánh giá${r ? ` (${documentName(plan, r.asOf)} không ghi kết quả)` : ''}`, from: 'document' };
    const when = documentWhen(plan, r.asOf);
    const cell = [r.result ?? r.wording ?? '', when].filter(Boolean).join(' ');
    // The document's cells where it put them: the result under its column; a cause the
    // document did not write (the seed copies "Chờ HD của BCA" into it) is not repeated.
    if (r.wording === 'Đã hoàn thành') return { ...base, status: r.status, done: cell, notDone: '', cause: '', from: 'document' };
    if (r.wording === 'Chưa hoàn thành') return { ...base, status: r.status, done: '', notDone: cell, cause: r.cause && r.cause !== r.result ? r.cause : '', from: 'document' };
    // III.1: "Đang thực hiện" stands in the cause column of the document.
    return { ...base, status: r.status, done: '', notDone: '', cause: [sentences([r.wording ?? '', r.result ?? '']), when].join(' '), from: 'document' };
  });
}

/** Task numbers a table skips ("I.10" then "II.16": 11–15), for the table to say they are missing. */
export function missingRows(tasks: readonly { no: string }[]): Map<string, { from: number; to: number }> {
  const out = new Map<string, { from: number; to: number }>();
  const last = (no: string) => Number(no.split('.').at(-1));
  tasks.forEach((t, i) => {
    if (i === 0) return;
    const prev = last(tasks[i - 1]!.no);
    const n = last(t.no);
    if (Number.isInteger(prev) && Number.isInteger(n) && n > prev + 1) out.set(t.no, { from: prev + 1, to: n - 1 });
  });
  return out;
}

// ── The body's all-service figures: the province's own sheet ───────────────────────

/** Each aggregate of `sheet` for the months of the period, from `unit`'s own sheets (none below it are summed). */
export function aggregateLines(sheet: IndicatorSheetTemplate, unit: OrgUnit, months: readonly string[], docs: readonly StoredDoc[]): AggregateLine[] {
  const own = sheet.aggregates.filter((a) => a.level === unit.level);
  const byMonth = months.map((month) => {
    const id = indicatorsIdOf(unit.id, month);
    const doc = docs.find((d) => d.coll === 'indicators' && d.id === id);
    return doc ? docValues(doc.doc) : {};
  });
  const values = new Map(
    own.map((a) => [a.id, periodValue(a.measure, byMonth.map((v) => (typeof v[`c.${a.id}`] === 'number' ? (v[`c.${a.id}`] as number) : undefined)))]),
  );
  return own.map((a) => {
    const value = values.get(a.id);
    return { id: a.id, value: value ?? null, share: a.of ? aggregateShare(value, values.get(a.of)) : null };
  });
}

// ── Phụ lục III, IV: the indicators roll-up ────────────────────────────────────────

/** The communes' indicator sheets of `months` summed for `unit`, as the dashboard's roll-up sums them. */
export function appendixFigures(sheet: IndicatorSheetTemplate, unit: OrgUnit, units: readonly OrgUnit[], months: readonly string[], docs: readonly StoredDoc[]): Omit<ProvinceData, 'plan' | 'tasks'> {
  const byId = indexUnits(units);
  const communes = units.filter((u) => u.level === 'commune' && isWithin(u.id, unit.id, byId));
  const rollup = rollupOf(unit.id, communes.map((c) => summarizeCommune(c.id, docs)));
  const services: Record<string, { total: number; online: number }> = {};
  const counters: Record<string, number> = {};
  const entered = new Set<string>();
  const figuresEntered = new Set<string>();
  for (const month of months) {
    const ind = rollup.indicators[month];
    if (!ind) continue;
    ind.communes.forEach((c) => entered.add(c));
    for (const id of [...Object.keys(ind.services), ...Object.keys(ind.counters)]) figuresEntered.add(id);
    for (const [id, f] of Object.entries(ind.services)) {
      const s = (services[id] ??= { total: 0, online: 0 });
      s.total += f.total;
      s.online += f.online;
    }
    for (const [id, n] of Object.entries(ind.counters)) counters[id] = (counters[id] ?? 0) + n;
  }
  const fig = (id: string) => services[id] ?? { total: 0, online: 0 };
  return {
    months: [...months],
    communes: entered.size,
    services: sheet.services.map((s) => ({ id: s.id, no: s.no, name: s.name, ...fig(s.id) })),
    decision422: sheet.decision422.map((s) => ({ id: s.id, no: s.no, name: s.name, group: s.group, parent: s.parent, issue: s.issue, ...fig(s.id) })),
    counters: sheet.counters.map((c) => ({ id: c.id, label: c.label, unit: c.unit, value: counters[c.id] ?? 0 })),
    entered: [...figuresEntered].sort(),
  };
}

const planRef = (plan: Plan) => ({ id: plan.id, title: planTitle(plan), table: plan.table });

export function provinceData(
  plan: Plan,
  sheet: IndicatorSheetTemplate,
  unit: OrgUnit,
  units: readonly OrgUnit[],
  months: readonly string[],
  records: readonly LocalRecord[],
  docs: readonly StoredDoc[],
  resolution: Plan | null = null,
): ProvinceData {
  return {
    plan: planRef(plan),
    tasks: taskLines(plan, unit, units, records),
    ...(resolution ? { resolution: { plan: planRef(resolution), tasks: resolutionLines(resolution, unit, units, records) } } : {}),
    aggregates: aggregateLines(sheet, unit, months, docs),
    ...appendixFigures(sheet, unit, units, months, docs),
  };
}

/** How many tasks stand at each status (a task nobody assessed counts as null). */
export function taskStatusCounts(tasks: readonly TaskLine[]): Map<TaskStatus | null, number> {
  const out = new Map<TaskStatus | null, number>();
  for (const t of tasks) out.set(t.status, (out.get(t.status) ?? 0) + 1);
  return out;
}

// ── Snapshot schema: what a submitted province report holds ────────────────────────

const Count = z.number().check(z.minimum(0));
const Str = z.string();
export const ProvinceDataSchema = z.object({
  plan: z.object({ id: Str, title: Str, table: Str }),
  tasks: z.array(
    z.object({
      taskId: Str,
      no: Str,
      group: z.nullable(Str),
      text: Str,
      lead: Str,
      deadline: Str,
      wording: Str,
      status: z.nullable(TaskStatus),
      result: Str,
      from: z.enum(['unit', 'units', 'document']),
      units: z.array(
        z.object({ unitId: Str, name: Str, status: TaskStatus, percent: z.nullable(z.number()), result: Str, cause: Str, asOf: z.nullable(Str) }),
      ),
    }),
  ),
  resolution: z.optional(
    z.object({
      plan: z.object({ id: Str, title: Str, table: Str }),
      tasks: z.array(
        z.object({
          taskId: Str,
          no: Str,
          group: z.nullable(Str),
          text: Str,
          lead: Str,
          partners: Str,
          basis: Str,
          deadline: Str,
          status: z.nullable(TaskStatus),
          done: Str,
          notDone: Str,
          cause: Str,
          from: z.enum(['unit', 'units', 'document']),
        }),
      ),
    }),
  ),
  aggregates: z.optional(z.array(z.object({ id: Str, value: z.nullable(Count), share: z.nullable(Count) }))),
  months: z.array(Str),
  communes: Count,
  services: z.array(z.object({ id: Str, no: z.nullable(z.number()), name: Str, total: Count, online: Count })),
  decision422: z.array(z.object({ id: Str, no: z.number(), name: Str, group: Str, parent: z.nullable(Str), issue: z.nullable(Str), total: Count, online: Count })),
  counters: z.array(z.object({ id: Str, label: Str, unit: Str, value: Count })),
  entered: z.optional(z.array(Str)),
});

/**
 * A province's report data: what mergeChildReports gives from the districts' reports, with
 * 001's appendices added and the figures taken from the communes' sheets (the roll-up), so
 * the body and Phụ lục III say the same numbers.
 */
export function withProvince<D extends { months: string[]; indicators: { services: unknown[]; counters: unknown[]; units: number } }>(
  data: D,
  plan: Plan,
  sheet: IndicatorSheetTemplate,
  unit: OrgUnit,
  units: readonly OrgUnit[],
  records: readonly LocalRecord[],
  docs: readonly StoredDoc[],
  resolution: Plan | null = null,
): D & { province: ProvinceData } {
  const province = provinceData(plan, sheet, unit, units, data.months, records, docs, resolution);
  return { ...data, indicators: { services: province.services, counters: province.counters, units: province.communes }, province };
}
