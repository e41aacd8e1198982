import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

export const en: Translation<typeof m> = {
  title: 'Send by SMS',
  intro: 'No data signal? The status and progress you just saved can reach the commune in one SMS. The phone still syncs normally once it has data (nothing is recorded twice).',
  message: (n: number, of: number) => (of > 1 ? `Message ${n}/${of}` : 'Message'),
  send: 'Open the messaging app',
  sentAt: (time: string) => `Sent by SMS at ${time}; waiting to sync when there is data`,
  inOrder: 'Send the messages one by one, in order.',
  noKey: 'This phone has no SMS key yet: open the app once while online.',
  noGateway: 'The server has no SMS number yet; ask the commune police.',
  noPhone: 'No SMS phone number registered: open Settings while online.',
  phoneTitle: 'SMS phone number',
  phoneHelp: 'Your mobile number, used when you send a model’s status by SMS without a data signal.',
  phoneLabel: 'Mobile number',
  phoneSave: 'Save number',
  phoneSaved: 'Phone number saved.',
  phoneOffline: 'Saving the number needs a connection.',
  phoneInvalid: 'Not a valid mobile number (e.g. 0912 345 678).',
  phoneTaken: 'Someone else has registered this number.',
};
