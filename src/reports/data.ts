// The figures a report carries, prefilled from what the unit holds and frozen in the
// snapshot when it is submitted. Pure, shared by the editor, the print view, the exports
// and the tests. The same shape at every level, so merging is one function:
//
//   village teams' figures ──mergeVillageFigures──▶ commune (communeReportData)
//   communes' submitted snapshots ──mergeChildReports──▶ district ──▶ province
//
// Every count is a sum (or a count of units), so merging is associative: communes →
// district → province gives the province the same totals as communes → province. Rates
// are never stored: they are computed from the summed figures where they are shown.
import * as z from 'zod/mini';
import type { Adoption } from '../domain/status.ts';
import { Status } from '../domain/status.ts';
import type { StatusKey } from '../domain/rollup.ts';
import type { Model } from '../domain/catalogue.ts';
import { modelTitle } from '../domain/catalogue.ts';
import { completion, type ChecklistTemplate } from '../domain/checklist.ts';
import type { IndicatorSheetTemplate } from '../domain/indicators.ts';
import type { OrgLevel, OrgUnit } from '../domain/org.ts';
import { nextPeriod, periodOf, periodRange, periodTypeOf, type PeriodType } from '../domain/calendar.ts';
import type { Collection } from '../domain/sync/collections.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { answersOf } from '../checklists/answers.ts';
import { reportIdOf } from './ids.ts';
import { ProvinceDataSchema, type ProvinceData } from './province.ts';

export interface TaskCount {
  answered: number;
  total: number;
}

/** One catalogue model: a commune's own line, or the merge of its children's lines. */
export interface ModelLine {
  modelId: string;
  title: string;
  number: number | null;
  /** Units that adopted it (1 for a commune's own line). */
  units: number;
  /** Units per status; "none" = adopted, no status recorded yet. */
  counts: Partial<Record<StatusKey, number>>;
  /** The commune's own status; null on a merged line. */
  status: StatusKey | null;
  progressSum: number;
  progressCount: number;
  /** The commune's note on the model ("Ghi chú, kết quả"); empty on a merged line. */
  note: string;
  /** Task checklist of the model: items answered / items. */
  tasks: TaskCount;
}

export interface ServiceLine {
  id: string;
  /** Its row in 001 Phụ lục III; null when the source lost the number. */
  no: number | null;
  name: string;
  total: number;
  online: number;
}
export interface CounterLine {
  id: string;
  label: string;
  unit: string;
  value: number;
}

/** A village (for a commune) or a child unit (for a district or province). */
export interface PartLine {
  unitId: string;
  name: string;
  /** Village: entered figures for the period. Child unit: submitted a report for it. */
  hasData: boolean;
  version: number | null;
  submittedAt: number | null;
  modelsDone: number;
  modelsTotal: number;
  total: number;
  online: number;
}

export interface InspectionLine {
  templateId: string;
  title: string;
  answered: number;
  total: number;
}

export interface ReportData {
  v: 1;
  unitId: string;
  unitName: string;
  level: OrgLevel;
  period: string;
  periodType: PeriodType;
  /** The months whose indicator figures are summed ("2026-11"). */
  months: string[];
  models: ModelLine[];
  indicators: { services: ServiceLine[]; counters: CounterLine[]; /** units whose figures are included */ units: number };
  partKind: 'village' | 'child' | 'none';
  parts: PartLine[];
  inspection: InspectionLine[];
  /** A province's report in 001's form: Phụ lục I, III and IV (province.ts). Absent below the province. */
  province?: ProvinceData;
}

/** A synced record as the prefill reads it: its current values. */
export interface LocalRecord {
  coll: Collection;
  id: string;
  unit: string;
  values: Readonly<Record<string, FieldValue>>;
}

/** What the prefill needs from the seed (and the session's units). */
export interface PrefillContext {
  models: readonly Model[];
  units: readonly OrgUnit[];
  sheet: IndicatorSheetTemplate;
  checklists: readonly ChecklistTemplate[];
}

/** A submitted version of a child unit's report, as the parent's prefill reads it. */
export interface ChildSnapshot {
  unitId: string;
  version: number;
  submittedAt: number;
  data: ReportData;
  sections: readonly { key: string; title: string; body: string }[];
}

// ── Indicator figures ───────────────────────────────────────────────────────────────

/** Indicator fields as stored: "s.<service>.total", "s.<service>.online", "c.<counter>" → count. */
export type FlatFigures = Record<string, number>;

export function figuresOf(values: Readonly<Record<string, FieldValue>>): FlatFigures {
  const out: FlatFigures = {};
  for (const [field, v] of Object.entries(values)) {
    if (typeof v === 'number' && Number.isFinite(v) && /^(s\..+\.(total|online)|c\..+)$/.test(field)) out[field] = v;
  }
  return out;
}

export function addFigures(...all: readonly FlatFigures[]): FlatFigures {
  const out: FlatFigures = {};
  for (const f of all) for (const [field, n] of Object.entries(f)) out[field] = (out[field] ?? 0) + n;
  return out;
}

/**
 * A commune's figures with its village teams' merged in. Field by field: what the commune
 * entered itself wins (its police consolidate the villages' counts and may correct them);
 * a field the commune left empty takes the sum of its villages. Never both, so a dossier
 * counted by a village and again by the commune is not counted twice.
 */
export function mergeVillageFigures(own: FlatFigures, villages: readonly FlatFigures[]): FlatFigures {
  const summed = addFigures(...villages);
  return { ...summed, ...own };
}

/** The months whose figures a report sums: its own month(s); a week reports the month it ends in. */
export function indicatorMonths(period: string, now: number): string[] {
  const type = periodTypeOf(period);
  if (type === 'adHoc') return [periodOf('monthly', now)];
  const { start, end } = periodRange(period);
  if (type === 'weekly') return [periodOf('monthly', end - 1)];
  const out: string[] = [];
  for (let m = periodOf('monthly', start); periodRange(m).start < end; m = nextPeriod(m)) out.push(m);
  return out;
}

function indicatorBlock(sheet: IndicatorSheetTemplate, f: FlatFigures, units: number): ReportData['indicators'] {
  return {
    services: sheet.services.map((s) => ({ id: s.id, no: s.no, name: s.name, total: f[`s.${s.id}.total`] ?? 0, online: f[`s.${s.id}.online`] ?? 0 })),
    counters: sheet.counters.map((c) => ({ id: c.id, label: c.label, unit: c.unit, value: f[`c.${c.id}`] ?? 0 })),
    units,
  };
}

export const serviceTotals = (services: readonly ServiceLine[]): { total: number; online: number } =>
  services.reduce((acc, s) => ({ total: acc.total + s.total, online: acc.online + s.online }), { total: 0, online: 0 });

// ── A commune's own data ────────────────────────────────────────────────────────────

const recordIndex = (records: readonly LocalRecord[]) => new Map(records.map((r) => [`${r.coll}/${r.id}`, r.values]));

function taskCount(template: ChecklistTemplate | undefined, values: Readonly<Record<string, FieldValue>> | undefined): TaskCount {
  if (!template) return { answered: 0, total: 0 };
  const total = template.sections.reduce((n, s) => n + s.items.length, 0);
  return { answered: Math.round(completion(template, answersOf(values ?? {})) * total), total };
}

function sortModels(lines: ModelLine[]): ModelLine[] {
  return lines.sort((a, b) => (a.number ?? 10_000) - (b.number ?? 10_000) || a.title.localeCompare(b.title, 'vi'));
}

function inspectionLines(ctx: PrefillContext, unit: OrgUnit, get: (key: string) => Readonly<Record<string, FieldValue>> | undefined): InspectionLine[] {
  const level = unit.level === 'commune' ? 'commune' : unit.level === 'district' ? 'district' : null;
  return ctx.checklists
    .filter((t) => t.kind === 'inspection' && t.level === level)
    .map((t) => ({ templateId: t.id, title: t.title, ...taskCount(t, get(`checklist/${t.id}@${unit.id}`)) }));
}

/**
 * A commune's report data from its records: each adopted model's status and progress,
 * the task checklists, the inspection outline, and the 25 services' figures of the
 * period's months with the village teams' figures merged in.
 */
export function communeReportData(
  ctx: PrefillContext,
  unit: OrgUnit,
  period: string,
  now: number,
  adoptions: readonly Adoption[],
  records: readonly LocalRecord[],
): ReportData {
  const index = recordIndex(records);
  const get = (key: string) => index.get(key);
  const months = indicatorMonths(period, now);
  const lines = adoptionLines(ctx, adoptions.filter((a) => a.unitId === unit.id), get);

  const villages = ctx.units.filter((u) => u.parentId === unit.id && u.level === 'village');
  const monthFigures = (unitId: string) => months.map((m) => get(`indicators/${unitId}@${m}`)).filter((v) => v !== undefined).map(figuresOf);
  const villageFigures = villages.map((v) => ({ unit: v, figures: addFigures(...monthFigures(v.id)) }));
  const own = addFigures(...monthFigures(unit.id));
  const merged = mergeVillageFigures(own, villageFigures.map((v) => v.figures));
  const contributing = (Object.keys(own).length > 0 ? 1 : 0) + villageFigures.filter((v) => Object.keys(v.figures).length > 0).length;

  return {
    v: 1,
    unitId: unit.id,
    unitName: unit.name,
    level: unit.level,
    period,
    periodType: periodTypeOf(period),
    months,
    models: sortModels(lines),
    indicators: indicatorBlock(ctx.sheet, merged, contributing),
    partKind: villages.length ? 'village' : 'none',
    parts: villageFigures.map(({ unit: v, figures }) => {
      const totals = serviceTotals(indicatorBlock(ctx.sheet, figures, 0).services);
      return { unitId: v.id, name: v.name, hasData: Object.keys(figures).length > 0, version: null, submittedAt: null, modelsDone: 0, modelsTotal: 0, ...totals };
    }),
    inspection: inspectionLines(ctx, unit, get),
  };
}

/** One line per adoption: its model, status, progress and tasks as the records stand. */
function adoptionLines(ctx: PrefillContext, adoptions: readonly Adoption[], get: (key: string) => Readonly<Record<string, FieldValue>> | undefined): ModelLine[] {
  const models = new Map(ctx.models.map((m) => [m.id, m]));
  return adoptions.map((a): ModelLine => {
    const model = models.get(a.modelId);
    const values = get(`status/${a.id}`) ?? {};
    const parsed = Status.safeParse(values.status);
    const status: StatusKey = parsed.success ? parsed.data : 'none';
    const progress = typeof values.progress === 'number' ? values.progress : null;
    const template = ctx.checklists.find((t) => t.kind === 'modelTasks' && t.modelId === a.modelId);
    return {
      modelId: a.modelId,
      title: model ? modelTitle(model) : a.modelId,
      number: model?.number ?? null,
      units: 1,
      counts: { [status]: 1 },
      status,
      progressSum: progress ?? 0,
      progressCount: progress === null ? 0 : 1,
      note: typeof values.note === 'string' ? values.note.trim() : '',
      tasks: taskCount(template, get(`checklist/${template?.id}@${a.unitId}`)),
    };
  });
}

/**
 * The models of every commune under `unit`, as their statuses stand on this phone (an
 * officer pulls its subtree's adoptions and statuses): what the province report counts, as the
 * dashboard does, rather than only what districts happened to submit.
 */
export function liveModelLines(ctx: PrefillContext, unit: OrgUnit, adoptions: readonly Adoption[], records: readonly LocalRecord[]): ModelLine[] {
  const index = recordIndex(records);
  const byId = new Map(ctx.units.map((u) => [u.id, u]));
  const under = (id: string): boolean => {
    for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) if (u.id === unit.id) return true;
    return false;
  };
  // Communes merged away stay, closed, under their successor: their records still count (reorg.ts).
  const communes = new Set(ctx.units.filter((u) => u.level === 'commune' && under(u.id)).map((u) => u.id));
  return mergeModelLines(adoptionLines(ctx, adoptions.filter((a) => communes.has(a.unitId)), (key) => index.get(key)));
}

// ── Children's reports → the parent's ───────────────────────────────────────────────

function mergeModelLines(all: readonly ModelLine[]): ModelLine[] {
  const byId = new Map<string, ModelLine>();
  for (const line of all) {
    const prev = byId.get(line.modelId);
    if (!prev) {
      byId.set(line.modelId, { ...line, counts: { ...line.counts }, tasks: { ...line.tasks }, status: null, note: '' });
      continue;
    }
    for (const [key, n] of Object.entries(line.counts) as [StatusKey, number][]) prev.counts[key] = (prev.counts[key] ?? 0) + n;
    prev.units += line.units;
    prev.progressSum += line.progressSum;
    prev.progressCount += line.progressCount;
    prev.tasks = { answered: prev.tasks.answered + line.tasks.answered, total: prev.tasks.total + line.tasks.total };
  }
  return sortModels([...byId.values()]);
}

function mergeIndicators(sheet: IndicatorSheetTemplate, blocks: readonly ReportData['indicators'][]): ReportData['indicators'] {
  const flat: FlatFigures[] = blocks.map((b) => {
    const f: FlatFigures = {};
    for (const s of b.services) {
      f[`s.${s.id}.total`] = s.total;
      f[`s.${s.id}.online`] = s.online;
    }
    for (const c of b.counters) f[`c.${c.id}`] = c.value;
    return f;
  });
  return indicatorBlock(sheet, addFigures(...flat), blocks.reduce((n, b) => n + b.units, 0));
}

export const modelsDone = (lines: readonly ModelLine[]): number => lines.reduce((n, l) => n + (l.counts.done ?? 0), 0);
export const modelsAdopted = (lines: readonly ModelLine[]): number => lines.reduce((n, l) => n + l.units, 0);

/**
 * A district's (or province's) report data from its children's submitted reports for the
 * same period: models counted per status, figures summed, one line per child saying
 * whether and when it reported. Children without a report are listed, not guessed.
 */
export function mergeChildReports(
  ctx: PrefillContext,
  unit: OrgUnit,
  period: string,
  now: number,
  children: readonly OrgUnit[],
  snapshots: readonly ChildSnapshot[],
  records: readonly LocalRecord[] = [],
): ReportData {
  const byChild = new Map(snapshots.map((s) => [s.unitId, s]));
  const included = children.map((c) => byChild.get(c.id)).filter((s): s is ChildSnapshot => s !== undefined);
  const index = recordIndex(records);
  return {
    v: 1,
    unitId: unit.id,
    unitName: unit.name,
    level: unit.level,
    period,
    periodType: periodTypeOf(period),
    months: indicatorMonths(period, now),
    models: mergeModelLines(included.flatMap((s) => s.data.models)),
    indicators: mergeIndicators(ctx.sheet, included.map((s) => s.data.indicators)),
    partKind: 'child',
    parts: children.map((c) => {
      const s = byChild.get(c.id);
      if (!s) return { unitId: c.id, name: c.name, hasData: false, version: null, submittedAt: null, modelsDone: 0, modelsTotal: 0, total: 0, online: 0 };
      return {
        unitId: c.id,
        name: c.name,
        hasData: true,
        version: s.version,
        submittedAt: s.submittedAt,
        modelsDone: modelsDone(s.data.models),
        modelsTotal: modelsAdopted(s.data.models),
        ...serviceTotals(s.data.indicators.services),
      };
    }),
    inspection: inspectionLines(ctx, unit, (key) => index.get(key)),
  };
}

/** The units whose reports a parent merges: its direct children above village level. */
export const reportingChildren = (units: readonly OrgUnit[], unitId: string): OrgUnit[] =>
  units.filter((u) => u.parentId === unitId && u.level !== 'village');

// ── Snapshots: parsed at the boundary ───────────────────────────────────────────────

const Count = z.number().check(z.minimum(0));
const ReportDataSchema = z.object({
  v: z.literal(1),
  unitId: z.string(),
  unitName: z.string(),
  level: z.enum(['province', 'district', 'commune', 'village']),
  period: z.string(),
  periodType: z.enum(['weekly', 'monthly', 'sixMonth', 'annual', 'adHoc']),
  months: z.array(z.string()),
  models: z.array(
    z.object({
      modelId: z.string(),
      title: z.string(),
      number: z.nullable(z.number()),
      units: Count,
      counts: z.record(z.string(), Count),
      status: z.nullable(z.string()),
      progressSum: Count,
      progressCount: Count,
      note: z.string(),
      tasks: z.object({ answered: Count, total: Count }),
    }),
  ),
  indicators: z.object({
    services: z.array(z.object({ id: z.string(), no: z.nullable(z.number()), name: z.string(), total: Count, online: Count })),
    counters: z.array(z.object({ id: z.string(), label: z.string(), unit: z.string(), value: Count })),
    units: Count,
  }),
  partKind: z.enum(['village', 'child', 'none']),
  parts: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      hasData: z.boolean(),
      version: z.nullable(z.number()),
      submittedAt: z.nullable(z.number()),
      modelsDone: Count,
      modelsTotal: Count,
      total: Count,
      online: Count,
    }),
  ),
  inspection: z.array(z.object({ templateId: z.string(), title: z.string(), answered: Count, total: Count })),
  province: z.optional(ProvinceDataSchema),
});

export const SectionSchema = z.object({ key: z.string(), title: z.string(), body: z.string() });

/** What a reportVersion's `snapshot` holds. */
export const Snapshot = z.object({
  title: z.string(),
  sections: z.array(SectionSchema),
  data: ReportDataSchema,
  submittedBy: z._default(z.string(), ''),
});
export type Snapshot = { title: string; sections: { key: string; title: string; body: string }[]; data: ReportData; submittedBy: string };

/** A snapshot from storage or another device; null when it is not one we can read. */
export function parseSnapshot(value: unknown): Snapshot | null {
  const r = Snapshot.safeParse(value);
  return r.success ? (r.data as Snapshot) : null;
}

/** A value safe to store as a FieldValue: plain JSON (drops undefined, refuses NaN). */
export function toFieldValue(value: unknown): FieldValue {
  return JSON.parse(JSON.stringify(value)) as FieldValue;
}

/** The latest submitted version of each child's report for `period`. */
export function latestChildSnapshots(
  versions: readonly { id: string; values: Readonly<Record<string, FieldValue>> }[],
  children: readonly OrgUnit[],
  period: string,
): ChildSnapshot[] {
  const out: ChildSnapshot[] = [];
  for (const child of children) {
    const reportId = reportIdOf(child.id, period);
    let best: ChildSnapshot | null = null;
    for (const v of versions) {
      if (v.values.reportId !== reportId || typeof v.values.version !== 'number') continue;
      if (best && best.version >= v.values.version) continue;
      const snapshot = parseSnapshot(v.values.snapshot);
      if (!snapshot) continue;
      best = {
        unitId: child.id,
        version: v.values.version,
        submittedAt: typeof v.values.submittedAt === 'number' ? v.values.submittedAt : 0,
        data: snapshot.data,
        sections: snapshot.sections,
      };
    }
    if (best) out.push(best);
  }
  return out;
}
