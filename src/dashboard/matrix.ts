// What the district and province dashboard shows, computed from roll-ups. Pure: the
// screen, the tests and the offline fallback all read the same numbers. Rates are always
// recomputed from summed figures, never averaged.
import type { Model } from '../domain/catalogue.ts';
import { modelTitleText } from '../models/model-title.ts';
import { onlineRate, sumFigures, targetProgress } from '../domain/indicators.ts';
import type { IndicatorSheetTemplate } from '../domain/indicators.ts';
import type { PeriodTimeliness, Rollup, StatusKey, UnitRollup } from '../domain/rollup.ts';
import type { PeriodType, Timeliness } from '../domain/calendar.ts';
import { compareVi } from '../domain/text.ts';
import { ancestry, type OrgUnit } from '../domain/org.ts';
import { STATUS_KEYS } from './status-style.ts';
import { m as text } from './messages.ts';

/** One unit's roll-up as GET /api/rollups answers it (the shared shape, src/domain/rollup.ts). */
export type UnitRollupView = UnitRollup;

/** What the dashboard keeps on the device to be read offline. */
export interface DashboardSnapshot {
  asOf: number;
  /** "server": fetched roll-ups; "device": computed on the phone from synced records. */
  source: 'server' | 'device';
  unit: UnitRollupView;
  children: UnitRollupView[];
}

/** Communes that have sent anything: an adopted model, figures or a report. */
export function communesWithData(r: Rollup): Set<string> {
  const out = new Set<string>();
  for (const m of Object.values(r.models)) for (const ids of Object.values(m.communes)) for (const id of ids ?? []) out.add(id);
  for (const ind of Object.values(r.indicators)) for (const id of ind.communes) out.add(id);
  for (const byCommune of Object.values(r.reports)) for (const id of Object.keys(byCommune)) out.add(id);
  return out;
}

export interface MatrixModel {
  modelId: string;
  /** Short column label ("MH 24"). */
  label: string;
  /** The label is words of the model's name (it has no number): data, in Vietnamese. */
  named: boolean;
  title: string;
  adopted: number;
  done: number;
  counts: Partial<Record<StatusKey, number>>;
}
export interface MatrixRow {
  unitId: string;
  name: string;
  /** Model id → the commune's status; absent when it has not adopted the model. */
  cells: Record<string, StatusKey>;
  adopted: number;
  done: number;
}
export interface StatusMatrix {
  models: MatrixModel[];
  rows: MatrixRow[];
  adopted: number;
  done: number;
  /** done / adopted, null when nothing is adopted. */
  share: number | null;
  /** Open communes of the unit (the N of "x/N xã đã có dữ liệu"). */
  communes: number;
  /** Open communes of the unit with no data yet. */
  withoutData: { unitId: string; name: string }[];
}

function shortLabel(model: Model | undefined, modelId: string): string {
  if (model?.number != null) return text.modelShort(model.number);
  const words = (model?.name ?? modelId).split(/\s+/);
  return words.slice(0, 3).join(' ') + (words.length > 3 ? '…' : '');
}

/** A commune of the unit shown, closed ones included (they hang under their successor, org.ts). */
export type MatrixCommune = Pick<OrgUnit, 'id' | 'name' | 'parentId' | 'level'> & { closedOn?: string | null | undefined };

/**
 * Communes × adopted models, coloured by status, with counts per model and per commune. The
 * matrix is the current state: a commune merged away is no row of its own; its data shows in
 * the row of the open commune it now belongs to (as in that commune's roll-up), and one closed
 * with no successor shows nowhere. Where the parts of a merged commune disagree on a model, the
 * cell is the least advanced (last in the legend's order): the new commune has not completed a
 * model one of its parts has not.
 */
export function statusMatrix(r: Rollup, communes: readonly MatrixCommune[], catalogue: readonly Model[]): StatusMatrix {
  const byModel = new Map(catalogue.map((m) => [m.id, m]));
  const byId = new Map(communes.map((c) => [c.id, c]));
  // A commune the tree does not know keeps its own row, as before reorganisations existed.
  const homeOf = (id: string): string | null =>
    byId.has(id) ? (ancestry(id, byId).find((u) => u.level === 'commune' && !u.closedOn)?.id ?? null) : id;
  const open = communes.filter((c) => c.level === 'commune' && !c.closedOn);
  const rows = new Map<string, MatrixRow>();
  for (const id of communesWithData(r)) {
    const home = homeOf(id);
    if (home !== null && !rows.has(home)) rows.set(home, { unitId: home, name: byId.get(home)?.name ?? home, cells: {}, adopted: 0, done: 0 });
  }
  const rank = (s: StatusKey) => STATUS_KEYS.indexOf(s);
  const models: MatrixModel[] = [];
  for (const [modelId, m] of Object.entries(r.models)) {
    for (const [status, ids] of Object.entries(m.communes) as [StatusKey, string[] | undefined][]) {
      for (const id of ids ?? []) {
        const home = homeOf(id);
        const row = home === null ? undefined : rows.get(home);
        const known = row?.cells[modelId];
        if (row && (known === undefined || rank(status) > rank(known))) row.cells[modelId] = status;
      }
    }
    const model = byModel.get(modelId);
    const line: MatrixModel = { modelId, label: shortLabel(model, modelId), named: model?.number == null, title: model ? modelTitleText(model) : modelId, adopted: 0, done: 0, counts: {} };
    for (const row of rows.values()) {
      const status = row.cells[modelId];
      if (status === undefined) continue;
      row.adopted += 1;
      line.adopted += 1;
      line.counts[status] = (line.counts[status] ?? 0) + 1;
      if (status === 'done') {
        row.done += 1;
        line.done += 1;
      }
    }
    if (line.adopted > 0) models.push(line);
  }
  models.sort((a, b) => (byModel.get(a.modelId)?.number ?? 10_000) - (byModel.get(b.modelId)?.number ?? 10_000) || compareVi(a.title, b.title));
  const adopted = models.reduce((n, m) => n + m.adopted, 0);
  const done = models.reduce((n, m) => n + m.done, 0);
  return {
    models,
    rows: [...rows.values()].sort((a, b) => compareVi(a.name, b.name)),
    adopted,
    done,
    share: adopted > 0 ? done / adopted : null,
    communes: open.length,
    withoutData: open.filter((c) => !rows.has(c.id)).map((c) => ({ unitId: c.id, name: c.name })),
  };
}

// ── Report timeliness ──────────────────────────────────────────────────────────────

export interface TimelinessGroup {
  periodType: PeriodType;
  /** Newest first. */
  periods: PeriodTimeliness[];
  /** The newest period already due (the report people should have sent by now). */
  current: PeriodTimeliness | null;
  /** The period being worked on, not yet due. */
  upcoming: PeriodTimeliness | null;
}

const dueCount = (p: PeriodTimeliness) => p.counts.onTime + p.counts.late + p.counts.missing;

export function timelinessGroups(list: readonly PeriodTimeliness[]): TimelinessGroup[] {
  const order: PeriodType[] = ['weekly', 'monthly', 'sixMonth', 'annual', 'adHoc'];
  return order
    .map((periodType) => {
      const periods = list.filter((p) => p.periodType === periodType).sort((a, b) => (a.period < b.period ? 1 : -1));
      // Past its deadline once no commune is still "not due" — a period some communes have already
      // sent early is not "đã đến hạn" yet; it stays the upcoming one.
      const due = periods.filter((p) => p.counts.notDue === 0 && dueCount(p) > 0);
      return {
        periodType,
        periods: due,
        current: due[0] ?? null,
        upcoming: periods.find((p) => p.counts.notDue > 0) ?? null,
      };
    })
    .filter((g) => g.periods.length > 0 || g.upcoming !== null);
}

/** A commune's timeliness for each listed period (the per-commune view). `recordedBeforeDue`:
 * late by the server's receipt, though the phone recorded it before the deadline. */
export function communeTimeliness(
  periods: readonly PeriodTimeliness[],
  communeId: string,
): { period: string; state: Timeliness | null; recordedBeforeDue: boolean }[] {
  return periods.map((p) => {
    const state = (Object.entries(p.communes) as [Timeliness, string[]][]).find(([, ids]) => ids.includes(communeId))?.[0] ?? null;
    return { period: p.period, state, recordedBeforeDue: p.recordedBeforeDue.includes(communeId) };
  });
}

// ── Indicators ─────────────────────────────────────────────────────────────────────

/** Months with figures, newest first. */
export const indicatorMonths = (r: Rollup): string[] => Object.keys(r.indicators).filter((k) => /^\d{4}-\d{2}$/.test(k)).sort().reverse();

export interface ServiceTotal {
  id: string;
  /** Null for a service whose row number the source lost. */
  no: number | null;
  name: string;
  /** Where a name found outside the table, or an administrator's, is taken from (the sheet's). */
  citation?: string | undefined;
  byAdmin?: boolean | undefined;
  total: number;
  online: number;
  rate: number | null;
}
/** A figure a document gives for this unit (001 §II.5), beside the count now. */
export interface BaselineView {
  value: number;
  asOf: string;
  citation: string;
}
/** A target the documents set for this unit, and how far the units' counts are towards it. */
export interface TargetView {
  id: string;
  label: string;
  count: number;
  value: number | null;
  share: number | null;
  /** Some commune entered one of the target's counters this month: else it reads "not entered", not 0 %. */
  entered: boolean;
  by: string | null;
  citation: string;
}
export interface IndicatorTotals {
  month: string;
  communes: number;
  services: ServiceTotal[];
  all: { total: number; online: number; rate: number | null };
  /** The services of Quyết định 422/QĐ-TTg, under their department. */
  decision422: (ServiceTotal & { group: string; parent: string | null })[];
  /** value null: no commune entered the counter this month. */
  counters: { id: string; label: string; unit: string; value: number | null; baseline: BaselineView | null }[];
  targets: TargetView[];
}

export function indicatorTotals(r: Rollup, month: string, sheet: IndicatorSheetTemplate): IndicatorTotals {
  const ind = r.indicators[month];
  const services = sheet.services.map((s) => {
    const f = ind?.services[s.id] ?? { total: 0, online: 0 };
    return { id: s.id, no: s.no, name: s.name, citation: s.citation, byAdmin: s.byAdmin, total: f.total, online: f.online, rate: onlineRate(f) };
  });
  const all = sumFigures(services);
  return {
    month,
    communes: ind?.communes.length ?? 0,
    services,
    all: { ...all, rate: onlineRate(all) },
    decision422: sheet.decision422.map((s) => {
      const f = ind?.services[s.id] ?? { total: 0, online: 0 };
      return { id: s.id, no: s.no, name: s.name, group: s.group, parent: s.parent, total: f.total, online: f.online, rate: onlineRate(f) };
    }),
    // A document's figure or target is of the unit it names: the province's are not a district's.
    counters: sheet.counters.map((c) => ({
      id: c.id,
      label: c.label,
      unit: c.unit,
      value: ind?.counters[c.id] ?? null,
      baseline: c.baseline && c.baseline.unitId === r.unitId ? { value: c.baseline.value, asOf: c.baseline.asOf, citation: c.baseline.citation } : null,
    })),
    targets: sheet.targets
      .filter((t) => t.unitId === r.unitId)
      .map((t) => ({
        id: t.id,
        label: t.label,
        ...targetProgress(t, ind?.counters ?? {}),
        entered: t.counters.some((id) => ind?.counters[id] !== undefined),
        value: t.value,
        by: t.by,
        citation: t.citation,
      })),
  };
}

export interface UnitFigures {
  unitId: string;
  name: string;
  total: number;
  online: number;
  rate: number | null;
  hasData: boolean;
}

/**
 * The month's figures per child unit (communes of a district, districts of a province). With
 * `serviceIds` (the 25 essential services) only those are summed: a roll-up's `all` counts
 * every service a sheet holds, the Quyết định 422 ones included.
 */
export function figuresByUnit(children: readonly UnitRollupView[], month: string, serviceIds?: readonly string[]): UnitFigures[] {
  return children
    .map((c) => {
      const ind = c.rollup.indicators[month];
      const f = !ind ? { total: 0, online: 0 } : serviceIds ? sumFigures(serviceIds.map((id) => ind.services[id] ?? { total: 0, online: 0 })) : { total: ind.all.total, online: ind.all.online };
      return { unitId: c.unitId, name: c.name, ...f, rate: onlineRate(f), hasData: !!ind && ind.communes.length > 0 };
    })
    .sort((a, b) => compareVi(a.name, b.name));
}
