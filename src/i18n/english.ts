// The English interface: a lazy chunk, loaded only when a user picks English (src/i18n/load.ts).
import type { Bundle } from './messages.ts';
import { en as common } from './common.en.ts';
import { en as app } from '../app/messages.en.ts';
import { en as auth } from '../auth/messages.en.ts';
import { en as home } from '../home/messages.en.ts';
import { en as settings } from '../settings/messages.en.ts';
import { en as photos } from '../photos/messages.en.ts';
import { en as sync } from '../sync/messages.en.ts';
import { en as catalogue } from '../catalogue/messages.en.ts';
import { en as models } from '../models/messages.en.ts';
import { en as checklists } from '../checklists/messages.en.ts';
import { en as indicators } from '../indicators/messages.en.ts';
import { en as dashboard } from '../dashboard/messages.en.ts';
import { en as reports } from '../reports/messages.en.ts';
import { en as tasks } from '../tasks/messages.en.ts';
import { en as enrol } from '../enrol/messages.en.ts';
import { en as reminders } from '../reminders/messages.en.ts';
import { en as admin } from '../admin/messages.en.ts';
import { en as handoff } from '../handoff/messages.en.ts';
import { en as inspections } from '../inspections/messages.en.ts';
import { en as sms } from '../sms/messages.en.ts';
import { en as reorg } from '../admin/reorg-messages.en.ts';

export const english: Bundle = {
  common,
  app,
  auth,
  home,
  settings,
  photos,
  sync,
  catalogue,
  models,
  checklists,
  indicators,
  dashboard,
  reports,
  tasks,
  enrol,
  reminders,
  admin,
  handoff,
  inspections,
  sms,
  reorg,
};
