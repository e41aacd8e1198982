// How a status looks in the matrix: a short code in the cell (colour is never the only
// signal), the full label in the legend and the cell's title. Read when shown: English may be
// installed after this module loads.
import type { StatusKey } from '../domain/rollup.ts';
import { m as c } from '../i18n/common.ts';
import { m } from './messages.ts';

export const STATUS_KEYS: readonly StatusKey[] = ['done', 'ongoing', 'inProgress', 'partial', 'waitingGuidance', 'notStarted', 'none'];

export const statusCode = (k: StatusKey): string => m.statusCode(k);

export const statusName = (k: StatusKey): string => (k === 'none' ? m.noStatus : c.status(k));
