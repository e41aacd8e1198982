// The one module that talks to the service worker (as Squoosh's sw-bridge): register,
// notice a waiting new version, and activate it only when the user agrees.
import { Workbox } from 'workbox-window';

type Listener = (waiting: boolean) => void;
let workbox: Workbox | null = null;
let waiting = false;
const listeners = new Set<Listener>();

function setWaiting(value: boolean) {
  waiting = value;
  for (const l of listeners) l(value);
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  // A new version finished installing and waits: ask, never switch under the user's feet.
  workbox.addEventListener('waiting', () => setWaiting(true));
  void workbox.register();
}

export function onUpdateAvailable(listener: Listener): () => void {
  listeners.add(listener);
  listener(waiting);
  return () => listeners.delete(listener);
}

/** The user agreed: activate the waiting worker, then reload once it controls the page. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => location.reload());
  workbox.messageSkipWaiting();
}

/** Ask the browser to keep our data when space runs low. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  return (await navigator.storage.persisted()) || navigator.storage.persist();
}

/**
 * At logout: the worker drops every push it was holding for Background Sync (they carry the
 * person's token and changes). Waits for its answer, briefly; without a worker there is nothing.
 */
export async function forgetQueuedRequests(): Promise<void> {
  const controller = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller : null;
  if (!controller) return;
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, 2_000);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    controller.postMessage({ type: 'FORGET_QUEUE' }, [channel.port2]);
  });
}
