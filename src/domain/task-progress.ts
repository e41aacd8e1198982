// Task progress as the screens and reports read it (issue 11): a responsible unit's record
// on a plan's task (collection `taskProgress`, id "<unit>:<task>", fields as plans.ts
// TaskProgressRecord), which tasks a unit answers for, what is overdue, and the per-plan
// counts a district or province reads from the roll-ups. Pure.
import { deadlineEnd, type Deadline } from './catalogue.ts';
import { isWithin, type OrgUnit } from './org.ts';
import { Evidence, TaskStatus, responsibleUnits, type Plan, type PlanTask } from './plans.ts';
import type { TaskRollup, TaskStatusKey } from './rollup.ts';
import { parseTaskProgressId } from './sync/ids.ts';
import type { FieldValue } from './sync/merge.ts';

/** One unit's progress on one task, as the merged record holds it. */
export interface TaskProgressView {
  id: string;
  unitId: string;
  taskId: string;
  status: TaskStatus;
  percent: number | null;
  result: string;
  evidence: Evidence[];
  cause: string;
  asOf: string | null;
}

const text = (v: FieldValue | undefined) => (typeof v === 'string' ? v : '');

/** A merged record's values (docValues) → its progress; null when the id or the status is unusable. */
export function taskProgressOf(id: string, values: Readonly<Record<string, FieldValue>>): TaskProgressView | null {
  const ref = parseTaskProgressId(id);
  const status = TaskStatus.safeParse(values.status);
  if (!ref || !status.success) return null;
  const evidence = Array.isArray(values.evidence) ? values.evidence.flatMap((e) => {
    const parsed = Evidence.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  }) : [];
  const percent = typeof values.percent === 'number' && Number.isFinite(values.percent) ? values.percent : null;
  return { id, unitId: ref.unit, taskId: ref.taskId, status: status.data, percent, result: text(values.result), evidence, cause: text(values.cause), asOf: typeof values.asOf === 'string' ? values.asOf : null };
}

/**
 * Done, or done and kept up ("Thực hiện thường xuyên", the documents' "đã hoàn thành và duy
 * trì thường xuyên"): nothing is owed. Waiting for a ministry is still owed — the deadline
 * stands, the cause is stated.
 */
export const isTaskFinished = (status: TaskStatus | null): boolean => status === 'done' || status === 'ongoing';

/** Past its deadline's last day (Vietnam time) and not finished. Ongoing and external deadlines are never overdue. */
export function isTaskOverdue(deadline: Deadline | null, status: TaskStatus | null, now: number): boolean {
  const end = deadline ? deadlineEnd(deadline) : null;
  return end !== null && end < now && !isTaskFinished(status);
}

export type TaskRole = 'lead' | 'partner';

export interface UnitTask {
  plan: Plan;
  task: PlanTask;
  role: TaskRole;
}

/** The tasks of these plans a unit leads or partners, in the plans' order. */
export function tasksOfUnit(plans: readonly Plan[], unitId: string, units: readonly OrgUnit[]): UnitTask[] {
  const out: UnitTask[] = [];
  for (const plan of plans) {
    for (const task of plan.tasks) {
      const r = responsibleUnits(task, plan.unitId, units);
      if (r.lead.includes(unitId)) out.push({ plan, task, role: 'lead' });
      else if (r.partner.includes(unitId)) out.push({ plan, task, role: 'partner' });
    }
  }
  return out;
}

/** Task id → unit id → the status it reported, from a roll-up's task lists. */
export function reportedStatuses(tasks: Readonly<Record<string, TaskRollup>> | undefined): Map<string, Map<string, TaskStatus | null>> {
  const out = new Map<string, Map<string, TaskStatus | null>>();
  for (const [taskId, t] of Object.entries(tasks ?? {})) {
    const byUnit = new Map<string, TaskStatus | null>();
    for (const [key, ids] of Object.entries(t.units) as [TaskStatusKey, string[]][]) for (const id of ids) byUnit.set(id, key === 'none' ? null : key);
    out.set(taskId, byUnit);
  }
  return out;
}

/** Counts of (task, responsible unit) pairs of one plan within a unit's subtree. */
export interface PlanTaskCounts {
  planId: string;
  /** Tasks with at least one responsible unit in the subtree. */
  tasks: number;
  /** Responsible (task, unit) pairs. */
  pairs: number;
  /** Pairs by the status reported; `none`: nothing reported (or no readable status). */
  byStatus: Record<TaskStatusKey, number>;
  /** Pairs past the task's deadline and not finished (unreported ones included). */
  overdue: number;
}

export interface TaskUnitRow {
  unitId: string;
  role: TaskRole;
  status: TaskStatus | null;
  overdue: boolean;
}

const NO_COUNTS = (): Record<TaskStatusKey, number> => ({ notStarted: 0, inProgress: 0, ongoing: 0, done: 0, notDone: 0, waitingGuidance: 0, none: 0 });

/**
 * Per task of a plan, the responsible units within `rootId` and what each reported:
 * `reported(taskId, unitId)` says (roll-ups for communes, pulled records for the others).
 */
export function planTaskRows(
  plan: Plan,
  rootId: string,
  units: readonly OrgUnit[],
  reported: (taskId: string, unitId: string) => TaskStatus | null,
  now: number,
): { task: PlanTask; units: TaskUnitRow[] }[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  return plan.tasks.flatMap((task) => {
    const r = responsibleUnits(task, plan.unitId, units);
    const rows: TaskUnitRow[] = [
      ...r.lead.map((unitId) => ({ unitId, role: 'lead' as const })),
      ...r.partner.map((unitId) => ({ unitId, role: 'partner' as const })),
    ]
      .filter((x) => isWithin(x.unitId, rootId, byId))
      .map((x) => {
        const status = reported(task.id, x.unitId);
        return { ...x, status, overdue: isTaskOverdue(task.deadline, status, now) };
      });
    return rows.length ? [{ task, units: rows }] : [];
  });
}

/** The per-plan counts of planTaskRows. */
export function planTaskCounts(planId: string, rows: readonly { units: readonly TaskUnitRow[] }[]): PlanTaskCounts {
  const byStatus = NO_COUNTS();
  let pairs = 0;
  let overdue = 0;
  for (const row of rows) {
    for (const u of row.units) {
      pairs++;
      byStatus[u.status ?? 'none']++;
      if (u.overdue) overdue++;
    }
  }
  return { planId, tasks: rows.length, pairs, byStatus, overdue };
}
