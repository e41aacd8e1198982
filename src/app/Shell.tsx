// Everything after sign-in: the device database, the seed, sync and the screens. A separate
// chunk from the sign-in screen, so a first visit on 2G shows the login form after loading only
// what it needs; the service worker precaches this chunk meanwhile.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ServicesContext, type Services } from './services.ts';
import { useRoute } from './hooks.ts';
import { openDb } from '../db/schema.ts';
import { LocalStore } from '../db/store.ts';
import { ensureSeed } from '../seed/install.ts';
import type { SeedBundle } from '../seed/schema.ts';
import { get } from 'idb-keyval';
import { SERVER_CATALOGUE_KEY } from '../catalogue/server-catalogue-key.ts';
import { legacyDeviceId, revokeOnServer, type Session } from '../auth/session.ts';
import { rememberAccount } from '../db/accounts.ts';
import { databaseNameFor } from '../db/legacy.ts';
import { countSaves } from '../models/history-groups.ts';
import { forgetQueuedRequests } from '../sw-bridge.ts';
import { prepareSmsKey } from '../sms/key.ts';
import { SyncController } from '../sync/controller.ts';
import { HomeScreen } from '../home/HomeScreen.tsx';
import { CatalogueScreen } from '../catalogue/CatalogueScreen.tsx';
import { CatalogueModelScreen } from '../catalogue/CatalogueModelScreen.tsx';
import { ModelDetailScreen } from '../models/ModelDetailScreen.tsx';
import { StatusForm } from '../models/StatusForm.tsx';
import { ChecklistsScreen } from '../checklists/ChecklistsScreen.tsx';
import { ChecklistForm } from '../checklists/ChecklistForm.tsx';
import { IndicatorsScreen } from '../indicators/IndicatorsScreen.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { ReminderRunner } from '../reminders/Reminders.tsx';
import { ReorgNotice } from './ReorgNotice.tsx';
import { knownUnits } from '../reports/scope.ts';
import { m } from './messages.ts';
import { m as common } from '../i18n/common.ts';

const loadServerCatalogue = () => import('../catalogue/server-catalogue.ts');

async function startServices(session: Session, logout: () => Promise<void>, onSeed: (seed: SeedBundle) => void): Promise<Services> {
  // This person's own database: a second person on the same phone never sees or pushes it.
  const db = openDb(await databaseNameFor(session.user.id));
  // Sessions saved by an older version used one id for the whole phone.
  const device = session.deviceId ?? (await legacyDeviceId());
  if (!device) throw new Error(m.noDeviceId);
  let sync: SyncController | undefined;
  const store = new LocalStore({ db, deviceId: device, now: () => Date.now() + (sync?.clockOffset ?? 0) });
  // The server issued this person a different id than the one their queue was stamped with
  // (first login after an upgrade, a revoked phone): re-stamp the queue under the new one.
  const stamped = await store.clockDevice();
  if (stamped !== null && stamped !== device) await store.reidentify(device);
  const installed = await ensureSeed(db);
  // The server's units (the session's) over the seed's: a unit made or moved by a reorganisation
  // (a merged commune, its closed predecessors) exists for every screen, not only the dashboard.
  const base = { ...installed, units: knownUnits(session.units, installed.units) };
  // The server's catalogue as last fetched (an import, the service rows an admin named), from the
  // device: start-up never waits on the network. It is revalidated below, in the background. Its
  // code is loaded only when one is kept (a first visit on 2G makes no extra request for it).
  const kept = await get(SERVER_CATALOGUE_KEY).catch(() => undefined);
  const seed =
    kept === undefined ? base : await loadServerCatalogue().then(async (c) => c.withServerCatalogue(base, await c.keptServerCatalogue()), () => base);
  const account = { userId: session.user.id, username: session.user.username, displayName: session.user.displayName };
  await rememberAccount({ ...account, deviceId: device, pending: countSaves(await store.db.outbox.toArray()) });
  sync = new SyncController(store, { ...session, deviceId: device });
  void sync.start();
  // The SMS secret is needed when there is no data: fetched now, while there is (once per phone).
  void prepareSmsKey({ ...session, deviceId: device });
  // A catalogue the server changed since (an admin's import or naming) reaches the screens at once.
  if (typeof navigator === 'undefined' || navigator.onLine !== false) {
    void loadServerCatalogue().then(
      async (c) => {
        const fresh = await c.refreshServerCatalogue();
        const next = fresh?.changed ? c.withServerCatalogue(base, fresh.catalogue) : seed;
        if (next !== seed) onSeed(next);
      },
      () => undefined,
    );
  }
  const running = sync;
  return {
    store,
    seed,
    session,
    sync,
    logout: async () => {
      // A sync still in flight could fail after the worker's queue is emptied and be queued again.
      await running.stopAndWait();
      // What is still queued stays in this person's database and waits for them; the phone says so.
      await rememberAccount({ ...account, pending: countSaves(await store.db.outbox.toArray()) });
      await revokeOnServer('', running.session.token);
      // The service worker's retry queue holds requests carrying this person's token.
      await forgetQueuedRequests();
      db.close();
      await logout();
    },
  };
}

export default function Shell({ session, logout }: { session: Session; logout: () => Promise<void> }) {
  const [services, setServices] = useState<Services | { error: string } | null>(null);
  const route = useRoute();
  useEffect(() => {
    let live = true;
    const onSeed = (seed: SeedBundle) => live && setServices((s) => (s && !('error' in s) ? { ...s, seed } : s));
    startServices(session, logout, onSeed).then(
      (s) => live && setServices(s),
      (e: unknown) => live && setServices({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => void (live = false);
  }, [session]);
  if (!services) return <p class="boot">{m.booting}</p>;
  if ('error' in services)
    return (
      <p class="boot error" role="alert">
        {m.dataFailed(services.error)}
      </p>
    );
  return (
    <ServicesContext.Provider value={services}>
      <ReorgNotice />
      <Screen route={route} />
      <ReminderRunner />
    </ServicesContext.Provider>
  );
}

// Screens not every phone needs are separate chunks, loaded on first visit: the reports
// (precached, they work offline) and the district dashboard (cached when first used).
type RouteModule = { default: ComponentType<{ route: string[] }> };
const loadReports = () => import('../reports/reports-screens.tsx');
const loadDashboard = () => import('../dashboard/dashboard-screen.tsx');
const loadTasks = () => import('../tasks/tasks-screens.tsx');
// Administration: only for those the server lets administer, cached when first used, never precached.
const loadAdmin = () => import('../admin/admin-screen.tsx');
const loadMembers = () => import('../enrol/MembersScreen.tsx');
// Inspection campaigns: precached, since the inspected commune answers its outline offline.
const loadInspections = () => import('../inspections/inspections-screens.tsx');
// Hand-off between phones: precached, since the village phone opens it with no network.
const loadHandoff = () => import('../handoff/handoff-screens.tsx');

function Lazy({ load, route }: { load: () => Promise<RouteModule>; route: string[] }) {
  const [mod, setMod] = useState<RouteModule | 'failed' | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (m) => live && setMod(m),
      () => live && setMod('failed'),
    );
    return () => void (live = false);
  }, [load]);
  if (mod === 'failed') return <p class="boot error" role="alert">{m.screenFailed}</p>;
  return mod ? <mod.default route={route} /> : <p class="boot">{common.opening}</p>;
}

function Screen({ route }: { route: string[] }) {
  const [first, second, third] = route;
  switch (first) {
    case 'catalogue':
      return second ? <CatalogueModelScreen modelId={second} /> : <CatalogueScreen />;
    case 'models':
      if (second && third === 'status') return <StatusForm adoptionId={second} />;
      return second ? <ModelDetailScreen adoptionId={second} /> : <CatalogueScreen />;
    case 'checklists':
      return second ? <ChecklistForm templateId={second} /> : <ChecklistsScreen />;
    case 'indicators':
      return <IndicatorsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'reports':
      return <Lazy key="reports" load={loadReports} route={route} />;
    case 'dashboard':
      return <Lazy key="dashboard" load={loadDashboard} route={route} />;
    case 'tasks':
      return <Lazy key="tasks" load={loadTasks} route={route} />;
    case 'admin':
      return <Lazy key="admin" load={loadAdmin} route={route} />;
    case 'members':
      return <Lazy key="members" load={loadMembers} route={route} />;
    case 'inspections':
      return <Lazy key="inspections" load={loadInspections} route={route} />;
    case 'handoff':
      return <Lazy key="handoff" load={loadHandoff} route={route} />;
    default:
      return <HomeScreen />;
  }
}
