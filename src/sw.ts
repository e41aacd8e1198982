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
  if (type === 'FORGET_QUEUE') {
    event.waitUntil(
      (async () => {
        while (await pushQueue.shiftRequest()) {
          /* dropped */
        }
        // Photos the person opened: the next person on this phone must fetch (and be allowed) anew.
        await caches.delete('photo-blobs');
        event.ports[0]?.postMessage({ ok: true });
      })(),
    );
  }
});
clientsClaim();
