// Roll-ups: what a district or province sees of its communes without holding their records.
//
// Two pure steps, shared by the server (which stores a roll-up per unit and updates it on
// every push) and the app (which can recompute a commune's own summary from its docs):
//   1. summarizeCommune: a commune's synced docs → a small CommuneSummary;
//   2. rollupOf / combineRollups: summaries → a Rollup for any ancestor.
// Everything in a Rollup is a sum, a count or a union, so combining is associative and
// commutative: communes → district → province gives the same totals as communes → province.
// Rates are recomputed from summed figures, never averaged. Timeliness depends on "now",
// so it is not stored: reportTimeliness classifies the stored submission times on demand.
//
// On time or late is decided by when the SERVER first received a submission, never by a
// phone's clock (its stamp or `submittedAt` can say anything); the phone's own time is kept
// beside it so an offline submission made before the deadline shows as such.
//
// The roll-up as it travels (GET /api/rollups) is written here once too (UnitRollupSchema):
// the server answers with it and the dashboard parses with it.
import * as z from 'zod/mini';
import type { Collection } from './sync/collections.ts';
import { hlcWall } from './sync/hlc.ts';
import { parseAdoptionId, parseReportId, parseTaskProgressId, parseVersionId } from './sync/ids.ts';
import { winner, type DocState, type FieldValue } from './sync/merge.ts';
import { Status } from './status.ts';
import { TaskStatus } from './plans.ts';
import { onlineRate, sumFigures } from './indicators.ts';
import { OrgLevel } from './org.ts';
import { vnDayStart } from './reorg.ts';
import {
  PeriodType,
  dueAt,
  periodRange,
  periodTypeOf,
  periodsDueBetween,
  timeliness,
  upcomingPeriod,
  type ReportingRule,
  type Timeliness,
} from './calendar.ts';

/** A synced record as both sides store it. */
export interface StoredDoc {
  coll: Collection;
  id: string;
  doc: DocState;
  /** When the server first received a change of the record (server clock, ms); null while
   * it is only on this phone or the caller does not know. Only report versions need it. */
  receivedAt: number | null;
}

/** A report's first submission for a period. */
export interface Submission {
  /** When the server first received it: what on time / late is decided by. */
  receivedAt: number;
  /** When the phone recorded it, by the phone's clock: shown, never trusted. */
  recordedAt: number;
}

export interface Figures {
  total: number;
  online: number;
}
export interface RatedFigures extends Figures {
  /** online / total from the summed figures; null when there were no dossiers. */
  rate: number | null;
}

export interface ModelSummary {
  status: Status | null;
  progress: number | null;
}
export interface IndicatorSummary {
  services: Record<string, Figures>;
  counters: Record<string, number>;
}
export interface CommuneSummary {
  unitId: string;
  /** Active adoptions, by catalogue model id. */
  models: Record<string, ModelSummary>;
  /** By period key ("2026-11"). */
  indicators: Record<string, IndicatorSummary>;
  /** Period key → its first version the server received. */
  reports: Record<string, Submission>;
  /** Task id → the commune's own progress on it (the taskProgress record "<commune>:<task>");
   * optional: summaries made before task progress existed have none. */
  tasks?: Record<string, TaskSummary>;
}

export interface TaskSummary {
  status: TaskStatus | null;
  percent: number | null;
  asOf: string | null;
}

/** A progress record with no readable status counts as "none". */
export type TaskStatusKey = TaskStatus | 'none';

export interface TaskRollup {
  /** Unit ids by the status they reported, each list sorted. */
  units: Partial<Record<TaskStatusKey, string[]>>;
  percentSum: number;
  percentCount: number;
}

/** A model adopted but with no status yet counts as "none". */
export type StatusKey = Status | 'none';

export interface ModelRollup {
  /** Commune ids by status, each list sorted. */
  communes: Partial<Record<StatusKey, string[]>>;
  progressSum: number;
  progressCount: number;
}
export interface IndicatorRollup {
  /** Communes that entered figures for the period. */
  communes: string[];
  services: Record<string, RatedFigures>;
  /** All services together. */
  all: RatedFigures;
  counters: Record<string, number>;
}
export interface Rollup {
  unitId: string;
  /** Communes whose data is included (sorted). */
  communes: string[];
  models: Record<string, ModelRollup>;
  indicators: Record<string, IndicatorRollup>;
  /** Period key → commune id → its first submission. */
  reports: Record<string, Record<string, Submission>>;
  /** Task id → who reported which status (plans.ts; per-plan counts: task-progress.ts). */
  tasks: Record<string, TaskRollup>;
}

// ── 1. A commune's docs → its summary ─────────────────────────────────────────────

const value = (doc: DocState, field: string): FieldValue | undefined => winner(doc[field])?.value;
const asNumber = (v: FieldValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The earliest stamp in a record: for an add-only record, when the phone first wrote it. */
function firstWritten(doc: DocState): number | null {
  let first: number | null = null;
  for (const state of Object.values(doc)) {
    for (const head of state.heads) {
      const wall = hlcWall(head.hlc);
      if (first === null || wall < first) first = wall;
    }
  }
  return first;
}

/**
 * Record ids carry their unit (sync/ids.ts): adoption/status "<unit>:<model>", indicators
 * "<unit>@<period>", reportVersion "<unit>@<period>#<n>". Docs of other units are ignored,
 * so a caller may pass everything it holds. A report version counts once the server has
 * received it (`receivedAt`); one only on a phone is not a submission the district has.
 */
export function summarizeCommune(unitId: string, docs: Iterable<StoredDoc>): CommuneSummary {
  const adoptions = new Map<string, string>(); // adoption id → model id
  const statuses = new Map<string, DocState>();
  const out: CommuneSummary = { unitId, models: {}, indicators: {}, reports: {} };

  for (const { coll, id, doc, receivedAt } of docs) {
    if (coll === 'adoption' || coll === 'status') {
      const ref = parseAdoptionId(id);
      if (ref?.unit !== unitId) continue;
      if (coll === 'status') {
        statuses.set(id, doc);
        continue;
      }
      if (value(doc, 'active') === false) continue;
      const modelId = value(doc, 'modelId');
      adoptions.set(id, typeof modelId === 'string' ? modelId : ref.model);
    } else if (coll === 'indicators') {
      const ref = parseReportId(id);
      if (ref?.unit === unitId) out.indicators[ref.period] = indicatorSummary(doc);
    } else if (coll === 'reportVersion') {
      const ref = parseVersionId(id);
      if (ref?.unit !== unitId || receivedAt === null) continue;
      const submittedAt = asNumber(value(doc, 'submittedAt'));
      const recordedAt = submittedAt ?? firstWritten(doc) ?? receivedAt;
      const known = out.reports[ref.period];
      if (known === undefined || receivedAt < known.receivedAt) out.reports[ref.period] = { receivedAt, recordedAt };
    } else if (coll === 'taskProgress') {
      const ref = parseTaskProgressId(id);
      if (ref?.unit !== unitId) continue;
      const status = TaskStatus.safeParse(value(doc, 'status'));
      const asOf = value(doc, 'asOf');
      (out.tasks ??= {})[ref.taskId] = { status: status.success ? status.data : null, percent: asNumber(value(doc, 'percent')), asOf: typeof asOf === 'string' ? asOf : null };
    }
  }
  for (const [adoptionId, modelId] of adoptions) {
    const doc = statuses.get(adoptionId);
    const status = Status.safeParse(doc ? value(doc, 'status') : undefined);
    out.models[modelId] = {
      status: status.success ? status.data : null,
      progress: doc ? asNumber(value(doc, 'progress')) : null,
    };
  }
  return out;
}

function indicatorSummary(doc: DocState): IndicatorSummary {
  const services: Record<string, Figures> = {};
  const counters: Record<string, number> = {};
  for (const field of Object.keys(doc)) {
    const n = asNumber(value(doc, field));
    if (n === null) continue;
    const service = /^s\.(.+)\.(total|online)$/.exec(field);
    if (service) {
      const f = (services[service[1]!] ??= { total: 0, online: 0 });
      f[service[2] as 'total' | 'online'] = n;
    } else if (field.startsWith('c.')) {
      counters[field.slice(2)] = n;
    }
  }
  return { services, counters };
}

// ── 2. Summaries → roll-ups ─────────────────────────────────────────────────────────

const rated = (f: Figures): RatedFigures => ({ total: f.total, online: f.online, rate: onlineRate(f) });
const sortedUnion = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

export function emptyRollup(unitId: string): Rollup {
  return { unitId, communes: [], models: {}, indicators: {}, reports: {}, tasks: {} };
}

/** The roll-up of one commune: the building block every ancestor combines. */
export function communeRollup(s: CommuneSummary): Rollup {
  const models: Record<string, ModelRollup> = {};
  for (const [modelId, m] of Object.entries(s.models)) {
    models[modelId] = {
      communes: { [m.status ?? 'none']: [s.unitId] },
      progressSum: m.progress ?? 0,
      progressCount: m.progress === null ? 0 : 1,
    };
  }
  const indicators: Record<string, IndicatorRollup> = {};
  for (const [period, ind] of Object.entries(s.indicators)) {
    const services: Record<string, RatedFigures> = {};
    for (const [id, f] of Object.entries(ind.services)) services[id] = rated(f);
    indicators[period] = {
      communes: [s.unitId],
      services,
      all: rated(sumFigures(Object.values(ind.services))),
      counters: { ...ind.counters },
    };
  }
  const reports: Record<string, Record<string, Submission>> = {};
  for (const [period, at] of Object.entries(s.reports)) reports[period] = { [s.unitId]: { ...at } };
  const tasks: Record<string, TaskRollup> = {};
  for (const [taskId, t] of Object.entries(s.tasks ?? {})) {
    tasks[taskId] = { units: { [t.status ?? 'none']: [s.unitId] }, percentSum: t.percent ?? 0, percentCount: t.percent === null ? 0 : 1 };
  }
  return { unitId: s.unitId, communes: [s.unitId], models, indicators, reports, tasks };
}

function combineModels(a: ModelRollup | undefined, b: ModelRollup): ModelRollup {
  if (!a) return b;
  const communes: Partial<Record<StatusKey, string[]>> = { ...a.communes };
  for (const [key, ids] of Object.entries(b.communes) as [StatusKey, string[]][]) {
    communes[key] = sortedUnion(communes[key] ?? [], ids);
  }
  return { communes, progressSum: a.progressSum + b.progressSum, progressCount: a.progressCount + b.progressCount };
}

function combineTasks(a: TaskRollup | undefined, b: TaskRollup): TaskRollup {
  if (!a) return b;
  const units: Partial<Record<TaskStatusKey, string[]>> = { ...a.units };
  for (const [key, ids] of Object.entries(b.units) as [TaskStatusKey, string[]][]) units[key] = sortedUnion(units[key] ?? [], ids);
  return { units, percentSum: a.percentSum + b.percentSum, percentCount: a.percentCount + b.percentCount };
}

function combineIndicators(a: IndicatorRollup | undefined, b: IndicatorRollup): IndicatorRollup {
  if (!a) return b;
  const services: Record<string, RatedFigures> = { ...a.services };
  for (const [id, f] of Object.entries(b.services)) services[id] = rated(sumFigures([services[id] ?? { total: 0, online: 0 }, f]));
  const counters: Record<string, number> = { ...a.counters };
  for (const [id, n] of Object.entries(b.counters)) counters[id] = (counters[id] ?? 0) + n;
  return { communes: sortedUnion(a.communes, b.communes), services, all: rated(sumFigures([a.all, b.all])), counters };
}

/**
 * Combines the roll-ups of disjoint parts (children, or communes) into their ancestor's.
 * Parts must not share communes: sums would count a shared commune twice.
 */
export function combineRollups(unitId: string, parts: readonly Rollup[]): Rollup {
  const out = emptyRollup(unitId);
  for (const p of parts) {
    out.communes = sortedUnion(out.communes, p.communes);
    for (const [id, m] of Object.entries(p.models)) out.models[id] = combineModels(out.models[id], m);
    for (const [period, ind] of Object.entries(p.indicators)) out.indicators[period] = combineIndicators(out.indicators[period], ind);
    for (const [period, byCommune] of Object.entries(p.reports)) out.reports[period] = { ...out.reports[period], ...byCommune };
    // Roll-ups stored before task progress existed have no `tasks`.
    for (const [id, t] of Object.entries(p.tasks ?? {})) out.tasks[id] = combineTasks(out.tasks[id], t);
  }
  return out;
}

export const rollupOf = (unitId: string, summaries: readonly CommuneSummary[]): Rollup =>
  combineRollups(unitId, summaries.map(communeRollup));

/** Counts of communes per status for a model (the number the dashboard shows). */
export function statusCounts(m: ModelRollup): Partial<Record<StatusKey, number>> {
  const out: Partial<Record<StatusKey, number>> = {};
  for (const [key, ids] of Object.entries(m.communes) as [StatusKey, string[]][]) out[key] = ids.length;
  return out;
}

/** Mean progress over communes that reported one; null when none did. */
export const meanProgress = (m: ModelRollup): number | null => (m.progressCount > 0 ? m.progressSum / m.progressCount : null);

// ── 3. Report timeliness, computed on demand ───────────────────────────────────────

/** A commune and the reporting rules that apply to it. */
export interface CommuneRules {
  unitId: string;
  rules: readonly ReportingRule[];
  /** A commune made by a merge reports from this day (YYYY-MM-DD, Vietnam): earlier periods were its predecessors'. */
  from?: string;
  /** A commune merged away reports for periods that started before this day (reorg.ts). */
  until?: string;
}

/** Whether a commune was expected to report for a period: it existed when the period started (closed after) or was made before it ended. */
function reportsFor(c: CommuneRules, period: string): boolean {
  if ((!c.from && !c.until) || periodTypeOf(period) === 'adHoc') return true;
  const { start, end } = periodRange(period);
  if (c.until && start >= vnDayStart(c.until)) return false;
  return !(c.from && end <= vnDayStart(c.from));
}

export interface PeriodTimeliness {
  period: string;
  periodType: PeriodType;
  counts: Record<Timeliness, number>;
  communes: Record<Timeliness, string[]>;
  /** Of the late communes, those whose phone recorded the report before the deadline
   * (made offline in time, received after it): shown as such, still counted late. */
  recordedBeforeDue: string[];
}

/**
 * The rules that apply to a unit: its own, else those of its nearest ancestor that has
 * some (a district can set one rule for all its communes). `chain` is nearest first.
 */
export function effectiveRules(chain: readonly { id: string }[], rulesByUnit: ReadonlyMap<string, readonly ReportingRule[]>): readonly ReportingRule[] {
  for (const u of chain) {
    const rules = rulesByUnit.get(u.id);
    if (rules && rules.length > 0) return rules;
  }
  return [];
}

/**
 * For every period due in [since, now) and the period now being worked on, how many
 * communes were on time, late, missing or not yet due. A commune without a rule for a
 * period type is not counted for it. `communes` must list every commune of the unit —
 * those that never submitted anything are exactly the "missing" ones.
 */
export function reportTimeliness(
  reports: Rollup['reports'],
  communes: readonly CommuneRules[],
  now: number,
  since: number,
): PeriodTimeliness[] {
  const periods = new Set<string>();
  for (const c of communes) {
    for (const rule of c.rules) {
      for (const key of periodsDueBetween(rule, since, now)) periods.add(key);
      periods.add(upcomingPeriod(rule, now));
    }
  }
  const out: PeriodTimeliness[] = [];
  for (const period of [...periods].sort()) {
    const periodType = periodTypeOf(period);
    const lists: Record<Timeliness, string[]> = { onTime: [], late: [], missing: [], notDue: [] };
    const recordedBeforeDue: string[] = [];
    for (const c of communes) {
      const rule = c.rules.find((r) => r.periodType === periodType);
      if (!rule || !reportsFor(c, period)) continue;
      const sent = reports[period]?.[c.unitId] ?? null;
      const state = timeliness(rule, period, sent?.receivedAt ?? null, now);
      lists[state].push(c.unitId);
      if (state === 'late' && sent !== null && sent.recordedAt < dueAt(rule, period)) recordedBeforeDue.push(c.unitId);
    }
    for (const ids of Object.values(lists)) ids.sort();
    recordedBeforeDue.sort();
    const counts = { onTime: lists.onTime.length, late: lists.late.length, missing: lists.missing.length, notDue: lists.notDue.length };
    out.push({ period, periodType, counts, communes: lists, recordedBeforeDue });
  }
  return out;
}

// ── 4. The roll-up on the wire ─────────────────────────────────────────────────────

/** One unit's roll-up as GET /api/rollups answers it (and the dashboard keeps it). */
export interface UnitRollup {
  unitId: string;
  name: string;
  level: OrgLevel;
  /** When the stored figures last changed; null when no data has come in yet. */
  updatedAt: number | null;
  rollup: Rollup;
  timeliness: PeriodTimeliness[];
}
/** GET /api/rollups?unit= */
export interface RollupAnswer extends UnitRollup {
  asOf: number;
}
/** GET /api/rollups/children?unit= */
export interface RollupChildrenAnswer {
  asOf: number;
  unitId: string;
  children: UnitRollup[];
}

const Num = z.number();
const Ids = z.array(z.string());
const FiguresSchema = z.object({ total: Num, online: Num, rate: z.nullable(Num) });
const SubmissionSchema = z.object({ receivedAt: Num, recordedAt: Num });
const RollupSchema = z.object({
  unitId: z.string(),
  communes: Ids,
  models: z.record(z.string(), z.object({ communes: z.record(z.string(), Ids), progressSum: Num, progressCount: Num })),
  indicators: z.record(
    z.string(),
    z.object({ communes: Ids, services: z.record(z.string(), FiguresSchema), all: FiguresSchema, counters: z.record(z.string(), Num) }),
  ),
  reports: z.record(z.string(), z.record(z.string(), SubmissionSchema)),
  // Optional on the wire: a dashboard copy kept before task progress existed still reads.
  tasks: z._default(z.record(z.string(), z.object({ units: z.record(z.string(), Ids), percentSum: Num, percentCount: Num })), {}),
});
const TimelinessSchema = z.object({
  period: z.string(),
  periodType: PeriodType,
  counts: z.object({ onTime: Num, late: Num, missing: Num, notDue: Num }),
  communes: z.object({ onTime: Ids, late: Ids, missing: Ids, notDue: Ids }),
  recordedBeforeDue: Ids,
});
const unitRollupShape = {
  unitId: z.string(),
  name: z.string(),
  level: OrgLevel,
  updatedAt: z.nullable(Num),
  rollup: RollupSchema,
  timeliness: z.array(TimelinessSchema),
};
// Status keys travel as plain record keys; the casts only name the interfaces above.
export const UnitRollupSchema = z.object(unitRollupShape) as unknown as z.ZodMiniType<UnitRollup>;
export const RollupAnswerSchema = z.object({ asOf: Num, ...unitRollupShape }) as unknown as z.ZodMiniType<RollupAnswer>;
export const RollupChildrenAnswerSchema = z.object({
  asOf: Num,
  unitId: z.string(),
  children: z.array(z.object(unitRollupShape)),
}) as unknown as z.ZodMiniType<RollupChildrenAnswer>;
