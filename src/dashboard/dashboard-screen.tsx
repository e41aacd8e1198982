// The district and province dashboard (a separate chunk, loaded only when a district,
// province or admin account opens it; not precached for field phones).
//   #/dashboard            the account's unit
//   #/dashboard/<unitId>   a unit below it (a district, from the province)
//   #/dashboard/xa/<id>    one commune: its models, figures and submitted reports
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { PERIOD_TYPE_LABEL, TIMELINESS_LABEL, periodLabel, periodOf } from '../domain/calendar.ts';
import { indexUnits, isWithin } from '../domain/org.ts';
import { formatDateTime, formatNumber, formatPercent } from '../domain/text.ts';
import { RateBars, StatusBars, TimelinessBars } from './charts.tsx';
import { CommuneScreen } from './CommuneScreen.tsx';
import { figuresByUnit, indicatorMonths, indicatorTotals, statusMatrix, timelinessGroups, type DashboardSnapshot } from './matrix.ts';
import { STATUS_CODE, STATUS_KEYS, statusName } from './status-style.ts';
import { useDashboard, useKnownUnits } from './use-dashboard.ts';
import { RECORDED_BEFORE_DUE, recordedAndReceived } from '../reports/received.ts';
import './dashboard.css';

const OFFICERS = new Set(['districtOfficer', 'provinceOfficer', 'admin']);
const rate = (r: number | null) => (r === null ? '—' : formatPercent(r));

export default function DashboardRoute({ route }: { route: string[] }) {
  const { session } = useServices();
  const units = useKnownUnits();
  const [, a, b] = route;
  if (!OFFICERS.has(session.user.role)) {
    return (
      <Layout title="Tổng hợp" active="dashboard">
        <p class="card" role="alert">
          Màn hình tổng hợp dành cho cán bộ Tổ công tác cấp huyện, cấp tỉnh.
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
    <Layout title="Tổng hợp" active="dashboard">
      <h2 class="subtitle">
        {unit?.name ?? unitId}
        {unitId !== session.user.unitId && (
          <a class="db-up" href="#/dashboard">
            {' '}
            ← {byId.get(session.user.unitId)?.name}
          </a>
        )}
      </h2>
      <div class="db-asof">
        <p data-testid="as-of">
          {snapshot ? `Số liệu tính đến ${formatDateTime(snapshot.asOf)}${snapshot.source === 'device' ? ' (tính trên máy từ dữ liệu đã đồng bộ)' : ''}` : loading ? 'Đang tải số liệu…' : 'Chưa có số liệu.'}
        </p>
        <button type="button" class="btn-small" disabled={loading} onClick={() => void refresh()}>
          {loading ? 'Đang tải…' : 'Làm mới'}
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
      <section class="db-cards" aria-label="Tóm tắt">
        <div class="card db-card" data-testid="card-synced">
          <strong>
            {formatNumber(matrix.rows.length)}/{formatNumber(communes.length)}
          </strong>
          <span>xã đã có dữ liệu</span>
        </div>
        <div class="card db-card" data-testid="card-done">
          <strong>{rate(matrix.share)}</strong>
          <span>
            mô hình đã hoàn thành ({formatNumber(matrix.done)}/{formatNumber(matrix.adopted)})
          </span>
        </div>
        {groups[0]?.current && (
          <div class="card db-card">
            <strong>{formatNumber(groups[0].current.counts.missing)}</strong>
            <span>xã chưa nộp {periodLabel(groups[0].current.period).toLowerCase()}</span>
          </div>
        )}
        <div class="card db-card">
          <strong>{rate(totals.all.rate)}</strong>
          <span>hồ sơ 25 DVC trực tuyến, {periodLabel(month).toLowerCase()}</span>
        </div>
      </section>

      <section class="card">
        <h2>Tình trạng mô hình theo xã</h2>
        <p class="db-legend" aria-label="Chú giải">
          {STATUS_KEYS.map((k) => (
            <span class={`db-cell st-${k}`}>
              {STATUS_CODE[k]} = {statusName(k)}
            </span>
          ))}
        </p>
        {matrix.rows.length === 0 ? (
          <p class="muted">Chưa xã nào gửi dữ liệu.</p>
        ) : (
          <div class="db-scroll" role="region" aria-label="Bảng tình trạng mô hình theo xã" tabIndex={0}>
            <table class="db-matrix" data-testid="status-matrix">
              <thead>
                <tr>
                  <th scope="col">Xã</th>
                  {matrix.models.map((m) => (
                    <th scope="col" title={m.title}>
                      {m.label}
                    </th>
                  ))}
                  <th scope="col">Hoàn thành</th>
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((r) => (
                  <tr data-testid={`matrix-row-${r.unitId}`}>
                    <th scope="row">
                      <a href={`#/dashboard/xa/${encodeURIComponent(r.unitId)}`}>{r.name}</a>
                    </th>
                    {matrix.models.map((m) => {
                      const s = r.cells[m.modelId];
                      return s ? (
                        <td class={`db-cell st-${s}`} title={`${m.title}: ${statusName(s)}`}>
                          {STATUS_CODE[s]}
                        </td>
                      ) : (
                        <td class="db-cell db-none" title={`${m.title}: chưa áp dụng`}>
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
                  <th scope="row">Số xã hoàn thành</th>
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
            <summary>Chưa có dữ liệu ({formatNumber(matrix.withoutData.length)} xã)</summary>
            <p data-testid="without-data">{matrix.withoutData.map((c) => c.name).join(', ')}</p>
          </details>
        )}
      </section>

      <section class="card" data-testid="timeliness">
        <h2>Báo cáo đúng hạn</h2>
        {groups.length === 0 && <p class="muted">Các xã chưa có lịch báo cáo định kỳ.</p>}
        {groups.map((g) => (
          <div class="db-time-group" data-testid={`timeliness-${g.periodType}`}>
            <h3>{PERIOD_TYPE_LABEL[g.periodType]}</h3>
            {g.current && (
              <div class="db-current">
                <p>
                  <strong>{periodLabel(g.current.period)}</strong> (đã đến hạn): đúng hạn {formatNumber(g.current.counts.onTime)}, trễ hạn {formatNumber(g.current.counts.late)}, chưa nộp{' '}
                  <strong class="late">{formatNumber(g.current.counts.missing)}</strong>.
                </p>
                {g.current.communes.missing.length > 0 && (
                  <p>
                    Chưa nộp:{' '}
                    <span data-testid={`missing-${g.periodType}`} data-period={g.current.period}>
                      {g.current.communes.missing.map(name).join(', ')}
                    </span>
                  </p>
                )}
                {g.current.communes.late.length > 0 && (
                  // Late is by the server's receipt; the phone's own time is shown beside it.
                  <div class="muted" data-testid={`late-${g.periodType}`}>
                    Trễ hạn:
                    <ul class="db-late">
                      {g.current.communes.late.map((id) => {
                        const sent = snapshot.unit.rollup.reports[g.current!.period]?.[id];
                        return (
                          <li>
                            {name(id)}
                            {sent ? ` — ${recordedAndReceived(sent.recordedAt, sent.receivedAt)}` : ''}
                            {g.current!.recordedBeforeDue.includes(id) ? ` (${RECORDED_BEFORE_DUE})` : ''}
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
                {periodLabel(g.upcoming.period)} chưa đến hạn; đã nộp sớm: {formatNumber(g.upcoming.counts.onTime)}.
              </p>
            )}
            <div class="db-scroll">
              <table class="db-table">
                <thead>
                  <tr>
                    <th scope="col">Kỳ</th>
                    <th scope="col">{TIMELINESS_LABEL.onTime}</th>
                    <th scope="col">{TIMELINESS_LABEL.late}</th>
                    <th scope="col">Chưa nộp</th>
                  </tr>
                </thead>
                <tbody>
                  {g.periods.slice(0, 8).map((p) => (
                    <tr>
                      <th scope="row">{periodLabel(p.period)}</th>
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
        <h2>Chỉ tiêu 25 dịch vụ công thiết yếu</h2>
        <label class="db-month">
          Tháng
          <select value={month} onChange={(e) => setPicked(e.currentTarget.value)}>
            {(months.length ? months : [month]).map((m) => (
              <option value={m}>{periodLabel(m)}</option>
            ))}
          </select>
        </label>
        <p class="muted">
          Cộng từ {formatNumber(totals.communes)} xã có số liệu; tỷ lệ tính từ tổng số hồ sơ, không lấy trung bình các tỷ lệ.
        </p>
        <div class="db-scroll">
          <table class="db-table" data-testid="indicator-totals">
            <thead>
              <tr>
                <th scope="col">Dịch vụ</th>
                <th scope="col">Tổng số hồ sơ</th>
                <th scope="col">Trực tuyến</th>
                <th scope="col">Tỷ lệ</th>
              </tr>
            </thead>
            <tbody>
              {totals.services
                .filter((s) => s.total > 0 || s.online > 0)
                .map((s) => (
                  <tr data-testid={`total-${s.id}`}>
                    <th scope="row">
                      {s.no}. {s.name}
                    </th>
                    <td class="db-num">{formatNumber(s.total)}</td>
                    <td class="db-num">{formatNumber(s.online)}</td>
                    <td class="db-num">{rate(s.rate)}</td>
                  </tr>
                ))}
            </tbody>
            <tfoot>
              <tr data-testid="indicator-all">
                <th scope="row">Tổng cộng 25 dịch vụ</th>
                <td class="db-num">{formatNumber(totals.all.total)}</td>
                <td class="db-num">{formatNumber(totals.all.online)}</td>
                <td class="db-num">{rate(totals.all.rate)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <ul class="list db-counters">
          {totals.counters.map((c) => (
            <li>
              {c.label}: <strong>{formatNumber(c.value)}</strong> {c.unit}
            </li>
          ))}
        </ul>
        {byUnit.some((u) => u.hasData) && (
          <>
            <h3>Theo {childLevelIsCommune ? 'xã' : 'đơn vị'}</h3>
            <div class="db-scroll">
              <table class="db-table" data-testid="figures-by-unit">
                <thead>
                  <tr>
                    <th scope="col">{childLevelIsCommune ? 'Xã' : 'Đơn vị'}</th>
                    <th scope="col">Tổng số hồ sơ</th>
                    <th scope="col">Trực tuyến</th>
                    <th scope="col">Tỷ lệ</th>
                  </tr>
                </thead>
                <tbody>
                  {byUnit
                    .filter((u) => u.hasData)
                    .map((u) => (
                      <tr data-testid={`unit-figures-${u.unitId}`}>
                        <th scope="row">
                          <a href={childLevelIsCommune ? `#/dashboard/xa/${encodeURIComponent(u.unitId)}` : `#/dashboard/${encodeURIComponent(u.unitId)}`}>{u.name}</a>
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
          <h2>Các đơn vị trực thuộc</h2>
          <ul class="list">
            {snapshot.children.map((c) => (
              <li>
                <a class="db-link" href={`#/dashboard/${encodeURIComponent(c.unitId)}`}>
                  {c.name}
                </a>
                <span class="muted">{formatNumber(c.rollup.communes.length)} xã</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
