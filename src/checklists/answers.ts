// Between what a person types and what is stored: every answer is kept as the raw text
// of its input while editing (so "38." half-typed survives a reload in the draft) and
// parsed into an AnswerValue only to validate, count and save.
import { answerSchema, type AnswerValue, type ChecklistItem, type ChecklistTemplate } from '../domain/checklist.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { parseViNumber } from '../domain/text.ts';
import type * as z from 'zod/mini';
import { DOMAIN_BOUND, DOMAIN_ISSUES, m } from './messages.ts';

export { VI_NUMBER_MESSAGE } from './messages.ts';

/**
 * An answer's problem as the shared domain words it (Vietnamese: src/domain/ is shared with the
 * server) in the interface language; in Vietnamese the identity. Unknown text is shown as is.
 */
export function answerIssue(text: string): string {
  for (const [key, vi] of Object.entries(DOMAIN_ISSUES) as [keyof typeof DOMAIN_ISSUES, string][]) if (vi === text) return m[key];
  const min = DOMAIN_BOUND.min.exec(text);
  if (min) return m.notBelow(min[1]!);
  const max = DOMAIN_BOUND.max.exec(text);
  if (max) return m.notAbove(max[1]!);
  return text;
}

/** Field name of an item's answer in a `checklist` record. */
export const answerField = (itemId: string): string => `a.${itemId}`;

// Full precision: a stored 12,345 must come back as "12,345", not rounded to "12,35"
// (which would then look like an edit).
const inputNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 20 });

/** A stored answer as the text its input shows. */
export function toRaw(item: ChecklistItem, value: FieldValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return inputNumber.format(value);
  if (typeof value === 'string') return value;
  return item.type === 'text' ? JSON.stringify(value) : '';
}

export type Parsed = { ok: true; value: AnswerValue } | { ok: false; error: string };

/** Raw input → answer (null when empty), or the reason it is not acceptable (interface language). */
export function parseRaw(item: ChecklistItem, raw: string, schema: z.ZodMiniType<AnswerValue> = answerSchema(item)): Parsed {
  const text = raw.trim();
  if (text === '') return { ok: true, value: null };
  let value: AnswerValue;
  switch (item.type) {
    case 'yesno':
      value = text === 'true' ? true : text === 'false' ? false : text;
      break;
    case 'number':
    case 'percent': {
      const n = parseViNumber(text);
      if (n === null) return { ok: false, error: m.viNumber };
      value = n;
      break;
    }
    case 'text':
      value = raw;
      break;
    default:
      value = text;
  }
  const result = schema.safeParse(value);
  return result.success ? { ok: true, value } : { ok: false, error: answerIssue(result.error.issues[0]?.message ?? DOMAIN_ISSUES.invalidValue) };
}

/** Stored answers of a record keyed by item id (drops the "a." prefix and foreign fields). */
export function answersOf(values: Readonly<Record<string, FieldValue>>): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const [field, value] of Object.entries(values)) {
    if (!field.startsWith('a.')) continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[field.slice(2)] = value;
  }
  return out;
}

/**
 * A ratio as a whole percentage, rounded down so an unfinished outline never reads
 * "100%": 0.4595 → "45%". (The epsilon absorbs 0.29 * 100 = 28.999….)
 */
export function formatCompletion(ratio: number): string {
  return `${Math.floor(ratio * 100 + 1e-9).toLocaleString('vi-VN')}%`;
}

export interface FormState {
  /** Raw text per item id: stored answers overlaid with what is being typed. */
  raw: Record<string, string>;
  /** Valid answers per item id (invalid input counts as unanswered). */
  answers: Record<string, AnswerValue>;
  /** Error per item id, in the interface language. */
  errors: Record<string, string>;
}

/** Everything the form shows, from the stored record and the edits not yet saved. */
export function formState(
  template: ChecklistTemplate,
  schemas: ReadonlyMap<string, z.ZodMiniType<AnswerValue>>,
  stored: Readonly<Record<string, FieldValue>>,
  dirty: Readonly<Record<string, string>>,
): FormState {
  const raw: Record<string, string> = {};
  const answers: Record<string, AnswerValue> = {};
  const errors: Record<string, string> = {};
  for (const section of template.sections) {
    for (const item of section.items) {
      const field = answerField(item.id);
      const text = dirty[field] ?? toRaw(item, stored[field]);
      raw[item.id] = text;
      const parsed = parseRaw(item, text, schemas.get(item.id));
      if (parsed.ok) answers[item.id] = parsed.value;
      else errors[item.id] = parsed.error;
    }
  }
  return { raw, answers, errors };
}

/** The fields to write: edited answers whose value differs from the stored one. */
export function changedAnswers(
  template: ChecklistTemplate,
  state: FormState,
  stored: Readonly<Record<string, FieldValue>>,
  dirty: Readonly<Record<string, string>>,
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const section of template.sections) {
    for (const item of section.items) {
      const field = answerField(item.id);
      if (!(field in dirty) || item.id in state.errors) continue;
      const value = state.answers[item.id] ?? null;
      if ((stored[field] ?? null) === value) continue;
      out[field] = value;
    }
  }
  return out;
}
