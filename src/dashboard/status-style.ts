// How a status looks in the matrix: a short code in the cell (colour is never the only
// signal), the full label in the legend and the cell's title.
import { STATUS_LABEL } from '../domain/status.ts';
import type { StatusKey } from '../domain/rollup.ts';

export const STATUS_KEYS: readonly StatusKey[] = ['done', 'ongoing', 'inProgress', 'partial', 'waitingGuidance', 'notStarted', 'none'];

export const STATUS_CODE: Record<StatusKey, string> = {
  done: 'HT',
  ongoing: 'TX',
  inProgress: 'ĐTH',
  partial: 'MP',
  waitingGuidance: 'CHD',
  notStarted: 'CTH',
  none: '?',
};

export const statusName = (k: StatusKey): string => (k === 'none' ? 'Chưa cập nhật tình trạng' : STATUS_LABEL[k]);
