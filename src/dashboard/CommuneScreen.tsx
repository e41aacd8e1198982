// Drill-down to one commune: its models and their status, its latest figures, whether its
// reports came in on time, and its submitted reports — each opens the report screen,
// where the district reads it and comments on or returns it (works offline too).
import { Layout } from '../app/Layout.tsx';
import { useLiveQuery } from '../app/hooks.ts';
import { useServices } from '../app/services.ts';
import { ModelTitle } from '../models/ModelTitle.tsx';
import { onlineRate, sumFigures } from '../domain/indicators.ts';
import { ancestry, indexUnits, isWithin } from '../domain/org.ts';
import { summarizeCommune, type StoredDoc } from '../domain/rollup.ts';
import { docValues } from '../domain/sync/merge.ts';
import { formatDate, formatNumber, formatPercent } from '../domain/text.ts';
import { parseReportId } from '../domain/sync/ids.ts';
import { firstReceived, recordedAndReceived, recordedBeforeDueNote } from '../reports/received.ts';
import { commentFromValues, reportStatus, versionFromValues, type CommentRecord, type VersionRecord } from '../reports/workflow.ts';
import { communeTimeliness } from './matrix.ts';
import { cachedDashboard } from './rollups.ts';
import { statusCode, statusName } from './status-style.ts';
import { useKnownUnits } from './use-dashboard.ts';
import { m as c } from '../i18n/common.ts';
import { m as text } from './messages.ts';

export function CommuneScreen({ communeId }: { communeId: string }) {
  const { store, seed, session } = useServices();
  const units = useKnownUnits();
  const byId = indexUnits(units);
  const commune = byId.get(communeId);
  // A commune merged away hangs, closed, under the one that took it over (src/domain/reorg.ts).
  const successor = commune?.closedOn ? ancestry(communeId, byId).find((u) => u.id !== communeId && u.level === 'commune' && !u.closedOn) : undefined;
  const closedDay = commune?.closedOn ? formatDate(Date.parse(`${commune.closedOn}T12:00:00+07:00`)) : null;
  const data = useLiveQuery(async () => {
    const colls = ['adoption', 'status', 'indicators', 'reportVersion'] as const;
    const rows = (await Promise.all(colls.map((c) => store.docsOf(c)))).flat();
    const mine = rows.filter((d) => d.coll === 'reportVersion' && d.unit === communeId);
    const received = await firstReceived(store, 'reportVersion', mine.map((d) => d.id));
    const docs: StoredDoc[] = rows.map((d) => ({ coll: d.coll, id: d.id, doc: d.fields, receivedAt: received.get(d.id) ?? null }));
    const summary = summarizeCommune(communeId, docs);
    const versions = mine
      .map((d) => versionFromValues(d.id, docValues(d.fields), received.get(d.id) ?? null))
      .filter((v): v is VersionRecord => v !== null);
    const comments = (await store.docsOf('comment'))
      .filter((d) => d.unit === communeId)
      .map((d) => commentFromValues(d.id, docValues(d.fields), ''))
      .filter((c): c is CommentRecord => c !== null);
    const kept = await cachedDashboard(session.user.unitId);
    return { summary, versions, comments, timeliness: kept ? communeTimeliness(kept.unit.timeliness, communeId) : [] };
  }, [store, communeId]);

  if (!commune || !isWithin(communeId, session.user.unitId, byId)) {
    return (
      <Layout title={text.title} active="dashboard">
        <p role="alert">{text.notInArea}</p>
      </Layout>
    );
  }
  if (!data) {
    return (
      <Layout title={text.title} active="dashboard">
        <p>{c.loading}</p>
      </Layout>
    );
  }
  const models = new Map(seed.catalogue.models.map((m) => [m.id, m]));
  const lines = Object.entries(data.summary.models).sort(([a], [b]) => (models.get(a)?.number ?? 999) - (models.get(b)?.number ?? 999));
  const month = Object.keys(data.summary.indicators).sort().at(-1);
  const figures = month ? sumFigures(Object.values(data.summary.indicators[month]!.services)) : null;
  const reports = new Map<string, VersionRecord[]>();
  for (const v of data.versions) reports.set(v.reportId, [...(reports.get(v.reportId) ?? []), v]);
  const reportList = [...reports.entries()].sort(([a], [b]) => (a < b ? 1 : -1));

  return (
    <Layout title={text.title} active="dashboard">
      <a class="db-up" href="#/dashboard">
        ← {text.upTo} <span lang="vi">{byId.get(session.user.unitId)?.name}</span>
      </a>
      <h2 class="subtitle" data-testid="commune-name" lang="vi">
        {commune.name}
      </h2>
      {closedDay && (
        // Its records stay readable here; its figures are counted in the commune that took it over.
        <p class="banner banner-warn" data-testid="commune-closed">
          {successor ? (
            <>
              {text.mergedInto} <span lang="vi">{successor.name}</span>
              {text.mergedOn(closedDay)}
            </>
          ) : (
            text.closedOn(closedDay)
          )}
        </p>
      )}

      <section class="card">
        <h2>{text.reportsSent}</h2>
        {reportList.length === 0 && <p class="muted">{text.noReports}</p>}
        <ul class="list" data-testid="commune-reports">
          {reportList.map(([reportId, versions]) => {
            const status = reportStatus(null, versions, data.comments.filter((c) => c.reportId === reportId));
            const latest = versions.reduce((a, b) => (a.version > b.version ? a : b));
            const period = parseReportId(reportId)?.period ?? reportId;
            return (
              <li>
                <a class="db-link" href={`#/reports/${encodeURIComponent(reportId)}`}>
                  {/* The title the commune gave its report is part of the document (data). */}
                  {latest.snapshot?.title ? <span lang="vi">{latest.snapshot.title}</span> : c.period(period)}
                </a>
                <span class="muted" data-testid="report-times">
                  {text.reportTimes(c.period(period), latest.version, recordedAndReceived(latest.submittedAt, latest.receivedAt))}
                </span>
                <span class={`chip chip-${status.phase}`}>{c.phase(status.phase)}</span>
              </li>
            );
          })}
        </ul>
      </section>

      {data.timeliness.length > 0 && (
        <section class="card">
          <h2>{text.byPeriod}</h2>
          <ul class="list">
            {data.timeliness
              .filter((t) => t.state !== null)
              .reverse()
              .slice(0, 10)
              .map((t) => (
                <li class={t.state === 'missing' ? 'overdue' : ''}>
                  <span>
                    {c.period(t.period)}: <strong>{c.timeliness(t.state!)}</strong>
                    {t.recordedBeforeDue ? ` (${recordedBeforeDueNote()})` : ''}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      )}

      <section class="card">
        <h2>{text.models(lines.length)}</h2>
        <ul class="list">
          {lines.map(([modelId, m]) => {
            const key = m.status ?? 'none';
            const model = models.get(modelId);
            return (
              <li>
                <span>{model ? <ModelTitle model={model} /> : modelId}</span>
                <span>
                  <span class={`db-cell st-${key}`}>{statusCode(key)}</span> {statusName(key)}
                  {m.progress !== null ? ` · ${formatNumber(m.progress)}%` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      {month && figures && (
        <section class="card">
          <h2>{text.servicesOf(c.period(month))}</h2>
          <p>{text.figuresLine(formatNumber(figures.total), formatNumber(figures.online), onlineRate(figures) !== null ? formatPercent(onlineRate(figures)!) : null)}</p>
        </section>
      )}
    </Layout>
  );
}
