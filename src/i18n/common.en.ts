import type { Translation } from './messages.ts';
import type { m } from './common.ts';

export const en: Translation<typeof m> = {
};
