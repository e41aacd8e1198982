// The dashboard's block of a unit's own all-service figures (001 §II.3.2: services on the
// national portal, fully / partly online, online dossiers, digitisation, lookups), read from
// the unit's own indicator sheets on this device — they sync like any sheet but are in no
// roll-up, since no commune holds a part of them — beside the document's dated, cited figure.
import { useServices } from '../app/services.ts';
import { useLiveQuery } from '../app/hooks.ts';
import type { AggregateCounter, DocumentFigure } from '../domain/indicators.ts';
import { indicatorsIdOf } from '../domain/sync/ids.ts';
import { formatDate, formatNumber, formatPercent } from '../domain/text.ts';
import { m as c } from '../i18n/common.ts';
import { monthsOfYearUpTo, provinceFigureLines } from './province-figures.ts';
import { m as text } from './messages.ts';

const dateOf = (f: DocumentFigure) => formatDate(Date.parse(`${f.asOf}T12:00:00+07:00`));

export function ProvinceFigures({ unitId, month, counters }: { unitId: string; month: string; counters: readonly AggregateCounter[] }) {
  const { store } = useServices();
  const months = monthsOfYearUpTo(month);
  const monthly = useLiveQuery(() => Promise.all(months.map((mo) => store.values('indicators', indicatorsIdOf(unitId, mo)))), [store, unitId, month]);
  if (!monthly) return null;
  const lines = provinceFigureLines(counters, monthly);
  return (
    <>
      <h3>{text.ownFiguresTitle}</h3>
      <p class="muted">{text.ownFiguresHow(c.period(months[0]!), c.period(month))}</p>
      <ul class="list db-counters" data-testid="own-figures">
        {lines.map((x) => (
          // The counter's label and unit, and the citations, are the seed's Vietnamese words (data).
          <li data-testid={`own-${x.counter.id}`}>
            <span>
              <span lang="vi">{x.counter.label}</span>:{' '}
              {x.value === null ? (
                <em data-testid="value">{text.notEntered}</em>
              ) : (
                <>
                  <strong data-testid="value">{formatNumber(x.value)}</strong> <span lang="vi">{x.counter.unit}</span>
                  {x.share !== null && <span data-testid="share"> ({text.ownShare(formatPercent(x.share))})</span>}
                </>
              )}
            </span>
            {x.baseline && (
              <small class="muted" data-testid="baseline">
                {text.baseline(formatNumber(x.baseline.value), dateOf(x.baseline))}
                {x.baselineShare && x.baselineShare.figure === x.baseline && ` (${text.ownShare(formatPercent(x.baselineShare.value))})`} <span lang="vi">({x.baseline.citation})</span>
              </small>
            )}
            {x.baselineShare && x.baselineShare.figure !== x.baseline && (
              <small class="muted" data-testid="baseline-share">
                {text.baselineShare(formatPercent(x.baselineShare.value), dateOf(x.baselineShare.figure))} <span lang="vi">({x.baselineShare.figure.citation})</span>
              </small>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
