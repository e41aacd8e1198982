// The real sync server for the benchmarks: a child process running sync-server/main.ts
// (the entry point `npm start` uses) on a free loopback port, over a temporary DATA_DIR
// that the benchmark fills first through the server's own store code (units, users with
// one shared scrypt hash, bearer tokens issued directly — no login round trips).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgUnit } from '../../src/domain/org.ts';
import type { Role } from '../../src/domain/people.ts';
import { hashPassword } from '../../sync-server/auth/password.ts';
import { TOKEN_LIFETIME_MS, newToken, tokenHash } from '../../sync-server/auth/tokens.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { freePort, startServer as startTestServer, type RunningServer } from '../../test/helpers/server.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const TMP = join(ROOT, 'bench/.tmp');

export { freePort };

export function tempDir(prefix: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, prefix));
}

export interface BenchUser {
  id: string;
  username: string;
  role: Role;
  unitId: string;
  deviceId: string;
}

export interface PreparedData {
  dataDir: string;
  /** Bearer token per user id. */
  tokens: Map<string, string>;
}

let sharedHash: Promise<string> | undefined;

/** Creates units, users and tokens in a fresh DATA_DIR through the server's SQLite store. */
export async function prepareDataDir(units: readonly OrgUnit[], users: readonly BenchUser[], now = Date.now()): Promise<PreparedData> {
  const dataDir = tempDir('data-');
  const store = openSqliteStore({ file: join(dataDir, 'so-tay.db') });
  const tokens = new Map<string, string>();
  try {
    const passwordHash = await (sharedHash ??= hashPassword('bench-password-06'));
    await store.transaction(async (tx) => {
      for (const u of units) await tx.putUnit(u);
      for (const u of users) {
        await tx.createUser({ id: u.id, username: u.username, displayName: `Bench ${u.username}`, role: u.role, unitId: u.unitId, passwordHash, createdAt: now });
        const token = newToken();
        await tx.createToken({ hash: tokenHash(token), userId: u.id, deviceId: u.deviceId, createdAt: now, expiresAt: now + TOKEN_LIFETIME_MS, revokedAt: null });
        tokens.set(u.id, token);
      }
    });
  } finally {
    await store.close();
  }
  return { dataDir, tokens };
}

export type { RunningServer } from '../../test/helpers/server.ts';

/** The same child-process server the browser tests use, in production mode (no demo users). */
export function startServer(opts: { dataDir: string; staticDir?: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<RunningServer> {
  return startTestServer({
    dataDir: opts.dataDir,
    nodeArgs: opts.nodeArgs,
    startTimeoutMs: 120_000,
    env: { NODE_ENV: 'production', DEMO: '0', ...(opts.staticDir ? { STATIC_DIR: opts.staticDir } : {}), ...opts.env },
  });
}
