// The task table a province's report is built from: the province's own Phụ lục I (001's,
// for Thanh Hóa), from the seeded plans the task screens read. Loaded only when a province
// report is opened (the plans are a chunk of their own, src/tasks/plans-data.ts), so no
// commune phone carries it for this; the service worker keeps it like the other chunks.
import type { Plan } from '../domain/plans.ts';

/** The plan whose Phụ lục I the report of `unitId` follows, or null when the unit has none. */
export async function provincePlan(unitId: string): Promise<Plan | null> {
  const { SEEDED_PLANS } = await import('../tasks/plans-data.ts');
  return SEEDED_PLANS.find((p) => p.unitId === unitId && p.table === 'Phụ lục I') ?? null;
}
