// 4. The server under 1,000 communes. Two provinces of the benchmark's own: "bp" with 6
// districts × 100 communes (the 600-commune province whose roll-up is timed) and "bq" with
// 4 × 100. Each commune is one device of its commune standing group, pushing over HTTP
// exactly what the app sends: POST /api/sync with a ≤ 4 KB batch of changes plus its pull
// cursor, contiguous seqs, each field's base the stamp it last wrote.
//   warm-up (untimed): each device's first sync adopts 5 catalogue models (20 fields).
//   each timed run:     each device saves one model's status (7 fields) and 15 fields of
//                       this month's indicator sheet: 22 changes, one ≤ 4 KB request.
// At most `concurrency` requests are in flight (devices queue for a slot); the server
// commits every push to SQLite (WAL, synchronous=FULL) and refreshes roll-ups before it
// answers. changes/s = changes committed / wall time of the run; p95 over every request.
import type { OrgUnit } from '../src/domain/org.ts';
import { encodeHlc, type Hlc } from '../src/domain/sync/hlc.ts';
import { SYNC_FORMAT_VERSION } from '../src/domain/sync/wire.ts';
import type { BenchUser } from './lib/server.ts';
import { percentile, pool, median } from './lib/stats.ts';
import { MODEL_IDS, SERVICE_IDS } from './lib/workload.ts';

export const LOAD_PROVINCES = [
  { id: 'bp', name: 'Tỉnh Bench P', districts: 6 },
  { id: 'bq', name: 'Tỉnh Bench Q', districts: 4 },
] as const;
const COMMUNES_PER_DISTRICT = 100;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface LoadSetup {
  units: OrgUnit[];
  users: BenchUser[];
  devices: { unit: string; userId: string; deviceId: string }[];
  officer: BenchUser;
}

export function loadSetup(): LoadSetup {
  const units: OrgUnit[] = [];
  const users: BenchUser[] = [];
  const devices: LoadSetup['devices'] = [];
  for (const p of LOAD_PROVINCES) {
    units.push({ id: p.id, name: p.name, level: 'province', parentId: null, placeholder: false });
    for (let d = 1; d <= p.districts; d++) {
      const district = `${p.id}-d${d}`;
      units.push({ id: district, name: `Huyện ${d} ${p.name}`, level: 'district', parentId: p.id, placeholder: false });
      for (let c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
        const commune = `${district}-c${pad(c, 3)}`;
        units.push({ id: commune, name: `Xã ${c} huyện ${d} ${p.name}`, level: 'commune', parentId: district, placeholder: false });
        const n = devices.length + 1;
        const user: BenchUser = { id: `u-${commune}`, username: `${commune}.congan`, role: 'communeStanding', unitId: commune, deviceId: `load${pad(n, 4)}` };
        users.push(user);
        devices.push({ unit: commune, userId: user.id, deviceId: user.deviceId });
      }
    }
  }
  const officer: BenchUser = { id: 'u-bp-tinh', username: 'bp.tinh', role: 'provinceOfficer', unitId: 'bp', deviceId: 'officer1' };
  users.push(officer);
  return { units, users, devices, officer };
}

type Wire = [number, string, string, string, unknown, string, string | null, string, string];

class Device {
  seq = 0;
  cursor = 0;
  private wall = 0;
  private counter = 0;
  private readonly last = new Map<string, Hlc>();
  constructor(
    readonly unit: string,
    readonly deviceId: string,
    readonly token: string,
    readonly userId: string,
  ) {}

  private stamp(): Hlc {
    const now = Date.now();
    if (now > this.wall) {
      this.wall = now;
      this.counter = 0;
    } else this.counter++;
    return encodeHlc({ wall: this.wall, counter: this.counter, device: this.deviceId });
  }

  change(coll: string, id: string, field: string, value: unknown): Wire {
    const key = `${coll}/${id}/${field}`;
    const hlc = this.stamp();
    const base = this.last.get(key) ?? null;
    this.last.set(key, hlc);
    return [++this.seq, coll, id, field, value, hlc, base, this.unit, this.userId];
  }
}

/** Splits changes into batches the way LocalStore.outboxBatch does: about 4 KB of outbox-row JSON, at least one. */
function batches(changes: Wire[], maxBytes = 4096): Wire[][] {
  const size = (c: Wire) => JSON.stringify({ seq: c[0], coll: c[1], id: c[2], field: c[3], value: c[4], hlc: c[5], base: c[6], unit: c[7], author: c[8] }).length;
  const out: Wire[][] = [];
  let i = 0;
  while (i < changes.length) {
    const batch: Wire[] = [];
    let bytes = 0;
    while (i < changes.length && bytes < maxBytes) {
      batch.push(changes[i]!);
      bytes += size(changes[i]!);
      i++;
    }
    if (batch.length > 1 && bytes > maxBytes) {
      batch.pop();
      i--;
    }
    out.push(batch);
  }
  return out;
}

async function post(url: string, d: Device, changes: Wire[]): Promise<{ ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}`, 'accept-encoding': 'gzip' },
    body: JSON.stringify({ v: SYNC_FORMAT_VERSION, d: d.deviceId, c: changes, p: d.cursor, n: 500 }),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`push ${d.deviceId}: ${res.status} ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { a: number; p: number };
  const expected = changes.length ? changes[changes.length - 1]![0] : d.seq;
  if (body.a !== expected) throw new Error(`push ${d.deviceId}: ack ${body.a}, expected ${expected}`);
  d.cursor = body.p;
  return { ms };
}

export interface LoadRun {
  changes: number;
  requests: number;
  seconds: number;
  changesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

export interface LoadResult {
  runs: LoadRun[];
  changesPerSecond: number;
  pushP95Ms: number;
  rollupProvinceMs: number;
  rollupBytes: number;
  rollupChildrenMs: number;
  concurrency: number;
}

export async function benchServerLoad(
  url: string,
  setup: LoadSetup,
  tokens: Map<string, string>,
  opts: { runs: number; concurrency: number; log: (s: string) => void },
): Promise<LoadResult> {
  const devices = setup.devices.map((d) => new Device(d.unit, d.deviceId, tokens.get(d.userId)!, d.userId));
  const tvModels = MODEL_IDS.slice(0, 5);

  // Warm-up: each commune adopts 5 models (and the server's code paths get hot).
  const t0 = performance.now();
  await pool(devices, opts.concurrency, async (d) => {
    const changes = tvModels.flatMap((m) => {
      const id = `${d.unit}:${m}`;
      return [d.change('adoption', id, 'modelId', m), d.change('adoption', id, 'adoptedOn', '2024-02-01'), d.change('adoption', id, 'villageIds', []), d.change('adoption', id, 'active', true)];
    });
    for (const b of batches(changes)) await post(url, d, b);
  });
  opts.log(`  warm-up: ${devices.length} devices adopted ${tvModels.length} models each in ${Math.round(performance.now() - t0)} ms`);

  const runs: LoadRun[] = [];
  for (let r = 1; r <= opts.runs; r++) {
    const sheet = (d: Device) => `${d.unit}@2026-11`;
    const fields = [...SERVICE_IDS.flatMap((s) => [`s.${s}.total`, `s.${s}.online`]), 'c.cccd-ho-so', 'c.dddt-muc-1', 'c.dddt-muc-2'];
    const part = fields.slice(((r - 1) % 3) * 15, (((r - 1) % 3) + 1) * 15);
    const plan = devices.map((d, i) => {
      const statusId = `${d.unit}:${tvModels[(i + r) % tvModels.length]}`;
      const changes: Wire[] = [
        d.change('status', statusId, 'status', (['inProgress', 'partial', 'done', 'ongoing'] as const)[(i + r) % 4]),
        d.change('status', statusId, 'progress', (i * 7 + r * 11) % 101),
        d.change('status', statusId, 'asOf', `2026-11-${pad(10 + r, 2)}`),
        d.change('status', statusId, 'note', `Đã triển khai tại ${d.unit}, lần cập nhật ${r}: người dân được hướng dẫn dùng VNeID mức 2.`),
        d.change('status', statusId, 'difficulties', 'Thiếu thiết bị đọc thẻ CCCD gắn chíp tại bộ phận một cửa.'),
        d.change('status', statusId, 'causes', 'Kinh phí năm nay chưa được phân bổ.'),
        d.change('status', statusId, 'proposals', 'Đề nghị huyện hỗ trợ 02 đầu đọc thẻ.'),
      ];
      part.forEach((f, k) => changes.push(d.change('indicators', sheet(d), f, f.endsWith('.online') ? 50 + ((i + k) % 40) : 100 + ((i * 13 + k * 7 + r) % 180))));
      return { d, batches: batches(changes), count: changes.length };
    });
    const latencies: number[] = [];
    const start = performance.now();
    await pool(
      plan.flatMap((p) => [p]),
      opts.concurrency,
      async (p) => {
        for (const b of p.batches) latencies.push((await post(url, p.d, b)).ms);
      },
    );
    const seconds = (performance.now() - start) / 1000;
    const changes = plan.reduce((s, p) => s + p.count, 0);
    const run: LoadRun = {
      changes,
      requests: latencies.length,
      seconds: Math.round(seconds * 100) / 100,
      changesPerSecond: Math.round(changes / seconds),
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
    };
    opts.log(`  run ${r}: ${JSON.stringify(run)}`);
    runs.push(run);
  }

  // The province roll-up as a province officer's device fetches it.
  const officerToken = tokens.get(setup.officer.id)!;
  const timeGet = async (path: string) => {
    const t = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${officerToken}`, 'accept-encoding': 'gzip' } });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 200)}`);
    return { ms: performance.now() - t, bytes: text.length, body: text };
  };
  const first = await timeGet('/api/rollups?unit=bp');
  const parsed = JSON.parse(first.body) as { rollup: { communes: string[] } };
  if (parsed.rollup.communes.length !== 600) throw new Error(`province roll-up covers ${parsed.rollup.communes.length} communes, expected 600`);
  const rollupTimes: number[] = [];
  const childrenTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    rollupTimes.push((await timeGet('/api/rollups?unit=bp')).ms);
    childrenTimes.push((await timeGet('/api/rollups/children?unit=bp')).ms);
  }
  return {
    runs,
    changesPerSecond: median(runs.map((r) => r.changesPerSecond)),
    pushP95Ms: median(runs.map((r) => r.p95Ms)),
    rollupProvinceMs: Math.round(median(rollupTimes) * 10) / 10,
    rollupBytes: first.bytes,
    rollupChildrenMs: Math.round(median(childrenTimes) * 10) / 10,
    concurrency: opts.concurrency,
  };
}
