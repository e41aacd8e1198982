// #/tasks/<taskId> — one task as its plan states it (text, units, deadline as written,
// targets, what the document itself reported, its source) and the unit's progress form.
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { planTitle, type PlanTask, type UnitRef } from '../domain/plans.ts';
import { isTaskOverdue, tasksOfUnit } from '../domain/task-progress.ts';
import { taskProgressIdOf } from '../domain/sync/ids.ts';
import { formatDate } from '../domain/text.ts';
import { canRecordProgress, findTask, taskUnitOf, useTaskProgress, useUnits } from './data.ts';
import { usePlans } from './plans.ts';
import { DeadlineLine, ProgressChip } from './TaskListScreen.tsx';
import { TaskProgressForm } from './TaskProgressForm.tsx';
import { m } from './messages.ts';

const BACK = { href: '#/tasks', get label() { return m.backToList; } };

const refs = (list: readonly UnitRef[]) => (list.length ? <span lang="vi">{list.map((r) => r.text).join('; ')}</span> : <span class="muted">{m.notStated}</span>);
const day = (iso: string) => formatDate(Date.parse(`${iso}T00:00:00+07:00`));

function Reported({ task }: { task: PlanTask }) {
  const r = task.reported;
  if (!r || (!r.wording && !r.result)) return null;
  return (
    <details class="task-reported">
      <summary>{m.reported(day(r.asOf))}</summary>
      {r.wording && <p lang="vi"><strong>{r.wording}</strong></p>}
      {r.result && <p lang="vi">{r.result}</p>}
      {r.cause && <p lang="vi">{r.cause}</p>}
    </details>
  );
}

export function TaskScreen({ taskId, now = Date.now() }: { taskId: string; now?: number }) {
  const { session } = useServices();
  const plans = usePlans();
  const units = useUnits();
  const progress = useTaskProgress();
  if (!plans) return <Layout title={m.title} active="tasks" back={BACK}><p>{m.loadingPlans}</p></Layout>;
  const found = findTask(plans, taskId);
  if (!found) return <Layout title={m.title} active="tasks" back={BACK}><p role="alert">{m.notFound}</p></Layout>;
  const { plan, task } = found;
  const unitId = taskUnitOf(session.user, units);
  const role = tasksOfUnit([{ ...plan, tasks: [task] }], unitId, units)[0]?.role ?? null;
  const entry = progress?.get(taskProgressIdOf(unitId, task.id));
  const overdue = isTaskOverdue(task.deadline, entry?.view?.status ?? null, now);
  const mayRecord = role !== null && canRecordProgress(session.user, unitId, plan, task, units);

  return (
    <Layout title={m.taskNo(task.no)} active="tasks" back={BACK}>
      <p class="muted" lang="vi">{planTitle(plan)}</p>
      {task.group && <p class="muted" lang="vi">{task.group}</p>}
      <p lang="vi" class="task-body" data-testid="task-text">{task.text}</p>
      <dl class="task-info">
        <dt>{m.leadUnits}</dt>
        <dd>{refs(task.lead)}</dd>
        <dt>{m.partnerUnits}</dt>
        <dd>{refs(task.partners)}</dd>
        <dt>{m.deadline}</dt>
        <dd><DeadlineLine task={task} overdue={overdue} labelled={false} /></dd>
        {task.targets.length > 0 && (
          <>
            <dt>{m.targets}</dt>
            <dd>
              {/* One cell can set a target for several levels ("cấp tỉnh và huyện 100%"): its words once. */}
              <ul lang="vi">{[...new Set(task.targets.map((t) => t.text))].map((text) => <li>{text}</li>)}</ul>
            </dd>
          </>
        )}
        <dt>{m.source}</dt>
        <dd lang="vi">
          {plan.title}
          {task.source.section ? m.sourceSection(task.source.section) : ''}
        </dd>
      </dl>
      <Reported task={task} />
      <section class="card">
        <p>{role ? m.yourRole(role) : m.notResponsible}</p>
        <p>
          <ProgressChip entry={entry} />
          {entry && !entry.pending && entry.view && <span class="muted" data-testid="task-synced"> {m.synced}</span>}
        </p>
        {entry?.view?.result && <p lang="vi">{entry.view.result}</p>}
        {role && !mayRecord && <p class="muted">{m.readOnly}</p>}
      </section>
      {mayRecord && <TaskProgressForm key={`${unitId}:${task.id}`} unitId={unitId} taskId={task.id} now={() => now} />}
    </Layout>
  );
}
