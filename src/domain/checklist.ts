import * as z from 'zod/mini';
import { Id, Instant, IsoDate, Source, Text } from './common.ts';

export const ItemType = z.enum(['yesno', 'number', 'percent', 'text', 'date', 'choice']);
export type ItemType = z.infer<typeof ItemType>;

export const ChecklistItem = z
  .object({
    id: z.string().check(z.minLength(1)),
    label: Text,
    type: ItemType,
    required: z.boolean(),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
    options: z.optional(z.array(Text)),
    unit: z.optional(z.string()),
    hint: z.optional(z.string()),
  })
  .check(
    z.superRefine((item, ctx) => {
      if (item.type === 'choice' && !item.options?.length)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'Câu hỏi lựa chọn cần danh sách phương án' });
      if (item.min !== undefined && item.max !== undefined && item.min > item.max)
        ctx.addIssue({ code: 'custom', path: ['max'], message: 'max nhỏ hơn min' });
    }),
  );
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistSection = z.object({ id: z.string().check(z.minLength(1)), title: Text, items: z.array(ChecklistItem) });
export type ChecklistSection = z.infer<typeof ChecklistSection>;

export const ChecklistKind = z.enum(['inspection', 'modelTasks']);

export const ChecklistTemplate = z
  .object({
    id: Id,
    kind: ChecklistKind,
    level: z.enum(['commune', 'district']),
    title: Text,
    version: z.int().check(z.positive()),
    modelId: z.optional(Id),
    source: z.array(Source).check(z.minLength(1)),
    sections: z.array(ChecklistSection).check(z.minLength(1)),
  })
  .check(
    z.superRefine((t, ctx) => {
      const seen = new Set<string>();
      t.sections.forEach((s, si) =>
        s.items.forEach((item, ii) => {
          if (seen.has(item.id))
            ctx.addIssue({ code: 'custom', path: ['sections', si, 'items', ii, 'id'], message: `Trùng mã câu hỏi ${item.id}` });
          seen.add(item.id);
        }),
      );
    }),
  );
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;

/**
 * The number a section or question carries in its document ("I.1.2.a", "A.5.1.b"), or null for
 * an id the seed made up ("PCNV", "nv-1-ketqua"): ids are keys for answers, not text for people.
 * A department's own questions ("A.NV.1.a": "*) Đối với Phòng Nội vụ", then (1), a)…) are
 * numbered within their section ("1.a"), whose title names the department.
 */
export function documentNumber(id: string): string | null {
  const numbering = /^(?:[IVX]+|[AB]|\d+|[a-zđ])$/;
  const tokens = id.split('.');
  let start = 0;
  tokens.forEach((t, i) => {
    if (!numbering.test(t)) start = i + 1;
  });
  const kept = tokens.slice(start);
  return kept.length > 0 ? kept.join('.') : null;
}

/** Longest text answer, as for every free text (common.ts): an outline's narrative, not a document dump. */
export const ANSWER_TEXT_MAX = 20_000;
export const AnswerValue = z.union([z.boolean(), z.number(), z.string().check(z.maxLength(ANSWER_TEXT_MAX)), z.null()]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const ChecklistResponse = z.object({
  id: Id,
  templateId: Id,
  templateVersion: z.int().check(z.positive()),
  unitId: Id,
  answers: z.record(z.string(), AnswerValue),
  authorId: Id,
  createdAt: Instant,
  updatedAt: Instant,
});
export type ChecklistResponse = z.infer<typeof ChecklistResponse>;

/** The zod schema for one item's answer, built from the template so bounds live in data. */
export function answerSchema(item: ChecklistItem): z.ZodMiniType<AnswerValue> {
  const optional = <T extends z.ZodMiniType<AnswerValue>>(s: T) => (item.required ? s : z.union([s, z.null()]));
  switch (item.type) {
    case 'yesno':
      return optional(z.boolean({ error: 'Chọn Có hoặc Không' }));
    case 'number':
    case 'percent': {
      const lo = item.min ?? (item.type === 'percent' ? 0 : undefined);
      const hi = item.max ?? (item.type === 'percent' ? 100 : undefined);
      const bounds = [
        ...(lo !== undefined ? [z.minimum(lo, `Không nhỏ hơn ${lo.toLocaleString('vi-VN')}`)] : []),
        ...(hi !== undefined ? [z.maximum(hi, `Không lớn hơn ${hi.toLocaleString('vi-VN')}`)] : []),
      ];
      // The outlines' numbers are all counts (tổ, lượt, hồ sơ, đồng): a count has no fraction.
      const kind = item.type === 'number' ? z.int({ error: 'Nhập một số nguyên (không có phần lẻ)' }) : z.number({ error: 'Nhập một số' });
      return optional(kind.check(...bounds));
    }
    case 'date':
      return optional(IsoDate);
    case 'choice':
      return optional(z.enum((item.options ?? ['']) as [string, ...string[]], { error: 'Chọn một phương án' }));
    case 'text': {
      const tooLong = z.maxLength(ANSWER_TEXT_MAX, `Không quá ${ANSWER_TEXT_MAX.toLocaleString('vi-VN')} ký tự`);
      return item.required ? z.string().check(z.trim(), z.minLength(1, 'Không được để trống'), tooLong) : z.union([z.string().check(tooLong), z.null()]);
    }
  }
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Errors by item id, in Vietnamese; an unanswered required item is an error only when `final`. */
export function validateAnswers(
  template: ChecklistTemplate,
  answers: Record<string, AnswerValue>,
  { final }: { final: boolean },
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const section of template.sections) {
    for (const item of section.items) {
      const value = answers[item.id];
      if (!isAnswered(value)) {
        if (final && item.required) errors[item.id] = 'Bắt buộc trả lời';
        continue;
      }
      const result = answerSchema(item).safeParse(value);
      if (!result.success) errors[item.id] = result.error.issues[0]?.message ?? 'Giá trị không hợp lệ';
    }
  }
  return errors;
}

/** Share of items answered validly (0..1), counting every item, required or not. */
export function completion(template: ChecklistTemplate, answers: Record<string, AnswerValue>): number {
  const items = template.sections.flatMap((s) => s.items);
  if (items.length === 0) return 1;
  const errors = validateAnswers(template, answers, { final: false });
  const done = items.filter((i) => isAnswered(answers[i.id]) && !errors[i.id]).length;
  return done / items.length;
}
