// Summarises a V8 .cpuprofile (node --cpu-prof) of the sync server: the share of busy
// time spent inside the functions that matter for a push, counted inclusively (by the
// synchronous stack: an async caller resumed after an await is not on it, so only
// functions whose work is synchronous — the SQLite calls, the roll-up maths — are listed).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const WATCH: [label: string, test: (n: Node) => boolean][] = [
  ['roll-up refresh in the push (refreshRollups)', (n) => n.callFrame.functionName === 'refreshRollups'],
  ['  listDocs (docs of the commune)', (n) => n.callFrame.functionName === 'listDocs'],
  ['  combineRollups', (n) => n.callFrame.functionName === 'combineRollups'],
  ['  getRollup / putRollup', (n) => n.callFrame.functionName === 'getRollup' || n.callFrame.functionName === 'putRollup'],
  ['getUnits (all units, per call)', (n) => n.callFrame.functionName === 'getUnits'],
  ['new OrgTree', (n) => n.callFrame.functionName === 'OrgTree'],
  ['pull (the pull half)', (n) => n.callFrame.functionName === 'pull' && n.callFrame.url.includes('sqlite')],
  ['BEGIN / COMMIT (exec)', (n) => n.callFrame.functionName === 'exec' && n.callFrame.url.includes('better-sqlite3')],
  ['zod parsing', (n) => n.callFrame.url.includes('/zod/')],
  ['response compression', (n) => n.callFrame.functionName === 'compress' || n.callFrame.url.includes('node:zlib')],
];

export function summariseProfiles(dir: string): string[] {
  const out: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const selfTime = new Map<number, number>();
    p.samples.forEach((s, i) => selfTime.set(s, (selfTime.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
    let busy = 0;
    const totals = WATCH.map(() => 0);
    for (const [id, t] of selfTime) {
      const leaf = byId.get(id)!;
      if (leaf.callFrame.functionName === '(idle)') continue;
      busy += t;
      const hit = WATCH.map(() => false);
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur)!;
        WATCH.forEach(([, test], k) => {
          if (!hit[k] && test(n)) hit[k] = true;
        });
      }
      hit.forEach((h, k) => h && (totals[k]! += t));
    }
    if (busy < 1e6) continue; // the loader thread: nothing to say
    out.push(`busy ${(busy / 1e6).toFixed(1)} s of CPU in the server's main thread:`);
    WATCH.forEach(([label], k) => out.push(`${label}: ${((100 * totals[k]!) / busy).toFixed(0)}%`));
  }
  return out;
}
