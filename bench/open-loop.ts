// Open-loop load (issue 13): pushes of 20 changes sent on a FIXED schedule — push i leaves at
// t0 + i / rate whatever happened to the earlier ones — and each latency is counted from the
// push's scheduled time, not from when it was actually sent. A closed loop (N in flight, the
// next sent when one returns) slows its own sending when the server slows down and so hides
// the queueing ("coordinated omission"); here a server that cannot keep up shows it at once.
//
// Org: one province "ol" of 1,000 communes (province → commune, the post-2025 shape), each
// with 2 villages. Devices: per commune the commune standing body's phone and one phone in
// each of its 2 villages — 3,000 distinct users, each with its own bearer token issued
// through the server's store code. A commune phone's push saves one model's status (7 fields)
// and 13 fields of this month's indicator sheet; a village phone's push saves 10 services
// (20 fields) of its village's sheet. Every change is wire v2: the user as author, the
// device in the stamp, ids from src/domain/sync/ids.ts, units the role may write, values
// the forms would accept. Bodies are gzipped as the app sends them (> 512 B), answers are
// gzip-accepted, decompressed and checked: HTTP 200, every change acknowledged (`a`), none
// refused (`x`). A push is routed to a device that is idle (a phone does not overlap its
// own syncs); when every device is busy the push counts as an error ("no idle device").
//
// Per rate: `seconds` of schedule (2 s untimed warm-up at 20/s first; before each step the
// server is let finish whatever it still serves), then waiting for
// the stragglers (each push times out 5 s after its scheduled time). Rates go up until one
// saturates (p95 > 1 s or under 90% of the offered rate answered OK); higher ones are not
// run. CPU of the generator (this process) and of the server processes (and PostgreSQL's)
// is read from /proc for each step: the 2 cores are shared between them.
import { Agent, request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { OrgUnit } from '../src/domain/org.ts';
import { SYNC_FORMAT_VERSION, type PushedChange } from '../src/domain/sync/wire.ts';
import type { BenchUser } from './lib/server.ts';
import { indicatorSave, monthKey, pad, SimDevice, statusSave, MODELS } from './lib/sim.ts';
import { percentile, round, sleep } from './lib/stats.ts';
import { cpuMeter, machineBusyMs } from './lib/procstat.ts';
import { splitProfiles, type ProfileSplit } from './lib/push-profile.ts';
import { tempDir } from './lib/server.ts';
import { startTarget, TARGET_LABEL, unavailable, type TargetName } from './lib/targets.ts';

export const OL_COMMUNES = 1_000;
const VILLAGES = 2;
export const CHANGES_PER_PUSH = 20;
const TIMEOUT_MS = 5_000;
export const P95_TARGET_MS = 50;

export function openLoopSetup(): { units: OrgUnit[]; users: BenchUser[] } {
  const units: OrgUnit[] = [{ id: 'ol', name: 'Tỉnh Bench OL', level: 'province', parentId: null, placeholder: false }];
  const users: BenchUser[] = [];
  for (let c = 1; c <= OL_COMMUNES; c++) {
    const commune = `ol-c${pad(c, 4)}`;
    units.push({ id: commune, name: `Xã ${c} tỉnh Bench OL`, level: 'commune', parentId: 'ol', placeholder: false });
    users.push({ id: `u-${commune}`, username: `${commune}.congan`, role: 'communeStanding', unitId: commune, deviceId: `olc${pad(c, 4)}` });
    for (let v = 1; v <= VILLAGES; v++) {
      const village = `${commune}-v${v}`;
      units.push({ id: village, name: `Thôn ${v} xã ${c}`, level: 'village', parentId: commune, placeholder: false });
      users.push({ id: `u-${village}`, username: `${village}.to`, role: 'villageMember', unitId: village, deviceId: `olv${pad(c, 4)}v${v}` });
    }
  }
  return { units, users };
}

/** The next push of a device: 20 changes its user may write. */
function nextPush(d: SimDevice, version: number): PushedChange[] {
  const month = monthKey(Date.now());
  if (d.role === 'communeStanding') {
    const model = MODELS[version % MODELS.length]!;
    const out = [...statusSave(d, d.unit, model, version), ...indicatorSave(d, d.unit, month, (version * 6) % 25, 6, version)];
    out.push(d.change('indicators', `${d.unit}@${month}`, 'c.cccd-ho-so', 50 + (version % 200), d.unit));
    return out;
  }
  return indicatorSave(d, d.unit, month, (version * 10) % 25, 10, version);
}

export interface RateRow {
  rate: number;
  seconds: number;
  scheduled: number;
  ok: number;
  errors: Record<string, number>;
  /** OK pushes per second, from the first scheduled send to the last answer. */
  achievedPerSecond: number;
  changesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How late the generator actually sent (99th percentile): > a few ms means the generator could not keep the schedule. */
  sendLagP99Ms: number;
  /** CPU used during the step, % of one core. */
  generatorCpuPct: number;
  serverCpuPct: number;
  /** What other processes on the machine took meanwhile (% of one core; the machine has 2). */
  othersCpuPct: number;
  /** Server CPU per OK push, ms (server processes and PostgreSQL's). */
  serverCpuMsPerPush: number;
  saturated: boolean;
}

export interface ConfigResult {
  name: TargetName;
  label: string;
  rows: RateRow[];
  /** Rates not run because a lower one saturated. */
  skipped: number[];
  /** The highest rate run whose p95 ≤ 50 ms with no errors (null: none). */
  maxRateP95Under50: number | null;
  notRun?: string;
  /** Mean body bytes of a push as sent (gzip). */
  pushBytes: number;
}

interface Pending {
  device: SimDevice;
  scheduled: number;
  deadline: number;
  expectedAck: number;
  destroy: () => void;
}

async function runStep(
  url: string,
  devices: SimDevice[],
  rate: number,
  seconds: number,
  version: { n: number },
  serverPids: () => number[],
  measure: boolean,
  bytes: { sum: number; n: number },
): Promise<RateRow> {
  const { hostname: host, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const idle = devices.filter((d) => d.token !== '');
  const inflight = new Set<Pending>();
  const latencies: number[] = [];
  const lags: number[] = [];
  const errors: Record<string, number> = {};
  const err = (k: string) => (errors[k] = (errors[k] ?? 0) + 1);
  let ok = 0;
  let lastDone = 0;
  const n = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const cpu0 = process.cpuUsage();
  const server = cpuMeter(serverPids);
  const machine0 = machineBusyMs();
  const t0 = performance.now() + 20;

  const finish = (p: Pending, outcome: string | null, body?: { a: number; p: number; x: unknown[] }) => {
    if (!inflight.delete(p)) return;
    const now = performance.now();
    lastDone = now;
    if (outcome === null && body) {
      if (body.a !== p.expectedAck) err('wrong ack');
      else if (body.x.length > 0) err('refused changes');
      else {
        ok++;
        latencies.push(now - p.scheduled);
        p.device.cursor = body.p;
        idle.push(p.device);
        return;
      }
    } else err(outcome ?? 'error');
    // A device whose push failed is left out: its seqs are in doubt (a real phone would retry).
    p.device.token = '';
  };

  const fire = (scheduled: number) => {
    const d = idle.shift();
    if (!d) return err('no idle device');
    const changes = nextPush(d, version.n++);
    const json = JSON.stringify({ v: SYNC_FORMAT_VERSION, d: d.deviceId, c: changes, p: d.cursor, n: 500 });
    const gz = json.length > 512;
    const payload = gz ? gzipSync(json) : Buffer.from(json);
    bytes.sum += payload.length;
    bytes.n++;
    const p: Pending = { device: d, scheduled, deadline: scheduled + TIMEOUT_MS, expectedAck: changes[changes.length - 1]![0], destroy: () => undefined };
    inflight.add(p);
    const req = request(
      {
        host, port, agent, method: 'POST', path: '/api/sync',
        headers: {
          'content-type': 'application/json', 'content-length': payload.length, authorization: `Bearer ${d.token}`, 'accept-encoding': 'gzip',
          ...(gz ? { 'content-encoding': 'gzip' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return finish(p, `HTTP ${res.statusCode}`);
          try {
            const raw = Buffer.concat(chunks);
            const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
            finish(p, null, JSON.parse(text) as { a: number; p: number; x: unknown[] });
          } catch {
            finish(p, 'bad answer');
          }
        });
        res.on('error', () => finish(p, 'connection error'));
      },
    );
    p.destroy = () => req.destroy();
    req.on('error', () => finish(p, inflight.has(p) && performance.now() >= p.deadline ? 'timeout' : 'connection error'));
    req.end(payload);
    lags.push(performance.now() - scheduled);
  };

  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const p of inflight) {
      if (now >= p.deadline) {
        finish(p, 'timeout');
        p.destroy();
      }
    }
  }, 50);

  for (let i = 0; i < n; ) {
    const now = performance.now();
    while (i < n && t0 + i * interval <= now) fire(t0 + i++ * interval);
    if (i >= n) break;
    const wait = t0 + i * interval - performance.now();
    if (wait > 2) await sleep(wait - 1);
    else await new Promise<void>((r) => setImmediate(r));
  }
  while (inflight.size > 0) await sleep(5);
  clearInterval(sweeper);
  agent.destroy();

  const wallMs = Math.max(1, lastDone - t0);
  const cpu = process.cpuUsage(cpu0);
  const stepMs = performance.now() - t0;
  const serverMs = measure ? server.read() : 0;
  const generatorMs = (cpu.user + cpu.system) / 1000;
  const machineMs = machineBusyMs() - machine0;
  const row: RateRow = {
    rate,
    seconds,
    scheduled: n,
    ok,
    errors,
    achievedPerSecond: round((ok * 1000) / wallMs, 0),
    changesPerSecond: round((ok * CHANGES_PER_PUSH * 1000) / wallMs, 0),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(percentile(latencies, 100)),
    sendLagP99Ms: round(percentile(lags, 99), 2),
    generatorCpuPct: round((generatorMs / stepMs) * 100, 0),
    serverCpuPct: round((serverMs / stepMs) * 100, 0),
    othersCpuPct: measure ? Math.max(0, round(((machineMs - serverMs - generatorMs) / stepMs) * 100, 0)) : 0,
    serverCpuMsPerPush: ok ? round(serverMs / ok, 2) : 0,
    saturated: false,
  };
  const failed = n - ok;
  row.saturated = !(row.p95Ms <= 1000) || ok < 0.9 * n || failed > 0.1 * n;
  return row;
}

export const DEFAULT_RATES = [50, 100, 200, 300, 500, 1000, 2000];

/**
 * Waits until the server processes are idle (under 15% of a core over 250 ms): pushes the
 * generator gave up on are still being served, and the next step must not queue behind them.
 */
async function waitIdle(pids: () => number[], maxMs = 30_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const m = cpuMeter(pids);
    await sleep(250);
    if (m.read() < 0.15 * 250) break;
  }
  return Math.round(performance.now() - t0);
}

export async function benchOpenLoop(
  names: readonly TargetName[],
  opts: { rates?: readonly number[]; seconds?: number; log: (s: string) => void; nodeArgs?: Partial<Record<TargetName, string[]>> },
): Promise<ConfigResult[]> {
  const rates = opts.rates ?? DEFAULT_RATES;
  const seconds = opts.seconds ?? 5;
  const setup = openLoopSetup();
  const out: ConfigResult[] = [];
  for (const name of names) {
    const why = unavailable(name);
    if (why) {
      opts.log(`  ${TARGET_LABEL[name]}: not run — ${why}`);
      out.push({ name, label: TARGET_LABEL[name], rows: [], skipped: [...rates], maxRateP95Under50: null, notRun: why, pushBytes: 0 });
      continue;
    }
    const { target, tokens } = await startTarget(name, setup.units, setup.users, { nodeArgs: opts.nodeArgs?.[name], templateKey: 'open-loop' });
    const bytes = { sum: 0, n: 0 };
    try {
      const devices = setup.users.map((u) => new SimDevice(u.unitId, u.id, u.deviceId, u.role, tokens.get(u.id)!));
      // Interleave communes and villages so consecutive pushes come from different communes.
      const version = { n: 1 };
      await runStep(target.url, devices, 20, 2, version, target.pids, false, bytes);
      await waitIdle(target.pids);
      const rows: RateRow[] = [];
      const skipped: number[] = [];
      for (const rate of rates) {
        if (rows.some((r) => r.saturated)) {
          skipped.push(rate);
          continue;
        }
        const row = await runStep(target.url, devices, rate, seconds, version, target.pids, true, bytes);
        rows.push(row);
        const errs = Object.entries(row.errors).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
        opts.log(
          `  ${TARGET_LABEL[name]} @ ${rate}/s: ${row.achievedPerSecond} pushes/s OK (${row.changesPerSecond} changes/s), p50 ${row.p50Ms} / p95 ${row.p95Ms} / p99 ${row.p99Ms} ms; errors ${errs}; ` +
            `CPU % of a core: generator ${row.generatorCpuPct}, server ${row.serverCpuPct} (${row.serverCpuMsPerPush} ms/push), other processes ${row.othersCpuPct}; send lag p99 ${row.sendLagP99Ms} ms${row.saturated ? ' — SATURATED' : ''}`,
        );
        const idleMs = await waitIdle(target.pids);
        if (idleMs > 1_000) opts.log(`    (the server took ${idleMs} ms more to finish what the generator had given up on)`);
      }
      const good = rows.filter((r) => r.p95Ms <= P95_TARGET_MS && r.ok === r.scheduled);
      out.push({
        name,
        label: TARGET_LABEL[name],
        rows,
        skipped,
        maxRateP95Under50: good.length ? Math.max(...good.map((r) => r.rate)) : null,
        pushBytes: Math.round(bytes.sum / Math.max(1, bytes.n)),
      });
    } finally {
      await target.stop();
    }
  }
  return out;
}

export interface PushProfile {
  rate: number;
  row: RateRow;
  split: ProfileSplit | null;
}

/** The single SQLite process under a fixed rate it holds, CPU-profiled (node --cpu-prof): where a push's time goes. */
export async function benchPushProfile(opts: { rate: number; seconds: number; log: (s: string) => void }): Promise<PushProfile> {
  const setup = openLoopSetup();
  const dir = tempDir('prof-');
  const { target, tokens } = await startTarget('sqlite', setup.units, setup.users, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let row: RateRow;
  let window: { fromUs: number; toUs: number } | undefined;
  try {
    const devices = setup.users.map((u) => new SimDevice(u.unitId, u.id, u.deviceId, u.role, tokens.get(u.id)!));
    const version = { n: 1 };
    const bytes = { sum: 0, n: 0 };
    await runStep(target.url, devices, 20, 2, version, target.pids, false, bytes);
    await waitIdle(target.pids);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    row = await runStep(target.url, devices, opts.rate, opts.seconds, version, target.pids, true, bytes);
    window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
  } finally {
    await target.stop();
  }
  const split = splitProfiles(dir, window);
  opts.log(`  profiled @ ${opts.rate}/s: p50 ${row.p50Ms} / p95 ${row.p95Ms} ms, server ${row.serverCpuMsPerPush} ms CPU per push (with the profiler's overhead)`);
  if (split) {
    for (const p of [...split.parts].sort((a, b) => b.pct - a.pct)) opts.log(`    ${p.pct.toFixed(1).padStart(5)}%  ${p.writer ? '[writer]' : '[other] '} ${p.label}`);
    opts.log(`    ${split.otherPct.toFixed(1).padStart(5)}%  [other]  everything else (tsx, V8 internals, unattributed)`);
    opts.log(`    writer share ${split.writerPct}% of ${split.busyMs} ms busy`);
  }
  return { rate: opts.rate, row, split };
}
