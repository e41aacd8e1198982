// 3. Sync on the wire: the same changed fields synced by our engine and by PouchDB, each
// through its own LatencyProxy (150 ms each way = 300 ms per round trip) that counts the
// HTTP bytes and requests. Both start from a synced baseline of the same 45 records;
// each run changes the first N fields to new values and syncs once, both directions.
//   ours:    the real SyncEngine + LocalStore (Dexie over fake-indexeddb) → real server.
//   pouchdb: pouchdb-core (memory adapter) `local.sync(remote)` → express-pouchdb, one
//            doc per record holding the same fields.
// The two run in turn in this process, alternating which goes first.
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { openDb } from '../src/db/schema.ts';
import { LocalStore, type RecordEdit } from '../src/db/store.ts';
import { SyncEngine } from '../src/sync/engine.ts';
import { LatencyProxy, type ProxyStats } from './lib/proxy.ts';
import { ROOT, freePort, tempDir } from './lib/server.ts';
import { median } from './lib/stats.ts';
import { byRecord, fieldUniverse, type FieldRef } from './lib/workload.ts';

export interface WireFigures {
  bytesUp: number;
  bytesDown: number;
  roundTrips: number;
  ms: number;
}
export interface WireRow {
  changes: number;
  ours: WireFigures;
  pouchdb: WireFigures;
}

/** What each system's requests were in the last run of a size: "METHOD /path" (ids folded) → count. */
export type RequestMix = Map<number, { ours: string; pouchdb: string }>;

function requestMix(lines: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const [method, target] = line.split(' ');
    const path = (target ?? '').split('?')[0]!.replace(/\/wire-[^/]+/, '/{db}').replace(/_local\/[^/]+/, '_local/{id}');
    const key = `${method} ${path || '/'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}× ${k}`).join(', ');
}

interface PouchDoc {
  _id: string;
  _rev?: string;
  [k: string]: unknown;
}
interface PouchDb {
  bulkDocs(docs: PouchDoc[]): Promise<{ ok?: boolean; error?: string }[]>;
  allDocs(opts: { keys: string[]; include_docs: true }): Promise<{ rows: { doc?: PouchDoc }[] }>;
  sync(remote: PouchDb, opts?: Record<string, unknown>): PromiseLike<{ push: { docs_written: number }; pull: { docs_written: number } }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}
type PouchCtor = new (name: string, opts?: Record<string, unknown>) => PouchDb;

const require = createRequire(import.meta.url);
function pouchClient(): PouchCtor {
  type Pluggable = { plugin(p: unknown): Pluggable };
  const core = require('pouchdb-core') as Pluggable;
  return core
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-replication')) as unknown as PouchCtor;
}

async function startPouchServer(): Promise<{ port: number; proc: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const cwd = tempDir('pouch-');
  const proc = spawn(process.execPath, [join(ROOT, 'bench/lib/pouch-server.cjs')], { cwd, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pouchdb server did not start:\n${out}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr!.on('data', (d) => (out += String(d)));
    proc.once('exit', () => reject(new Error(`pouchdb server exited:\n${out}`)));
  });
  return {
    port,
    proc,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(t);
    },
  };
}

const within = <T>(p: PromiseLike<T>, ms: number, what: string): Promise<T> =>
  Promise.race([Promise.resolve(p), new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms).unref())]);

const figures = (s: ProxyStats, ms: number): WireFigures => ({ bytesUp: s.bytesUp, bytesDown: s.bytesDown, roundTrips: s.requests, ms: Math.round(ms) });

export interface WireTarget {
  /** Our server's base URL (loopback). */
  serverUrl: string;
  /** One commune per size, with a communeStanding user's token and device. */
  devices: Map<number, { unit: string; userId: string; deviceId: string; token: string }>;
}

export async function benchSyncWire(target: WireTarget, sizes: readonly number[], runs: number, log: (s: string) => void, mix?: RequestMix): Promise<WireRow[]> {
  const PouchDB = pouchClient();
  const pouch = await startPouchServer();
  const serverPort = Number(new URL(target.serverUrl).port);
  const oursProxy = new LatencyProxy({ host: '127.0.0.1', port: serverPort });
  const pouchProxy = new LatencyProxy({ host: '127.0.0.1', port: pouch.port });
  await oursProxy.start();
  await pouchProxy.start();
  const rows: WireRow[] = [];
  try {
    for (const n of sizes) {
      const dev = target.devices.get(n)!;
      const all = fieldUniverse(dev.unit);
      const changed: FieldRef[] = all.slice(0, n);

      // ── ours: baseline written and synced with no added latency ──
      const store = new LocalStore({ db: openDb(`bench-wire-${dev.unit}-${Date.now()}`), deviceId: dev.deviceId, now: () => Date.now() });
      const engine = new SyncEngine({
        store,
        deviceId: () => dev.deviceId,
        baseUrl: oursProxy.url,
        token: () => dev.token,
        fetch: globalThis.fetch,
        deviceNow: () => Date.now(),
      });
      const edits = (refs: readonly FieldRef[], version: number): RecordEdit[] =>
        [...byRecord(refs, version).values()].map((r) => ({ coll: r.coll, id: r.id, unit: dev.unit, values: r.values }));
      await store.writeMany(edits(all, 0), dev.userId);
      oursProxy.oneWayMs = 0;
      const base = await within(engine.sync(), 120_000, 'baseline sync (ours)');
      if (!base.ok) throw new Error(`baseline sync failed: ${base.message}`);
      oursProxy.oneWayMs = 150;

      // ── pouchdb: the same 45 records as docs, replicated once ──
      const local = new PouchDB(`local-${dev.unit}-${Date.now()}`, { adapter: 'memory' });
      const remote = new PouchDB(`${pouchProxy.url}/wire-${dev.unit}`);
      const docs = (version: number, refs: readonly FieldRef[]) => [...byRecord(refs, version).values()].map((r) => ({ _id: `${r.coll}:${r.id}`, ...r.values }));
      await local.bulkDocs(docs(0, all));
      pouchProxy.oneWayMs = 0;
      await within(local.sync(remote), 120_000, 'baseline sync (pouchdb)');
      pouchProxy.oneWayMs = 150;

      const ours: WireFigures[] = [];
      const theirs: WireFigures[] = [];
      let oursLines: string[] = [];
      let pouchLines: string[] = [];
      const runOurs = async (version: number) => {
        const written = await store.writeMany(edits(changed, version), dev.userId);
        if (written !== n) throw new Error(`ours: wrote ${written} fields, expected ${n}`);
        oursProxy.reset();
        const t0 = performance.now();
        const out = await within(engine.sync(), 300_000, 'sync (ours)');
        const ms = performance.now() - t0;
        if (!out.ok) throw new Error(`ours: sync failed: ${out.message}`);
        if ((await store.outboxCount()) !== 0) throw new Error('ours: outbox not empty after sync');
        ours.push(figures(oursProxy.snapshot(), ms));
        oursLines = [...oursProxy.requestLines];
      };
      const runPouch = async (version: number) => {
        const updates = docs(version, changed);
        const current = await local.allDocs({ keys: updates.map((d) => d._id), include_docs: true });
        const next = updates.map((d, i) => ({ ...current.rows[i]!.doc!, ...d }));
        const res = await local.bulkDocs(next);
        if (res.some((r) => r.error)) throw new Error('pouchdb: local update failed');
        pouchProxy.reset();
        const t0 = performance.now();
        const out = await within(local.sync(remote), 300_000, 'sync (pouchdb)');
        const ms = performance.now() - t0;
        if (out.push.docs_written !== next.length) throw new Error(`pouchdb: pushed ${out.push.docs_written} docs, expected ${next.length}`);
        theirs.push(figures(pouchProxy.snapshot(), ms));
        pouchLines = [...pouchProxy.requestLines];
      };
      for (let r = 1; r <= runs; r++) {
        if (r % 2) {
          await runOurs(r);
          await runPouch(r);
        } else {
          await runPouch(r);
          await runOurs(r);
        }
      }
      const med = (xs: WireFigures[]): WireFigures => ({
        bytesUp: median(xs.map((x) => x.bytesUp)),
        bytesDown: median(xs.map((x) => x.bytesDown)),
        roundTrips: median(xs.map((x) => x.roundTrips)),
        ms: Math.round(median(xs.map((x) => x.ms))),
      });
      mix?.set(n, { ours: requestMix(oursLines), pouchdb: requestMix(pouchLines) });
      const row = { changes: n, ours: med(ours), pouchdb: med(theirs) };
      log(`  ${n} changed fields: ours ${JSON.stringify(row.ours)} · pouchdb ${JSON.stringify(row.pouchdb)}`);
      rows.push(row);
      store.db.close();
      await local.destroy();
    }
  } finally {
    await oursProxy.stop();
    await pouchProxy.stop();
    await pouch.stop();
  }
  return rows;
}
