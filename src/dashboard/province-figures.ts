// The all-service figures a unit enters as its own (001 §II.3.2, the province's), for the
// dashboard: what its own sheets hold from January up to the month shown, beside the figure
// the document gives. Never summed from the units below: no commune holds a part of them.
import { aggregateShare, periodValue, type AggregateCounter, type DocumentFigure, type IndicatorSheetTemplate } from '../domain/indicators.ts';
import type { OrgLevel } from '../domain/org.ts';
import type { FieldValue } from '../domain/sync/merge.ts';

export interface ProvinceFigureLine {
  counter: AggregateCounter;
  /** Null when nothing was entered in the months read ("not entered" is not 0). */
  value: number | null;
  /** value / the value of the counter it is part of, with the domain's rate rule. */
  share: number | null;
  baseline: DocumentFigure | null;
  /** The document's share: computed from its counts where it gives both (990/1.714), else as it prints it. */
  baselineShare: { value: number; figure: DocumentFigure } | null;
}

/** "2026-11" → ["2026-01", …, "2026-11"]: a flow's baseline is a half-year's count, so a month alone would not compare. */
export function monthsOfYearUpTo(month: string): string[] {
  const [year, last] = month.split('-');
  return Array.from({ length: Number(last) }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The aggregates asked of a unit of `level`; empty for a district or commune. */
export const aggregatesOf = (sheet: IndicatorSheetTemplate, level: OrgLevel) => sheet.aggregates.filter((a) => a.level === level);

/** The lines for `counters` from the unit's own sheets, one per month, oldest first. */
export function provinceFigureLines(counters: readonly AggregateCounter[], monthly: readonly Readonly<Record<string, FieldValue>>[]): ProvinceFigureLine[] {
  const values = new Map(
    counters.map((a) => {
      const field = `c.${a.id}`;
      return [a.id, periodValue(a.measure, monthly.map((v) => (typeof v[field] === 'number' ? (v[field] as number) : undefined)))] as const;
    }),
  );
  const byId = new Map(counters.map((a) => [a.id, a]));
  return counters.map((a) => {
    const value = values.get(a.id);
    const whole = a.of ? byId.get(a.of) : undefined;
    const fromCounts = a.baseline && whole?.baseline ? aggregateShare(a.baseline.value, whole.baseline.value) : null;
    return {
      counter: a,
      value: value ?? null,
      share: a.of ? aggregateShare(value, values.get(a.of)) : null,
      baseline: a.baseline ?? null,
      baselineShare: fromCounts !== null && a.baseline ? { value: fromCounts, figure: a.baseline } : a.shareBaseline ? { value: a.shareBaseline.value, figure: a.shareBaseline } : null,
    };
  });
}
