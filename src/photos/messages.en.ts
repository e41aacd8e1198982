import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

export const en: Translation<typeof m> = {
  loading: 'Loading photo…',
  offline: 'Photo not downloaded yet — needs a network',
  missing: 'Photo not on the server yet — it will be once the phone that took it syncs',
  corrupt: 'The photo downloaded damaged — will retry when online',
  unknown: 'This photo cannot be shown',
  wrongType: (type) => `A photo must be JPEG or WebP, not "${type}"`,
  draftUnreadable: 'The photo in the draft cannot be read',
  refused: (status) => `The server refused the photo (code ${status})`,
};
