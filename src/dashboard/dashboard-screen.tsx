// The district and province dashboard (a separate chunk, loaded only when a district,
// province or admin account opens it; not precached for field phones).
//   #/dashboard            the account's unit
//   #/dashboard/<unitId>   a unit below it (a district, from the province)
//   #/dashboard/xa/<id>    one commune: its models, figures and submitted reports
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { periodOf } from '../domain/calendar.ts';
import { indexUnits, isWithin } from '../domain/org.ts';
import { formatDateTime, formatNumber, formatPercent } from '../domain/text.ts';
import { RateBars, StatusBars, TimelinessBars } from './charts.tsx';
import { CommuneScreen } from './CommuneScreen.tsx';
import { figuresByUnit, indicatorMonths, indicatorTotals, statusMatrix, timelinessGroups, type DashboardSnapshot } from './matrix.ts';
import { STATUS_KEYS, statusCode, statusName } from './status-style.ts';
import { useDashboard, useKnownUnits } from './use-dashboard.ts';
import { recordedAndReceived, recordedBeforeDueNote } from '../reports/received.ts';
import { m as c } from '../i18n/common.ts';
import { m as text } from './messages.ts';
import './dashboard.css';

const OFFICERS = new Set(['districtOfficer', 'provinceOfficer', 'admin']);
const rate = (r: number | null) => (r === null ? '—' : formatPercent(r));

export default function DashboardRoute({ route }: { route: string[] }) {
  const { session } = useServices();
  const units = useKnownUnits();
  const [, a, b] = route;
  if (!OFFICERS.has(session.user.role)) {
    return (
      <Layout title={text.title} active="dashboard">
        <p class="card" role="alert">
          {text.onlyOfficers}
        </p>
      </Layout>
    );
  }
  const byId = indexUnits(units);
  if (a === 'xa' && b) return <CommuneScreen key={b} communeId={b} />;
  const unitId = a && byId.has(a) && isWithin(a, session.user.unitId, byId) ? a : session.user.unitId;
  return <DashboardScreen key={unitId} unitId={unitId} />;
}

function DashboardScreen({ unitId }: { unitId: string }) {
  const { session } = useServices();
  const units = useKnownUnits();
  const byId = indexUnits(units);
  const unit = byId.get(unitId);
  const { snapshot, loading, problem, refresh } = useDashboard(unitId);
  return (
    <Layout title={text.title} active="dashboard">
      <h2 class="subtitle">
        <span lang="vi">{unit?.name ?? unitId}</span>
        {unitId !== session.user.unitId && (
          <a class="db-up" href="#/dashboard">
            {' '}
            ← <span lang="vi">{byId.get(session.user.unitId)?.name}</span>
          </a>
        )}
      </h2>
      <div class="db-asof">
        <p data-testid="as-of">
          {snapshot ? text.asOf(formatDateTime(snapshot.asOf), snapshot.source === 'device') : loading ? text.loadingFigures : text.noFigures}
        </p>
        <button type="button" class="btn-small" disabled={loading} onClick={() => void refresh()}>
          {loading ? c.loading : text.refresh}
        </button>
      </div>
      {problem && (
        <p class="banner banner-warn db-problem" role="status">
          {problem}
        </p>
      )}
      {snapshot && <DashboardBody snapshot={snapshot} />}
    </Layout>
  );
}

function DashboardBody({ snapshot }: { snapshot: DashboardSnapshot }) {
  const { seed } = useServices();
  const units = useKnownUnits();
  const byId = indexUnits(units);
  const communes = units.filter((u) => u.level === 'commune' && isWithin(u.id, snapshot.unit.unitId, byId));
  const matrix = statusMatrix(snapshot.unit.rollup, communes, seed.catalogue.models);
  const groups = timelinessGroups(snapshot.unit.timeliness);
  const months = indicatorMonths(snapshot.unit.rollup);
  const thisMonth = periodOf('monthly', snapshot.asOf);
  const [picked, setPicked] = useState<string | null>(null);
  const month = picked && months.includes(picked) ? picked : months.includes(thisMonth) ? thisMonth : (months[0] ?? thisMonth);
  const totals = indicatorTotals(snapshot.unit.rollup, month, seed.indicatorSheet);
  const byUnit = figuresByUnit(snapshot.children, month);
  const childLevelIsCommune = snapshot.children.every((c) => c.level === 'commune');
  const name = (id: string) => byId.get(id)?.name ?? id;

  return (
    <>
      <section class="db-cards" aria-label={text.summary}>
        <div class="card db-card" data-testid="card-synced">
          <strong>
            {formatNumber(matrix.rows.length)}/{formatNumber(communes.length)}
          </strong>
          <span>{text.communesWithData}</span>
        </div>
        <div class="card db-card" data-testid="card-done">
          <strong>{rate(matrix.share)}</strong>
          <span>{text.modelsDone(matrix.done, matrix.adopted)}</span>
        </div>
        {groups[0]?.current && (
          <div class="card db-card">
            <strong>{formatNumber(groups[0].current.counts.missing)}</strong>
            <span>{text.communesMissing(c.period(groups[0].current.period))}</span>
          </div>
        )}
        <div class="card db-card">
          <strong>{rate(totals.all.rate)}</strong>
          <span>{text.onlineShare(c.period(month))}</span>
        </div>
      </section>

      <section class="card">
        <h2>{text.statusByCommune}</h2>
        <p class="db-legend" aria-label={text.legend}>
          {STATUS_KEYS.map((k) => (
            <span class={`db-cell st-${k}`}>
              {statusCode(k)} = {statusName(k)}
            </span>
          ))}
        </p>
        {matrix.rows.length === 0 ? (
          <p class="muted">{text.noCommuneData}</p>
        ) : (
          <div class="db-scroll" role="region" aria-label={text.matrixLabel} tabIndex={0}>
            <table class="db-matrix" data-testid="status-matrix">
              <thead>
                <tr>
                  <th scope="col">{text.commune}</th>
                  {matrix.models.map((m) => (
                    // The title is the model's title (its name: data); the label its number or first words.
                    <th scope="col" title={m.title} lang="vi">
                      {m.label}
                    </th>
                  ))}
                  <th scope="col">{text.completed}</th>
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((r) => (
                  <tr data-testid={`matrix-row-${r.unitId}`}>
                    <th scope="row">
                      <a href={`#/dashboard/xa/${encodeURIComponent(r.unitId)}`} lang="vi">
                        {r.name}
                      </a>
                    </th>
                    {matrix.models.map((m) => {
                      const s = r.cells[m.modelId];
                      return s ? (
                        <td class={`db-cell st-${s}`} title={text.cellTitle(m.title, statusName(s))}>
                          {statusCode(s)}
                        </td>
                      ) : (
                        <td class="db-cell db-none" title={text.notAdoptedCell(m.title)}>
                          –
                        </td>
                      );
                    })}
                    <td class="db-num" data-testid="row-done">
                      {formatNumber(r.done)}/{formatNumber(r.adopted)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{text.communesDone}</th>
                  {matrix.models.map((m) => (
                    <td class="db-num" data-testid={`model-done-${m.modelId}`}>
                      {formatNumber(m.done)}/{formatNumber(m.adopted)}
                    </td>
                  ))}
                  <td class="db-num" data-testid="matrix-share">
                    {rate(matrix.share)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        {matrix.models.length > 0 && <StatusBars models={matrix.models} />}
        {matrix.withoutData.length > 0 && (
          <details class="db-without">
            <summary>{text.withoutData(matrix.withoutData.length)}</summary>
            <p data-testid="without-data" lang="vi">
              {matrix.withoutData.map((x) => x.name).join(', ')}
            </p>
          </details>
        )}
      </section>

      <section class="card" data-testid="timeliness">
        <h2>{text.onTimeTitle}</h2>
        {groups.length === 0 && <p class="muted">{text.noSchedule}</p>}
        {groups.map((g) => (
          <div class="db-time-group" data-testid={`timeliness-${g.periodType}`}>
            <h3>{c.periodType(g.periodType)}</h3>
            {g.current && (
              <div class="db-current">
                <p>
                  <strong>{c.period(g.current.period)}</strong>
                  {text.currentCounts(g.current.counts.onTime, g.current.counts.late)}{' '}
                  <strong class="late">{formatNumber(g.current.counts.missing)}</strong>.
                </p>
                {g.current.communes.missing.length > 0 && (
                  <p>
                    {text.missingList}{' '}
                    <span data-testid={`missing-${g.periodType}`} data-period={g.current.period} lang="vi">
                      {g.current.communes.missing.map(name).join(', ')}
                    </span>
                  </p>
                )}
                {g.current.communes.late.length > 0 && (
                  // Late is by the server's receipt; the phone's own time is shown beside it.
                  <div class="muted" data-testid={`late-${g.periodType}`}>
                    {text.lateList}
                    <ul class="db-late">
                      {g.current.communes.late.map((id) => {
                        const sent = snapshot.unit.rollup.reports[g.current!.period]?.[id];
                        return (
                          <li>
                            <span lang="vi">{name(id)}</span>
                            {sent ? ` — ${recordedAndReceived(sent.recordedAt, sent.receivedAt)}` : ''}
                            {g.current!.recordedBeforeDue.includes(id) ? ` (${recordedBeforeDueNote()})` : ''}
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                )}
              </div>
            )}
            {g.upcoming && (
              <p class="muted">
                {text.upcoming(c.period(g.upcoming.period), g.upcoming.counts.onTime)}
              </p>
            )}
            <div class="db-scroll">
              <table class="db-table">
                <thead>
                  <tr>
                    <th scope="col">{text.period}</th>
                    <th scope="col">{c.timeliness('onTime')}</th>
                    <th scope="col">{c.timeliness('late')}</th>
                    <th scope="col">{text.notSubmitted}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.periods.slice(0, 8).map((p) => (
                    <tr>
                      <th scope="row">{c.period(p.period)}</th>
                      <td class="db-num">{formatNumber(p.counts.onTime)}</td>
                      <td class="db-num">{formatNumber(p.counts.late)}</td>
                      <td class="db-num">{formatNumber(p.counts.missing)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {g.periods.length > 1 && <TimelinessBars periods={g.periods} />}
          </div>
        ))}
      </section>

      <section class="card" data-testid="indicators">
        <h2>{text.indicatorsTitle}</h2>
        <label class="db-month">
          {text.month}
          <select value={month} onChange={(e) => setPicked(e.currentTarget.value)}>
            {(months.length ? months : [month]).map((m) => (
              <option value={m}>{c.period(m)}</option>
            ))}
          </select>
        </label>
        <p class="muted">{text.summedFrom(totals.communes)}</p>
        <div class="db-scroll">
          <table class="db-table" data-testid="indicator-totals">
            <thead>
              <tr>
                <th scope="col">{text.service}</th>
                <th scope="col">{text.total}</th>
                <th scope="col">{text.online}</th>
                <th scope="col">{text.rate}</th>
              </tr>
            </thead>
            <tbody>
              {totals.services
                .filter((s) => s.total > 0 || s.online > 0)
                .map((s) => (
                  <tr data-testid={`total-${s.id}`}>
                    <th scope="row">
                      {s.no}. <span lang="vi">{s.name}</span>
                    </th>
                    <td class="db-num">{formatNumber(s.total)}</td>
                    <td class="db-num">{formatNumber(s.online)}</td>
                    <td class="db-num">{rate(s.rate)}</td>
                  </tr>
                ))}
            </tbody>
            <tfoot>
              <tr data-testid="indicator-all">
                <th scope="row">{text.sumRow}</th>
                <td class="db-num">{formatNumber(totals.all.total)}</td>
                <td class="db-num">{formatNumber(totals.all.online)}</td>
                <td class="db-num">{rate(totals.all.rate)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <ul class="list db-counters">
          {totals.counters.map((x) => (
            // The counter's label and unit are the sheet's own words (data).
            <li lang="vi">
              {x.label}: <strong>{formatNumber(x.value)}</strong> {x.unit}
            </li>
          ))}
        </ul>
        {byUnit.some((u) => u.hasData) && (
          <>
            <h3>{childLevelIsCommune ? text.byCommune : text.byUnit}</h3>
            <div class="db-scroll">
              <table class="db-table" data-testid="figures-by-unit">
                <thead>
                  <tr>
                    <th scope="col">{childLevelIsCommune ? text.commune : text.unit}</th>
                    <th scope="col">{text.total}</th>
                    <th scope="col">{text.online}</th>
                    <th scope="col">{text.rate}</th>
                  </tr>
                </thead>
                <tbody>
                  {byUnit
                    .filter((u) => u.hasData)
                    .map((u) => (
                      <tr data-testid={`unit-figures-${u.unitId}`}>
                        <th scope="row">
                          <a href={childLevelIsCommune ? `#/dashboard/xa/${encodeURIComponent(u.unitId)}` : `#/dashboard/${encodeURIComponent(u.unitId)}`} lang="vi">
                            {u.name}
                          </a>
                        </th>
                        <td class="db-num">{formatNumber(u.total)}</td>
                        <td class="db-num">{formatNumber(u.online)}</td>
                        <td class="db-num">{rate(u.rate)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
            <RateBars rows={byUnit} />
          </>
        )}
      </section>

      {!childLevelIsCommune && snapshot.children.length > 0 && (
        <section class="card">
          <h2>{text.unitsBelow}</h2>
          <ul class="list">
            {snapshot.children.map((child) => (
              <li>
                <a class="db-link" href={`#/dashboard/${encodeURIComponent(child.unitId)}`} lang="vi">
                  {child.name}
                </a>
                <span class="muted">{text.communes(child.rollup.communes.length)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
