// National size on this machine (issue 13): 34 provinces, 3,300 communes × 10 villages of org
// metadata (36,334 units; province 1 has 166 communes — Thanh Hóa's count after the 2025
// mergers — and the other 3,134 communes are shared among 33 provinces), and a year of
// simulated changes for a sample: the 166 communes of province 1, each with a light year
// (lib/year.ts with NATIONAL_YEAR: 6 models, statuses every 8 weeks, monthly sheets of 10
// services, monthly reports, one active village team) — about 1,200 changes per commune.
// The busiest commune's full year is the bootstrap benchmark's (≈ 55,000 changes).
//
// Measured: database size (units only, then with the sample's year, and per change);
// server start on that database; a new province officer's phone pulling its subtree from
// nothing (bytes on the wire through the counting proxy, requests, loopback time, 2G time by
// the bootstrap benchmark's link model); the province roll-up as the officer's dashboard
// reads it over HTTP; and the recomputation of roll-ups (sync-server/rollups/update.ts, in
// one transaction, in this process on the same store) for the province's 166 communes and
// for all 3,300 communes and their provinces.
import type { OrgUnit } from '../src/domain/org.ts';
import { SYNC_FORMAT_VERSION } from '../src/domain/sync/wire.ts';
import { loadTree } from '../sync-server/org/load-tree.ts';
import { refreshRollups } from '../sync-server/rollups/update.ts';
import type { SyncStore } from '../sync-server/store/types.ts';
import { twoGMs } from './bootstrap.ts';
import { LatencyProxy } from './lib/proxy.ts';
import type { BenchUser } from './lib/server.ts';
import { pad } from './lib/sim.ts';
import { median, round } from './lib/stats.ts';
import { startTarget, TARGET_LABEL, unavailable, type TargetName } from './lib/targets.ts';
import { communeUnits, communeWriters, writeCommuneYear, type YearOptions } from './lib/year.ts';

export const PROVINCES = 34;
export const COMMUNES = 3_300;
export const VILLAGES_PER_COMMUNE = 10;
export const BIG_PROVINCE_COMMUNES = 166;
export const NATIONAL_YEAR: YearOptions = { villages: 1, statusEveryWeeks: 8, sheetRevisions: 1, models: 6, sheetServices: 10 };

export interface NationalResult {
  target: TargetName;
  units: number;
  sampleCommunes: number;
  sampleChanges: number;
  writeSeconds: number;
  dbBytesUnitsOnly: number;
  dbBytes: number;
  bytesPerChange: number;
  serverStartMs: number;
  officerPull: { requests: number; bytesUp: number; bytesDown: number; changes: number; loopbackMs: number; twoGMs: number };
  rollupReadMs: number;
  rollupChildrenMs: number;
  rollupChildrenBytes: number;
  refreshProvinceMs: number;
  refreshCountryMs: number;
}

function nationalUnits(): { units: OrgUnit[]; sample: string[] } {
  const units: OrgUnit[] = [];
  const sample: string[] = [];
  const rest = COMMUNES - BIG_PROVINCE_COMMUNES;
  let assigned = 0;
  for (let p = 1; p <= PROVINCES; p++) {
    const pid = `nt-p${pad(p)}`;
    units.push({ id: pid, name: `Tỉnh ${p}`, level: 'province', parentId: null, placeholder: false });
    const n = p === 1 ? BIG_PROVINCE_COMMUNES : Math.round((rest * (p - 1)) / (PROVINCES - 1)) - assigned;
    if (p > 1) assigned += n;
    for (let c = 1; c <= n; c++) {
      const cid = `${pid}-c${pad(c, 3)}`;
      units.push(...communeUnits(cid, `Xã ${c} tỉnh ${p}`, pid, VILLAGES_PER_COMMUNE));
      if (p === 1) sample.push(cid);
    }
  }
  return { units, sample };
}

export async function benchNational(
  name: TargetName,
  log: (s: string) => void,
  opts: { sampleCommunes?: number; nodeArgs?: string[]; childrenReads?: number } = {},
): Promise<NationalResult | { target: TargetName; notRun: string }> {
  const why = unavailable(name);
  if (why) return { target: name, notRun: why };
  const { units, sample: province1 } = nationalUnits();
  const sample = province1.slice(0, opts.sampleCommunes ?? province1.length);
  const writers = new Map(sample.map((c, i) => [c, communeWriters(c, NATIONAL_YEAR.villages, `n${pad(i, 3)}`)]));
  const officer: BenchUser = { id: 'u-nt-p01-officer', username: 'nt-p01.tinh', role: 'provinceOfficer', unitId: 'nt-p01', deviceId: 'ntofficer01' };
  const users = [...[...writers.values()].flat(), officer];
  let sampleChanges = 0;
  let writeSeconds = 0;
  let dbBytesUnitsOnly = 0;
  let refreshProvinceMs = 0;
  let refreshCountryMs = 0;
  let fillEnded = 0;
  const t0 = performance.now();
  const { target, tokens } = await startTarget(name, units, users, {
    nodeArgs: opts.nodeArgs,
    fill: async (store: SyncStore, dbBytes) => {
      dbBytesUnitsOnly = await dbBytes();
      const w0 = performance.now();
      for (const c of sample) sampleChanges += await writeCommuneYear(store, c, writers.get(c)!, NATIONAL_YEAR);
      writeSeconds = round((performance.now() - w0) / 1000, 1);
      log(`  ${TARGET_LABEL[name]}: ${units.length} units; ${sampleChanges} changes for ${sample.length} communes written in ${writeSeconds} s`);
      // Roll-up recomputation as the flusher and seed run it: one transaction.
      const time = async (communes: string[]) => {
        const s = performance.now();
        await store.transaction(async (tx) => refreshRollups(tx, await loadTree(tx), communes, Date.now()));
        return Math.round(performance.now() - s);
      };
      await time(province1); // first pass: builds the tree cache and warms SQLite's pages
      refreshProvinceMs = await time(province1);
      const all = units.filter((u) => u.level === 'commune').map((u) => u.id);
      refreshCountryMs = await time(all);
      fillEnded = performance.now();
    },
  });
  const serverStartMs = Math.round(performance.now() - fillEnded);
  log(`  roll-up recomputation: province (166 communes) ${refreshProvinceMs} ms, country (3,300 communes, 34 provinces) ${refreshCountryMs} ms; server start on this database ${serverStartMs} ms (setup ${Math.round((performance.now() - t0) / 1000)} s)`);
  const u = new URL(target.url);
  const proxy = new LatencyProxy({ host: u.hostname, port: Number(u.port) }, 0);
  await proxy.start();
  try {
    const token = tokens.get(officer.id)!;
    // The officer's new phone: every page of its subscription from cursor 0.
    let cursor = 0;
    let changes = 0;
    const p0 = performance.now();
    for (let i = 0; i < 100_000; i++) {
      const res = await fetch(`${proxy.url}/api/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
        body: JSON.stringify({ v: SYNC_FORMAT_VERSION, d: officer.deviceId, c: [], p: cursor, n: 500 }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`officer pull: HTTP ${res.status} ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { c: unknown[]; p: number; m: boolean };
      changes += body.c.length;
      cursor = body.p;
      if (!body.m) break;
    }
    const loopbackMs = Math.round(performance.now() - p0);
    const st = proxy.snapshot();
    const officerPull = { requests: st.requests, bytesUp: st.bytesUp, bytesDown: st.bytesDown, changes, loopbackMs, twoGMs: twoGMs(st.requests, st.bytesUp, st.bytesDown) };
    log(`  province officer's new phone: ${officerPull.requests} requests, ${officerPull.bytesDown} B down, ${changes} changes; loopback ${loopbackMs} ms; 2G ≈ ${(officerPull.twoGMs / 1000).toFixed(0)} s`);

    const get = async (path: string) => {
      const s = performance.now();
      const res = await fetch(`${target.url}${path}`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } });
      const text = await res.text();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 200)}`);
      return { ms: performance.now() - s, bytes: text.length };
    };
    await get('/api/rollups?unit=nt-p01');
    const reads: number[] = [];
    const kids: number[] = [];
    let kidBytes = 0;
    for (let i = 0; i < (opts.childrenReads ?? 3); i++) {
      reads.push((await get('/api/rollups?unit=nt-p01')).ms);
      const k = await get('/api/rollups/children?unit=nt-p01');
      kids.push(k.ms);
      kidBytes = k.bytes;
    }
    const dbBytes = await target.dbBytes();
    const result: NationalResult = {
      target: name,
      units: units.length,
      sampleCommunes: sample.length,
      sampleChanges,
      writeSeconds,
      dbBytesUnitsOnly,
      dbBytes,
      bytesPerChange: Math.round((dbBytes - dbBytesUnitsOnly) / Math.max(1, sampleChanges)),
      serverStartMs,
      officerPull,
      rollupReadMs: round(median(reads)),
      rollupChildrenMs: round(median(kids)),
      rollupChildrenBytes: kidBytes,
      refreshProvinceMs,
      refreshCountryMs,
    };
    log(`  database ${(dbBytes / 2 ** 20).toFixed(1)} MiB (units only ${(dbBytesUnitsOnly / 2 ** 20).toFixed(1)} MiB; ≈ ${result.bytesPerChange} B per change); GET /api/rollups province ${result.rollupReadMs} ms, /children (166 communes, ${(kidBytes / 1024).toFixed(0)} KiB JSON) ${result.rollupChildrenMs} ms`);
    return result;
  } finally {
    await proxy.stop();
    await target.stop();
  }
}
