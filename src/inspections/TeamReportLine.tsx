// A team's report in one line: due, sent on, late (003 §V.2(4)).
import type { TeamReportState } from '../domain/campaign.ts';
import { m } from './messages.ts';

export function TeamReportLine({ st, testid }: { st: TeamReportState; testid?: string }) {
  return (
    <p class={st.late ? 'late' : 'muted'} data-testid={testid} data-late={st.late ? 'yes' : 'no'}>
      {m.teamReport}
      {st.due && <> · {m.teamReportDue(st.due)}</>} · {st.sentOn ? m.teamReportSent(st.sentOn) : m.teamReportNotSent}
      {st.late && <> · {m.teamReportLate}</>}
    </p>
  );
}
