import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

export const en: Translation<typeof m> = {
};
