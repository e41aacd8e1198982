// The print view: the report alone on an A4 sheet (print CSS in reports.css), with a
// toolbar that is not printed — print / save as PDF from the browser, and the .docx,
// .xlsx and .csv exports of the same document. Shows a submitted version as it was sent,
// or the current draft (marked as such) with the figures as they are now.
import { useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { indexUnits } from '../domain/org.ts';
import { buildDocument, type ReportDocument } from './document.ts';
import { DocumentView } from './DocumentView.tsx';
import { exportReport, type ExportKind } from './exports.ts';
import { draftForm, draftKeyOfReport, startingForm } from './form.ts';
import { parseReportId } from './ids.ts';
import { toSections } from './sections.ts';
import { usePrefill, useReport, useUnits } from './use-reports.ts';
import { reportStatus } from './workflow.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

export function PrintScreen({ reportId, version, now = () => Date.now() }: { reportId: string; version?: number; now?: () => number }) {
  const { store } = useServices();
  const units = useUnits();
  const byId = indexUnits(units);
  const parsed = parseReportId(reportId);
  const unit = parsed ? byId.get(parsed.unit) : undefined;
  const [opened] = useState(now);
  const bundle = useReport(reportId);
  const prefill = usePrefill(unit, parsed?.period ?? '2000-01', opened);
  const draft = useLiveQuery(async () => ({ value: await store.draft(draftKeyOfReport(reportId)) }), [store, reportId]);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const back = `#/reports/${encodeURIComponent(reportId)}`;

  let doc: ReportDocument | null = null;
  let problem: string | null = null;
  if (!parsed || !unit) problem = m.notFound;
  else if (bundle && prefill && draft) {
    const status = reportStatus(bundle.report, bundle.versions, bundle.comments);
    const wanted = version ?? (status.phase === 'submitted' ? status.version : null);
    if (wanted !== null) {
      const v = bundle.versions.find((x) => x.version === wanted);
      if (v?.snapshot) doc = buildDocument({ title: v.snapshot.title, sections: v.snapshot.sections, data: v.snapshot.data, unit, version: v.version, issuedAt: v.submittedAt });
      else problem = m.noVersion(wanted);
    } else {
      const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
      const { form } = startingForm(draftForm(draft.value), bundle.report, prefill, unit, parent, parsed.period);
      doc = buildDocument({ title: form.title, sections: toSections(form), data: prefill.data, unit, version: null, issuedAt: opened });
    }
  }

  async function save(kind: ExportKind) {
    if (!doc || busy) return;
    setBusy(kind);
    setNotice(null);
    try {
      await exportReport(doc, kind);
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="rp-print">
      <div class="rp-toolbar no-print" role="toolbar" aria-label={m.printToolbar}>
        <a class="btn-small" href={back}>
          {m.back}
        </a>
        <button type="button" class="btn-small" disabled={!doc} onClick={() => print()}>
          {m.print}
        </button>
        <button type="button" class="btn-small" disabled={!doc || busy !== null} onClick={() => void save('docx')}>
          {busy === 'docx' ? m.making : m.word}
        </button>
        <button type="button" class="btn-small" disabled={!doc || busy !== null} onClick={() => void save('xlsx')}>
          {busy === 'xlsx' ? m.making : m.excel}
        </button>
        <button type="button" class="btn-small" disabled={!doc || busy !== null} onClick={() => void save('csv')}>
          {m.csv}
        </button>
      </div>
      {notice && (
        <p class="error no-print rp-notice" role="alert">
          {notice}
        </p>
      )}
      {problem ? (
        <p class="no-print rp-notice" role="alert">
          {problem}
        </p>
      ) : doc ? (
        <div class="a4">
          <DocumentView doc={doc} />
        </div>
      ) : (
        <p class="boot">{c.loading}</p>
      )}
    </div>
  );
}
