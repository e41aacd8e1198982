// The task tables a province's report is built from: the province's own Phụ lục I (001's,
// for Thanh Hóa) and its Phụ lục II (the Nghị quyết 175 tasks), from the seeded plans the
// task screens read. Loaded only when a province report is opened (the plans are a chunk of
// their own, src/tasks/plans-data.ts), so no commune phone carries it for this; the service
// worker keeps it like the other chunks.
import type { Plan } from '../domain/plans.ts';

async function seededPlan(unitId: string, table: string): Promise<Plan | null> {
  const { SEEDED_PLANS } = await import('../tasks/plans-data.ts');
  return SEEDED_PLANS.find((p) => p.unitId === unitId && p.table === table) ?? null;
}

/** The plan whose Phụ lục I the report of `unitId` follows, or null when the unit has none. */
export const provincePlan = (unitId: string): Promise<Plan | null> => seededPlan(unitId, 'Phụ lục I');

/** The Nghị quyết 175 tasks the report of `unitId` gives as its Phụ lục II, or null when it has none. */
export const provinceResolutionPlan = (unitId: string): Promise<Plan | null> => seededPlan(unitId, 'Phụ lục II');
