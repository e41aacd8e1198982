// The one module that talks to the service worker (as Squoosh's sw-bridge): register,
// notice a waiting new version, and activate it only when the user agrees; say when the app
// is ready offline, and hold the browser's install offer until the user asks for it.
import { Workbox } from 'workbox-window';

type Listener = (value: boolean) => void;
/** A value that screens can watch (and that is already known when a later chunk mounts). */
function signal() {
  let value = false;
  const listeners = new Set<Listener>();
  return {
    get: () => value,
    set(next: boolean) {
      if (next === value) return;
      value = next;
      for (const l of listeners) l(next);
    },
    watch(l: Listener): () => void {
      listeners.add(l);
      l(value);
      return () => listeners.delete(l);
    },
  };
}

let workbox: Workbox | null = null;
const waiting = signal();
const offlineReady = signal();
const installOffer = signal();

function register(): void {
  if (workbox) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  // A new version finished installing and waits: ask, never switch under the user's feet.
  workbox.addEventListener('waiting', () => waiting.set(true));
  void workbox.register({ immediate: true });
  // A worker activates only after its install (the whole precache) succeeded; once it controls
  // this page, a reload without network is served from the cache.
  void navigator.serviceWorker.ready.then(() => {
    if (navigator.serviceWorker.controller) offlineReady.set(true);
    else navigator.serviceWorker.addEventListener('controllerchange', () => offlineReady.set(true), { once: true });
  });
}

/**
 * Registers the worker once the first screen is usable: after `load`, after the caller says
 * the first screen is shown (`firstScreen`), and when the main thread is idle. Precaching
 * the rest of the app on 2G would otherwise compete with the login form itself.
 */
export function registerServiceWorker(firstScreen: Promise<void> = Promise.resolve()): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise<void>((r) => addEventListener('load', () => r(), { once: true }));
  void Promise.all([loaded, firstScreen]).then(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(register, { timeout: 5_000 });
    else setTimeout(register, 1_000);
  });
}

export function onUpdateAvailable(listener: Listener): () => void {
  return waiting.watch(listener);
}

/** True once the precache is complete and the worker controls the page (the app opens offline). */
export function onOfflineReady(listener: Listener): () => void {
  return offlineReady.watch(listener);
}

/** The user agreed: activate the waiting worker, then reload once it controls the page. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => location.reload());
  workbox.messageSkipWaiting();
}

/** Chromium's install offer (not in the DOM typings). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}
let installEvent: BeforeInstallPromptEvent | null = null;

/**
 * Keeps the browser's install offer for our own button. Called from the first load: the
 * event fires early, before the screens' chunk is on the phone.
 */
export function watchInstallOffer(): void {
  addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault();
    installEvent = e as BeforeInstallPromptEvent;
    installOffer.set(true);
  });
  addEventListener('appinstalled', () => {
    installEvent = null;
    installOffer.set(false);
  });
}

/** True while the browser offers to install the app (then `promptInstall` shows its dialog). */
export function onInstallOffer(listener: Listener): () => void {
  return installOffer.watch(listener);
}

export async function promptInstall(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
  const event = installEvent;
  if (!event) return 'unavailable';
  // The offer can be used once.
  installEvent = null;
  installOffer.set(false);
  await event.prompt();
  return (await event.userChoice).outcome;
}

/** Opened from the home screen icon (installed), not in a browser tab. */
export function isInstalled(): boolean {
  return matchMedia('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
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
