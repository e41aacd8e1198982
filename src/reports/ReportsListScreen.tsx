// The unit's reports: those its reporting rules call for (with due dates, as on the home
// screen), a way to open any other period or an ad hoc report, the reports already
// started, and — above commune level — what the units below have sent.
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { navigate, useLiveQuery } from '../app/hooks.ts';
import { useServices } from '../app/services.ts';
import { PERIOD_TYPE_LABEL, PeriodType, TIMELINESS_LABEL, periodLabel, periodOf, periodTypeOf, previousPeriod, nextPeriod } from '../domain/calendar.ts';
import { indexUnits, isWithin } from '../domain/org.ts';
import { docValues } from '../domain/sync/merge.ts';
import { formatDate, formatNumber } from '../domain/text.ts';
import { dueReports, relativeDays } from '../home/due-reports.ts';
import { newAdHocPeriod, parseReportId, reportIdOf } from './ids.ts';
import { firstReceived, recordedAndReceived } from './received.ts';
import { canWriteReports, reportingUnitOf, rulesFor } from './scope.ts';
import { useUnits } from './use-reports.ts';
import { ReportsTabs } from './ReviewInbox.tsx';
import { PHASE_LABEL, commentFromValues, reportFromValues, reportStatus, versionFromValues, type CommentRecord, type ReportRecord, type VersionRecord } from './workflow.ts';

const link = (reportId: string) => `#/reports/${encodeURIComponent(reportId)}`;

interface Row {
  reportId: string;
  unitId: string;
  period: string;
  title: string;
  report: ReportRecord | null;
  versions: VersionRecord[];
  comments: CommentRecord[];
}

/** Recent periods of a type to pick from, newest first (the next one included). */
export function periodChoices(type: Exclude<PeriodType, 'adHoc'>, now: number): string[] {
  const count = { weekly: 10, monthly: 13, sixMonth: 5, annual: 4 }[type];
  const out = [nextPeriod(periodOf(type, now))];
  while (out.length < count) out.push(previousPeriod(out[out.length - 1]!));
  return out;
}

export function ReportsListScreen({ now = Date.now() }: { now?: number }) {
  const { store, seed, session } = useServices();
  const units = useUnits();
  const byId = indexUnits(units);
  const unitId = reportingUnitOf(session.user, units);
  const unit = byId.get(unitId);
  const writer = canWriteReports(session.user.role);
  const rules = rulesFor(unitId, units, seed.reportingRules);
  const [type, setType] = useState<PeriodType>(rules[0]?.periodType ?? 'monthly');
  const [period, setPeriod] = useState<string>('');

  const rows = useLiveQuery(async () => {
    const [reports, versions, comments] = await Promise.all([store.docsOf('report'), store.docsOf('reportVersion'), store.docsOf('comment')]);
    const out = new Map<string, Row>();
    const row = (reportId: string): Row | null => {
      const parsed = parseReportId(reportId);
      if (!parsed) return null;
      let r = out.get(reportId);
      if (!r) out.set(reportId, (r = { reportId, unitId: parsed.unit, period: parsed.period, title: '', report: null, versions: [], comments: [] }));
      return r;
    };
    for (const d of reports) {
      const r = row(d.id);
      if (r) r.report = reportFromValues(d.id, docValues(d.fields));
    }
    const received = await firstReceived(store, 'reportVersion', versions.map((d) => d.id));
    for (const d of versions) {
      const v = versionFromValues(d.id, docValues(d.fields), received.get(d.id) ?? null);
      if (v) row(v.reportId)?.versions.push(v);
    }
    for (const d of comments) {
      const c = commentFromValues(d.id, docValues(d.fields), '');
      if (c) out.get(c.reportId)?.comments.push(c);
    }
    for (const r of out.values()) {
      r.versions.sort((a, b) => a.version - b.version);
      r.title = r.report?.title || r.versions.at(-1)?.snapshot?.title || '';
    }
    return [...out.values()];
  }, [store]);

  if (!unit || !rows) {
    return (
      <Layout title="Báo cáo" active="reports">
        <p>Đang tải…</p>
      </Layout>
    );
  }

  const own = rows.filter((r) => r.unitId === unitId).sort((a, b) => (a.period < b.period ? 1 : -1));
  // Sent means received by the server (its clock decides on time or late); one still only on
  // this phone is said so beside its due date.
  const submitted = new Map<string, number>();
  const onPhoneOnly = new Set<string>();
  for (const r of own) {
    const first = r.versions[0];
    if (first?.receivedAt != null) submitted.set(`${periodTypeOf(r.period)}|${r.period}`, first.receivedAt);
    else if (first) onPhoneOnly.add(r.period);
  }
  const owed = dueReports(rules, submitted, now).reverse();
  const below = rows
    .filter((r) => r.unitId !== unitId && r.versions.length > 0 && isWithin(r.unitId, unitId, byId))
    .sort((a, b) => (b.versions.at(-1)?.submittedAt ?? 0) - (a.versions.at(-1)?.submittedAt ?? 0))
    .slice(0, 40);
  const phaseChip = (r: Row) => {
    const s = reportStatus(r.report, r.versions, r.comments);
    return (
      <span class={`chip chip-${s.phase}`}>
        {PHASE_LABEL[s.phase]}
        {s.version > 0 ? ` · lần ${formatNumber(s.version)}` : ''}
      </span>
    );
  };
  const choices = type === 'adHoc' ? [] : periodChoices(type, now);
  const chosen = type === 'adHoc' ? '' : period && choices.includes(period) ? period : (choices[1] ?? '');

  function open(e: Event) {
    e.preventDefault();
    const p = type === 'adHoc' ? newAdHocPeriod(now) : chosen;
    navigate(`/reports/${encodeURIComponent(reportIdOf(unitId, p))}`);
  }

  return (
    <Layout title="Báo cáo" active="reports">
      <ReportsTabs current="own" />
      <p class="muted">Đơn vị: {unit.name}</p>
      {!writer && <p class="card muted">Báo cáo do Công an xã (cơ quan thường trực) lập; Tổ công nghệ số thôn gửi số liệu ở mục Chỉ tiêu và cập nhật tình trạng mô hình.</p>}

      <section class="card">
        <h2>Báo cáo theo lịch</h2>
        {rules.length === 0 && <p class="muted">Đơn vị chưa có lịch báo cáo định kỳ; có thể lập báo cáo cho kỳ bất kỳ ở dưới.</p>}
        <ul class="list" data-testid="scheduled-reports">
          {owed.map((r) => {
            const id = reportIdOf(unitId, r.period);
            const existing = own.find((o) => o.reportId === id);
            return (
              <li class={r.state === 'missing' ? 'overdue' : ''}>
                <a href={link(id)} class="rp-row">
                  <strong>{r.label.charAt(0).toUpperCase() + r.label.slice(1)}</strong>
                </a>
                <span>
                  Hạn: trước {formatDate(r.dueAt)} —{' '}
                  {r.state === 'notDue' ? relativeDays(r.dueAt, now) : r.state === 'missing' ? `Chưa nộp, ${relativeDays(r.dueAt, now)}` : TIMELINESS_LABEL[r.state]}
                  {onPhoneOnly.has(r.period) ? ' · đã ghi trên máy, máy chủ chưa nhận' : ''}
                </span>
                {existing && phaseChip(existing)}
              </li>
            );
          })}
        </ul>
      </section>

      {writer && (
        <section class="card">
          <h2>Lập báo cáo khác</h2>
          <form class="rp-new" onSubmit={open}>
            <label>
              Loại báo cáo
              <select value={type} onChange={(e) => setType(e.currentTarget.value as PeriodType)}>
                {PeriodType.options.map((t) => (
                  <option value={t}>{PERIOD_TYPE_LABEL[t]}</option>
                ))}
              </select>
            </label>
            {type !== 'adHoc' && (
              <label>
                Kỳ báo cáo
                <select value={chosen} onChange={(e) => setPeriod(e.currentTarget.value)}>
                  {choices.map((p) => (
                    <option value={p}>{periodLabel(p)}</option>
                  ))}
                </select>
              </label>
            )}
            <button type="submit" class="btn-primary">
              Mở báo cáo
            </button>
          </form>
        </section>
      )}

      <section class="card">
        <h2>Báo cáo của đơn vị ({formatNumber(own.length)})</h2>
        {own.length === 0 && <p class="muted">Chưa lập báo cáo nào.</p>}
        <ul class="list" data-testid="own-reports">
          {own.map((r) => (
            <li>
              <a href={link(r.reportId)} class="rp-row">
                {r.title || periodLabel(r.period)}
              </a>
              <span class="muted">{periodLabel(r.period)}</span>
              {phaseChip(r)}
            </li>
          ))}
        </ul>
      </section>

      {below.length > 0 && (
        <section class="card">
          <h2>Báo cáo cấp dưới gửi lên</h2>
          <ul class="list" data-testid="reports-below">
            {below.map((r) => (
              <li>
                <a href={link(r.reportId)} class="rp-row">
                  {byId.get(r.unitId)?.name ?? r.unitId} — {periodLabel(r.period)}
                </a>
                <span class="muted">{recordedAndReceived(r.versions.at(-1)!.submittedAt, r.versions.at(-1)!.receivedAt)}</span>
                {phaseChip(r)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
