// The district's answer to the district outline, merged from its parts (003 Phụ lục 2 A): the
// outline is answered "tại phòng, ban, ngành, đơn vị, đoàn thể cấp huyện", so each department
// answers the common sections, and the "Lưu ý" gives some departments extra sections of their
// own. Each department's response is its own record ("<campaign>@<district>~<department>");
// the district working group writes its own synthesis in the district's record as before.
// Pure: the screens pass the records' values; nothing here decides who may write what
// (access.ts campaignPartRefusal, campaignFieldRefusal).
import { IsoDate } from './common.ts';
import { isAnswered, type AnswerValue, type ChecklistTemplate } from './checklist.ts';
import { ANSWER_SENT_FIELD, ANSWER_FIELD_PREFIX, departmentOfItem, type OutlineDepartment } from './campaign.ts';
import type { FieldValue } from './sync/merge.ts';

type Values = Readonly<Record<string, FieldValue>>;

/** Who wrote an answer in the merged view: the working group's synthesis, or one department. */
export type AnswerSource = { kind: 'group' } | { kind: 'department'; id: string; name: string };

export interface MergedItem {
  itemId: string;
  /** The answers given, in order: the working group first, then the departments in the outline's order. */
  answers: { source: AnswerSource; value: AnswerValue }[];
}

export interface MergedSection {
  sectionId: string;
  /** The department whose own section it is; null for a common section. */
  owner: string | null;
  items: MergedItem[];
}

export interface DepartmentSent {
  id: string;
  name: string;
  /** The day it sent its response (its `sentOn`), null: not sent. */
  sentOn: string | null;
  /** Items of its part (common + own sections) answered, of how many. */
  answered: number;
  total: number;
}

export interface MergedAnswer {
  sections: MergedSection[];
  departments: DepartmentSent[];
  /** How many departments have sent their response. */
  sent: number;
}

/** The sections a department answers: the common ones (no department owns them) and its own, in the template's order. */
export function departmentSections(template: Pick<ChecklistTemplate, 'sections'>, departments: readonly OutlineDepartment[], departmentId: string): string[] {
  const ids = template.sections.map((s) => s.id);
  return ids.filter((s) => {
    const owner = departmentOfItem(s, departments, ids);
    return owner === null || owner.id === departmentId;
  });
}

const answerOf = (values: Values | undefined, itemId: string): AnswerValue | null => {
  // A type check, not AnswerValue.safeParse: most items are unanswered, and a failed parse
  // builds its issues — the merge runs on every render of the campaign view.
  const v = values?.[`${ANSWER_FIELD_PREFIX}${itemId}`];
  const answer = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  return isAnswered(answer) ? answer : null;
};

const sentOf = (values: Values | undefined): string | null => {
  const v = values?.[ANSWER_SENT_FIELD];
  return typeof v === 'string' && IsoDate.safeParse(v).success ? v : null;
};

/**
 * The district's answer: per common item, the working group's synthesis and each department's
 * answer; per department section, that department's answers (and the group's, when it wrote
 * one there); and which departments have sent. A department's answers outside its part are
 * not shown: the server refuses them, and a stale copy must not pass for another's.
 */
export function mergeDistrictAnswer(
  template: Pick<ChecklistTemplate, 'sections'>,
  departments: readonly OutlineDepartment[],
  group: Values | undefined,
  responses: ReadonlyMap<string, Values>,
): MergedAnswer {
  // Who owns what is the server's rule (access.ts campaignFieldRefusal): one function for both.
  const ids = template.sections.map((s) => s.id);
  const sections = template.sections.map((section): MergedSection => {
    const owner = departmentOfItem(section.id, departments, ids)?.id ?? null;
    return {
      sectionId: section.id,
      owner,
      items: section.items.map((item) => {
        const itemOwner = departmentOfItem(item.id, departments, ids)?.id ?? null;
        const answering = departments.filter((d) => itemOwner === null || d.id === itemOwner);
        const answers: MergedItem['answers'] = [];
        const own = answerOf(group, item.id);
        if (own !== null) answers.push({ source: { kind: 'group' }, value: own });
        for (const d of answering) {
          const value = answerOf(responses.get(d.id), item.id);
          if (value !== null) answers.push({ source: { kind: 'department', id: d.id, name: d.name }, value });
        }
        return { itemId: item.id, answers };
      }),
    };
  });
  const result = departments.map((d): DepartmentSent => {
    const part = new Set(departmentSections(template, departments, d.id));
    const items = template.sections.filter((s) => part.has(s.id)).flatMap((s) => s.items);
    const values = responses.get(d.id);
    return { id: d.id, name: d.name, sentOn: sentOf(values), answered: items.filter((i) => answerOf(values, i.id) !== null).length, total: items.length };
  });
  return { sections, departments: result, sent: result.filter((d) => d.sentOn !== null).length };
}
