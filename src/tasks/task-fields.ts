// The progress form's fields as text inputs and back: what a record holds (plans.ts
// TaskProgressRecord) ↔ what the inputs show, the form's check, and the fields a save sends.
import type { Evidence, TaskStatus } from '../domain/plans.ts';
import { TaskProgressInput } from '../domain/plans.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { formatDate, formatNumber, parseViNumber } from '../domain/text.ts';
import { m as c } from '../i18n/common.ts';
import { DOMAIN_ISSUES, m } from './messages.ts';

export const TASK_FIELDS = ['status', 'percent', 'asOf', 'result', 'evidence', 'cause'] as const;
export type TaskField = (typeof TASK_FIELDS)[number];
/** Free text: an empty value equals no value. */
const TEXT_FIELDS: readonly TaskField[] = ['result', 'cause'];

export type FormValues = Record<TaskField, string>;

/** One evidence item as a line of the text area. */
const evidenceLine = (e: Evidence): string => (e.kind === 'link' ? e.url : e.kind === 'document' ? e.text : '');

/** A stored value as its input shows it; a field the record lacks shows the form's default. */
export function toInput(field: TaskField, value: FieldValue | undefined, today: string): string {
  if (value === undefined) return field === 'status' ? 'inProgress' : field === 'asOf' ? today : '';
  if (field === 'percent') return typeof value === 'number' ? formatNumber(value) : '';
  if (field === 'evidence') return Array.isArray(value) ? (value as Evidence[]).map(evidenceLine).filter(Boolean).join('\n') : '';
  return typeof value === 'string' ? value : '';
}

/** The evidence text area: a line starting with http(s):// is a link, any other line a document. */
export function evidenceOf(raw: string): Evidence[] {
  return raw
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (/^https?:\/\//i.test(line) ? { kind: 'link' as const, url: line } : { kind: 'document' as const, text: line }));
}

/** One field as it would be stored (undefined when it cannot be read as typed). */
export function fieldValue(field: TaskField, raw: string): FieldValue | undefined {
  if (field === 'percent') return raw.trim() === '' ? 0 : (parseViNumber(raw) ?? undefined);
  if (field === 'evidence') return evidenceOf(raw);
  return raw;
}

/** A problem of the shared rules (Vietnamese) in the interface language. */
export function issueText(text: string): string {
  for (const [key, vi] of Object.entries(DOMAIN_ISSUES) as [keyof typeof DOMAIN_ISSUES, string][]) if (vi === text) return m[key];
  return text;
}

/** The whole form checked as one record (status, percent and cause are tied together). */
export function validate(values: FormValues): { errors: Partial<Record<TaskField, string>>; data?: TaskProgressInput } {
  const errors: Partial<Record<TaskField, string>> = {};
  const percent = values.percent.trim() === '' ? 0 : parseViNumber(values.percent);
  if (percent === null) errors.percent = m.percentNumber;
  const lines = values.evidence.split('\n').map((l) => l.trim()).filter(Boolean);
  const badLink = lines.find((l) => /^https?:/i.test(l) && !/^https?:\/\/\S+$/i.test(l));
  if (badLink) errors.evidence = m.badLink(badLink);
  const parsed = TaskProgressInput.safeParse({ ...values, percent: percent ?? 0, evidence: evidenceOf(values.evidence) });
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0]) as TaskField] ??= issueText(issue.message);
  return Object.keys(errors).length || !parsed.success ? { errors } : { errors: {}, data: parsed.data };
}

/**
 * The fields to send: those typed here whose value differs from what the form showed, and
 * the defaults of fields the record does not have yet.
 */
export function changedFields(data: TaskProgressInput, stored: Readonly<Record<string, FieldValue>>, dirty: Readonly<Record<string, string>>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of TASK_FIELDS) {
    const shown = stored[f];
    if (!Object.hasOwn(dirty, f) && shown !== undefined) continue;
    const value = data[f] as FieldValue;
    const empty = TEXT_FIELDS.includes(f) ? '' : f === 'evidence' ? [] : undefined;
    if (JSON.stringify(value) === JSON.stringify(shown ?? empty)) continue;
    out[f] = value;
  }
  return out;
}

export function fieldLabel(field: TaskField): string {
  switch (field) {
    case 'status':
      return m.fieldStatus;
    case 'percent':
      return m.fieldPercent;
    case 'asOf':
      return m.fieldAsOf;
    case 'result':
      return m.fieldResult;
    case 'evidence':
      return m.fieldEvidence;
    case 'cause':
      return m.fieldCause;
  }
}

/** A stored value on screen (in a conflict box). */
export function showValue(field: TaskField, value: FieldValue): string {
  if (field === 'status') return typeof value === 'string' ? c.taskStatus(value as TaskStatus) || value : String(value);
  if (field === 'percent' && typeof value === 'number') return `${formatNumber(value)}%`;
  if (field === 'asOf' && typeof value === 'string') return formatDate(Date.parse(`${value}T00:00:00+07:00`));
  if (field === 'evidence') return Array.isArray(value) ? (value as Evidence[]).map(evidenceLine).join('; ') : '';
  return value === null || value === '' ? '—' : String(value);
}
