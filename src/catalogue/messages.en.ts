import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

export const en: Translation<typeof m> = {
  title: 'Model catalogue',
  notInCatalogue: 'This model is not in the catalogue.',
  notAdopted: 'Your unit has not adopted this model.',
  adopted: 'Adopted',
  search: 'Search models',
  searchExample: 'e.g. cong dan so',
  group: 'Group',
  allGroups: 'All groups',
  groupNo: (roman) => `Group ${roman}`,
  statusFilter: 'Status',
  all: 'All',
  unitAdopted: 'Adopted by your unit',
  notAdoptedYet: 'Not adopted',
  leadUnit: 'Lead unit',
  count: (shown, total, adopted) => `${n(shown)}/${n(total)} models · ${n(adopted)} adopted`,
  results: 'Search results',
  noMatch: 'No model matches.',
};
