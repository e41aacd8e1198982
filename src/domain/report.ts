import * as z from 'zod/mini';
import { Id, Instant, Text } from './common.ts';
import { PeriodKey, PeriodType } from './calendar.ts';

export const ReportState = z.enum(['draft', 'submitted', 'returned']);
export type ReportState = z.infer<typeof ReportState>;

/** The narrative sections the documents have, in their order. */
export const SectionKey = z.enum(['results', 'difficulties', 'causes', 'proposals', 'nextTasks']);
export const SECTION_LABEL: Record<z.infer<typeof SectionKey>, string> = {
  results: 'Kết quả đạt được',
  difficulties: 'Khó khăn, vướng mắc',
  causes: 'Nguyên nhân',
  proposals: 'Kiến nghị, đề xuất',
  nextTasks: 'Nhiệm vụ trọng tâm kỳ tới',
};

export const ReportSection = z.object({ key: z.string().check(z.minLength(1)), title: Text, body: z.string().check(z.maxLength(100_000)) });

export const Report = z.object({
  id: Id,
  unitId: Id,
  periodType: PeriodType,
  period: PeriodKey,
  title: Text,
  state: ReportState,
  /** 0 for a draft that has never been submitted; each submission is a new version. */
  version: z.int().check(z.minimum(0)),
  sections: z.array(ReportSection),
  /** Structured figures prefilled from the unit's data, kept with the snapshot. */
  data: z._default(z.record(z.string(), z.unknown()), {}),
  authorId: Id,
  createdAt: Instant,
  updatedAt: Instant,
  submittedAt: z.nullable(Instant),
});
export type Report = z.infer<typeof Report>;

export const Comment = z.object({
  id: Id,
  reportId: Id,
  /** The version commented on; comments are an add-only set, never edited. */
  reportVersion: z.int().check(z.minimum(0)),
  authorId: Id,
  unitId: Id,
  body: Text,
  /** A comment that returns the report to its unit for changes. */
  returns: z._default(z.boolean(), false),
  /** A comment that accepts the version (the review inbox's "Tiếp nhận"). */
  accepts: z._default(z.boolean(), false),
  createdAt: Instant,
});
export type Comment = z.infer<typeof Comment>;

/**
 * The fields a submitted version must have before it counts as received. Its receipt time is
 * when the LAST of them first reached the server: a stub pushed early (only `period`) must not
 * date a report sent weeks later, and an empty stub is not a report.
 */
export const SUBMISSION_FIELDS = ['reportId', 'version', 'periodType', 'period', 'snapshot', 'submittedAt'] as const;
