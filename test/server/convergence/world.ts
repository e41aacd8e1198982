// One world for a convergence run: the real server in process (SQLite in memory, the real
// seed), real people who sign in over HTTP, and phones — each person on a phone has their own
// IndexedDB database (dbNameFor) with the real LocalStore, and the real SyncEngine talking
// through the faulty Network. Some phones are shared by two people; one person uses two phones.
import 'fake-indexeddb/auto';
import { openDb, dbNameFor, type AppDb } from '../../../src/db/schema.ts';
import { LocalStore } from '../../../src/db/store.ts';
import { SyncEngine, type SyncOutcome } from '../../../src/sync/engine.ts';
import type { Role } from '../../../src/domain/people.ts';
import { createApp } from '../../../sync-server/app.ts';
import { hashPassword } from '../../../sync-server/auth/password.ts';
import { DEMO_USERS, seedStore } from '../../../sync-server/seed.ts';
import { openSqliteStore } from '../../../sync-server/store/sqlite.ts';
import type { SyncStore } from '../../../sync-server/store/types.ts';
import { Network } from './network.ts';

/** 25 Nov 2026, 09:00 in Vietnam. */
export const T0 = Date.UTC(2026, 10, 25, 2, 0, 0);
const PASSWORD = DEMO_USERS.password;

export interface Person {
  id: string;
  username: string;
  role: Role;
  unitId: string;
}

const demo = (id: string): Person => {
  const u = DEMO_USERS.users.find((x) => x.id === id);
  if (!u) throw new Error(`no demo user ${id}`);
  return { id: u.id, username: u.username, role: u.role, unitId: u.unitId };
};

/** Four people of commune Thiệu Vân who may all write the status of the models assigned to the villages
 * (communeStanding: the whole commune; villageMember: models whose adoption lists its village). */
export const PEOPLE = {
  congan: demo('u-thieuvan-congan'),
  thon1: demo('u-thieuvan-thon1'),
  vanhoa: { id: 'u-thieuvan-vanhoa', username: 'thieuvan.vanhoa', role: 'communeStanding', unitId: 'tv' },
  thon2: { id: 'u-thieuvan-thon2', username: 'thieuvan.thon2', role: 'villageMember', unitId: 'tv-thon-2' },
} satisfies Record<string, Person>;
export type PersonName = keyof typeof PEOPLE;

export interface PhoneSpec {
  name: string;
  /** How far the phone's clock is off the server's (ms) until the engine learns the offset. */
  skewMs: number;
  /** Who signs in on it; the first one owns the legacy database name. */
  people: readonly PersonName[];
}

/** p1 and p2 are shared; Công an uses p1 and p3. p2 runs 20 min fast (its first stamps are
 * re-stamped by the server), p3 7 min slow. */
export const PHONES: readonly PhoneSpec[] = [
  { name: 'p1', skewMs: 0, people: ['congan', 'thon1'] },
  { name: 'p2', skewMs: 20 * 60_000, people: ['vanhoa', 'thon2'] },
  { name: 'p3', skewMs: -7 * 60_000, people: ['congan'] },
];

export interface Seat {
  /** "p1/congan". */
  key: string;
  phone: PhoneSpec;
  person: Person;
  db: AppDb;
  store: LocalStore;
  engine: SyncEngine;
  deviceId: string;
  token: string;
  /** Learned from the server's answers, as the app's SyncController does. */
  clockOffset: number;
  /** Times the engine asked for a new device identity (none expected in this workload). */
  renewals: number;
  lastOutcome: SyncOutcome | null;
}

export interface World {
  store: SyncStore;
  net: Network;
  clock: { now: () => number; advance: (ms: number) => void };
  seats: Seat[];
  /** Unexpected server errors (logError). */
  serverErrors: unknown[];
  relogin(seat: Seat): Promise<void>;
  close(): Promise<void>;
}

let cheapHash: Promise<string> | undefined;
/** The stored hash names its cost: a cheap one keeps a hundred logins per file fast. */
const passwordHash = () => (cheapHash ??= hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }));

let worlds = 0;

/** A fresh, empty server store: SQLite in memory unless the caller picks another (PostgreSQL). */
export type OpenStore = () => Promise<SyncStore>;
const inMemory: OpenStore = async () => openSqliteStore({ file: ':memory:' });

export async function createWorld(phones: readonly PhoneSpec[] = PHONES, openStore: OpenStore = inMemory): Promise<World> {
  const run = ++worlds;
  let t = T0;
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const store = await openStore();
  await seedStore(store, { demo: false, now: T0 });
  const names = new Set(phones.flatMap((p) => p.people));
  for (const name of names) {
    const p = PEOPLE[name];
    await store.createUser({ ...p, displayName: `Tài khoản ${p.username}`, passwordHash: await passwordHash(), createdAt: T0 });
  }
  const serverErrors: unknown[] = [];
  const app = createApp({ store, now: clock.now, staticDir: null, logError: (err) => void serverErrors.push(err) });
  const net = new Network(app);

  // As the app signs in (src/auth/session.ts): the first time on a phone the server mints the
  // person's device id; later the phone proposes the id it was given.
  const login = async (person: Person, proposed: string | null): Promise<{ token: string; deviceId: string }> => {
    const res = await app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: person.username, password: PASSWORD, ...(proposed ? { deviceId: proposed } : {}) }),
    });
    const body = (await res.json()) as { token?: unknown; deviceId?: unknown };
    if (res.status !== 200 || typeof body.token !== 'string' || typeof body.deviceId !== 'string') {
      throw new Error(`login ${person.username}: ${res.status} ${JSON.stringify(body)}`);
    }
    return { token: body.token, deviceId: body.deviceId };
  };

  const seats: Seat[] = [];
  for (const phone of phones) {
    for (const name of phone.people) {
      const person = PEOPLE[name];
      const { token, deviceId } = await login(person, null);
      const db = openDb(`conv${process.pid}_${run}_${phone.name}/${dbNameFor(person.id, PEOPLE[phone.people[0]!].id)}`);
      const key = `${phone.name}/${name}`;
      const deviceNow = () => clock.now() + phone.skewMs;
      // The store and engine read the seat (offset, id, token) through closures; assigned below.
      let seat: Seat;
      const local = new LocalStore({ db, deviceId, now: () => deviceNow() + seat.clockOffset });
      const engine = new SyncEngine({
        store: local,
        deviceId: () => seat.deviceId,
        renewDevice: async () => {
          seat.renewals++;
          return null;
        },
        baseUrl: 'http://in-process',
        token: () => seat.token,
        fetch: net.fetchFor(key),
        deviceNow,
        random: () => 0.5,
        sleep: async () => undefined,
        // Small batches: a multi-request sync gives the network more requests to play with.
        batchBytes: 600,
        onClockOffset: (offset) => void (seat.clockOffset = offset),
      });
      seat = { key, phone, person, db, store: local, engine, deviceId, token, clockOffset: 0, renewals: 0, lastOutcome: null };
      seats.push(seat);
    }
  }

  return {
    store,
    net,
    clock,
    seats,
    serverErrors,
    async relogin(seat) {
      // Signing out revokes the token (old copies in the retry queue are refused with 401);
      // signing in again on the same phone proposes the id this person was issued here.
      await app.request('/api/logout', { method: 'POST', headers: { authorization: `Bearer ${seat.token}` } });
      const again = await login(seat.person, seat.deviceId);
      if (again.deviceId !== seat.deviceId) throw new Error(`${seat.key}: signing in again gave device ${again.deviceId}, not ${seat.deviceId}`);
      seat.token = again.token;
    },
    async close() {
      for (const s of seats) {
        s.db.close();
        await s.db.delete();
      }
      await store.close();
    },
  };
}
