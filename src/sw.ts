/// <reference lib="webworker" />
// The service worker. Routes, and why each is cached the way it is:
//  · the app shell and seed chunk: precached at install (Workbox manifest), so the app
//    opens with no network after the first visit;
//  · navigations: answered with the precached index.html (a SPA; offline deep links work);
//  · lazily loaded chunks (dashboard, exports): cache-first at run time — hashed names
//    never change content, and field phones never download them unless used;
//  · POST /api/sync: network only, but a push that fails while offline is queued with
//    Background Sync and replayed when the connection returns, even with the tab closed
//    (the server applies each change once, so a replay is always safe);
//  · GET /api/blobs/<sha-256>: photo bytes, cache-first ('photo-blobs', newest 300 kept).
//    The URL names the content, so a cached answer can never be stale; the cache is keyed
//    by URL alone (the Authorization header is not part of the key) and holds only 200s;
//  · other /api calls: network only; the app keeps what it needs in IndexedDB itself.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { Queue } from 'workbox-background-sync';
import { createStore, del, get, set } from 'idb-keyval';
import { pruneShown, remindedCount, remindersDue, type ReminderNotice } from './reminders/plan.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

registerRoute(({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/assets/'), new CacheFirst({ cacheName: 'lazy-chunks' }));

// The queue is ours (not BackgroundSyncPlugin's) so logout can empty it: a queued push carries
// the person's token and changes, and must not outlive their session on a shared phone.
const pushQueue = new Queue('sync-push', { maxRetentionTime: 7 * 24 * 60 });
registerRoute(
  ({ url }) => url.origin === self.location.origin && /^\/api\/blobs\/[0-9a-f]{64}$/.test(url.pathname),
  new CacheFirst({ cacheName: 'photo-blobs', plugins: [new ExpirationPlugin({ maxEntries: 300, purgeOnQuotaError: true })] }),
  'GET',
);

registerRoute(
  ({ url }) => url.pathname === '/api/sync',
  new NetworkOnly({
    plugins: [
      {
        fetchDidFail: async ({ request }) => {
          await pushQueue.pushRequest({ request });
        },
      },
    ],
  }),
  'POST',
);

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  // Only when the user pressed "Cập nhật" (sw-bridge sends SKIP_WAITING).
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  if (type === 'REMINDERS') {
    const { owner, items, now, show } = event.data as { owner: string; items: ReminderNotice[]; now: number; show: boolean };
    event.waitUntil(
      (async () => {
        await set('plan', { owner, items } satisfies ReminderPlan, reminderStore);
        const shown = show ? await showReminders(now) : [];
        event.ports[0]?.postMessage({ shown });
      })(),
    );
  }
  if (type === 'FORGET_QUEUE') {
    event.waitUntil(
      (async () => {
        while (await pushQueue.shiftRequest()) {
          /* dropped */
        }
        // The next person on this phone must not be reminded of this one's reports.
        await forgetReminders();
        // Photos the person opened: the next person on this phone must fetch (and be allowed) anew.
        await caches.delete('photo-blobs');
        event.ports[0]?.postMessage({ ok: true });
      })(),
    );
  }
});

// Reminders of reports due (issue 15). The page hands over the signed-in person's plan, with its
// text, each time the app opens or their reports change; the worker shows what is due then, and
// again on Periodic Background Sync (Chromium, installed app) with the app closed and no network.
// Which reminders are due is src/reminders/plan.ts, the same rule the page's tests pin down.
interface ReminderPlan {
  owner: string;
  items: ReminderNotice[];
}
const reminderStore = createStore('so-tay-reminders', 'state');

async function showReminders(now: number): Promise<string[]> {
  const plan = await get<ReminderPlan>('plan', reminderStore);
  if (!plan || Notification.permission !== 'granted') return [];
  const shownKey = `shown:${plan.owner}`;
  const shown = new Set((await get<string[]>(shownKey, reminderStore)) ?? []);
  const due = remindersDue(plan.items, shown, now);
  for (const r of due) {
    // One notification per report (its tag): the last day's replaces the early one.
    await self.registration.showNotification(r.title, { body: r.body, tag: `report:${r.key}`, data: { url: r.url }, icon: '/icons/icon-192.png' });
    shown.add(r.id);
  }
  await set(shownKey, pruneShown(shown, plan.items), reminderStore);
  const count = remindedCount(plan.items, now);
  const badge = self.navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  await (count > 0 ? badge.setAppBadge?.(count) : badge.clearAppBadge?.())?.catch(() => undefined);
  return due.map((r) => r.id);
}

async function forgetReminders(): Promise<void> {
  await del('plan', reminderStore);
  for (const n of await self.registration.getNotifications()) if (n.tag.startsWith('report:')) n.close();
  await (self.navigator as Navigator & { clearAppBadge?: () => Promise<void> }).clearAppBadge?.().catch(() => undefined);
}

self.addEventListener('periodicsync', (event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (e.tag === 'due-reminders') e.waitUntil(showReminders(Date.now()));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const open = (await self.clients.matchAll({ type: 'window' })) as WindowClient[];
      const client = open[0];
      if (client) return void (await client.navigate(url).then((c) => c?.focus()));
      await self.clients.openWindow(url);
    })(),
  );
});

clientsClaim();
