import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

export const en: Translation<typeof m> = {
  tagline: 'Track and report Project 06 models in communes and villages — works even without a network.',
  othersPendingBefore: 'This phone still holds unsent changes of ',
  othersPendingAfter: '. They are kept apart and will be sent when that person logs in again.',
  changes: (n) => `${n.toLocaleString('vi-VN')} ${n === 1 ? 'change' : 'changes'}`,
  username: 'Username',
  password: 'Password',
  loggingIn: 'Logging in…',
  logIn: 'Log in',
  missingFields: 'Enter your username and password.',
  loginFailed: 'Login failed.',
  offlineFirstLogin: 'The first login needs a network. Turn on the network and try again.',
  noServer: 'Cannot reach the server. The first login needs a network.',
  badAnswer: 'The server sent an invalid reply.',
  pinLabel: 'This phone’s PIN',
  wrongPin: 'Wrong PIN.',
  unlock: 'Unlock',
  forgotPin: 'Forgot the PIN?',
  loginWithPassword: 'Log in again with the password',
  pinPattern: 'The PIN is 4–8 digits.',
};
