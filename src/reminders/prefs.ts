// The person's reminder settings and whether they put off the offer, kept on the phone per
// person (idb-keyval), with a signal so the runner re-plans as soon as Settings change them.
import { get, set } from 'idb-keyval';
import * as z from 'zod/mini';
import { DEFAULT_PREFS, type ReminderPrefs } from './plan.ts';

const Prefs = z.object({ enabled: z.boolean(), daysBefore: z.int().check(z.minimum(0), z.maximum(7)), morningOf: z.boolean() });

const listeners = new Set<() => void>();
export const onPrefsChange = (l: () => void): (() => void) => (listeners.add(l), () => void listeners.delete(l));

export async function loadPrefs(userId: string): Promise<ReminderPrefs> {
  const parsed = Prefs.safeParse(await get(`reminderPrefs:${userId}`));
  return parsed.success ? parsed.data : DEFAULT_PREFS;
}

export async function savePrefs(userId: string, prefs: ReminderPrefs): Promise<void> {
  await set(`reminderPrefs:${userId}`, prefs);
  for (const l of listeners) l();
}

export const offerDismissed = async (userId: string): Promise<boolean> => (await get(`reminderOffer:${userId}`)) === 'later';
export const dismissOffer = (userId: string) => set(`reminderOffer:${userId}`, 'later');
