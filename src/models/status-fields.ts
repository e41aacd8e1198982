import { DOMAIN_ISSUES, m } from './messages.ts';

/** A status field's label in the interface language (read when shown: English may be installed after this module loads). */
export function statusFieldLabel(field: string): string {
  switch (field) {
    case 'status':
      return m.fieldStatus;
    case 'progress':
      return m.fieldProgress;
    case 'asOf':
      return m.fieldAsOf;
    case 'note':
      return m.fieldNote;
    case 'difficulties':
      return m.fieldDifficulties;
    case 'causes':
      return m.fieldCauses;
    case 'proposals':
      return m.fieldProposals;
    default:
      return field;
  }
}

/** Fields whose value is free text someone typed: shown as data (lang="vi"). */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(['note', 'difficulties', 'causes', 'proposals']);

/**
 * A problem the shared domain rules report (in Vietnamese: src/domain/ is shared with the
 * server) in the interface language. The Vietnamese side of each key is the domain's own text,
 * so in Vietnamese this is the identity; a message it does not know is shown as is.
 */
export function issueText(text: string): string {
  for (const [key, vi] of Object.entries(DOMAIN_ISSUES) as [keyof typeof DOMAIN_ISSUES, string][]) if (vi === text) return m[key];
  return text;
}
