// Task progress in the district / province dashboard (issue 11): per plan, how many of the
// (task, responsible unit) pairs in the area are at each status and how many are overdue; and
// per task, which unit reported what. Communes' statuses come from the roll-up (GET
// /api/rollups, kept on the device); units above commune level (a district's own progress on
// a province task) are not in commune roll-ups, so theirs come from the records the officer's
// phone pulled (subscriptions.ts gives officers their subtree's task progress).
import { Layout } from '../app/Layout.tsx';
import { indexUnits } from '../domain/org.ts';
import { planTitle, type Plan, type TaskStatus } from '../domain/plans.ts';
import type { Rollup } from '../domain/rollup.ts';
import { taskProgressIdOf } from '../domain/sync/ids.ts';
import { planTaskCounts, planTaskRows, reportedStatuses, type TaskUnitRow } from '../domain/task-progress.ts';
import { formatNumber } from '../domain/text.ts';
import { m as c } from '../i18n/common.ts';
import { useTaskProgress, type ProgressEntry } from '../tasks/data.ts';
import { usePlans } from '../tasks/plans.ts';
import { m } from '../tasks/messages.ts';
import { useDashboard, useKnownUnits } from './use-dashboard.ts';
import '../tasks/tasks.css';

const SHOWN: readonly TaskStatus[] = ['done', 'ongoing', 'inProgress', 'waitingGuidance', 'notDone', 'notStarted'];

/** unit → status, for one task: communes from the roll-up, other units from pulled records. */
function useReported(rollup: Rollup | undefined): ((taskId: string, unitId: string) => TaskStatus | null) & { entry(taskId: string, unitId: string): ProgressEntry | undefined } {
  const progress = useTaskProgress();
  const rolled = reportedStatuses(rollup?.tasks);
  const entry = (taskId: string, unitId: string) => progress?.get(taskProgressIdOf(unitId, taskId));
  const reported = (taskId: string, unitId: string) => {
    const fromRollup = rolled.get(taskId);
    if (fromRollup?.has(unitId)) return fromRollup.get(unitId) ?? null;
    return entry(taskId, unitId)?.view?.status ?? null;
  };
  return Object.assign(reported, { entry });
}

export function TaskProgressSection({ rollup, unitId, now }: { rollup: Rollup; unitId: string; now: number }) {
  const plans = usePlans();
  const units = useKnownUnits();
  const reported = useReported(rollup);
  if (!plans) return null;
  const rows = plans.map((plan) => ({ plan, counts: planTaskCounts(plan.id, planTaskRows(plan, unitId, units, reported, now)) })).filter((r) => r.counts.pairs > 0);
  return (
    <section class="card" data-testid="task-progress">
      <h2>{m.dbTitle}</h2>
      <p class="muted">{m.dbHelp}</p>
      {rows.length === 0 && <p class="muted">{m.dbNoPlans}</p>}
      <ul class="list">
        {rows.map(({ plan, counts }) => (
          // A card per plan rather than a wide table: it reads on a 360 px phone.
          <li data-testid={`task-plan-${plan.id}`}>
            <a href={`#/dashboard/nhiem-vu/${encodeURIComponent(plan.id)}/${encodeURIComponent(unitId)}`} lang="vi" class="task-db-plan">
              {plan.title}
            </a>
            <span class="muted">
              {m.dbTasks}: {formatNumber(counts.tasks)} · {m.dbPairs}: {formatNumber(counts.pairs)}
            </span>
            <span class="task-db-counts">
              {SHOWN.filter((s) => counts.byStatus[s] > 0).map((s) => (
                <span class={`chip chip-${s}`}>
                  {c.taskStatus(s)}: <strong data-testid={`count-${s}`}>{formatNumber(counts.byStatus[s])}</strong>
                </span>
              ))}
              <span class="chip">
                {m.dbNotReported}: <strong data-testid="count-none">{formatNumber(counts.byStatus.none)}</strong>
              </span>
              <span class={counts.overdue > 0 ? 'chip chip-notDone' : 'chip'}>
                {m.dbOverdue}: <strong data-testid="count-overdue">{formatNumber(counts.overdue)}</strong>
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function UnitStatus({ row, entry }: { row: TaskUnitRow; entry: ProgressEntry | undefined }) {
  const v = entry?.view;
  return (
    <span>
      <span class={`chip chip-${row.status ?? 'none'}`}>{row.status ? c.taskStatus(row.status) : m.dbNotReported}</span>
      {v?.percent != null && m.percentShort(formatNumber(v.percent))}
      {row.overdue && <strong class="late"> · {m.overdue}</strong>}
      {v?.result && (
        <>
          {' '}
          <span lang="vi" class="muted">{v.result}</span>
        </>
      )}
    </span>
  );
}

/** #/dashboard/nhiem-vu/<planId>/<unitId>: every task of a plan with a responsible unit in the area. */
export function TaskPlanScreen({ planId, unitId, now = Date.now() }: { planId: string; unitId: string; now?: number }) {
  const plans = usePlans();
  const units = useKnownUnits();
  const byId = indexUnits(units);
  const { snapshot } = useDashboard(unitId);
  const reported = useReported(snapshot?.unit.rollup);
  const plan: Plan | undefined = plans?.find((p) => p.id === planId);
  const back = { href: unitId ? `#/dashboard/${encodeURIComponent(unitId)}` : '#/dashboard', label: m.dbBack };
  if (!plans) return <Layout title={m.dbPlanTitle} active="dashboard" back={back}><p>{m.loadingPlans}</p></Layout>;
  if (!plan) return <Layout title={m.dbPlanTitle} active="dashboard" back={back}><p role="alert">{m.notFound}</p></Layout>;
  const rows = planTaskRows(plan, unitId, units, reported, now);
  return (
    <Layout title={m.dbPlanTitle} active="dashboard" back={back}>
      <h2 class="subtitle" lang="vi">{planTitle(plan)}</h2>
      <p class="muted" lang="vi">{byId.get(unitId)?.name ?? unitId}</p>
      {rows.length === 0 && <p class="muted">{m.dbNoPlans}</p>}
      {rows.map(({ task, units: assigned }) => (
        <section class="card" data-testid={`db-task-${task.id}`}>
          <h3 class="task-db-task">{m.taskNo(task.no)}</h3>
          <p lang="vi" class="task-text">{task.text}</p>
          <ul class="list">
            {assigned.map((row) => (
              <li data-testid={`db-task-unit-${row.unitId}`}>
                <span>
                  <span lang="vi">{byId.get(row.unitId)?.name ?? row.unitId}</span> <span class="muted">({row.role === 'lead' ? m.lead : m.partner})</span>
                </span>
                <UnitStatus row={row} entry={reported.entry(task.id, row.unitId)} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
