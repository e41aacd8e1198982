// Which units a task makes responsible, as the push's write rule needs it (src/domain/access.ts
// taskProgress): the seeded plans (seeds/plans, the documents' task tables) and the plans an
// administrator imported (store.listPlans, POST /api/admin/plans), an import replacing the seed
// of the same id. Resolved against the tree of the moment — "UBND cấp xã" of a province plan is
// every commune of the province as the tree stands — so a merged commune records under its new id.
import type { TaskScope } from '../../src/domain/access.ts';
import { responsibleUnits, type Plan, type PlanTask } from '../../src/domain/plans.ts';
import { parseTaskId } from '../../src/domain/sync/ids.ts';
import { loadPlanSeeds } from '../../src/seed/plans-schema.ts';
import type { OrgTree } from '../org/tree.ts';
import type { StoreOps } from '../store/types.ts';

let seeded: readonly Plan[] | undefined;
/** Parsed once per process: the seed files never change while it runs. */
export const seededPlans = (): readonly Plan[] => (seeded ??= loadPlanSeeds().plans);

/** Every plan the server knows, by id. */
export async function knownPlans(ops: Pick<StoreOps, 'listPlans'>): Promise<Map<string, Plan>> {
  const byId = new Map(seededPlans().map((p) => [p.id, p] as const));
  for (const stored of await ops.listPlans()) byId.set(stored.id, stored.plan);
  return byId;
}

/**
 * A lookup of task scopes for one push: the plans are read on first use only (most pushes carry
 * no task progress), and each task is resolved once.
 */
export function taskScopeLookup(ops: Pick<StoreOps, 'listPlans'>, tree: OrgTree): (taskId: string) => Promise<TaskScope | null> {
  let plans: Promise<Map<string, Plan>> | undefined;
  const resolved = new Map<string, TaskScope | null>();
  return async (taskId) => {
    if (resolved.has(taskId)) return resolved.get(taskId)!;
    const planId = parseTaskId(taskId)?.planId;
    const plan = planId ? (await (plans ??= knownPlans(ops))).get(planId) : undefined;
    const task: PlanTask | undefined = plan?.tasks.find((t) => t.id === taskId);
    const scope = plan && task ? responsibleUnits(task, plan.unitId, tree.units) : null;
    resolved.set(taskId, scope);
    return scope;
  };
}
