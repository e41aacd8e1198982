// What the task screens read: the plans (plans.ts), the tasks the person's unit answers for,
// and the progress records on this phone (their own and, for officers, what was pulled).
import { useServices } from '../app/services.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { knownUnits, reportingUnitOf } from '../reports/scope.ts';
import { mayWrite } from '../domain/access.ts';
import { indexUnits, type OrgUnit } from '../domain/org.ts';
import { responsibleUnits, type Plan, type PlanTask } from '../domain/plans.ts';
import type { User } from '../domain/people.ts';
import { docValues } from '../domain/sync/merge.ts';
import { parseTaskId } from '../domain/sync/ids.ts';
import { taskProgressOf, tasksOfUnit, type TaskProgressView, type UnitTask } from '../domain/task-progress.ts';
import { usePlans } from './plans.ts';

export interface ProgressEntry {
  view: TaskProgressView | null;
  /** Some saved change of the record still waits in this phone's outbox. */
  pending: boolean;
  conflicted: boolean;
}

/** Record id → its progress, for every taskProgress record on this phone. */
export function useTaskProgress(): Map<string, ProgressEntry> | undefined {
  const { store } = useServices();
  return useLiveQuery(async () => {
    const [docs, outbox] = await Promise.all([store.docsOf('taskProgress'), store.db.outbox.toArray()]);
    const waiting = new Set(outbox.filter((r) => r.coll === 'taskProgress').map((r) => r.id));
    return new Map(
      docs.map((d) => [
        d.id,
        { view: taskProgressOf(d.id, docValues(d.fields)), pending: waiting.has(d.id), conflicted: Object.values(d.fields).some((s) => s.heads.length > 1) },
      ]),
    );
  }, [store]);
}

/** The unit whose tasks a person sees: a village member's commune, else their own unit. */
export const taskUnitOf = (user: Pick<User, 'unitId'>, units: readonly OrgUnit[]): string => reportingUnitOf(user, units);

export function useUnits(): OrgUnit[] {
  const { session, seed } = useServices();
  return knownUnits(session.units, seed.units);
}

export interface UnitTasks {
  plans: readonly Plan[];
  unitId: string;
  tasks: UnitTask[];
}

export function useUnitTasks(): UnitTasks | undefined {
  const { session } = useServices();
  const plans = usePlans();
  const units = useUnits();
  if (!plans) return undefined;
  const unitId = taskUnitOf(session.user, units);
  return { plans, unitId, tasks: tasksOfUnit(plans, unitId, units) };
}

/** May this person record `unitId`'s progress on `task` (the rule the server applies: domain/access.ts)? */
export function canRecordProgress(user: Pick<User, 'role' | 'unitId'>, unitId: string, plan: Plan, task: PlanTask, units: readonly OrgUnit[]): boolean {
  return mayWrite(user, { coll: 'taskProgress', unit: unitId, task: responsibleUnits(task, plan.unitId, units) }, indexUnits(units));
}

/** The task a progress record belongs to, by id. */
export function findTask(plans: readonly Plan[], taskId: string): { plan: Plan; task: PlanTask } | null {
  const planId = parseTaskId(taskId)?.planId;
  const plan = plans.find((p) => p.id === planId);
  const task = plan?.tasks.find((t) => t.id === taskId);
  return plan && task ? { plan, task } : null;
}
