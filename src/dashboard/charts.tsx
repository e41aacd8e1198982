// Two small charts in plain SVG (no charting library: nothing more to download on 2G).
// Each has a text equivalent in the tables beside it; the SVGs carry a title for screen readers.
import type { StatusKey } from '../domain/rollup.ts';
import type { PeriodTimeliness } from '../domain/rollup.ts';
import { m as c } from '../i18n/common.ts';
import { m as text } from './messages.ts';
import { formatNumber, formatPercent } from '../domain/text.ts';
import type { MatrixModel, UnitFigures } from './matrix.ts';
import { STATUS_KEYS, statusName } from './status-style.ts';

const ROW = 22;
const LABEL = 70;
const WIDTH = 320;

/** One bar per model: how many communes are at each status. */
export function StatusBars({ models }: { models: readonly MatrixModel[] }) {
  const plot = WIDTH - LABEL - 40;
  return (
    <svg class="db-chart" viewBox={`0 0 ${WIDTH} ${models.length * ROW + 4}`} role="img" aria-labelledby="chart-status-title" data-testid="chart-status">
      <title id="chart-status-title">{text.statusChart}</title>
      {models.map((m, i) => {
        let x = LABEL;
        const y = i * ROW + 2;
        return (
          <g>
            <text x={LABEL - 4} y={y + 14} text-anchor="end" class="db-chart-label" lang={m.named ? 'vi' : undefined}>
              {m.label}
            </text>
            {STATUS_KEYS.filter((k) => (m.counts[k] ?? 0) > 0).map((k: StatusKey) => {
              const w = m.adopted > 0 ? ((m.counts[k] ?? 0) / m.adopted) * plot : 0;
              const rect = (
                <rect x={x} y={y} width={Math.max(w - 1, 0)} height={ROW - 6} class={`st-${k}`}>
                  <title>{text.statusSegment(m.title, statusName(k), m.counts[k] ?? 0)}</title>
                </rect>
              );
              x += w;
              return rect;
            })}
            <text x={LABEL + plot + 4} y={y + 14} class="db-chart-value">
              {formatNumber(m.done)}/{formatNumber(m.adopted)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Online rate of the 25 services per unit, 0–100 %. */
export function RateBars({ rows }: { rows: readonly UnitFigures[] }) {
  const shown = rows.filter((r) => r.hasData);
  const label = 110;
  const plot = WIDTH - label - 52;
  return (
    <svg class="db-chart" viewBox={`0 0 ${WIDTH} ${shown.length * ROW + 4}`} role="img" aria-labelledby="chart-rate-title" data-testid="chart-rate">
      <title id="chart-rate-title">{text.rateChart}</title>
      {shown.map((r, i) => {
        const y = i * ROW + 2;
        return (
          <g>
            <text x={label - 4} y={y + 14} text-anchor="end" class="db-chart-label" lang="vi">
              {r.name.length > 18 ? `${r.name.slice(0, 17)}…` : r.name}
            </text>
            <rect x={label} y={y} width={plot} height={ROW - 6} class="db-chart-track" />
            <rect x={label} y={y} width={(r.rate ?? 0) * plot} height={ROW - 6} class="db-chart-bar" />
            <text x={label + plot + 4} y={y + 14} class="db-chart-value">
              {r.rate === null ? '—' : formatPercent(r.rate)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** On time / late / missing per period, newest on the right. */
export function TimelinessBars({ periods }: { periods: readonly PeriodTimeliness[] }) {
  const list = [...periods].reverse().slice(-8);
  const height = 90;
  const bar = Math.min(32, (WIDTH - 20) / Math.max(list.length, 1) - 6);
  const max = Math.max(1, ...list.map((p) => p.counts.onTime + p.counts.late + p.counts.missing));
  return (
    <svg class="db-chart" viewBox={`0 0 ${WIDTH} ${height + 30}`} role="img" aria-labelledby="chart-time-title" data-testid="chart-timeliness">
      <title id="chart-time-title">{text.timelinessChart}</title>
      {list.map((p, i) => {
        const x = 10 + i * (bar + 6);
        let y = height;
        return (
          <g>
            {(['onTime', 'late', 'missing'] as const).map((k) => {
              const h = (p.counts[k] / max) * (height - 4);
              y -= h;
              return (
                <rect x={x} y={y} width={bar} height={h} class={`tl-${k}`}>
                  <title>
                    {c.period(p.period)}: {formatNumber(p.counts[k])}
                  </title>
                </rect>
              );
            })}
            <text x={x + bar / 2} y={height + 14} text-anchor="middle" class="db-chart-label">
              {p.period.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
