// The server the fuzzer attacks: the real app (createApp) on a real SQLite file (so the
// file can be checked with PRAGMA integrity_check afterwards), seeded, with the demo
// people logged in through the real /api/login, a built-app directory to serve, and a
// secret file next to it that no request may ever read. Every unexpected error the app
// reports (deps.logError) and every console.error/warn line is captured: a client error
// must never show up there.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { Role } from '../../../src/domain/people.ts';
import { createApp, type AppDeps } from '../../../sync-server/app.ts';
import { TOKEN_LIFETIME_MS, newToken, tokenHash } from '../../../sync-server/auth/tokens.ts';
import { DEMO_USERS, seedStore } from '../../../sync-server/seed.ts';
import { openSqliteStore } from '../../../sync-server/store/sqlite.ts';
import type { SyncStore } from '../../../sync-server/store/types.ts';
import { hashPassword } from '../../../sync-server/auth/password.ts';
import { PASSWORD, T0 } from '../helpers.ts';

export interface Actor {
  userId: string;
  username: string;
  role: Role;
  unitId: string;
  token: string;
  /** The device the server bound this session to (from /api/me). */
  deviceId: string;
}

export interface Captured {
  /** What the app handed to deps.logError (an unexpected error: a stack trace in production). */
  errors: { err: unknown; where: string }[];
  /** console.error / console.warn lines written while the fuzzer ran. */
  console: unknown[][];
}

export interface World {
  dir: string;
  dbFile: string;
  distDir: string;
  /** Text of a file outside dist/ that path traversal must never reach. */
  secret: string;
  secretName: string;
  store: SyncStore;
  app: ReturnType<typeof createApp>;
  now: () => number;
  actors: Actor[];
  /** Tokens that must be refused: expired, revoked. */
  expiredToken: string;
  revokedToken: string;
  captured: Captured;
  /** A fresh valid session of an actor's user and device (for logout, which revokes it). */
  freshToken(actor: Actor): Promise<string>;
  close(): Promise<void>;
}

export async function makeWorld(deps: Partial<AppDeps> = {}): Promise<World> {
  // A RAM disk when there is one: the fuzzer checks what is written, not how fast fsync is.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'so-tay-fuzz-'));
  const dbFile = join(dir, 'sync.db');
  const distDir = join(dir, 'dist');
  const secretName = 'bi-mat.txt';
  const secret = `FUZZ-SECRET-${process.pid}-${Date.now()}`;
  mkdirSync(join(distDir, 'assets'), { recursive: true });
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><html lang="vi"><title>Sổ tay Đề án 06</title></html>');
  writeFileSync(join(distDir, 'assets', 'index-B2x9_aQf.js'), 'console.log("Sổ tay");');
  writeFileSync(join(distDir, 'sw.js'), 'self.skipWaiting;');
  writeFileSync(join(distDir, 'manifest.webmanifest'), '{"name":"Sổ tay Đề án 06"}');
  writeFileSync(join(dir, secretName), secret);

  let t = T0;
  const now = () => t;
  const store = openSqliteStore({ file: dbFile });
  await seedStore(store, { demo: false, now: T0 });
  // A cheap scrypt cost for these accounts (the stored hash names its own cost): the fuzzer
  // sends hundreds of logins and is not here to measure password hashing.
  const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  for (const u of DEMO_USERS.users) await store.createUser({ ...u, passwordHash: hash, createdAt: T0 });

  const captured: Captured = { errors: [], console: [] };
  const app = createApp({
    store,
    now,
    staticDir: distDir,
    logError: (err, c) => captured.errors.push({ err, where: `${c.req.method} ${c.req.path}` }),
    ...deps,
  });

  // Sessions through the real login, so the server mints and binds each device as it would
  // for a phone (an id nobody can guess: a generated login naming it would end the session);
  // the bound id is read back from /api/me.
  const actors: Actor[] = [];
  for (const u of DEMO_USERS.users) {
    const login = await app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u.username, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login of ${u.username} failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const me = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    const { deviceId } = (await me.json()) as { deviceId: string };
    actors.push({ userId: u.id, username: u.username, role: u.role, unitId: u.unitId, token, deviceId });
  }

  const expiredToken = newToken();
  await store.createToken({
    hash: tokenHash(expiredToken), userId: actors[0]!.userId, deviceId: actors[0]!.deviceId,
    createdAt: T0 - TOKEN_LIFETIME_MS - 1000, expiresAt: T0 - 1000, revokedAt: null,
  });
  const revoked = await app.request('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: actors[1]!.username, password: PASSWORD, deviceId: 'fuzzrevoked' }),
  });
  const revokedToken = ((await revoked.json()) as { token: string }).token;
  await app.request('/api/logout', { method: 'POST', headers: { authorization: `Bearer ${revokedToken}` } });

  return {
    dir, dbFile, distDir, secret, secretName, store, app, now, actors, expiredToken, revokedToken, captured,
    async freshToken(actor) {
      const token = newToken();
      await store.createToken({ hash: tokenHash(token), userId: actor.userId, deviceId: actor.deviceId, createdAt: t, expiresAt: t + TOKEN_LIFETIME_MS, revokedAt: null });
      return token;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The body of an answer as text, undoing the compression the app applied (compress()). */
export async function answerText(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  if (encoding === 'gzip') return gunzipSync(bytes).toString('utf8');
  if (encoding === 'deflate') return inflateSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

/** Routes console.error/warn into `captured` for the duration; returns the restore function. */
export function captureConsole(captured: Captured): () => void {
  const original = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => void captured.console.push(['error', ...args]);
  console.warn = (...args: unknown[]) => void captured.console.push(['warn', ...args]);
  return () => {
    console.error = original.error;
    console.warn = original.warn;
  };
}
