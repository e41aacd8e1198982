// The unit's reports: those its reporting rules call for (with due dates, as on the home
// screen), a way to open any other period or an ad hoc report, the reports already
// started, and — above commune level — what the units below have sent.
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { navigate, useLiveQuery } from '../app/hooks.ts';
import { useServices } from '../app/services.ts';
import { PeriodType, periodOf, periodTypeOf, previousPeriod, nextPeriod } from '../domain/calendar.ts';
import { indexUnits, isWithin } from '../domain/org.ts';
import { docValues } from '../domain/sync/merge.ts';
import { dueReports, relativeDays } from '../home/due-reports.ts';
import { newAdHocPeriod, parseReportId, reportIdOf } from './ids.ts';
import { firstReceived, recordedAndReceived } from './received.ts';
import { canWriteReports, reportingUnitOf, rulesFor } from './scope.ts';
import { useUnits } from './use-reports.ts';
import { ReportsTabs } from './ReviewInbox.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';
import { commentFromValues, reportFromValues, reportStatus, versionFromValues, type CommentRecord, type ReportRecord, type VersionRecord } from './workflow.ts';

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
      <Layout title={m.title} active="reports">
        <p>{c.loading}</p>
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
        {c.phase(s.phase)}
        {s.version > 0 ? m.chipVersion(s.version) : ''}
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
    <Layout title={m.title} active="reports">
      <ReportsTabs current="own" />
      <p class="muted">
        {m.unit} <span lang="vi">{unit.name}</span>
      </p>
      {!writer && <p class="card muted">{m.readOnlyRole}</p>}

      <section class="card">
        <h2>{m.scheduled}</h2>
        {rules.length === 0 && <p class="muted">{m.noRules}</p>}
        <ul class="list" data-testid="scheduled-reports">
          {owed.map((r) => {
            const id = reportIdOf(unitId, r.period);
            const existing = own.find((o) => o.reportId === id);
            const label = c.report(r.period);
            return (
              <li class={r.state === 'missing' ? 'overdue' : ''}>
                <a href={link(id)} class="rp-row">
                  <strong>{label.charAt(0).toUpperCase() + label.slice(1)}</strong>
                </a>
                <span>
                  {m.dueBefore(r.dueAt)} —{' '}
                  {r.state === 'notDue' ? relativeDays(r.dueAt, now) : r.state === 'missing' ? m.notSubmitted(relativeDays(r.dueAt, now)) : c.timeliness(r.state)}
                  {onPhoneOnly.has(r.period) ? m.onPhoneOnlyNote : ''}
                </span>
                {existing && phaseChip(existing)}
              </li>
            );
          })}
        </ul>
      </section>

      {writer && (
        <section class="card">
          <h2>{m.other}</h2>
          <form class="rp-new" onSubmit={open}>
            <label>
              {m.reportType}
              <select value={type} onChange={(e) => setType(e.currentTarget.value as PeriodType)}>
                {PeriodType.options.map((t) => (
                  <option value={t}>{c.periodType(t)}</option>
                ))}
              </select>
            </label>
            {type !== 'adHoc' && (
              <label>
                {m.period}
                <select value={chosen} onChange={(e) => setPeriod(e.currentTarget.value)}>
                  {choices.map((p) => (
                    <option value={p}>{c.period(p)}</option>
                  ))}
                </select>
              </label>
            )}
            <button type="submit" class="btn-primary">
              {m.open}
            </button>
          </form>
        </section>
      )}

      <section class="card">
        <h2>{m.own(own.length)}</h2>
        {own.length === 0 && <p class="muted">{m.noneYet}</p>}
        <ul class="list" data-testid="own-reports">
          {own.map((r) => (
            <li>
              {/* The title is the unit's own text (Vietnamese data); the period is interface. */}
              <a href={link(r.reportId)} class="rp-row" lang={r.title ? 'vi' : undefined}>
                {r.title || c.period(r.period)}
              </a>
              <span class="muted">{c.period(r.period)}</span>
              {phaseChip(r)}
            </li>
          ))}
        </ul>
      </section>

      {below.length > 0 && (
        <section class="card">
          <h2>{m.below}</h2>
          <ul class="list" data-testid="reports-below">
            {below.map((r) => (
              <li>
                <a href={link(r.reportId)} class="rp-row">
                  <span lang="vi">{byId.get(r.unitId)?.name ?? r.unitId}</span> — {c.period(r.period)}
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
