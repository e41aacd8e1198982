import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');
const days = (d: number) => `${d} ${d === 1 ? 'day' : 'days'}`;
const changes = (c: number) => `${n(c)} ${c === 1 ? 'change' : 'changes'}`;

export const en: Translation<typeof m> = {
  title: 'Home',
  dueReports: 'Reports due',
  villageNoReports: 'Periodic reports are written by the commune’s standing body; the village team updates the models’ status and the village’s figures.',
  noSchedule: 'This unit has no reporting schedule.',
  fixAndResend: ' — correct it and send it again',
  due: (date) => `Due: before ${date} — `,
  notResent: (when) => `not resent, ${when}`,
  waitingToSend: 'submitted on this phone, waiting to reach the server',
  notSubmitted: (when) => `Not submitted, ${when}`,
  dueToday: 'due today',
  daysLeft: (d) => `${days(d)} left`,
  justOverdue: 'just overdue',
  daysOverdue: (d) => `${days(d)} overdue`,
  olderOverdue: (count) => `… and ${n(count)} earlier ${count === 1 ? 'period' : 'periods'} not submitted.`,
  rejectedTitle: (count) => `The server refused ${changes(count)}`,
  rejectedHelp: 'These fields went back to the value the server holds. What you entered is still listed here; if needed, tell the standing body.',
  entered: 'Entered: ',
  quarantinedTitle: (count) => `${n(count)} invalid ${count === 1 ? 'record' : 'records'} received and set aside`,
  quarantinedHelp: 'Sync carries on as usual; these records are not shown. Please tell the system administrator.',
  othersTitle: 'Other people’s changes on this phone',
  othersChanges: (count) => `: ${changes(count)}`,
  othersHelp: '. Kept apart, you cannot see them; they will be sent when that person logs in again.',
  conflictsTitle: 'Conflicting edits',
  staleTitle: (count) => `Models not updated for a while (${n(count)})`,
  staleHelp: (d) => `No status recorded in the last ${days(d)}.`,
  staleMore: (count) => `… and ${n(count)} more (all of them on the Summary page).`,
  syncTitle: 'Sync',
  pending: (count) => `${changes(count)} waiting to be sent to the server.`,
  nothingPending: 'No changes waiting to be sent.',
};
