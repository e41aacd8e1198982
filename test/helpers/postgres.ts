// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temporary directory,
// a free loopback port, its unix socket in that directory, and gone when stopped.
//
//   import { withPostgres, startPostgres } from '../helpers/postgres.ts';
//
//   // In a vitest file: the run's shared cluster (started on first use, stopped by the
//   // global teardown), or null when PostgreSQL is not installed (one line says what is
//   // missing; with REQUIRE_POSTGRES=1 it throws instead, so a broken harness fails).
//   const pg = await withPostgres();
//   describe.skipIf(!pg)('…', () => { … const url = await pg!.newDatabase(); … });
//   afterAll(() => pg?.stop());   // stops only a cluster this file started itself
//
//   // Anywhere else (benchmarks, scripts): a cluster of your own; stop() removes it.
//   const own = await startPostgres({ durable: true });
//
// `url` is the superuser's URL on the `postgres` database; `newDatabase()` creates an empty
// database and returns its URL, so test files (and tests) running in parallel never share
// tables. The cluster trusts local connections (no password) and by default runs with
// fsync=off and full_page_writes=off: a test cluster never survives a machine crash, and
// that is what makes initdb and commits fast. `durable: true` keeps PostgreSQL's defaults
// (for benchmarks whose commits must reach the disk).
//
// PostgreSQL refuses to run as root: as root, the directory belongs to the `postgres` user
// (created by Debian's package) and initdb/pg_ctl run through `runuser -u postgres --`.
// Binaries: POSTGRES_BIN if set, else initdb and pg_ctl on PATH, else the newest
// /usr/lib/postgresql/<version>/bin (Debian keeps them there). scripts/ensure-postgres.mjs installs them under `npm test`.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** Creates an empty database (optionally named: [a-z0-9_]) and returns its URL. */
  newDatabase(name?: string): Promise<string>;
  /** Stops the cluster and removes its directory (a no-op on the shared cluster of a vitest run). */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Keep fsync and full_page_writes on (default off: fast, and lost in a machine crash). */
  durable?: boolean;
  /** max_connections (default 200: several server processes with their pools). */
  maxConnections?: number;
}

/** Where initdb and pg_ctl are, or what is missing. */
export function findPostgres(): { bin: string } | { missing: string } {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const chosen = process.env.POSTGRES_BIN;
  if (chosen && !has(chosen)) return { missing: `POSTGRES_BIN=${chosen} holds no initdb/pg_ctl` };
  let bin = chosen || (process.env.PATH ?? '').split(delimiter).find((d) => d && has(d));
  if (!bin && existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find(has);
  }
  if (!bin) {
    return { missing: 'initdb/pg_ctl not found (on Debian: apt-get install postgresql — `npm test` does it when run as root — or put their directory on PATH)' };
  }
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return { missing: 'running as root and there is no `postgres` user to run the server as (apt-get install postgresql creates it)' };
    }
  }
  return { bin };
}

const isRoot = () => process.getuid?.() === 0;
/** Runs a PostgreSQL program, as the `postgres` user when we are root. */
const pgRun = (bin: string, program: string, args: string[]) =>
  isRoot() ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args]) : run(join(bin, program), args);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

interface ClusterInfo {
  dir: string;
  bin: string;
  port: number;
}

const urlFor = (port: number, db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;

async function initAndStart(bin: string, options: StartOptions): Promise<ClusterInfo> {
  const dir = mkdtempSync(join(tmpdir(), 'so-tay-pg-'));
  if (isRoot()) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const data = join(dir, 'data');
  try {
    await pgRun(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-instructions', ...(options.durable ? [] : ['--no-sync'])]);
    const settings = [
      'listen_addresses=127.0.0.1',
      `unix_socket_directories=${dir}`,
      `max_connections=${options.maxConnections ?? 200}`,
      ...(options.durable ? [] : ['fsync=off', 'full_page_writes=off']),
    ];
    // A port found free can be taken before the server binds it (other files start clusters too).
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const opts = [`-c port=${port}`, ...settings.map((s) => `-c ${s}`)].join(' ');
      try {
        await pgRun(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start']);
        return { dir, bin, port };
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  } catch (e) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Không khởi động được PostgreSQL thử nghiệm: ${e instanceof Error ? e.message : String(e)}\n${log}`);
  }
}

async function stopCluster(info: ClusterInfo): Promise<void> {
  // Immediate: nothing in a throwaway cluster is worth a checkpoint.
  await pgRun(info.bin, 'pg_ctl', ['-D', join(info.dir, 'data'), '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  rmSync(info.dir, { recursive: true, force: true });
}

let dbCounter = 0;
function handle(info: ClusterInfo, stop: () => Promise<void>): PgCluster {
  const url = urlFor(info.port, 'postgres');
  return {
    url,
    port: info.port,
    async newDatabase(name?: string) {
      const db = name ?? `t_${process.pid}_${++dbCounter}_${Math.random().toString(36).slice(2, 8)}`;
      if (!/^[a-z0-9_]+$/.test(db)) throw new Error(`Tên cơ sở dữ liệu không hợp lệ: ${db}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${db}`);
      } finally {
        await client.end();
      }
      return urlFor(info.port, db);
    },
    stop,
  };
}

/** Starts a cluster of your own (benchmarks, scripts, a test that must not share one). */
export async function startPostgres(options: StartOptions = {}): Promise<PgCluster> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(`PostgreSQL: ${found.missing}`);
  const info = await initAndStart(found.bin, options);
  let stopped: Promise<void> | null = null;
  return handle(info, () => (stopped ??= stopCluster(info)));
}

// ---- The shared cluster of a vitest run ----
// The global setup below makes an empty state directory and names it in SHARED_ENV; the first
// test file that asks for PostgreSQL starts the cluster (a mkdir lock decides which), writes
// ready.json there, and every other file uses it. The global teardown stops it. So a vitest
// run that needs no PostgreSQL never pays for initdb.
const SHARED_ENV = 'SO_TAY_PG_SHARED';
const requirePg = () => /^(1|true|yes)$/i.test(process.env.REQUIRE_POSTGRES ?? '');

async function sharedCluster(stateDir: string, bin: string): Promise<ClusterInfo> {
  const ready = join(stateDir, 'ready.json');
  const failed = join(stateDir, 'failed.txt');
  let mine = false;
  try {
    mkdirSync(join(stateDir, 'lock'));
    mine = true;
  } catch {
    // Another file is starting it.
  }
  if (mine) {
    try {
      const info = await initAndStart(bin, {});
      writeFileSync(`${ready}.tmp`, JSON.stringify(info));
      renameSync(`${ready}.tmp`, ready);
      return info;
    } catch (e) {
      writeFileSync(failed, e instanceof Error ? e.message : String(e));
      throw e;
    }
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (existsSync(ready)) return JSON.parse(readFileSync(ready, 'utf8')) as ClusterInfo;
    if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
    if (Date.now() > deadline) throw new Error('PostgreSQL thử nghiệm dùng chung không sẵn sàng sau 120 giây');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let warned = false;
/**
 * PostgreSQL for a vitest file: the run's shared cluster when the global setup is installed,
 * else one of this file's own (stop() removes it). null when PostgreSQL is not installed and
 * REQUIRE_POSTGRES is not set; the reason is printed once.
 */
export async function withPostgres(): Promise<PgCluster | null> {
  const found = findPostgres();
  if ('missing' in found) {
    if (requirePg()) throw new Error(`REQUIRE_POSTGRES=1 but ${found.missing}`);
    if (!warned) console.warn(`[postgres] PostgreSQL tests skipped: ${found.missing}.`);
    warned = true;
    return null;
  }
  const stateDir = process.env[SHARED_ENV];
  if (stateDir && existsSync(stateDir)) return handle(await sharedCluster(stateDir, found.bin), async () => undefined);
  return startPostgres();
}

/** Vitest global setup (vite.config.ts `globalSetup`): prepares the shared cluster's state directory. */
export function setup(): void {
  const stateDir = mkdtempSync(join(tmpdir(), 'so-tay-pg-shared-'));
  process.env[SHARED_ENV] = stateDir;
}

/** Vitest global teardown: stops the shared cluster if some file started it. */
export async function teardown(): Promise<void> {
  const stateDir = process.env[SHARED_ENV];
  if (!stateDir) return;
  const ready = join(stateDir, 'ready.json');
  if (existsSync(ready)) await stopCluster(JSON.parse(readFileSync(ready, 'utf8')) as ClusterInfo);
  rmSync(stateDir, { recursive: true, force: true });
}
