// Entry of the report screens, loaded on first visit to #/reports (a separate chunk,
// precached by the service worker so a commune can write its report offline).
//   #/reports                  the unit's reports
//   #/reports/inbox            district / province / admin: the reports of the units below to review
//   #/reports/<id>             one report: edit, submit, history, comments
//   #/reports/<id>/print[/<n>] the print view of the draft or of version n
import { ReportsListScreen } from './ReportsListScreen.tsx';
import { ReportScreen } from './ReportScreen.tsx';
import { PrintScreen } from './PrintScreen.tsx';
import { ReviewInbox } from './ReviewInbox.tsx';
import './reports.css';

export default function ReportsRoute({ route }: { route: string[] }) {
  const [, id, view, version] = route;
  if (!id) return <ReportsListScreen />;
  // Not a report id: those always hold '@' (src/domain/sync/ids.ts).
  if (id === 'inbox' && !view) return <ReviewInbox />;
  if (view === 'print') return <PrintScreen key={`${id}/${version ?? ""}`} reportId={id} version={version && /^\d+$/.test(version) ? Number(version) : undefined} />;
  return <ReportScreen key={id} reportId={id} />;
}
