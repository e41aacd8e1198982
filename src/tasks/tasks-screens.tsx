// Entry of the task screens, loaded on first visit to #/tasks (a separate chunk, precached
// by the service worker like the reports, so a commune records progress offline).
//   #/tasks            the unit's tasks, by plan
//   #/tasks/<taskId>   one task and the unit's progress form
import { TaskListScreen } from './TaskListScreen.tsx';
import { TaskScreen } from './TaskScreen.tsx';
import './tasks.css';

export default function TasksRoute({ route }: { route: string[] }) {
  const [, taskId] = route;
  return taskId ? <TaskScreen key={taskId} taskId={taskId} /> : <TaskListScreen />;
}
