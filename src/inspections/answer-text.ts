// An answer to an outline question as a person reads it: Có/Không, a number with its unit, a
// percentage, a date as dd/mm/yyyy, the text as typed (the merged view and the unit's answers).
import type { AnswerValue, ChecklistItem } from '../domain/checklist.ts';
import { m, showDate } from './messages.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function answerText(item: Pick<ChecklistItem, 'type' | 'unit'> | undefined, v: AnswerValue): string {
  if (typeof v === 'boolean') return v ? m.yes : m.no;
  if (typeof v === 'number') {
    const n = v.toLocaleString('vi-VN', { maximumFractionDigits: 20 });
    if (item?.type === 'percent') return `${n}%`;
    return item?.unit ? `${n} ${item.unit}` : n;
  }
  if (v === null) return '';
  if (item?.type === 'date' && ISO_DATE.test(v)) return showDate(v);
  return v;
}
