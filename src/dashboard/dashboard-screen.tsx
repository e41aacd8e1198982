// The district and province dashboard (a separate chunk, loaded only when a district,
// province or admin account opens it; not precached for field phones).
//   #/dashboard            the account's unit
//   #/dashboard/<unitId>   a unit below it (a district, from the province)
//   #/dashboard/xa/<id>    one commune: its models, figures and submitted reports
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { periodOf } from '../domain/calendar.ts';
import { indexUnits, isWithin } from '../domain/org.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../domain/text.ts';
import { onlineRate, sumFigures } from '../domain/indicators.ts';
import { RateBars, StatusBars, TimelinessBars } from './charts.tsx';
import { CommuneScreen } from './CommuneScreen.tsx';
import { TaskPlanScreen, TaskProgressSection } from './TaskProgress.tsx';
import { ProvinceFigures } from './ProvinceFigures.tsx';
import { aggregatesOf } from './province-figures.ts';
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
  if (a === 'nhiem-vu' && b) {
    const at = route[3] && byId.has(route[3]) && isWithin(route[3], session.user.unitId, byId) ? route[3] : session.user.unitId;
    return <TaskPlanScreen key={`${b}/${at}`} planId={b} unitId={at} />;
  }
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
  // Closed ones too: the matrix folds them into the commune that took them over.
  const communes = units.filter((u) => u.level === 'commune' && isWithin(u.id, snapshot.unit.unitId, byId));
  const matrix = statusMatrix(snapshot.unit.rollup, communes, seed.catalogue.models);
  const groups = timelinessGroups(snapshot.unit.timeliness);
  const months = indicatorMonths(snapshot.unit.rollup);
  const thisMonth = periodOf('monthly', snapshot.asOf);
  const [picked, setPicked] = useState<string | null>(null);
  const month = picked && months.includes(picked) ? picked : months.includes(thisMonth) ? thisMonth : (months[0] ?? thisMonth);
  const totals = indicatorTotals(snapshot.unit.rollup, month, seed.indicatorSheet);
  // The unit's own all-service figures (the province's, 001 §II.3.2): none for a district.
  const ownCounters = aggregatesOf(seed.indicatorSheet, snapshot.unit.level);
  // The sum row adds up, and counts, exactly the rows listed above it: the named services with
  // dossiers this month (rows the source lost are not in the sheet; a row of zeros is not listed).
  const servicesShown = totals.services.filter((s) => s.total > 0 || s.online > 0);
  const shownSum = sumFigures(servicesShown);
  // A unit closed with no successor stays under its parent; it is not one of today's units.
  const children = snapshot.children.filter((u) => !byId.get(u.unitId)?.closedOn);
  const byUnit = figuresByUnit(children, month, seed.indicatorSheet.services.map((s) => s.id));
  const childLevelIsCommune = children.every((c) => c.level === 'commune');
  const name = (id: string) => byId.get(id)?.name ?? id;

  return (
    <>
      <section class="db-cards" aria-label={text.summary}>
        <div class="card db-card" data-testid="card-synced">
          <strong>
            {formatNumber(matrix.rows.length)}/{formatNumber(matrix.communes)}
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
        <ServiceTotals
          testId="indicator-totals"
          rows={servicesShown.map((s) => ({ ...s, testId: `total-${s.id}`, label: <ServiceName no={s.no} name={s.name} citation={s.citation} byAdmin={s.byAdmin} /> }))}
          foot={{ label: text.sumRow(servicesShown.length), ...shownSum, rate: onlineRate(shownSum) }}
        />
        <h3>{text.countersTitle}</h3>
        <ul class="list db-counters" data-testid="counters">
          {totals.counters.map((x) => (
            // The counter's label and unit are the sheet's own words (data).
            <li data-testid={`counter-${x.id}`}>
              <span>
                <span lang="vi">{x.label}</span>: {x.value === null ? <strong>{text.notEntered}</strong> : <><strong>{formatNumber(x.value)}</strong> <span lang="vi">{x.unit}</span></>}
              </span>
              {x.baseline && (
                <small class="muted">
                  {text.baseline(formatNumber(x.baseline.value), formatDate(Date.parse(`${x.baseline.asOf}T12:00:00+07:00`)))} <span lang="vi">({x.baseline.citation})</span>
                </small>
              )}
            </li>
          ))}
        </ul>
        {totals.targets.length > 0 && (
          <>
            <h3>{text.targetsTitle}</h3>
            <ul class="list db-targets" data-testid="targets">
              {totals.targets.map((x) => (
                <li data-testid={`target-${x.id}`}>
                  <span lang="vi">{x.label}</span>
                  {x.value === null ? (
                    <small class="muted">{text.targetNoWhole}</small>
                  ) : !x.entered ? (
                    <strong>{text.notEntered}</strong>
                  ) : (
                    <>
                      <strong>{text.targetLine(formatNumber(x.count), formatNumber(x.value), x.share === null ? '—' : formatPercent(x.share))}</strong>
                      <span class="db-target-bar" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, (x.share ?? 0) * 100)}%` }} />
                      </span>
                    </>
                  )}
                  <small class="muted" lang="vi">
                    {x.citation}
                  </small>
                </li>
              ))}
            </ul>
          </>
        )}
        {ownCounters.length > 0 && <ProvinceFigures unitId={snapshot.unit.unitId} month={month} counters={ownCounters} />}
        {totals.decision422.length > 0 && (
          <>
            <h3>{text.decision422Title}</h3>
            <ServiceTotals testId="decision422-totals" rows={totals.decision422.map((s) => ({ ...s, testId: `total-${s.id}`, label: <ServiceName no={s.no} name={s.parent ? `${s.parent}: ${s.name}` : s.name} /> }))} foot={null} />
          </>
        )}
        {byUnit.some((u) => u.hasData) && (
          <>
            <h3>{childLevelIsCommune ? text.byCommune : text.byUnit}</h3>
            <ServiceTotals
              testId="figures-by-unit"
              first={childLevelIsCommune ? text.commune : text.unit}
              rows={byUnit
                .filter((u) => u.hasData)
                .map((u) => ({
                  testId: `unit-figures-${u.unitId}`,
                  label: (
                    <a href={childLevelIsCommune ? `#/dashboard/xa/${encodeURIComponent(u.unitId)}` : `#/dashboard/${encodeURIComponent(u.unitId)}`} lang="vi">
                      {u.name}
                    </a>
                  ),
                  ...u,
                }))}
              foot={null}
            />
            <RateBars rows={byUnit} />
          </>
        )}
      </section>

      <TaskProgressSection rollup={snapshot.unit.rollup} unitId={snapshot.unit.unitId} now={snapshot.asOf} />

      {!childLevelIsCommune && children.length > 0 && (
        <section class="card">
          <h2>{text.unitsBelow}</h2>
          <ul class="list">
            {children.map((child) => (
              <li>
                <a class="db-link" href={`#/dashboard/${encodeURIComponent(child.unitId)}`} lang="vi">
                  {child.name}
                </a>
                <span class="muted">{text.communes(child.rollup.communes.filter((id) => !byId.get(id)?.closedOn).length)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

const ServiceName = ({ no, name, citation, byAdmin }: { no: number | null; name: string; citation?: string | undefined; byAdmin?: boolean | undefined }) => (
  <>
    {no !== null && `${no}. `}<span lang="vi">{name}</span>
    {citation && (
      <small class="db-name-source">
        {byAdmin ? text.nameByAdmin : text.nameFrom} <span lang="vi">{citation}</span>
      </small>
    )}
  </>
);

/** A table of figures per row (the 25 essential services, the Quyết định 422 ones, the units below); names are data. */
function ServiceTotals({
  testId,
  first = text.service,
  rows,
  foot,
}: {
  testId: string;
  first?: string;
  rows: readonly { testId: string; label: ComponentChildren; total: number; online: number; rate: number | null }[];
  foot: { label: string; total: number; online: number; rate: number | null } | null;
}) {
  return (
    <div class="db-scroll">
      <table class="db-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">{text.total}</th>
            <th scope="col">{text.online}</th>
            <th scope="col">{text.rate}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr data-testid={s.testId}>
              <th scope="row">{s.label}</th>
              <td class="db-num">{formatNumber(s.total)}</td>
              <td class="db-num">{formatNumber(s.online)}</td>
              <td class="db-num">{rate(s.rate)}</td>
            </tr>
          ))}
        </tbody>
        {foot && (
          <tfoot>
            <tr data-testid="indicator-all">
              <th scope="row">{foot.label}</th>
              <td class="db-num">{formatNumber(foot.total)}</td>
              <td class="db-num">{formatNumber(foot.online)}</td>
              <td class="db-num">{rate(foot.rate)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
