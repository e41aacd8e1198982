// The real sync server for the benchmarks: a child process running sync-server/main.ts
// (the entry point `npm start` uses) on a free loopback port, over a temporary DATA_DIR
// that the benchmark fills first through the server's own store code (units, users with
// one shared scrypt hash, bearer tokens issued directly — no login round trips).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { OrgUnit } from '../../src/domain/org.ts';
import type { Role } from '../../src/domain/people.ts';
import { hashPassword } from '../../sync-server/auth/password.ts';
import { TOKEN_LIFETIME_MS, newToken, tokenHash } from '../../sync-server/auth/tokens.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const TMP = join(ROOT, 'bench/.tmp');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

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

export interface RunningServer {
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServer(opts: { dataDir: string; staticDir?: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<RunningServer> {
  const port = await freePort();
  let out = '';
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'sync-server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      NODE_ENV: 'production',
      ...(opts.staticDir ? { STATIC_DIR: opts.staticDir } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
