import type { Translation } from './messages.ts';
import type { m } from './common.ts';
import type { PeriodType } from '../domain/calendar.ts';

/** As src/domain/calendar.ts `periodTypeOf`, repeated so this lazy chunk does not pull in zod with the calendar. */
function periodTypeOf(key: string): PeriodType {
  if (key.startsWith('adhoc:')) return 'adHoc';
  if (/W/.test(key)) return 'weekly';
  if (/H/.test(key)) return 'sixMonth';
  if (/^\d{4}$/.test(key)) return 'annual';
  return 'monthly';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const half = (key: string) => (key.endsWith('1') ? 'first half' : 'second half');

/** "Week 48, 2026", "December 2026", "First half of 2026", "Year 2026", "Ad hoc". */
function period(key: string): string {
  const year = key.slice(0, 4);
  switch (periodTypeOf(key)) {
    case 'weekly':
      return `Week ${Number(key.slice(6))}, ${year}`;
    case 'monthly':
      return `${MONTHS[Number(key.slice(5)) - 1] ?? key} ${year}`;
    case 'sixMonth':
      return `${key.endsWith('1') ? 'First' : 'Second'} half of ${year}`;
    case 'annual':
      return `Year ${year}`;
    case 'adHoc':
      return 'Ad hoc';
  }
}

export const en: Translation<typeof m> = {
  role: (role) =>
    ({
      villageMember: 'Community digital team member (village)',
      communeStanding: 'Standing body (commune police)',
      communeLeader: 'Commune People’s Committee leader',
      districtOfficer: 'District working group officer',
      provinceOfficer: 'Province working group officer',
      admin: 'System administrator',
    })[role],
  status: (status) =>
    ({
      notStarted: 'Not started',
      inProgress: 'In progress',
      partial: 'Partly deployed',
      done: 'Completed',
      ongoing: 'Ongoing',
      waitingGuidance: 'Awaiting ministry guidance',
    })[status],
  taskStatus: (status) =>
    ({
      notStarted: 'Not started',
      inProgress: 'In progress',
      ongoing: 'Done regularly',
      done: 'Completed',
      notDone: 'Not completed',
      waitingGuidance: 'Awaiting ministry guidance',
    })[status],
  periodType: (type) =>
    ({
      weekly: 'Weekly report',
      monthly: 'Monthly report',
      sixMonth: 'Half-year report',
      annual: 'Annual report',
      adHoc: 'Ad hoc report',
    })[type],
  timeliness: (t) =>
    ({
      onTime: 'On time',
      late: 'Late',
      missing: 'Not submitted (overdue)',
      notDue: 'Not due yet',
    })[t],
  period,
  report: (key) => {
    switch (periodTypeOf(key)) {
      case 'weekly':
        return `Weekly report, week ${Number(key.slice(6))}, ${key.slice(0, 4)}`;
      case 'monthly':
        return `Monthly report, ${period(key)}`;
      case 'sixMonth':
        return `Half-year report, ${half(key)} of ${key.slice(0, 4)}`;
      case 'annual':
        return `Annual report ${key}`;
      case 'adHoc':
        return 'Ad hoc report';
    }
  },
  phase: (phase) =>
    ({
      new: 'Not started',
      draft: 'Draft',
      submitted: 'Submitted',
      returned: 'Returned',
      accepted: 'Accepted',
    })[phase],
  level: (level) =>
    ({
      province: 'Province',
      district: 'District/City',
      commune: 'Commune/Ward',
      village: 'Village/Residential group',
    })[level],
  modelGroup: (group) =>
    ({
      procedures: 'Utilities for administrative procedures and online public services',
      socioeconomic: 'Utilities for socio-economic development',
      digitalCitizen: 'Utilities for digital citizens',
      sharedData: 'Digitising and building shared data on the national population database for administrative reform',
      leadership: 'Serving direction and management by leaders at all levels',
    })[group],
  section: (key) =>
    ({
      results: 'Results achieved',
      difficulties: 'Difficulties and obstacles',
      causes: 'Causes',
      proposals: 'Recommendations and proposals',
      nextTasks: 'Key tasks for the next period',
    })[key],
  storageFull: 'The phone’s storage is full — not saved. What you typed is still on screen; free some space (delete photos or apps) and tap Save again.',
  loading: 'Loading…',
  opening: 'Opening…',
  back: 'Back',
  close: 'Close',
  cancel: 'Cancel',
  saveFailed: (reason) => `Could not save: ${reason}`,
  draftFailed: 'Could not save the draft on this phone.',
  noConnection: 'Cannot reach the server. This needs a network.',
  serverFailed: (status) => `The server reported an error (${status}).`,
  badAnswer: 'The server sent an invalid reply.',
};
