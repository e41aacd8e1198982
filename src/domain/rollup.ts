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
import type { Collection } from './sync/collections.ts';
import { hlcWall } from './sync/hlc.ts';
import { winner, type DocState, type FieldValue } from './sync/merge.ts';
import { Status } from './status.ts';
import { onlineRate, sumFigures } from './indicators.ts';
import {
  periodTypeOf,
  periodsDueBetween,
  timeliness,
  upcomingPeriod,
  type PeriodType,
  type ReportingRule,
  type Timeliness,
} from './calendar.ts';

/** A synced record as both sides store it. */
export interface StoredDoc {
  coll: Collection;
  id: string;
  doc: DocState;
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
  /** Period key → when its first version was submitted (HLC wall time, ms). */
  reports: Record<string, number>;
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
  /** Period key → commune id → first submission time. */
  reports: Record<string, Record<string, number>>;
}

// ── 1. A commune's docs → its summary ─────────────────────────────────────────────

const value = (doc: DocState, field: string): FieldValue | undefined => winner(doc[field])?.value;
const asNumber = (v: FieldValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The earliest stamp in a record: for an add-only record, when it was first written. */
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
 * Record ids carry their unit (collections.ts): adoption/status "<unit>:<model>",
 * indicators "<unit>@<period>", reportVersion "<unit>@<period>#<n>". Docs of other units
 * are ignored, so a caller may pass everything it holds.
 */
export function summarizeCommune(unitId: string, docs: Iterable<StoredDoc>): CommuneSummary {
  const adoptions = new Map<string, string>(); // adoption id → model id
  const statuses = new Map<string, DocState>();
  const out: CommuneSummary = { unitId, models: {}, indicators: {}, reports: {} };

  for (const { coll, id, doc } of docs) {
    if (coll === 'adoption' && id.startsWith(`${unitId}:`)) {
      if (value(doc, 'active') === false) continue;
      const modelId = value(doc, 'modelId');
      adoptions.set(id, typeof modelId === 'string' ? modelId : id.slice(unitId.length + 1));
    } else if (coll === 'status' && id.startsWith(`${unitId}:`)) {
      statuses.set(id, doc);
    } else if (coll === 'indicators' && id.startsWith(`${unitId}@`)) {
      out.indicators[id.slice(unitId.length + 1)] = indicatorSummary(doc);
    } else if (coll === 'reportVersion' && id.startsWith(`${unitId}@`)) {
      const period = value(doc, 'period');
      const at = firstWritten(doc);
      if (typeof period !== 'string' || at === null) continue;
      const known = out.reports[period];
      if (known === undefined || at < known) out.reports[period] = at;
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
  return { unitId, communes: [], models: {}, indicators: {}, reports: {} };
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
  const reports: Record<string, Record<string, number>> = {};
  for (const [period, at] of Object.entries(s.reports)) reports[period] = { [s.unitId]: at };
  return { unitId: s.unitId, communes: [s.unitId], models, indicators, reports };
}

function combineModels(a: ModelRollup | undefined, b: ModelRollup): ModelRollup {
  if (!a) return b;
  const communes: Partial<Record<StatusKey, string[]>> = { ...a.communes };
  for (const [key, ids] of Object.entries(b.communes) as [StatusKey, string[]][]) {
    communes[key] = sortedUnion(communes[key] ?? [], ids);
  }
  return { communes, progressSum: a.progressSum + b.progressSum, progressCount: a.progressCount + b.progressCount };
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
}

export interface PeriodTimeliness {
  period: string;
  periodType: PeriodType;
  counts: Record<Timeliness, number>;
  communes: Record<Timeliness, string[]>;
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
    for (const c of communes) {
      const rule = c.rules.find((r) => r.periodType === periodType);
      if (!rule) continue;
      lists[timeliness(rule, period, reports[period]?.[c.unitId] ?? null, now)].push(c.unitId);
    }
    for (const ids of Object.values(lists)) ids.sort();
    const counts = { onTime: lists.onTime.length, late: lists.late.length, missing: lists.missing.length, notDue: lists.notDue.length };
    out.push({ period, periodType, counts, communes: lists });
  }
  return out;
}
