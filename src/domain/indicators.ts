import * as z from 'zod/mini';
import { Id, Instant, IsoDate, Source, Text } from './common.ts';
import { OrgLevel } from './org.ts';
import { ONLINE_OVER_TOTAL, serviceFiguresProblem } from './sync/record-rules.ts';

/** One of the 25 essential public services (25 DVC thiết yếu) tracked by total and online dossiers. */
export const EssentialService = z.object({
  /** Its row in 001 Phụ lục III; null when the row's number was lost ("Giải quyết hưởng trợ cấp thất nghiệp"). */
  no: z.nullable(z.int().check(z.positive())),
  id: Id,
  name: Text,
  /**
   * Where a name recovered from outside the table, or given by an administrator, is taken from,
   * as people read it: the document's title and section (src/domain/citation.ts), or the
   * administrator's own "nguồn". None for a name the table itself keeps.
   */
  citation: z.optional(Text),
  /** The name is an administrator's (src/domain/service-names.ts), not the seed's. */
  byAdmin: z.optional(z.boolean()),
});
export type EssentialService = z.infer<typeof EssentialService>;

/**
 * A row of the 25 whose name the source lost (001 Phụ lục III, rows 14–21): kept so the sheet
 * still counts 25, never shown to field users until named — in the seed
 * (seeds/indicators/essential-services.json, `name`) or by an administrator in the browser
 * (a catalogue version's `serviceNames`, src/domain/service-names.ts) — and then a service.
 */
export const UnnamedService = z.object({
  id: Id,
  no: z.nullable(z.int().check(z.positive())),
  /** Its place among the 25 (0-based, the seed's order), so a named row is listed where it stood. */
  position: z.optional(z.int().check(z.minimum(0))),
});
export type UnnamedService = z.infer<typeof UnnamedService>;

/**
 * A figure a document gives for one unit at one date, shown beside what the units enter now
 * (001 §II.5: "tính đến ngày 12/06/2024, toàn tỉnh thu nhận được 3.537.345 hồ sơ CCCD").
 * `citation` is the document's title and section as people read it; `source` is for checking.
 */
export const DocumentFigure = z.object({
  value: z.number().check(z.minimum(0)),
  asOf: IsoDate,
  /** The unit the figure is of: a target of the province is not a commune's. */
  unitId: Id,
  text: Text,
  citation: Text,
  source: Source,
});
export type DocumentFigure = z.infer<typeof DocumentFigure>;

/** A count the reports ask for beside the services: CCCD dossiers and cards, e-ID accounts, digital signatures. */
export const IndicatorCounter = z.object({ id: Id, label: Text, unit: Text, baseline: z.optional(DocumentFigure) });
export type IndicatorCounter = z.infer<typeof IndicatorCounter>;

/**
 * A figure of the whole unit that no commune holds a part of (001 §II.3.2: "đã cung cấp 1.714
 * dịch vụ công trên Cổng dịch vụ công Quốc gia", "tỷ lệ số hóa hồ sơ … đạt 91,31%"): entered
 * on the sheet of a unit of `level` only, as its own figure, never summed from the communes'.
 * Kept apart from `counters` so the commune sheets, their reports and the roll-ups never see it.
 */
// A plain object, not z.extend(IndicatorCounter, …): this module is in the first load, and extend would bring zod's implementation of it along.
export const AggregateCounter = z.object({
  ...IndicatorCounter.shape,
  level: OrgLevel,
  /** 'stock': a count at a date (services offered), a period's value is its last month's; 'flow': a month's count, summed over the period. */
  measure: z.enum(['flow', 'stock']),
  /** The counter this one is a part of: its share is this / that ("990/1.714"). */
  of: z.nullable(Id),
  /** The share as the document gives it (0–1) where it gives no counts ("tỷ lệ … đạt 91,31%"). */
  shareBaseline: z.optional(DocumentFigure),
});
export type AggregateCounter = z.infer<typeof AggregateCounter>;

/**
 * A target a document sets for a unit: the sum of `counters` against `value` ("chỉ tiêu kích
 * hoạt 1.620.967 tài khoản định danh điện tử Bộ Công an giao"). `value` is null for a share
 * whose whole no document gives ("kích hoạt 100% … cho công dân đủ điều kiện"): stated, not computed.
 */
export const IndicatorTarget = z.object({
  id: Id,
  label: Text,
  counters: z.array(Id),
  value: z.nullable(z.number().check(z.positive())),
  unitId: Id,
  by: z.nullable(IsoDate),
  text: Text,
  citation: Text,
  source: Source,
});
export type IndicatorTarget = z.infer<typeof IndicatorTarget>;

/**
 * One of the services of Quyết định 422/QĐ-TTg as 001 Phụ lục IV lists them, under the
 * department that reports it; `parent` is the row a two-part service sits under ("Thăm viếng
 * mộ liệt sĩ, cụ thể:"), whose parts share its number.
 */
export const Decision422Service = z.object({
  no: z.int().check(z.positive()),
  id: Id,
  name: Text,
  group: Text,
  parent: z.nullable(Text),
  /** What the province reported as holding it back ("Bộ Y tế chưa hoàn thành cung cấp…"). */
  issue: z.nullable(Text),
});
export type Decision422Service = z.infer<typeof Decision422Service>;

export const IndicatorSheetTemplate = z.object({
  id: Id,
  title: Text,
  version: z.int().check(z.positive()),
  source: z.array(Source).check(z.minLength(1)),
  /** The services field users see: those the documents name. */
  services: z.array(EssentialService).check(z.minLength(1)),
  unnamedServices: z._default(z.array(UnnamedService), []),
  /** Sheets stored before the 422 services were added have none. */
  decision422: z._default(z.array(Decision422Service), []),
  /** Other counts the reports ask for: chip ID dossiers and cards, e-ID accounts, digital signatures. */
  counters: z.array(IndicatorCounter),
  targets: z._default(z.array(IndicatorTarget), []),
  /** The unit's own all-service figures (services fully online, digitisation): AggregateCounter. */
  aggregates: z._default(z.array(AggregateCounter), []),
}).check(
  z.refine((t) => t.services.length + t.unnamedServices.length === 25, { message: 'Cần đúng 25 dịch vụ công thiết yếu', path: ['services'] }),
);
export type IndicatorSheetTemplate = z.infer<typeof IndicatorSheetTemplate>;

const Count = z.int({ error: 'Số hồ sơ phải là số nguyên' }).check(z.minimum(0, 'Không được âm'));

export const ServiceFigures = z
  .object({ total: Count, online: Count })
  // The rule the server applies to every sheet after a change (record-rules.ts).
  .check(z.refine((f) => serviceFiguresProblem(f.total, f.online) === null, { message: ONLINE_OVER_TOTAL, path: ['online'] }));
export type ServiceFigures = z.infer<typeof ServiceFigures>;

/** What a unit enters for a period. The online rate is never stored: it is computed. */
export const IndicatorValues = z.object({
  id: Id,
  templateId: Id,
  unitId: Id,
  period: z.string().check(z.minLength(1)),
  services: z.record(Id, ServiceFigures),
  counters: z.record(Id, Count),
  authorId: Id,
  updatedAt: Instant,
});
export type IndicatorValues = z.infer<typeof IndicatorValues>;

/** online / total, or null when there were no dossiers (a rate of 0/0 is not 0%). */
export function onlineRate(f: { total: number; online: number }): number | null {
  return f.total > 0 ? f.online / f.total : null;
}

/**
 * Sums figures across services or units. Rates are recomputed from the sums —
 * never averaged — because an average of rates weighs a commune with 3 dossiers
 * the same as one with 3,000.
 */
export function sumFigures(list: Iterable<{ total: number; online: number }>): { total: number; online: number } {
  let total = 0;
  let online = 0;
  for (const f of list) {
    total += f.total;
    online += f.online;
  }
  return { total, online };
}

/**
 * Progress against a target: the sum of its counters (what the units entered) over its value.
 * Null share when the target has no value to compute against.
 */
export function targetProgress(target: Pick<IndicatorTarget, 'counters' | 'value'>, counters: Readonly<Record<string, number>>): { count: number; share: number | null } {
  const count = target.counters.reduce((n, id) => n + (counters[id] ?? 0), 0);
  return { count, share: target.value ? count / target.value : null };
}

/**
 * A period's value of an aggregate from its months' values, oldest first (undefined: nothing
 * entered that month): a flow is the sum of the months entered, a stock the last one entered.
 * Undefined when no month has a value: "not entered" is not 0.
 */
export function periodValue(measure: AggregateCounter['measure'], monthly: readonly (number | undefined)[]): number | undefined {
  const entered = monthly.filter((v): v is number => v !== undefined);
  if (entered.length === 0) return undefined;
  return measure === 'stock' ? entered.at(-1) : entered.reduce((a, b) => a + b, 0);
}

/** An aggregate's share of the counter it is part of ("990/1.714" → 0,5776), with onlineRate's rule: null when either is missing or the whole is 0. */
export function aggregateShare(part: number | undefined, whole: number | undefined): number | null {
  return part === undefined || whole === undefined ? null : onlineRate({ total: whole, online: part });
}
