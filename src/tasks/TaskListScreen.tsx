// #/tasks — the tasks of the person's unit, grouped by plan: number, text, lead or partner,
// the deadline as written with its structured end, and the latest progress recorded.
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { deadlineEnd, deadlineParts } from '../domain/catalogue.ts';
import { planTitle, type Plan } from '../domain/plans.ts';
import { isTaskOverdue, type UnitTask } from '../domain/task-progress.ts';
import { taskProgressIdOf } from '../domain/sync/ids.ts';
import { formatDate, formatNumber, matchesSearch } from '../domain/text.ts';
import { m as c } from '../i18n/common.ts';
import { useTaskProgress, useUnitTasks, type ProgressEntry } from './data.ts';
import { m } from './messages.ts';

/** Everything a search may match: the number, the task, its group, its units and its plan. */
const haystack = (t: UnitTask) => [t.task.no, t.task.text, t.task.group ?? '', ...t.task.lead.map((r) => r.text), ...t.task.partners.map((r) => r.text), t.plan.title, t.plan.number ?? ''].join(' ');

/** `labelled`: the line says "Thời hạn:" itself (in a list); a screen that labels it already passes false. */
export function DeadlineLine({ task, overdue, labelled = true }: { task: UnitTask['task']; overdue: boolean; labelled?: boolean }) {
  const label = labelled ? `${m.deadline} ` : '';
  if (!task.deadline) return <span class="muted">{label}{m.noDeadline}</span>;
  // A cell in parts ("Hoàn thành trong năm 2025 (trong đó, đến ngày 30/6/2025 …)") shows each
  // dated part's end in the cell's order; an ongoing deadline has none.
  const ends = deadlineParts(task.deadline).map(deadlineEnd).filter((e): e is number => e !== null);
  return (
    <span class={overdue ? 'late' : 'muted'} data-testid="task-deadline">
      {label}<span lang="vi">{task.deadline.text}</span>
      {ends.length > 0 && m.deadlineEnd(ends.map(formatDate).join('; '))}
      {overdue && <strong> · {m.overdue}</strong>}
    </span>
  );
}

export function ProgressChip({ entry }: { entry: ProgressEntry | undefined }) {
  const v = entry?.view;
  if (!v) return <span class="chip">{m.noProgress}</span>;
  return (
    <span class={`chip chip-${v.status}`} data-testid="task-status">
      {c.taskStatus(v.status)}
      {v.percent !== null && m.percentShort(formatNumber(v.percent))}
      {v.asOf && m.onDay(formatDate(Date.parse(`${v.asOf}T00:00:00+07:00`)))}
      {entry.pending && ` · ${m.waitingSync}`}
    </span>
  );
}

export function TaskListScreen({ now = Date.now() }: { now?: number }) {
  const { session } = useServices();
  const data = useUnitTasks();
  const progress = useTaskProgress();
  const [query, setQuery] = useState('');
  if (!data) return <Layout title={m.title} active="tasks"><p>{m.loadingPlans}</p></Layout>;
  const entryOf = (t: UnitTask) => progress?.get(taskProgressIdOf(data.unitId, t.task.id));
  const shown = query.trim() ? data.tasks.filter((t) => matchesSearch(haystack(t), query)) : data.tasks;
  const byPlan = new Map<Plan, UnitTask[]>();
  for (const t of shown) byPlan.set(t.plan, [...(byPlan.get(t.plan) ?? []), t]);
  const overdue = data.tasks.filter((t) => isTaskOverdue(t.task.deadline, entryOf(t)?.view?.status ?? null, now)).length;

  return (
    <Layout title={m.title} active="tasks">
      <p class="muted">{m.intro}</p>
      {session.user.role === 'villageMember' && <p class="muted">{m.villageOnly}</p>}
      <p data-testid="task-counts">{m.counts(data.tasks.length, overdue)}</p>
      <label class="search">
        {m.search}
        <input type="search" placeholder={m.searchHint} value={query} onInput={(e) => setQuery(e.currentTarget.value)} data-testid="task-search" />
      </label>
      {data.tasks.length === 0 && <p class="muted">{m.noTasks}</p>}
      {data.tasks.length > 0 && shown.length === 0 && <p class="muted">{m.noMatch}</p>}
      {[...byPlan].map(([plan, tasks]) => (
        <section class="card" data-testid={`plan-${plan.id}`}>
          <h2 lang="vi" class="task-plan-title">{planTitle(plan)}</h2>
          <ul class="list">
            {tasks.map((t) => {
              const entry = entryOf(t);
              const late = isTaskOverdue(t.task.deadline, entry?.view?.status ?? null, now);
              return (
                <li class={late ? 'overdue task-row' : 'task-row'} data-testid="task-row" data-task={t.task.id}>
                  <a href={`#/tasks/${encodeURIComponent(t.task.id)}`}>
                    <strong>{m.taskNo(t.task.no)}</strong>{' '}
                    <span lang="vi" class="task-text">{t.task.text}</span>
                  </a>
                  <span>
                    <span class={`chip chip-role-${t.role}`}>{t.role === 'lead' ? m.lead : m.partner}</span> <ProgressChip entry={entry} />
                  </span>
                  <DeadlineLine task={t.task} overdue={late} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
