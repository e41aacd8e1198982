import { joinBase } from '../../src/domain/sync/merge.ts';
// A seeded in-memory server for in-process tests: a pinned clock, users created without
// paying for scrypt each time, tokens issued directly, and a small request helper.
import type { Role } from '../../src/domain/people.ts';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import { SYNC_FORMAT_VERSION, type PushedChange, type SyncResponse } from '../../src/domain/sync/wire.ts';
import { createApp, type AppDeps } from '../../sync-server/app.ts';
import { hashPassword } from '../../sync-server/auth/password.ts';
import { TOKEN_LIFETIME_MS, newToken, tokenHash } from '../../sync-server/auth/tokens.ts';
import { DEMO_USERS, seedStore } from '../../sync-server/seed.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import type { SyncStore, UserRecord } from '../../sync-server/store/types.ts';

/** 25 Nov 2026, 09:00 in Vietnam. */
export const T0 = Date.UTC(2026, 10, 25, 2, 0, 0);
export const PASSWORD = 'demo2026';

let hash: Promise<string> | undefined;
/** One scrypt hash shared by every test user. */
export const passwordHash = (): Promise<string> => (hash ??= hashPassword(PASSWORD));

export const hlcAt = (ms: number, device: string, counter = 0): Hlc => encodeHlc({ wall: ms, counter, device });

/** A pushed change; an empty author is filled in by `sync` with the token's user (the usual case). */
export const change = (
  seq: number, coll: Collection, id: string, field: string, value: FieldValue, hlc: Hlc, base: Hlc | null, unit: string, author = '',
): PushedChange => [seq, coll, id, field, value, hlc, joinBase(base ? [base] : []), unit, author];

export interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; expected?: number; index?: number };
}

export interface Reply<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  store: SyncStore;
  app: ReturnType<typeof createApp>;
  clock: { now: () => number; set: (t: number) => void; advance: (ms: number) => void };
  addUser(u: { id: string; username: string; role: Role; unitId: string; displayName?: string }): Promise<UserRecord>;
  /** A bearer token for a user on a device, issued without a login round trip. */
  session(userId: string, deviceId: string): Promise<string>;
  request<T = unknown>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply<T>>;
  sync(token: string, deviceId: string, changes: PushedChange[], p?: number, n?: number): Promise<Reply<SyncResponse & ErrorJson>>;
  close(): Promise<void>;
}

export async function testServer(options: { demoUsers?: boolean; deps?: Partial<AppDeps>; /** A SQLite file instead of memory. */ file?: string } = {}): Promise<TestServer> {
  let t = T0;
  const clock = { now: () => t, set: (v: number) => void (t = v), advance: (ms: number) => void (t += ms) };
  const store = openSqliteStore({ file: options.file ?? ':memory:' });
  await seedStore(store, { demo: false, now: T0 });
  const addUser: TestServer['addUser'] = async (u) => {
    const record: UserRecord = { displayName: `Tài khoản ${u.username}`, ...u, passwordHash: await passwordHash(), createdAt: T0, active: true, canAdmin: false };
    await store.createUser(record);
    return record;
  };
  if (options.demoUsers) for (const u of DEMO_USERS.users) await addUser(u);

  const userOfToken = new Map<string, string>();
  const app = createApp({ store, now: clock.now, staticDir: null, logError: () => undefined, ...options.deps });
  const request: TestServer['request'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    // Tests read the JSON they expect; a wrong shape fails the expectations that follow.
    const body = (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as never;
    return { status: res.status, body, headers: res.headers };
  };
  return {
    store,
    app,
    clock,
    addUser,
    async session(userId, deviceId) {
      const token = newToken();
      await store.createToken({ hash: tokenHash(token), userId, deviceId, createdAt: t, expiresAt: t + TOKEN_LIFETIME_MS, revokedAt: null });
      userOfToken.set(token, userId);
      return token;
    },
    request,
    sync: (token, deviceId, changes, p = 0, n) => {
      const author = userOfToken.get(token) ?? '';
      const c = changes.map((x): PushedChange => (x[8] ? x : [...(x.slice(0, 8) as [number, Collection, string, string, unknown, Hlc, PushedChange[6], string]), author]));
      return request('POST', '/api/sync', { token, body: { v: SYNC_FORMAT_VERSION, d: deviceId, c, p, ...(n ? { n } : {}) } });
    },
    close: () => store.close(),
  };
}
