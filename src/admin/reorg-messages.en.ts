import type { Translation } from '../i18n/messages.ts';
import type { m } from './reorg-messages.ts';

const n = (x: number) => x.toLocaleString('en-GB');

export const en: Translation<typeof m> = {
  title: 'Reorganising administrative units',
  intro:
    'Each reorganisation is recorded with the day it takes effect. Figures of periods before that day stay with the old units and remain readable; from that day they add up into the new unit. Accounts of the old units move to the new one; phones do not need to sign in again.',
  kind: 'Kind',
  kindMerge: 'Merge several units into one',
  kindMove: 'Move under another parent unit',
  kindRename: 'Rename',
  kindClose: 'Dissolve',
  effective: 'Takes effect on',
  parent: 'Parent unit of these units',
  pickUnits: 'Choose the units',
  noneBelow: 'No open unit here.',
  into: 'Into',
  intoNew: 'a new unit',
  intoOne: (name) => `${name} (kept, takes the others in)`,
  newId: 'Id of the new unit (letters without accents, digits, . _ -)',
  newName: 'Name of the new unit',
  unit: 'Unit',
  newParent: 'New parent unit',
  name: 'New name',
  childrenTo: 'Move the units below it to',
  record: 'Record the reorganisation',
  recording: 'Recording…',
  recorded: (seq, moved) => `Reorganisation no. ${n(seq)} recorded${moved ? `; ${n(moved)} accounts moved to the new unit` : ''}.`,
  history: 'Reorganisations recorded',
  noEvents: 'No reorganisation recorded yet.',
  from: (date) => `from ${date}`,
  pickAtLeast: 'Choose at least two units to merge',
};
