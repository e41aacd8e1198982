// The indicators sheet as the form sees it: raw text per field (from the stored record,
// overlaid with what is being typed), parsed counts, errors (interface language), and the rates
// and totals COMPUTED from the counts — a rate is never typed and never stored.
import { ServiceFigures, aggregateShare, onlineRate, sumFigures, type AggregateCounter, type IndicatorSheetTemplate } from '../domain/indicators.ts';
import type { OrgLevel } from '../domain/org.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { formatNumber, parseViNumber } from '../domain/text.ts';
import { periodOf, previousPeriod } from '../domain/calendar.ts';
import { CLEARED_VI, COUNT_FORMAT_VI, DOMAIN_ISSUES, m } from './messages.ts';

/** The Vietnamese wording (tests compare with it); the sheet reads m.countFormat / m.cleared. */
export const COUNT_FORMAT_MESSAGE = COUNT_FORMAT_VI;
export const CLEARED_MESSAGE = CLEARED_VI;

/** A figure's problem as the shared domain words it (Vietnamese) in the interface language. */
export function figureIssue(text: string | undefined): string {
  if (text === undefined) return m.countFormat;
  for (const [key, vi] of Object.entries(DOMAIN_ISSUES) as [keyof typeof DOMAIN_ISSUES, string][]) if (vi === text) return m[key];
  return text;
}

export const totalField = (serviceId: string) => `s.${serviceId}.total`;
export const onlineField = (serviceId: string) => `s.${serviceId}.online`;
export const counterField = (counterId: string) => `c.${counterId}`;

const Count = ServiceFigures.shape.total;

export interface CountCell {
  field: string;
  raw: string;
  /** null when empty or invalid. */
  value: number | null;
  error?: string;
}

export interface ServiceRow {
  service: Pick<IndicatorSheetTemplate['services'][number], 'id' | 'no' | 'name' | 'citation' | 'byAdmin'>;
  total: CountCell;
  online: CountCell;
  /** online / total when both are valid and total > 0, else null (shown as "—"). */
  rate: number | null;
}

export interface SheetState {
  rows: ServiceRow[];
  /** The services of Quyết định 422/QĐ-TTg, with the department each sits under. Not in `totals`. */
  rows422: (ServiceRow & { group: string; parent: string | null })[];
  counters: (CountCell & { counter: IndicatorSheetTemplate['counters'][number] })[];
  /** The unit's own all-service figures, on a sheet of the level they are asked of; `share` of the counter each is part of. */
  aggregates: (CountCell & { counter: AggregateCounter; share: number | null })[];
  /** Sums of the valid figures (an empty cell counts as 0); the rate is recomputed from the sums. */
  totals: { total: number; online: number; rate: number | null };
  errorCount: number;
  /** Fields to write: edited, valid, and different from what is stored. */
  changes: Record<string, number>;
}

function cell(field: string, stored: Readonly<Record<string, FieldValue>>, dirty: Readonly<Record<string, string>>): CountCell {
  const saved = stored[field];
  const raw = dirty[field] ?? (typeof saved === 'number' ? formatNumber(saved) : '');
  const text = raw.trim();
  if (text === '') return typeof saved === 'number' ? { field, raw, value: null, error: m.cleared } : { field, raw, value: null };
  const n = parseViNumber(text);
  if (n === null) return { field, raw, value: null, error: m.countFormat };
  const checked = Count.safeParse(n);
  if (!checked.success) return { field, raw, value: null, error: figureIssue(checked.error.issues[0]?.message) };
  return { field, raw, value: n };
}

export function sheetState(
  sheet: IndicatorSheetTemplate,
  stored: Readonly<Record<string, FieldValue>>,
  dirty: Readonly<Record<string, string>>,
  /** The level of the unit whose sheet this is: its aggregates are asked of that level only. */
  level?: OrgLevel,
): SheetState {
  const row = (service: ServiceRow['service']): ServiceRow => {
    const total = cell(totalField(service.id), stored, dirty);
    const online = cell(onlineField(service.id), stored, dirty);
    let rate: number | null = null;
    if (total.value !== null && online.value !== null) {
      const pair = ServiceFigures.safeParse({ total: total.value, online: online.value });
      if (pair.success) rate = onlineRate(pair.data);
      else {
        online.error = figureIssue(pair.error.issues[0]?.message);
        online.value = null;
      }
    }
    return { service, total, online, rate };
  };
  const rows = sheet.services.map(row);
  const rows422 = sheet.decision422.map((s) => ({ ...row({ id: s.id, no: s.no, name: s.name }), group: s.group, parent: s.parent }));
  const counters = sheet.counters.map((counter) => ({ counter, ...cell(counterField(counter.id), stored, dirty) }));
  const own = sheet.aggregates.filter((a) => a.level === level).map((counter) => ({ counter, ...cell(counterField(counter.id), stored, dirty) }));
  const ownValue = (id: string | null) => own.find((a) => a.counter.id === id)?.value ?? undefined;
  const aggregates = own.map((a) => ({ ...a, share: a.counter.of ? aggregateShare(a.value ?? undefined, ownValue(a.counter.of)) : null }));
  const sums = sumFigures(rows.map((r) => ({ total: r.total.value ?? 0, online: r.online.value ?? 0 })));
  const cells = [...[...rows, ...rows422].flatMap((r) => [r.total, r.online]), ...counters, ...aggregates];
  const changes: Record<string, number> = {};
  for (const c of cells) if (c.field in dirty && c.value !== null && !c.error && stored[c.field] !== c.value) changes[c.field] = c.value;
  return {
    rows,
    rows422,
    counters,
    aggregates,
    totals: { ...sums, rate: onlineRate(sums) },
    errorCount: cells.filter((c) => c.error).length,
    changes,
  };
}

/** The current month and the eleven before it, newest first. */
export function recentMonths(now: number, count = 12): string[] {
  const out = [periodOf('monthly', now)];
  while (out.length < count) out.push(previousPeriod(out[out.length - 1]!));
  return out;
}
