// The issue-13 benchmarks, run by bench/run.ts — all of them in `npm run bench`, or only some:
//   npm run bench -- open-loop     fixed arrival rates against each server configuration
//   npm run bench -- profile       where a push's time goes in the single SQLite process
//   npm run bench -- bootstrap     a new phone: snapshot vs log replay, bytes and 2G time
//   npm run bench -- national      3,300 communes × 10 villages, province officer, roll-ups
//   npm run bench -- issue13       all four
// Environment: OPEN_LOOP_RATES=100,500 (rates), OPEN_LOOP_SECONDS=5, OPEN_LOOP_TARGETS=sqlite,pg1,pg2,
// NATIONAL_SAMPLE=40 (communes of province 1 given a year), BENCH13_TARGETS=sqlite,pg1 (bootstrap, national;
// default sqlite), BENCH_RENICE=-10 (run generator and servers at that nice value: lib/targets.ts).
import { cpus, loadavg } from 'node:os';
import { benchBootstrap, LINK_2G, snapshotAvailable, type BootstrapResult, type SnapshotWay } from './bootstrap.ts';
import { benchNational, BIG_PROVINCE_COMMUNES, type NationalResult } from './national.ts';
import { benchOpenLoop, benchPushProfile, CHANGES_PER_PUSH, DEFAULT_RATES, OL_COMMUNES, P95_TARGET_MS, type ConfigResult, type PushProfile } from './open-loop.ts';
import { stopSharedPostgres, TARGET_LABEL, unavailable, type TargetName } from './lib/targets.ts';

export const ISSUE13_PARTS = ['open-loop', 'profile', 'bootstrap', 'national'] as const;
export type Issue13Part = (typeof ISSUE13_PARTS)[number];

export interface Issue13Results {
  openLoop?: ConfigResult[];
  profile?: PushProfile;
  bootstrap?: (BootstrapResult | { target: TargetName; notRun: string })[];
  national?: (NationalResult | { target: TargetName; notRun: string })[];
}

const list = <T extends string>(v: string | undefined, fallback: readonly T[]): T[] => (v ? (v.split(',').map((s) => s.trim()).filter(Boolean) as T[]) : [...fallback]);

export function parseParts(argv: readonly string[]): Set<Issue13Part> | null {
  const asked = argv.filter((a) => !a.startsWith('-'));
  if (asked.length === 0) return null;
  const out = new Set<Issue13Part>();
  for (const a of asked) {
    if (a === 'issue13') ISSUE13_PARTS.forEach((p) => out.add(p));
    else if ((ISSUE13_PARTS as readonly string[]).includes(a)) out.add(a as Issue13Part);
    else throw new Error(`unknown benchmark part "${a}" (known: ${ISSUE13_PARTS.join(', ')}, issue13)`);
  }
  return out;
}

/** The snapshot download, when the snapshot endpoint exists (set by the snapshot helper's wiring). */
let snapshotWay: SnapshotWay | undefined;
export function useSnapshotWay(way: SnapshotWay): void {
  snapshotWay = way;
}

export async function runIssue13(parts: ReadonlySet<Issue13Part>, log: (s: string) => void, section: (s: string) => void, quick: boolean): Promise<Issue13Results> {
  try {
    return await runParts(parts, log, section, quick);
  } finally {
    await stopSharedPostgres();
  }
}

async function runParts(parts: ReadonlySet<Issue13Part>, log: (s: string) => void, section: (s: string) => void, quick: boolean): Promise<Issue13Results> {
  const r: Issue13Results = {};
  // PostgreSQL here is opt-in: filling a year through the store costs minutes on PostgreSQL, and the
  // bytes and requests (what these two measure) do not depend on the store (BENCHMARKS.md).
  const storeTargets = list<TargetName>(process.env.BENCH13_TARGETS, ['sqlite']);
  if (parts.has('open-loop')) {
    section('6. Open-loop load at fixed arrival rates (issue 13)');
    r.openLoop = await benchOpenLoop(list<TargetName>(process.env.OPEN_LOOP_TARGETS, ['sqlite', 'pg1', 'pg2']), {
      rates: process.env.OPEN_LOOP_RATES ? process.env.OPEN_LOOP_RATES.split(',').map(Number) : DEFAULT_RATES,
      seconds: Number(process.env.OPEN_LOOP_SECONDS ?? (quick ? 3 : 5)),
      log,
    });
  }
  if (parts.has('profile')) {
    section('7. Where a push\'s time goes: the SQLite process CPU-profiled under a fixed rate');
    r.profile = await benchPushProfile({ rate: Number(process.env.PROFILE_RATE ?? 50), seconds: quick ? 4 : 8, log });
  }
  if (parts.has('bootstrap')) {
    section('8. A new phone: snapshot vs log replay (a commune with a year of activity)');
    r.bootstrap = [];
    for (const t of storeTargets.filter((x) => x !== 'pg2')) {
      const b = await benchBootstrap(t, log, snapshotAvailable() ? snapshotWay : undefined);
      if ('notRun' in b) log(`  ${TARGET_LABEL[t]}: not run — ${b.notRun}`);
      r.bootstrap.push(b);
    }
  }
  if (parts.has('national')) {
    section('9. National size: 3,300 communes × 10 villages');
    r.national = [];
    for (const t of storeTargets.filter((x) => x !== 'pg2')) {
      const n = await benchNational(t, log, { sampleCommunes: Number(process.env.NATIONAL_SAMPLE ?? 40) });
      if ('notRun' in n) log(`  ${TARGET_LABEL[t]}: not run — ${n.notRun}`);
      r.national.push(n);
    }
  }
  return r;
}

const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The BENCHMARKS.md lines of the issue-13 parts that ran. */
export function issue13Markdown(r: Issue13Results, command: string): string[] {
  const out: string[] = [];
  const cpu = cpus();
  out.push(
    `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores shared by the load generator, the server processes, PostgreSQL and whatever else runs (load average now ${loadavg().map((x) => x.toFixed(2)).join(' / ')}). **Caveat:** the generator and the server(s) compete for the same 2 cores, so each row also says how much CPU each took; figures for several processes cannot show more than 2 cores' worth.`,
    `- Command: \`${command}\`.`,
    '',
  );
  if (r.openLoop) {
    out.push(
      `**Open-loop load** (bench/open-loop.ts): pushes of ${CHANGES_PER_PUSH} changes on a fixed schedule from ${OL_COMMUNES * 3} distinct devices/users (${OL_COMMUNES} communes × (commune body + 2 village teams)), gzipped bodies as the app sends them; latency from each push's *scheduled* time; ${r.openLoop[0]?.rows[0]?.seconds ?? 5} s per rate after a 2 s warm-up; rates stop after the first that saturates. "CPU" is % of one core during the step (generator = this process; server = server processes + PostgreSQL's; other = the rest of the machine).`,
      '',
      '| configuration | offered /s | OK /s (changes/s) | p50 / p95 / p99 ms | errors | CPU generator / server / other % | server CPU per push | generator send lag p99 |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const c of r.openLoop) {
      if (c.notRun) {
        out.push(`| ${c.label} | — | not run: ${c.notRun} | | | | | |`);
        continue;
      }
      for (const x of c.rows) {
        const errs = Object.entries(x.errors).map(([k, v]) => `${k}: ${v}`).join(', ') || '0';
        out.push(
          `| ${c.label} | ${x.rate} | ${x.achievedPerSecond} (${x.changesPerSecond}) | ${x.p50Ms} / ${x.p95Ms} / ${x.p99Ms}${x.saturated ? ' **saturated**' : ''} | ${errs} | ${x.generatorCpuPct} / ${x.serverCpuPct} / ${x.othersCpuPct} | ${x.serverCpuMsPerPush} ms | ${x.sendLagP99Ms} ms |`,
        );
      }
      if (c.skipped.length) out.push(`| ${c.label} | ${c.skipped.join(', ')} | not run: a lower rate saturated | | | | | |`);
    }
    out.push('', `Highest rate held with p95 ≤ ${P95_TARGET_MS} ms and no errors: ${r.openLoop.map((c) => `${c.label} **${c.notRun ? 'not run' : c.maxRateP95Under50 === null ? `none (from ${c.rows[0]?.rate ?? DEFAULT_RATES[0]}/s up)` : `${c.maxRateP95Under50}/s`}**`).join('; ')}. Push body ≈ ${r.openLoop.find((c) => c.pushBytes)?.pushBytes ?? '?'} B gzipped. SQLite with worker threads: not built (see "Use both cores" below).`, '');
  }
  if (r.profile) {
    const p = r.profile;
    out.push(`**Where a push's time goes** (single SQLite process, node --cpu-prof, ${p.rate} pushes/s for ${p.row.seconds} s — samples of the measured step only; each tick charged to the innermost part on its stack, so native SQLite/fsync/zlib time goes to its caller; p95 ${p.row.p95Ms} ms, ${p.row.serverCpuMsPerPush} ms server CPU per push with the profiler on):`, '');
    if (p.split) {
      out.push('| share of busy time | part | must run on the SQLite writer? |', '|---|---|---|');
      for (const x of [...p.split.parts].sort((a, b) => b.pct - a.pct)) out.push(`| ${x.pct}% | ${x.label} | ${x.writer ? 'yes' : 'no'} |`);
      out.push(`| ${p.split.otherPct}% | everything else (V8 internals, unattributed) | no |`, '', `Writer share: **${p.split.writerPct}%** of ${p.split.busyMs} ms busy.`, '');
    }
  }
  if (r.bootstrap) {
    out.push(
      `**A new phone of a commune with a year of activity** (bench/bootstrap.ts): 2G time = Σ over requests (${LINK_2G.rttMs} ms + up·8/${LINK_2G.upBitsPerSecond / 1000} kbit/s + down·8/${LINK_2G.downBitsPerSecond / 1000} kbit/s), the link of the 2G browser benchmark; bytes on the wire incl. HTTP headers, gzip as sent.`,
      '',
      '| store | changes in the subtree | way | requests | bytes up / down | received | loopback | 2G (model) |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const b of r.bootstrap) {
      if ('notRun' in b) {
        out.push(`| ${TARGET_LABEL[b.target]} | — | not run: ${b.notRun} | | | | | |`);
        continue;
      }
      const row = (way: string, w: BootstrapResult['replay']) => `| ${TARGET_LABEL[b.target]} | ${b.subtreeChanges} | ${way} | ${w.requests} | ${w.bytesUp} / ${w.bytesDown} (${kib(w.bytesDown)}) | ${w.items} | ${s1(w.loopbackMs)} | **${s1(w.twoGMs)}** |`;
      out.push(row('log replay', b.replay));
      out.push(b.snapshot ? row('snapshot', b.snapshot) : `| ${TARGET_LABEL[b.target]} | ${b.subtreeChanges} | snapshot | ${b.snapshotNote} | | | | |`);
    }
    out.push('');
  }
  if (r.national) {
    out.push(
      `**National size** (bench/national.ts): 34 provinces, 3,300 communes × 10 villages (36,334 units); a light year (≈ 1,200 changes per commune) for a sample of province 1's ${BIG_PROVINCE_COMMUNES} communes; the province officer's new phone pulls its whole subscription; roll-ups recomputed in one transaction.`,
      '',
      '| store | sample | database (units only) | per change | server start | officer pull: requests, bytes down, changes | loopback | 2G (model) | GET roll-up / children | recompute province / country |',
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const n of r.national) {
      if ('notRun' in n) {
        out.push(`| ${TARGET_LABEL[n.target]} | not run: ${n.notRun} | | | | | | | | |`);
        continue;
      }
      out.push(
        `| ${TARGET_LABEL[n.target]} | ${n.sampleCommunes} communes, ${n.sampleChanges} changes | ${mib(n.dbBytes)} (${mib(n.dbBytesUnitsOnly)}) | ${n.bytesPerChange} B | ${s1(n.serverStartMs)} | ${n.officerPull.requests}, ${kib(n.officerPull.bytesDown)}, ${n.officerPull.changes} | ${s1(n.officerPull.loopbackMs)} | ${s1(n.officerPull.twoGMs)} | ${n.rollupReadMs} ms / ${n.rollupChildrenMs} ms (${kib(n.rollupChildrenBytes)} JSON) | ${n.refreshProvinceMs} ms / ${n.refreshCountryMs} ms |`,
      );
    }
    out.push('');
  }
  return out;
}

export { unavailable };
