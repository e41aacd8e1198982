// Where the dashboard's numbers come from, in order:
//   1. GET /api/rollups?unit= and /api/rollups/children?unit= (the server's roll-ups, with
//      report timeliness against the server's reporting rules), kept on the device
//      (idb-keyval) with their "as of" time so the dashboard reads offline;
//   2. the copy kept from the last successful fetch;
//   3. with neither, the same roll-ups computed on the phone from the records the last
//      sync brought (a district pulls its whole subtree), against the seed's rules.
import { get, set } from 'idb-keyval';
import * as z from 'zod/mini';
import type { LocalStore } from '../db/store.ts';
import type { ReportingRule } from '../domain/calendar.ts';
import { indexUnits, isWithin, type OrgUnit } from '../domain/org.ts';
import {
  RollupAnswerSchema,
  RollupChildrenAnswerSchema,
  UnitRollupSchema,
  reportTimeliness,
  rollupOf,
  summarizeCommune,
  type CommuneSummary,
  type StoredDoc,
} from '../domain/rollup.ts';
import { firstReceived } from '../reports/received.ts';
import type { DashboardSnapshot, UnitRollupView } from './matrix.ts';
import { answerError, badAnswer, noAnswer } from './fetch-errors.ts';

/** How far back report timeliness is listed (as the server: 92 days). */
export const TIMELINESS_WINDOW_MS = 92 * 86_400_000;

const SnapshotSchema = z.object({ asOf: z.number(), source: z.enum(['server', 'device']), unit: UnitRollupSchema, children: z.array(UnitRollupSchema) });

export const cacheKey = (unitId: string) => `dashboard:${unitId}`;

async function getJson(path: string, token: string, fetcher: typeof fetch): Promise<unknown> {
  let res: Response;
  try {
    res = await fetcher(path, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw noAnswer();
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw answerError(res.status, body);
  return body;
}

/** Fetches a unit's roll-up and its children's, parsed, and keeps them on the device. */
export async function fetchDashboard(unitId: string, token: string, fetcher: typeof fetch = fetch): Promise<DashboardSnapshot> {
  const q = encodeURIComponent(unitId);
  const [unitRaw, childrenRaw] = await Promise.all([getJson(`/api/rollups?unit=${q}`, token, fetcher), getJson(`/api/rollups/children?unit=${q}`, token, fetcher)]);
  const unit = RollupAnswerSchema.safeParse(unitRaw);
  const children = RollupChildrenAnswerSchema.safeParse(childrenRaw);
  if (!unit.success || !children.success) throw badAnswer();
  const { asOf, ...view } = unit.data;
  const snapshot: DashboardSnapshot = { asOf, source: 'server', unit: view, children: children.data.children };
  await set(cacheKey(unitId), snapshot).catch(() => undefined); // a full disk must not hide fresh numbers
  return snapshot;
}

export async function cachedDashboard(unitId: string): Promise<DashboardSnapshot | null> {
  const parsed = SnapshotSchema.safeParse(await get(cacheKey(unitId)).catch(() => undefined));
  return parsed.success ? (parsed.data as DashboardSnapshot) : null;
}

/** The dashboard computed on the device from synced records (no server, no cache). */
export async function localDashboard(
  store: Pick<LocalStore, 'docsOf' | 'history'>,
  unitId: string,
  units: readonly OrgUnit[],
  rulesOf: (communeId: string) => readonly ReportingRule[],
  asOf: number,
): Promise<DashboardSnapshot> {
  const byId = indexUnits(units);
  const colls = ['adoption', 'status', 'indicators', 'reportVersion', 'taskProgress'] as const;
  const rows = (await Promise.all(colls.map((c) => store.docsOf(c)))).flat();
  // As on the server: a submission counts from when the server received it (the pulled log says).
  const received = await firstReceived(store, 'reportVersion', rows.filter((d) => d.coll === 'reportVersion').map((d) => d.id));
  const docs: StoredDoc[] = rows.map((d) => ({ coll: d.coll, id: d.id, doc: d.fields, receivedAt: d.coll === 'reportVersion' ? (received.get(d.id) ?? null) : null }));
  const communes = units.filter((u) => u.level === 'commune' && isWithin(u.id, unitId, byId));
  const summaries = new Map<string, CommuneSummary>(communes.map((c) => [c.id, summarizeCommune(c.id, docs)]));
  const view = (u: OrgUnit): UnitRollupView => {
    const mine = communes.filter((c) => isWithin(c.id, u.id, byId));
    const rollup = rollupOf(u.id, mine.map((c) => summaries.get(c.id)!));
    const rules = mine.map((c) => ({ unitId: c.id, rules: rulesOf(c.id) }));
    return { unitId: u.id, name: u.name, level: u.level, updatedAt: null, rollup, timeliness: reportTimeliness(rollup.reports, rules, asOf, asOf - TIMELINESS_WINDOW_MS) };
  };
  const unit = byId.get(unitId);
  if (!unit) throw new Error(`Không có đơn vị ${unitId}`);
  return { asOf, source: 'device', unit: view(unit), children: units.filter((u) => u.parentId === unitId && u.level !== 'village').map(view) };
}
