// Rules that span fields of one record, written once: the app's forms apply them before a
// save (StatusInput, the indicators sheet), and the server applies them to the record as it
// would be after a change (the merged values plus the change), so a phone that skips the
// form — or two phones each changing one field — cannot leave a record the forms forbid.
// Per-field rules (types, ranges, real calendar dates) are the collections' schemas.
import type { Collection } from './collections.ts';
import type { FieldValue } from './merge.ts';
import { taskProgressProblems, TaskStatus } from '../plans.ts';
import { visitDateProblems, visitDatesOf } from '../campaign.ts';

export interface RecordProblem {
  /** The field the message belongs beside. */
  field: string;
  message: string;
}

export const ONLINE_OVER_TOTAL = 'Số hồ sơ trực tuyến không vượt quá tổng số hồ sơ';
const DONE_NEEDS_100 = 'Đã hoàn thành thì tiến độ phải là 100%';
const NOT_STARTED_NEEDS_0 = 'Chưa thực hiện thì tiến độ phải là 0%';
export const PROGRESS_BELOW_0 = 'Tiến độ không nhỏ hơn 0%';
export const PROGRESS_ABOVE_100 = 'Tiến độ không lớn hơn 100%';

const num = (v: FieldValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A progress percentage: null when it is within 0–100. */
function progressProblem(progress: number): string | null {
  if (progress < 0) return PROGRESS_BELOW_0;
  if (progress > 100) return PROGRESS_ABOVE_100;
  return null;
}

/** How a status and its progress must agree: null when they do. */
function statusProgressProblem(status: FieldValue | undefined, progress: number | null): string | null {
  if (progress === null) return null;
  if (status === 'done' && progress < 100) return DONE_NEEDS_100;
  if (status === 'notStarted' && progress > 0) return NOT_STARTED_NEEDS_0;
  return null;
}

/** One service's figures: online dossiers are some of the total. */
export const serviceFiguresProblem = (total: number, online: number): string | null => (online > total ? ONLINE_OVER_TOTAL : null);

const SERVICE_FIELD = /^s\.(.+)\.(total|online)$/;

/** What a rule may also need: today, a calendar day in Vietnam (vnDateOf; the server's clock on a push). */
export interface RecordContext {
  today?: string;
}

/** Every cross-field rule the record breaks (empty when none), as the forms word them. */
export function recordProblems(coll: Collection, values: Readonly<Record<string, FieldValue>>, ctx: RecordContext = {}): RecordProblem[] {
  const out: RecordProblem[] = [];
  if (coll === 'status') {
    const progress = num(values.progress);
    const range = progress === null ? null : progressProblem(progress);
    if (range) out.push({ field: 'progress', message: range });
    const agree = statusProgressProblem(values.status, progress);
    if (agree) out.push({ field: 'progress', message: agree });
  } else if (coll === 'taskProgress') {
    // As for a model's status, plus 001 Phụ lục II's: a task not done states its cause.
    const percent = num(values.percent);
    const range = percent === null ? null : progressProblem(percent);
    if (range) out.push({ field: 'percent', message: range });
    const status = TaskStatus.safeParse(values.status);
    const cause = typeof values.cause === 'string' ? values.cause : undefined;
    for (const p of taskProgressProblems({ status: status.success ? status.data : undefined, percent: percent ?? undefined, cause })) {
      out.push({ field: p.field, message: p.message });
    }
  } else if (coll === 'inspection') {
    // A visit's dates (campaign.ts): the notice not after the visit, the conclusion not before
    // it, nothing that happened dated after today. A team's report record has none of them.
    for (const p of visitDateProblems(visitDatesOf(values), ctx.today)) out.push({ field: p.field, message: p.message });
  } else if (coll === 'indicators') {
    const services = new Set<string>();
    for (const field of Object.keys(values)) {
      const m = SERVICE_FIELD.exec(field);
      if (m) services.add(m[1]!);
    }
    for (const service of [...services].sort()) {
      // As on the sheet: a pair is checked once both figures are in (an empty cell is not a 0 yet).
      const total = num(values[`s.${service}.total`]);
      const online = num(values[`s.${service}.online`]);
      if (total === null || online === null) continue;
      const problem = serviceFiguresProblem(total, online);
      if (problem) out.push({ field: `s.${service}.online`, message: problem });
    }
  }
  return out;
}
