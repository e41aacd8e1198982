import * as z from 'zod/mini';
import { Id, Instant, IsoDate, OptionalText } from './common.ts';

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
  progress: z.number().check(z.minimum(0, 'Tiến độ không nhỏ hơn 0%'), z.maximum(100, 'Tiến độ không lớn hơn 100%')),
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
    z.superRefine((s, ctx) => {
      if (s.status === 'done' && s.progress < 100) {
        ctx.addIssue({ code: 'custom', path: ['progress'], message: 'Đã hoàn thành thì tiến độ phải là 100%' });
      }
      if (s.status === 'notStarted' && s.progress > 0) {
        ctx.addIssue({ code: 'custom', path: ['progress'], message: 'Chưa thực hiện thì tiến độ phải là 0%' });
      }
    }),
  );
export type StatusInput = z.infer<typeof StatusInput>;
