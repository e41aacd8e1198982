// One report: its state and due date, the editor for its own unit (before the first
// submission or after a return), the submitted text for everyone else, the history of
// versions and comments, and for the units above the comment / return form.
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { TIMELINESS_LABEL, dueAt, periodLabel, periodTypeOf, reportLabel, timeliness } from '../domain/calendar.ts';
import { indexUnits } from '../domain/org.ts';
import { formatDate, formatNumber } from '../domain/text.ts';
import { buildDocument } from './document.ts';
import { DocumentView } from './DocumentView.tsx';
import { parseReportId } from './ids.ts';
import { RECORDED_BEFORE_DUE, recordedBeforeDue } from './received.ts';
import { ReportEditor, type Notice } from './ReportEditor.tsx';
import { CommentForm, ReportHistory } from './ReportHistory.tsx';
import { canComment, canReturn, canWriteReports, reportingUnitOf, rulesFor } from './scope.ts';
import { usePrefill, useReport, useUnits } from './use-reports.ts';
import { backTarget } from './inbox.ts';
import { PHASE_LABEL, canRevise, reportStatus, targetOf } from './workflow.ts';

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
      <Layout title="Báo cáo" active="reports">
        <p role="alert">Không tìm thấy báo cáo này trong các đơn vị của tài khoản.</p>
        <a href="#/reports">← Danh sách báo cáo</a>
      </Layout>
    );
  }
  if (!bundle || !prefill) {
    return (
      <Layout title="Báo cáo" active="reports">
        <p>Đang tải…</p>
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
  const title = bundle.report?.title || latest?.snapshot?.title || reportLabel(parsed.period);
  // A report of a unit below is reached from the review inbox (or the dashboard): back to the inbox, not the officer's own list.
  const back = backTarget(session.user, unit.id, units);

  return (
    <Layout title="Báo cáo" active="reports">
      <a class="rp-back" href={back.href}>
        {back.label}
      </a>
      <section class="card">
        <h2 data-testid="report-title">{title}</h2>
        <p class="muted">
          {unit.name} · {periodLabel(parsed.period)}
        </p>
        <p>
          <span class={`chip chip-${status.phase}`} data-testid="report-phase">
            {PHASE_LABEL[status.phase]}
          </span>
          {status.version > 0 && <span class="muted"> · Phiên bản {formatNumber(status.version)}</span>}
        </p>
        {rule && (
          <p class="muted" data-testid="report-due">
            Hạn nộp: trước {formatDate(dueAt(rule, parsed.period))} —{' '}
            {first && firstSent === null ? 'Đã ghi trên máy, máy chủ chưa nhận' : TIMELINESS_LABEL[timeliness(rule, parsed.period, firstSent, now())]}
            {first && recordedBeforeDue(first.submittedAt, firstSent, dueAt(rule, parsed.period)) ? ` (${RECORDED_BEFORE_DUE})` : ''}
          </p>
        )}
        {status.returnedBy && (
          <p class="card-warn rp-returned" role="alert">
            Cấp trên đã trả lại phiên bản {formatNumber(status.version)}: “{status.returnedBy.body}”{mine ? ' — hãy sửa rồi gửi lại.' : ''}
          </p>
        )}
        <a class="btn-secondary rp-print-link" href={`#/reports/${encodeURIComponent(reportId)}/print`}>
          Bản in, tải Word / Excel / CSV
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
        <section class="card rp-read" aria-label="Nội dung đã gửi">
          <DocumentView
            doc={buildDocument({ title: latest.snapshot.title, sections: latest.snapshot.sections, data: latest.snapshot.data, unit, version: latest.version, issuedAt: latest.submittedAt })}
          />
        </section>
      ) : (
        <p class="card muted">{mine ? 'Tài khoản này chỉ xem báo cáo.' : 'Đơn vị chưa gửi phiên bản nào của báo cáo này.'}</p>
      )}
      <ReportHistory reportId={reportId} bundle={bundle} />
      {status.version > 0 && canComment(session.user, unit.id, units) && (
        <CommentForm reportId={reportId} status={status} mayReturn={canReturn(session.user, unit.id, units)} now={now} onNotice={setNotice} />
      )}
    </Layout>
  );
}

