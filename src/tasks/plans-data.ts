// The seeded task tables (seeds/plans, the documents' four tables) as the phone reads them: a
// chunk of its own (~40 KB gzipped) that only the task screens, Home's task line and the
// dashboard import, never the first load; the service worker precaches it with the other
// chunks, so the task screens open offline after the app's first visit.
import * as z from 'zod/mini';
import { Plan } from '../domain/plans.ts';
import planPl1 from '../../seeds/plans/th-bc137-2024-pl1.json';
import planPl2 from '../../seeds/plans/th-bc137-2024-pl2.json';
import planHue from '../../seeds/plans/hue-2025.json';
import plan259 from '../../seeds/plans/th-tp-kh259-2024.json';

// Checked like an imported plan (the seeds are tested against the documents too): the row
// lines the seeds carry for checking are dropped by the parse.
export const SEEDED_PLANS: readonly Plan[] = z.array(Plan).parse([planPl1, planPl2, planHue, plan259]);
