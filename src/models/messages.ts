// Interface text of models (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
import { defineMessages } from '../i18n/messages.ts';

export const m = defineMessages('models', {
});
