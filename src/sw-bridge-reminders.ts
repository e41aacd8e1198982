// The page's side of report reminders (issue 15; what and when: src/reminders/plan.ts): the
// notification permission, Periodic Background Sync, and handing the plan to the worker
// (src/sw.ts shows the notifications). A bridge module like sw-bridge.ts, kept apart from it so
// the first load does not carry it: only the signed-in shell needs it.
import type { ReminderNotice } from './reminders/plan.ts';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  if (typeof Notification === 'undefined' || !('serviceWorker' in navigator)) return 'unsupported';
  return Notification.permission;
}

/** Only ever called from a tap on "Bật nhắc hạn" (never on load: browsers and people resent that). */
export async function askNotificationPermission(): Promise<NotificationPermissionState> {
  if (notificationPermission() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

/** Periodic Background Sync (Chromium, installed app): not in the DOM typings yet. */
interface PeriodicSyncRegistration extends ServiceWorkerRegistration {
  periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
}

/** The worker that shows reminders, once one is active (null without a worker, e.g. in development). */
async function activeWorker(timeoutMs: number): Promise<{ worker: ServiceWorker; registration: PeriodicSyncRegistration } | null> {
  if (!('serviceWorker' in navigator)) return null;
  const ready = navigator.serviceWorker.ready.then((registration) => (registration.active ? { worker: registration.active, registration } : null));
  return Promise.race([ready, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
}

/**
 * Hands the person's reminder plan to the worker, which shows what is due at `now` (the page's
 * clock: this is the "on the next opening" path) and keeps the plan for Periodic Background
 * Sync, which shows later ones with the app closed where the browser allows it. Answers the ids
 * shown now and whether background reminders are on.
 */
export async function scheduleReminders(owner: string, items: ReminderNotice[], now: number): Promise<{ shown: string[]; background: boolean }> {
  const found = await activeWorker(10_000);
  if (!found) return { shown: [], background: false };
  let background = false;
  if (notificationPermission() === 'granted' && found.registration.periodicSync) {
    try {
      const status = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
      if (status.state === 'granted') {
        await found.registration.periodicSync.register('due-reminders', { minInterval: 12 * 3_600_000 });
        background = true;
      }
    } catch {
      // Not installed, or the browser keeps it to itself: reminders come on opening the app.
    }
  }
  const shown = await new Promise<string[]>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve([]), 10_000);
    channel.port1.onmessage = (e: MessageEvent<{ shown?: string[] }>) => {
      clearTimeout(timer);
      resolve(e.data.shown ?? []);
    };
    found.worker.postMessage({ type: 'REMINDERS', owner, items, now, show: notificationPermission() === 'granted' }, [channel.port2]);
  });
  return { shown, background };
}
