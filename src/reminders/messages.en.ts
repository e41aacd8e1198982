import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

export const en: Translation<typeof m> = {
  beforeTitle: (report) => `Due soon: ${report}`,
  beforeBody: (date, days) => `Due before ${date} — ${days} ${days === 1 ? 'day' : 'days'} left. You can prepare the report on this phone now, even without a network.`,
  lastDayTitle: (report) => `Last day today: ${report}`,
  lastDayBody: (date) => `Due before ${date}. Submit and sync today; a report is on time when the server receives it before the deadline.`,
  offerTitle: 'Report reminders',
  offerText: (days) =>
    `You have submitted a report on this phone. The phone can remind you before the next deadlines — ${days} ${days === 1 ? 'day' : 'days'} before and on the morning of the last day, at 7 am — even without a network. The browser will ask whether to allow notifications.`,
  offerTextLastDay: 'You have submitted a report on this phone. The phone can remind you on the morning of the last day of the next deadlines, at 7 am, even without a network. The browser will ask whether to allow notifications.',
  enable: 'Turn on reminders',
  later: 'Not now',
  enabled: 'Report reminders are on.',
  denied: 'The browser blocks this app’s notifications. To get reminders, allow notifications in the browser’s site settings.',
  unsupported: 'This browser cannot show notifications. The home screen always shows how many reports are due soon.',
  settingsTitle: 'Report reminders',
  settingsHelp: 'A notification on this phone before a report is due, at 7 am, no network needed.',
  on: 'Remind me of report deadlines',
  daysBefore: 'Remind before the deadline',
  days: (n) => (n === 0 ? 'No early reminder' : `${n} ${n === 1 ? 'day' : 'days'}`),
  morningOf: 'Remind on the morning of the last day',
  background: 'This phone reminds you even when the app is closed.',
  onOpening: 'On this phone, reminders appear when you open the app (the browser does not let it run in the background).',
  allow: 'Allow notifications',
  dueSoon: (n) => `${n.toLocaleString('vi-VN')} ${n === 1 ? 'report' : 'reports'} to submit soon`,
};
