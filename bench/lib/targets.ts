// The server configurations the issue-13 benchmarks compare, each a real server run as a
// child process (the entry point `npm start` uses) over real HTTP on loopback:
//   sqlite      one process on one SQLite file (the embedded default)
//   pg1         one process on PostgreSQL (DATABASE_URL)
//   pg2         two processes on one PostgreSQL behind one port (`npm run start:cluster`)
// PostgreSQL needs the team's throwaway-cluster harness (test/helpers/postgres.ts) and store
// (sync-server/store/postgres.ts); until they exist those configurations report why they did not run.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { withDescendants } from './procstat.ts';
import type { OrgUnit } from '../../src/domain/org.ts';
import type { SyncStore } from '../../sync-server/store/types.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { ROOT, freePort, startServer, tempDir, type BenchUser } from './server.ts';
import { seedAccounts } from './sim.ts';

export type TargetName = 'sqlite' | 'pg1' | 'pg2';

export const TARGET_LABEL: Record<TargetName, string> = {
  sqlite: 'SQLite, 1 process',
  pg1: 'PostgreSQL, 1 process',
  pg2: 'PostgreSQL, 2 processes',
};

export interface Target {
  name: TargetName;
  url: string;
  /** The processes whose CPU counts as "the server" (server processes, PostgreSQL's). */
  pids: () => number[];
  /** Opens the store the server uses (e.g. to read database size), in this process. */
  stop: () => Promise<void>;
  /** Database size on disk, bytes. */
  dbBytes: () => Promise<number>;
}

/** Prepared data the target's server will open: accounts and whatever `fill` writes. */
export type Fill = (store: SyncStore, dbBytes: () => Promise<number>) => Promise<void>;

export interface PgHarness {
  url: string;
  pid: number | null;
  stop: () => Promise<void>;
}

/** Why a configuration cannot run here (null when it can). */
export function unavailable(name: TargetName): string | null {
  if (name === 'sqlite') return null;
  if (!existsSync(join(ROOT, 'sync-server/store/postgres.ts'))) return 'the PostgreSQL store (sync-server/store/postgres.ts) is not in the tree yet';
  if (!process.env.DATABASE_URL && !existsSync(join(ROOT, 'test/helpers/postgres.ts'))) return 'no DATABASE_URL and no PostgreSQL harness (test/helpers/postgres.ts)';
  if (name === 'pg2' && !clusterEntry()) return 'no cluster runner (`npm run start:cluster`) in the tree yet';
  return null;
}

/** What `npm run start:cluster` runs. */
function clusterEntry(): string | null {
  return existsSync(join(ROOT, 'sync-server/cluster.ts')) ? 'sync-server/cluster.ts' : null;
}

async function openPgStore(url: string): Promise<SyncStore> {
  const { openPostgresStore } = await import('../../sync-server/store/postgres.ts');
  return openPostgresStore({ url });
}

/** The postmaster of the cluster listening on `port` (found by its command line), for CPU accounting. */
function postmasterPid(port: number): number | null {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (/postgres$/.test(cmd[0] ?? '') && cmd.includes('-D') && cmd.some((a) => a.includes(`port=${port}`))) return Number(name);
    } catch {
      /* gone */
    }
  }
  return null;
}

/**
 * A throwaway PostgreSQL cluster (the team's harness, test/helpers/postgres.ts) — durable
 * (fsync on, full-page writes), as SQLite runs with synchronous=FULL — or DATABASE_URL if set.
 */
let shared: Promise<{ url: string; port: number; newDatabase: (name?: string) => Promise<string>; stop: () => Promise<void> }> | null = null;
/** Databases already seeded for a set-up (by key), copied for each configuration that uses it. */
const templates = new Map<string, { db: string; tokens: Map<string, string> }>();
let dbCounter = 0;

async function sharedCluster() {
  // One cluster for the whole run (initdb costs seconds); a fresh database per configuration.
  shared ??= import('../../test/helpers/postgres.ts').then(({ startPostgres }) => startPostgres({ durable: true }));
  return shared;
}

async function adminQuery(sql: string): Promise<void> {
  const cluster = await sharedCluster();
  const { default: pgMod } = await import('pg');
  const client = new pgMod.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function startPg(): Promise<PgHarness> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, pid: null, stop: async () => undefined };
  const cluster = await sharedCluster();
  const url = await cluster.newDatabase();
  return { url, pid: postmasterPid(cluster.port), stop: async () => undefined };
}

/** Stops the run's PostgreSQL cluster, if one was started. */
export async function stopSharedPostgres(): Promise<void> {
  if (!shared) return;
  const c = await shared.catch(() => null);
  shared = null;
  templates.clear();
  await c?.stop();
}

/**
 * BENCH_RENICE=-10 (root only): runs the generator, the server processes and PostgreSQL at that
 * nice value, so a measurement on a machine other work keeps busy shows the server rather than
 * the scheduler. They still share the cores; the CPU columns say what others took.
 */
export function renice(pids: readonly number[]): void {
  const n = process.env.BENCH_RENICE;
  if (!n || pids.length === 0) return;
  try {
    execFileSync('renice', ['-n', n, '-p', ...withDescendants([process.pid, ...pids]).map(String)], { stdio: 'ignore' });
  } catch {
    /* not permitted: measure as is */
  }
}

/** Prepares the data and starts the configuration's server; `fill` runs on the server's store before it starts. */
export async function startTarget(
  name: TargetName,
  units: readonly OrgUnit[],
  users: readonly BenchUser[],
  opts: { fill?: Fill; nodeArgs?: string[]; env?: Record<string, string>; /** PostgreSQL: reuse the accounts seeded under this key by an earlier configuration (no `fill`). */ templateKey?: string } = {},
): Promise<{ target: Target; tokens: Map<string, string> }> {
  const dataDir = tempDir(`${name}-`);
  if (name === 'sqlite') {
    const file = join(dataDir, 'so-tay.db');
    const store = openSqliteStore({ file });
    const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
    let tokens: Map<string, string>;
    try {
      tokens = await seedAccounts(store, units, users);
      if (opts.fill) await opts.fill(store, async () => size(file) + size(`${file}-wal`));
    } finally {
      await store.close();
    }
    const server = await startServer({ dataDir, nodeArgs: opts.nodeArgs, env: opts.env });
    renice(server.proc.pid ? [server.proc.pid] : []);
    return {
      tokens,
      target: {
        name,
        url: server.url,
        pids: () => (server.proc.pid ? [server.proc.pid] : []),
        stop: () => server.stop(),
        dbBytes: async () => size(file) + size(`${file}-wal`),
      },
    };
  }
  const pg = await startPg();
  if (pg.pid) renice([pg.pid]);
  const dbBytes = async () => {
    const { default: pgMod } = await import('pg');
    const client = new pgMod.Client({ connectionString: pg.url });
    await client.connect();
    try {
      const r = await client.query<{ size: string }>('SELECT pg_database_size(current_database())::text AS size');
      return Number(r.rows[0]!.size);
    } finally {
      await client.end();
    }
  };
  let tokens: Map<string, string>;
  const cached = opts.templateKey && !process.env.DATABASE_URL ? templates.get(opts.templateKey) : undefined;
  if (cached) {
    // The same accounts as a configuration before: a copy of the database seeded then.
    const db = new URL(pg.url).pathname.slice(1);
    await adminQuery(`DROP DATABASE "${db}"`);
    await adminQuery(`CREATE DATABASE "${db}" TEMPLATE "${cached.db}"`);
    tokens = cached.tokens;
  } else {
    const store = await openPgStore(pg.url);
    try {
      tokens = await seedAccounts(store, units, users);
      if (opts.fill) await opts.fill(store, dbBytes);
    } finally {
      await store.close();
    }
    if (opts.templateKey && !process.env.DATABASE_URL) {
      const db = new URL(pg.url).pathname.slice(1);
      const copy = `tmpl_${opts.templateKey.replace(/[^a-z0-9]/gi, '_')}_${++dbCounter}`;
      await adminQuery(`CREATE DATABASE "${copy}" TEMPLATE "${db}"`);
      templates.set(opts.templateKey, { db: copy, tokens });
    }
  }
  const env = { DATABASE_URL: pg.url, ...opts.env };
  const pgPids = () => (pg.pid ? [pg.pid] : []);
  if (name === 'pg1') {
    const server = await startServer({ dataDir, nodeArgs: opts.nodeArgs, env });
    renice([...(server.proc.pid ? [server.proc.pid] : []), ...pgPids()]);
    return {
      tokens,
      target: {
        name, url: server.url,
        pids: () => [...(server.proc.pid ? [server.proc.pid] : []), ...pgPids()],
        stop: async () => { await server.stop(); await pg.stop(); },
        dbBytes,
      },
    };
  }
  // pg2: the cluster runner, 2 processes on one port.
  const port = await freePort();
  const entry = clusterEntry()!;
  let out = '';
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production', DEMO: '0', WORKERS: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`cluster exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`cluster did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = () => new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));
  renice([...(proc.pid ? [proc.pid] : []), ...pgPids()]);
  return {
    tokens,
    target: {
      name, url,
      pids: () => [...(proc.pid ? [proc.pid] : []), ...pgPids()],
      stop: async () => {
        if (proc.exitCode === null && proc.signalCode === null) {
          proc.kill('SIGTERM');
          const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
          await exited();
          clearTimeout(t);
        }
        await pg.stop();
      },
      dbBytes,
    },
  };
}
