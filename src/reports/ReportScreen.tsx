// One report: its state and due date, the editor for its own unit (before the first
// submission or after a return), the submitted text for everyone else, the history of
// versions and comments, and for the units above the comment / return form.
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { dueAt, periodTypeOf, timeliness } from '../domain/calendar.ts';
import { indexUnits } from '../domain/org.ts';
import { buildDocument } from './document.ts';
import { DocumentView } from './DocumentView.tsx';
import { parseReportId } from './ids.ts';
import { recordedBeforeDue } from './received.ts';
import { ReportEditor, type Notice } from './ReportEditor.tsx';
import { CommentForm, ReportHistory } from './ReportHistory.tsx';
import { canComment, canReturn, canWriteReports, reportingUnitOf, rulesFor } from './scope.ts';
import { usePrefill, useReport, useUnits } from './use-reports.ts';
import { backTarget } from './inbox.ts';
import { canRevise, reportStatus, targetOf } from './workflow.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

export function ReportScreen({ reportId, now = () => Date.now() }: { reportId: string; now?: () => number }) {
  const { session, seed } = useServices();
  const units = useUnits();
  const byId = indexUnits(units);
  const parsed = parseReportId(reportId);
  const unit = parsed ? byId.get(parsed.unit) : undefined;
  const [opened] = useState(now);
  const bundle = useReport(reportId);
  const prefill = usePrefill(unit, parsed?.period ?? '2000-01', opened);
  const [notice, setNotice] = useState<Notice | null>(null);

  if (!parsed || !unit) {
    return (
      <Layout title={m.title} active="reports">
        <p role="alert">{m.notFound}</p>
        <a href="#/reports">{m.backToList}</a>
      </Layout>
    );
  }
  if (!bundle || !prefill) {
    return (
      <Layout title={m.title} active="reports">
        <p>{c.loading}</p>
      </Layout>
    );
  }
  const target = targetOf(reportId);
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  const status = reportStatus(bundle.report, bundle.versions, bundle.comments);
  const mine = canWriteReports(session.user.role) && reportingUnitOf(session.user, units) === unit.id;
  const editable = mine && canRevise(status.phase);
  const periodType = periodTypeOf(parsed.period);
  const rule = rulesFor(unit.id, units, seed.reportingRules).find((r) => r.periodType === periodType);
  // On time or late goes by the server's receipt of the first version, never the phone's clock.
  const first = bundle.versions[0] ?? null;
  const firstSent = first?.receivedAt ?? null;
  const latest = bundle.versions.at(-1);
  // The unit's own title is Vietnamese data; only the fallback is interface text.
  const ownTitle = bundle.report?.title || latest?.snapshot?.title || '';
  const title = ownTitle || c.report(parsed.period);
  // A report of a unit below is reached from the review inbox (or the dashboard): back to the inbox, not the officer's own list.
  const back = backTarget(session.user, unit.id, units);

  return (
    <Layout title={m.title} active="reports">
      <a class="rp-back" href={back.href}>
        {back.label}
      </a>
      <section class="card">
        <h2 data-testid="report-title" lang={ownTitle ? 'vi' : undefined}>
          {title}
        </h2>
        <p class="muted">
          <span lang="vi">{unit.name}</span> · {c.period(parsed.period)}
        </p>
        <p>
          <span class={`chip chip-${status.phase}`} data-testid="report-phase">
            {c.phase(status.phase)}
          </span>
          {status.version > 0 && <span class="muted"> · {m.version(status.version)}</span>}
        </p>
        {rule && (
          <p class="muted" data-testid="report-due">
            {m.deadline(dueAt(rule, parsed.period))} —{' '}
            {first && firstSent === null ? m.onPhoneOnly : c.timeliness(timeliness(rule, parsed.period, firstSent, now()))}
            {first && recordedBeforeDue(first.submittedAt, firstSent, dueAt(rule, parsed.period)) ? ` (${m.recordedBeforeDue})` : ''}
          </p>
        )}
        {status.returnedBy && (
          <p class="card-warn rp-returned" role="alert">
            {m.returnedBy(status.version)} “<span lang="vi">{status.returnedBy.body}</span>”{mine ? m.fixAndResend : ''}
          </p>
        )}
        <a class="btn-secondary rp-print-link" href={`#/reports/${encodeURIComponent(reportId)}/print`}>
          {m.printLink}
        </a>
      </section>
      {notice && (
        <p class={`rp-notice ${notice.kind === 'ok' ? 'ok' : 'error'}`} role={notice.kind === 'ok' ? 'status' : 'alert'} data-testid="report-notice">
          {notice.text}
        </p>
      )}
      {editable ? (
        <ReportEditor target={target} unit={unit} parent={parent} bundle={bundle} status={status} prefill={prefill} now={now} onNotice={setNotice} />
      ) : latest?.snapshot ? (
        <section class="card rp-read" aria-label={m.submittedText}>
          <DocumentView
            doc={buildDocument({ title: latest.snapshot.title, sections: latest.snapshot.sections, data: latest.snapshot.data, unit, version: latest.version, issuedAt: latest.submittedAt })}
          />
        </section>
      ) : (
        <p class="card muted">{mine ? m.viewOnly : m.nothingSent}</p>
      )}
      <ReportHistory reportId={reportId} bundle={bundle} />
      {status.version > 0 && canComment(session.user, unit.id, units) && (
        <CommentForm reportId={reportId} status={status} mayReturn={canReturn(session.user, unit.id, units)} now={now} onNotice={setNotice} />
      )}
    </Layout>
  );
}

