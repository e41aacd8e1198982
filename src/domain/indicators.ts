import * as z from 'zod/mini';
import { Id, Instant, Source, Text } from './common.ts';
import { ONLINE_OVER_TOTAL, serviceFiguresProblem } from './sync/record-rules.ts';

/** One of the 25 essential public services (25 DVC thiết yếu) tracked by total and online dossiers. */
export const EssentialService = z.object({
  no: z.int().check(z.positive()),
  id: Id,
  name: Text,
  /** Rows lost in the PDF extraction keep a placeholder name until someone fills them in. */
  placeholder: z._default(z.boolean(), false),
});

export const IndicatorSheetTemplate = z.object({
  id: Id,
  title: Text,
  version: z.int().check(z.positive()),
  source: z.array(Source).check(z.minLength(1)),
  services: z.array(EssentialService).check(z.length(25, 'Cần đúng 25 dịch vụ công thiết yếu')),
  /** Other counts the reports ask for: chip ID dossiers, e-ID accounts level 1 and 2. */
  counters: z.array(z.object({ id: Id, label: Text, unit: Text })),
});
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
