// Where a push's time goes in the single server thread (issue 13, "use both cores"): a V8 CPU
// profile of the server under open-loop load, every sampled tick charged to the innermost
// frame that belongs to a known part (walking from the leaf towards the root), so native
// code (SQLite statements, fsync inside COMMIT, zlib, JSON) is charged to whoever called it.
// Exclusive shares: they add up to 100% of the busy (non-idle) time.
//
// "writer" parts are those a single SQLite writer must run itself (the statements and the
// transaction logic between them); the rest could run on other threads in front of it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export interface Part {
  key: string;
  label: string;
  writer: boolean;
  test: (url: string, fn: string) => boolean;
}

/** First match wins, from the leaf up. Order: the most specific first. */
export const PARTS: Part[] = [
  { key: 'sqlite', label: 'SQLite statements, BEGIN/COMMIT (incl. fsync), row mapping (store/sqlite*.ts, better-sqlite3)', writer: true, test: (u) => u.includes('better-sqlite3') || /sync-server\/store\/sqlite/.test(u) },
  { key: 'zod', label: 'zod parsing (request schema, per-change values)', writer: false, test: (u) => u.includes('/zod/') },
  { key: 'gzip', label: 'gzip / gunzip (answers, request bodies)', writer: false, test: (u, f) => u.includes('node:zlib') || u.includes('zlib') || u.includes('hono/dist/middleware/compress') || f === 'compress' },
  { key: 'rollups', label: 'roll-up recomputation (rollups/, src/domain/rollup.ts)', writer: true, test: (u) => u.includes('sync-server/rollups/') || u.includes('src/domain/rollup') },
  { key: 'push', label: 'push logic in the transaction (sync/push.ts, apply, merge, record rules, checks)', writer: true, test: (u) => /sync-server\/sync\/(push|apply|check-change|authorize|future-clock)\.ts/.test(u) || /src\/domain\/(sync\/(merge|record-rules|ids|collections|limits|hlc)|access)\.ts/.test(u) },
  { key: 'pull', label: 'pull half (subscription, answer building: sync/routes.ts, subscription.ts)', writer: false, test: (u) => /sync-server\/sync\/(routes|subscription)\.ts/.test(u) || u.includes('src/domain/subscriptions') },
  { key: 'auth', label: 'auth (token hash, session check: auth/)', writer: false, test: (u) => u.includes('sync-server/auth/') },
  { key: 'body', label: 'request body (read, depth check, JSON.parse: http/body.ts)', writer: false, test: (u) => u.includes('sync-server/http/') },
  { key: 'org', label: 'org tree (org/)', writer: false, test: (u) => u.includes('sync-server/org/') || u.includes('src/domain/org') },
  { key: 'hono', label: 'Hono routing, middleware, Response objects (hono, @hono/node-server)', writer: false, test: (u) => u.includes('/hono/') || u.includes('@hono/node-server') || u.includes('sync-server/app.ts') },
  { key: 'http', label: 'Node HTTP, sockets, streams, timers', writer: false, test: (u) => /node:(_http|http|net|stream|internal\/(streams|http|timers|stream_base)|events|buffer)/.test(u) || u.includes('undici') },
  { key: 'loader', label: 'module loading (tsx, ESM loader)', writer: false, test: (u) => u.includes('node_modules/tsx/') || u.includes('node:internal/modules/') || u.includes('esbuild') },
  { key: 'gc', label: 'garbage collection', writer: false, test: (_u, f) => f === '(garbage collector)' },
];

export interface ProfileSplit {
  busyMs: number;
  parts: { key: string; label: string; writer: boolean; pct: number }[];
  otherPct: number;
  writerPct: number;
}

/** `window`: only samples taken between these CLOCK_MONOTONIC µs (process.hrtime in the generator), i.e. the measured step. */
export function splitProfiles(dir: string, window?: { fromUs: number; toUs: number }): ProfileSplit | null {
  let best: ProfileSplit | null = null;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map<number, number>();
    let at = p.startTime;
    p.samples.forEach((s, i) => {
      at += p.timeDeltas[i] ?? 0;
      if (window && (at < window.fromUs || at > window.toUs)) return;
      self.set(s, (self.get(s) ?? 0) + (p.timeDeltas[i] ?? 0));
    });
    const totals = new Map<string, number>();
    let busy = 0;
    let other = 0;
    const memo = new Map<number, string | null>();
    const classify = (id: number): string | null => {
      if (memo.has(id)) return memo.get(id)!;
      const n = byId.get(id)!;
      const hit = PARTS.find((part) => part.test(n.callFrame.url, n.callFrame.functionName));
      const parentId = parent.get(id);
      const r = hit ? hit.key : parentId === undefined ? null : classify(parentId);
      memo.set(id, r);
      return r;
    };
    for (const [id, t] of self) {
      const fn = byId.get(id)!.callFrame.functionName;
      if (fn === '(idle)') continue;
      busy += t;
      const k = classify(id);
      if (k) totals.set(k, (totals.get(k) ?? 0) + t);
      else other += t;
    }
    if (busy < 1e6) continue; // a helper thread with nothing to say
    const parts = PARTS.map((part) => ({ key: part.key, label: part.label, writer: part.writer, pct: Math.round((1000 * (totals.get(part.key) ?? 0)) / busy) / 10 }));
    const split: ProfileSplit = {
      busyMs: Math.round(busy / 1000),
      parts,
      otherPct: Math.round((1000 * other) / busy) / 10,
      writerPct: Math.round(10 * parts.filter((x) => x.writer).reduce((s, x) => s + x.pct, 0)) / 10,
    };
    if (!best || split.busyMs > best.busyMs) best = split;
  }
  return best;
}
