// Renders a screen with the real services it runs with in the app: a LocalStore over
// fake-indexeddb (a fresh database per call), the real seed bundle, a session for one of
// the demo users and a SyncController stand-in that never touches the network.
//
//   const { store, seed, session, getByText } = renderWithServices(<HomeScreen />, { username: 'donghai.congan' });
//
// To simulate a reload, unmount and render again with `{ dbName }` from the first result:
// a new Dexie connection over the same data, as after the phone reopens the app.
import type { ComponentChild } from 'preact';
import { render, type RenderResult } from '@testing-library/preact';
import { ServicesContext, type Services } from '../../src/app/services.ts';
import { openDb, type AppDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { Session } from '../../src/auth/session.ts';
import type { SyncController, SyncState } from '../../src/sync/controller.ts';
import demoUsers from '../../seeds/demo-users.json';

export interface RenderWithServicesOptions {
  /** A demo user from seeds/demo-users.json; default "thieuvan.congan" (commune standing office of Thiệu Vân). */
  username?: string;
  /** Pins the store's clock (ms since epoch); default the real clock. */
  now?: number;
  /** Reopen an existing test database (from an earlier result) instead of a fresh one. */
  dbName?: string;
  /** The seed the screens use (Services.seed), e.g. with a server catalogue applied; default the real seed. */
  seed?: SeedBundle;
}

export type RenderWithServicesResult = Omit<RenderResult, 'container'> & {
  /** The div the screen was rendered into (typed as HTMLElement so `within(container)` works). */
  container: HTMLElement;
  store: LocalStore;
  seed: SeedBundle;
  session: Session;
  services: Services;
  dbName: string;
};

let seedCache: SeedBundle | undefined;
/** The real seed, parsed once per test file (it is treated as read-only). */
export function testSeed(): SeedBundle {
  return (seedCache ??= SeedBundle.parse(buildSeedBundle()));
}

export function demoSession(username: string, seed: SeedBundle = testSeed()): Session {
  const user = demoUsers.users.find((u) => u.username === username);
  if (!user) throw new Error(`No demo user "${username}"; try one of: ${demoUsers.users.map((u) => u.username).join(', ')}`);
  const { id, displayName, role, unitId } = user;
  return Session.parse({ token: `test-token-${id}`, expiresAt: Date.UTC(2100, 0, 1), user: { id, username, displayName, role, unitId }, units: seed.units });
}

/** A SyncController that reports "idle, never synced" and does nothing when asked to sync. */
export function fakeSync(): SyncController {
  const state: SyncState = { running: false, lastSuccessAt: null, lastError: null, needsLogin: false };
  const fake = {
    state,
    clockOffset: 0,
    start: async () => {},
    stop: () => {},
    syncNow: async () => null,
    subscribe(fn: (s: SyncState) => void) {
      fn(state);
      return () => {};
    },
  };
  return fake as unknown as SyncController;
}

const openDbs = new Set<AppDb>();
let counter = 0;

/** Closes every database opened by renderWithServices (called after each test by component-setup). */
export async function closeTestDatabases(): Promise<void> {
  for (const db of openDbs) db.close();
  openDbs.clear();
}

export function renderWithServices(ui: ComponentChild, options: RenderWithServicesOptions = {}): RenderWithServicesResult {
  const dbName = options.dbName ?? `test-${Date.now().toString(36)}-${(counter += 1)}-${Math.random().toString(36).slice(2, 8)}`;
  const db = openDb(dbName);
  openDbs.add(db);
  const fixedNow = options.now;
  const store = new LocalStore({ db, deviceId: 'test_device', now: () => fixedNow ?? Date.now() });
  const seed = options.seed ?? testSeed();
  const session = demoSession(options.username ?? 'thieuvan.congan', seed);
  const services: Services = { store, seed, session, sync: fakeSync(), logout: async () => {} };
  const result = render(<ServicesContext.Provider value={services}>{ui}</ServicesContext.Provider>);
  return { ...result, container: result.container as HTMLElement, store, seed, session, services, dbName };
}
