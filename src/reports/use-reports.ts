// Live read models of the report screens, from IndexedDB (Dexie liveQuery): a report with
// its versions and comments, and the prefilled figures for a unit and period.
import { useServices, mergeAdoptions } from '../app/services.ts';
export type { ReportBundle } from './read.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { docValues } from '../domain/sync/merge.ts';
import type { OrgUnit } from '../domain/org.ts';
import type { DocRow } from '../db/schema.ts';
import {
  communeReportData,
  latestChildSnapshots,
  liveModelLines,
  mergeChildReports,
  reportingChildren,
  type ChildSnapshot,
  type LocalRecord,
  type PrefillContext,
  type ReportData,
} from './data.ts';
import { readReport, type ReportBundle } from './read.ts';
import { knownUnits } from './scope.ts';
import { prefillCommuneNarrative, prefillParentNarrative, type NarrativeKey } from './sections.ts';
import type { StoredDoc } from '../domain/rollup.ts';
import { withProvince } from './province.ts';
import { prefillProvinceNarrative } from './province-document.ts';
import { provincePlan, provinceResolutionPlan } from './province-plan.ts';

export function useReport(reportId: string): ReportBundle | undefined {
  const { store } = useServices();
  return useLiveQuery(() => readReport(store, reportId), [store, reportId]);
}

export function useUnits(): OrgUnit[] {
  const { seed, session } = useServices();
  return knownUnits(session.units, seed.units);
}

export interface Prefill {
  data: ReportData;
  narrative: Record<NarrativeKey, string>;
  children: ChildSnapshot[];
}

const toRecords = (docs: readonly DocRow[]): LocalRecord[] => docs.map((d) => ({ coll: d.coll, id: d.id, unit: d.unit, values: docValues(d.fields) }));

/** The figures and narrative a report of `unit` for `period` starts from, recomputed whenever the data changes. */
export function usePrefill(unit: OrgUnit | undefined, period: string, now: number): Prefill | undefined {
  const { store, seed } = useServices();
  const units = useUnits();
  return useLiveQuery(async () => {
    if (!unit) return undefined;
    const ctx: PrefillContext = { models: seed.catalogue.models, units, sheet: seed.indicatorSheet, checklists: seed.checklists };
    const [adoptionDocs, statusDocs, indicatorDocs, checklistDocs] = await Promise.all([
      store.docsOf('adoption'),
      store.docsOf('status'),
      store.docsOf('indicators'),
      store.docsOf('checklist'),
    ]);
    const records = toRecords([...statusDocs, ...indicatorDocs, ...checklistDocs]);
    const adoptions = () => mergeAdoptions(seed.adoptions, adoptionDocs.map((d) => ({ id: d.id, unit: d.unit, values: docValues(d.fields) })));
    if (unit.level === 'commune' || unit.level === 'village') {
      const data = communeReportData(ctx, unit, period, now, adoptions(), records);
      return { data, narrative: prefillCommuneNarrative(data, records), children: [] };
    }
    const children = reportingChildren(units, unit.id);
    const versions = (await store.docsOf('reportVersion')).map((d) => ({ id: d.id, values: docValues(d.fields) }));
    const snapshots = latestChildSnapshots(versions, children, period);
    const merged = mergeChildReports(ctx, unit, period, now, children, snapshots, records);
    const plan = unit.level === 'province' ? await provincePlan(unit.id) : null;
    if (plan) {
      // 001's form: Phụ lục I from the units' task progress, III and IV from the communes' sheets.
      const taskDocs = await store.docsOf('taskProgress');
      const docs: StoredDoc[] = indicatorDocs.map((d) => ({ coll: d.coll, id: d.id, doc: d.fields, receivedAt: null }));
      // The models as the communes' statuses stand, like the services below and the dashboard.
      const live = { ...merged, models: liveModelLines(ctx, unit, adoptions(), records) };
      const data = withProvince(live, plan, ctx.sheet, unit, units, toRecords(taskDocs), docs, await provinceResolutionPlan(unit.id));
      return { data, narrative: prefillProvinceNarrative(data, snapshots, ctx.sheet), children: snapshots };
    }
    return { data: merged, narrative: prefillParentNarrative(merged, snapshots), children: snapshots };
    // `units` is derived from the session and seed, both fixed while signed in.
  }, [store, seed, unit?.id, period]);
}
