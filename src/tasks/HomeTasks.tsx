// Home's line about the plans' tasks: how many the unit leads and partners, and how many are
// overdue. The plans are a lazy chunk (precached): this card appears once it has loaded.
import { isTaskOverdue } from '../domain/task-progress.ts';
import { taskProgressIdOf } from '../domain/sync/ids.ts';
import { useServices } from '../app/services.ts';
import { useTaskProgress, useUnitTasks } from './data.ts';
import { m } from './messages.ts';

export function HomeTasks({ now }: { now: number }) {
  const { session } = useServices();
  const data = useUnitTasks();
  const progress = useTaskProgress();
  if (!data || data.tasks.length === 0 || session.user.role === 'villageMember') return null;
  const lead = data.tasks.filter((t) => t.role === 'lead').length;
  const overdue = data.tasks.filter((t) => isTaskOverdue(t.task.deadline, progress?.get(taskProgressIdOf(data.unitId, t.task.id))?.view?.status ?? null, now)).length;
  return (
    <section class="card" data-testid="home-tasks">
      <h2>{m.homeTitle}</h2>
      <p>{m.homeCounts(lead, data.tasks.length - lead)}</p>
      <p class={overdue > 0 ? 'late' : 'muted'} data-testid="home-tasks-overdue">
        {overdue > 0 ? m.homeOverdue(overdue) : m.homeNoOverdue}
      </p>
      <a class="btn-secondary" href="#/tasks">
        {m.homeOpen}
      </a>
    </section>
  );
}
