// CPU time of processes from /proc (Linux): how much of the 2 shared cores the server (and
// PostgreSQL) used during a step, next to what the load generator used itself.
import { readFileSync, readdirSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

function stat(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": state ppid pgrp … utime(14th field → index 11) stime(12)
    return { ppid: Number(rest[1]), cpuMs: ((Number(rest[11]) + Number(rest[12])) * 1000) / TICK };
  } catch {
    return null;
  }
}

/** The pids and every descendant of them (a cluster's workers, PostgreSQL's backends). */
export function withDescendants(roots: readonly number[]): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) parent.set(Number(name), s.ppid);
  }
  const out = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, pp] of parent) {
      if (!out.has(pid) && out.has(pp)) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return [...out];
}

/** Total CPU ms (user + system) used so far by these processes (ones that exited are not counted). */
export function cpuMsOf(pids: readonly number[]): number {
  let t = 0;
  for (const p of pids) t += stat(p)?.cpuMs ?? 0;
  return t;
}

/** A CPU meter over a process tree: call `read()` for the ms used since `start`. */
export function cpuMeter(roots: () => readonly number[]): { read: () => number } {
  const pids = withDescendants(roots());
  const before = new Map(pids.map((p) => [p, stat(p)?.cpuMs ?? 0]));
  return {
    read: () => {
      let t = 0;
      for (const p of withDescendants(roots())) t += (stat(p)?.cpuMs ?? 0) - (before.get(p) ?? 0);
      return t;
    },
  };
}

/** Busy CPU ms of the whole machine so far (all cores, from /proc/stat): what other processes took shows as the rest. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = line[0]! + line[1]! + line[2]! + line[5]! + line[6]! + (line[7] ?? 0);
  return (busy * 1000) / TICK;
}
