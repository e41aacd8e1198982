// Bootstrap of a new phone (issue 13): a commune with a simulated year of activity (≥ 50,000
// changes in its subtree: lib/year.ts), and a new phone of its commune standing body starting
// from nothing. Two ways in:
//   log replay — POST /api/sync with an empty push from cursor 0, as the app's SyncEngine does
//                (n = 500), until the server says there is no more (`m` false);
//   snapshot   — the current state of what the phone subscribes to plus a cursor (the
//                snapshot endpoint), then one sync from that cursor.
// Bytes are counted on the wire by a loopback proxy (bench/lib/proxy.ts: request line, headers
// and bodies, gzip as sent). Time on 2G is computed from them with the link of the 2G browser
// benchmark (load2g.ts: 250 kbit/s down, 50 kbit/s up, 300 ms round trip), requests one after
// another as the app sends them: Σ (300 ms + up·8/50 kbit/s + down·8/250 kbit/s) — TCP slow
// start, radio wake-up and loss are left out (they make the many-request replay worse still).
// The loopback time (server and generator on the same 2 cores) is reported too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgUnit } from '../src/domain/org.ts';
import { SYNC_FORMAT_VERSION } from '../src/domain/sync/wire.ts';
import { LatencyProxy } from './lib/proxy.ts';
import { ROOT, type BenchUser } from './lib/server.ts';
import { round } from './lib/stats.ts';
import { startTarget, TARGET_LABEL, unavailable, type TargetName } from './lib/targets.ts';
import { communeUnits, communeWriters, FULL_YEAR, writeCommuneYear } from './lib/year.ts';

export const LINK_2G = { downBitsPerSecond: 250_000, upBitsPerSecond: 50_000, rttMs: 300 };

export const twoGMs = (requests: number, bytesUp: number, bytesDown: number) =>
  Math.round(requests * LINK_2G.rttMs + (bytesUp * 8 * 1000) / LINK_2G.upBitsPerSecond + (bytesDown * 8 * 1000) / LINK_2G.downBitsPerSecond);

export interface BootstrapWay {
  requests: number;
  bytesUp: number;
  bytesDown: number;
  /** Changes (replay) or field values (snapshot) received. */
  items: number;
  loopbackMs: number;
  twoGMs: number;
}

export interface BootstrapResult {
  target: TargetName;
  subtreeChanges: number;
  replay: BootstrapWay;
  snapshot: BootstrapWay | null;
  snapshotNote: string;
}

const COMMUNE = 'bs-c01';
const NEIGHBOUR = 'bs-c02';

function setup(): { units: OrgUnit[]; writers: BenchUser[]; neighbours: BenchUser[]; phone: BenchUser; snapPhone: BenchUser } {
  const units: OrgUnit[] = [
    { id: 'bs', name: 'Tỉnh Bench BS', level: 'province', parentId: null, placeholder: false },
    ...communeUnits(COMMUNE, 'Xã Bench Một', 'bs', FULL_YEAR.villages),
    ...communeUnits(NEIGHBOUR, 'Xã Bench Hai', 'bs', 3),
  ];
  const writers = communeWriters(COMMUNE, FULL_YEAR.villages, 'bsa');
  const neighbours = communeWriters(NEIGHBOUR, 3, 'bsb');
  // A second person of the commune standing body, on a phone that has never synced.
  const phone: BenchUser = { id: 'u-bs-new', username: 'bs-c01.moi', role: 'communeStanding', unitId: COMMUNE, deviceId: 'bsnewphone' };
  // The same person's position on another new phone, for the snapshot way (its own device and cursor).
  const snapPhone: BenchUser = { id: 'u-bs-new2', username: 'bs-c01.moi2', role: 'communeStanding', unitId: COMMUNE, deviceId: 'bsnewphone2' };
  return { units, writers, neighbours, phone, snapPhone };
}

/** The snapshot endpoint, when the snapshot helper's route is in the tree. */
export function snapshotAvailable(): boolean {
  return existsSync(join(ROOT, 'sync-server/sync/snapshot.ts'));
}

async function replay(proxyUrl: string, token: string, deviceId: string, proxy: LatencyProxy): Promise<BootstrapWay> {
  proxy.reset();
  const t0 = performance.now();
  let cursor = 0;
  let items = 0;
  for (let round = 0; round < 10_000; round++) {
    const res = await fetch(`${proxyUrl}/api/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
      body: JSON.stringify({ v: SYNC_FORMAT_VERSION, d: deviceId, c: [], p: cursor, n: 500 }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`replay: HTTP ${res.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { c: unknown[]; p: number; m: boolean };
    items += body.c.length;
    cursor = body.p;
    if (!body.m) break;
  }
  const loopbackMs = performance.now() - t0;
  const s = proxy.snapshot();
  return { requests: s.requests, bytesUp: s.bytesUp, bytesDown: s.bytesDown, items, loopbackMs: Math.round(loopbackMs), twoGMs: twoGMs(s.requests, s.bytesUp, s.bytesDown) };
}

/**
 * The app's way (src/sync/snapshot.ts): POST /api/sync/snapshot pages (server defaults: 500
 * records, 256 KB of heads) until `k` is null, then the usual sync from the snapshot's cursor.
 */
export const snapshotHttp: SnapshotWay = async ({ url, token, deviceId }) => {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' };
  let key: unknown = null;
  let cursor = 0;
  let fields = 0;
  let records = 0;
  for (let page = 0; page < 10_000; page++) {
    const res = await fetch(`${url}/api/sync/snapshot`, {
      method: 'POST',
      headers,
      body: JSON.stringify(key ? { v: SYNC_FORMAT_VERSION, k: key, p: cursor } : { v: SYNC_FORMAT_VERSION }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`snapshot: HTTP ${res.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { p: number; c: [string, string, string, unknown[]][]; k: unknown };
    records += body.c.length;
    for (const r of body.c) fields += r[3].length;
    cursor = body.p;
    key = body.k;
    if (!key) break;
  }
  // Then the phone's first ordinary sync, from the snapshot's cursor.
  let pulled = 0;
  for (let round = 0; round < 1_000; round++) {
    const res = await fetch(`${url}/api/sync`, { method: 'POST', headers, body: JSON.stringify({ v: SYNC_FORMAT_VERSION, d: deviceId, c: [], p: cursor, n: 500 }) });
    const text = await res.text();
    if (!res.ok) throw new Error(`sync after snapshot: HTTP ${res.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { c: unknown[]; p: number; m: boolean };
    pulled += body.c.length;
    cursor = body.p;
    if (!body.m) break;
  }
  return { items: fields, note: `${records} records, ${fields} field values, then ${pulled} changes pulled after its cursor` };
};

export async function benchBootstrap(name: TargetName, log: (s: string) => void, snapshotWay: SnapshotWay | undefined = snapshotAvailable() ? snapshotHttp : undefined): Promise<BootstrapResult | { target: TargetName; notRun: string }> {
  const why = unavailable(name);
  if (why) return { target: name, notRun: why };
  const s = setup();
  let subtreeChanges = 0;
  const t0 = performance.now();
  const { target, tokens } = await startTarget(name, s.units, [...s.writers, ...s.neighbours, s.phone, s.snapPhone], {
    fill: async (store) => {
      subtreeChanges = await writeCommuneYear(store, COMMUNE, s.writers, FULL_YEAR);
      await writeCommuneYear(store, NEIGHBOUR, s.neighbours, { ...FULL_YEAR, villages: 3, statusEveryWeeks: 4, sheetRevisions: 1 });
    },
  });
  log(`  ${TARGET_LABEL[name]}: a year of ${COMMUNE} written (${subtreeChanges} changes in its subtree, plus a neighbour commune) and server started in ${Math.round((performance.now() - t0) / 1000)} s`);
  const u = new URL(target.url);
  const proxy = new LatencyProxy({ host: u.hostname, port: Number(u.port) }, 0);
  await proxy.start();
  try {
    const token = tokens.get(s.phone.id)!;
    const snapToken = tokens.get(s.snapPhone.id)!;
    const r = await replay(proxy.url, token, s.phone.deviceId, proxy);
    log(`  log replay: ${r.requests} requests, ${r.bytesUp} B up / ${r.bytesDown} B down, ${r.items} changes; loopback ${r.loopbackMs} ms; 2G ≈ ${(r.twoGMs / 1000).toFixed(1)} s`);
    let snapshot: BootstrapWay | null = null;
    let snapshotNote = 'not built (no snapshot endpoint in the tree when this ran)';
    if (snapshotWay) {
      proxy.reset();
      const t = performance.now();
      const got = await snapshotWay({ url: proxy.url, token: snapToken, deviceId: s.snapPhone.deviceId });
      const st = proxy.snapshot();
      snapshot = { requests: st.requests, bytesUp: st.bytesUp, bytesDown: st.bytesDown, items: got.items, loopbackMs: Math.round(performance.now() - t), twoGMs: twoGMs(st.requests, st.bytesUp, st.bytesDown) };
      snapshotNote = got.note;
      log(`  snapshot: ${snapshot.requests} requests, ${snapshot.bytesUp} B up / ${snapshot.bytesDown} B down, ${got.note}; loopback ${snapshot.loopbackMs} ms; 2G ≈ ${(snapshot.twoGMs / 1000).toFixed(1)} s`);
    }
    return { target: name, subtreeChanges, replay: { ...r, loopbackMs: round(r.loopbackMs, 0) }, snapshot, snapshotNote };
  } finally {
    await proxy.stop();
    await target.stop();
  }
}

/** Downloads the snapshot (through the proxy) and returns how many field values it held. */
export type SnapshotWay = (o: { url: string; token: string; deviceId: string }) => Promise<{ items: number; note: string }>;
