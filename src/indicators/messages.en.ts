import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

export const en: Translation<typeof m> = {
  notInteger: 'The number of dossiers must be a whole number',
  notNegative: 'Cannot be negative',
  onlineOverTotal: 'Online dossiers cannot exceed the total',
  countFormat: 'Enter a whole number the Vietnamese way, e.g. 38.755',
  cleared: 'This cell has saved figures; if there are no dossiers, enter 0',
  title: 'Indicators',
  unit: 'Unit:',
  period: 'Period',
  readOnly: 'Figures are entered by commune staff; village accounts can only view them.',
  draftRestored: (period) => `Continuing your unsaved draft for ${period}.`,
  discardDraft: 'Discard draft',
  howToType: 'Enter dossier counts the Vietnamese way (38.755). The online rate is computed for you.',
  tableLabel: 'Table of the 25 essential public services',
  service: 'Essential public service',
  total: 'Total dossiers',
  online: 'Online dossiers',
  rate: 'Rate',
  sumRow: (services) => `Total, ${n(services)} ${services === 1 ? 'service' : 'services'}`,
  howTotals: 'Totals add up the rows (an empty cell counts as 0); the overall rate is online dossiers / total dossiers, not an average of the rates.',
  counters: 'Chip ID cards, electronic identification and digital signatures',
  table422Label: 'Table of public services under the Prime Minister’s Decision 422',
  table422Caption: 'Public services under the Prime Minister’s Decision 422 (those listed in Appendix IV of report 137/BC-UBND of 28/6/2024 by the Project 06 working group of Thanh Hóa province)',
  service422: 'Public service (Decision 422)',
  open422: (count) => `Enter figures for the ${count.toLocaleString('vi-VN')} public services of the Prime Minister’s Decision 422`,
  empty: '(empty)',
  notSaved: (errors) => `Not saved: ${n(errors)} ${errors === 1 ? 'field is' : 'fields are'} invalid (marked red). Correct them, then tap Save again.`,
  mineInvalid: (cell) => `What you are typing in “${cell}” is not valid; correct it before keeping it.`,
  aggregates: 'Online public services, digitised dossiers and results of administrative procedures (figures of the whole unit)',
  aggregatesHow: 'Figures of the whole unit, not added up from the communes. Rates are computed for you.',
  stockHint: 'as it stands at the end of the month',
  flowHint: 'during the month',
  aggregateShare: (share) => `Rate: ${share}`,
};
