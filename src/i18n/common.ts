// Interface text of common (Vietnamese; English in ./common.en.ts). See src/i18n/messages.ts.
import { defineMessages } from './messages.ts';

export const m = defineMessages('common', {
});
