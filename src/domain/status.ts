import * as z from 'zod/mini';
import { Id, Instant, IsoDate, OptionalText } from './common.ts';
import { PROGRESS_ABOVE_100, PROGRESS_BELOW_0, recordProblems } from './sync/record-rules.ts';

/** The progress assessments the reports use ("đánh giá tiến độ"), plus "partly deployed". */
export const Status = z.enum(['notStarted', 'inProgress', 'partial', 'done', 'ongoing', 'waitingGuidance']);
export type Status = z.infer<typeof Status>;

export const STATUS_LABEL: Record<Status, string> = {
  notStarted: 'Chưa thực hiện',
  inProgress: 'Đang thực hiện',
  partial: 'Triển khai một phần',
  done: 'Đã hoàn thành',
  ongoing: 'Thực hiện thường xuyên',
  waitingGuidance: 'Chờ hướng dẫn của Bộ, ngành',
};

/** A commune's deployment of one catalogue model. */
export const Adoption = z.object({
  id: Id,
  unitId: Id,
  modelId: Id,
  adoptedOn: z.nullable(IsoDate),
  /** Villages whose teams take part; empty means the whole commune. */
  villageIds: z._default(z.array(Id), []),
});
export type Adoption = z.infer<typeof Adoption>;

export const StatusRecord = z.object({
  id: Id,
  adoptionId: Id,
  unitId: Id,
  status: Status,
  progress: z.number().check(z.minimum(0, PROGRESS_BELOW_0), z.maximum(100, PROGRESS_ABOVE_100)),
  note: OptionalText,
  difficulties: OptionalText,
  causes: OptionalText,
  proposals: OptionalText,
  /** The day the situation was assessed (the field officer may record it later). */
  asOf: IsoDate,
  photoIds: z._default(z.array(Id), []),
  authorId: Id,
  createdAt: Instant,
  updatedAt: Instant,
});
export type StatusRecord = z.infer<typeof StatusRecord>;

/** What a person fills in; the rest is stamped by the app. */
export const StatusInput = z
  .pick(StatusRecord, {
    status: true,
    progress: true,
    note: true,
    difficulties: true,
    causes: true,
    proposals: true,
    asOf: true,
  })
  .check(
    // The same rules the server applies to a status record after every change (record-rules.ts).
    z.superRefine((s, ctx) => {
      for (const p of recordProblems('status', { status: s.status, progress: s.progress })) {
        if (p.field === 'progress' && (p.message === PROGRESS_BELOW_0 || p.message === PROGRESS_ABOVE_100)) continue; // said by the field's own check
        ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
      }
    }),
  );
export type StatusInput = z.infer<typeof StatusInput>;
