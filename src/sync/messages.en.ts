import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

export const en: Translation<typeof m> = {
  noConnection: 'Cannot reach the server',
  notJson: (status) => `The server sent an invalid reply (${status})`,
  serverError: (status) => `Server error (${status})`,
  badResponse: 'The server’s sync reply has the wrong format',
  reorgTitle: 'Your unit has changed',
  reorgOk: 'OK',
};
