// `npm run start:cluster`: several server processes (sync-server/main.ts) on one port and one
// PostgreSQL database, so a national deployment uses every core and no single process failing
// stops the service. The primary only forks and watches: a worker that dies is started again.
//   WORKERS (default 2) or --workers N; DATABASE_URL is required; every other setting (PORT,
//   HOST, DEMO, NODE_ENV, --production…) is read by each worker as `npm start` reads it.
// Nothing a push or pull needs lives only in one worker's memory (ARCHITECTURE.md, "Several
// processes"): the log, device marks, login counters, roll-up marks and the units' version are
// in the database, so a phone's retry may land on any worker.
import cluster, { type Worker } from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_WORKERS = 2;
const MAX_WORKERS = 64;
/** A worker that dies sooner than this after starting is crashing, not failing once. */
const HEALTHY_AFTER_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

function refuse(vi: string, en: string): never {
  console.error(vi);
  console.error(en);
  process.exit(1);
}

/** `--workers N`, `--workers=N` or WORKERS; the other arguments go to the workers. */
export function readWorkers(env: NodeJS.ProcessEnv, argv: readonly string[]): { workers: number; rest: string[] } {
  const rest: string[] = [];
  let raw = env.WORKERS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--workers' || a === '-w') raw = argv[++i];
    else if (a.startsWith('--workers=')) raw = a.slice('--workers='.length);
    else rest.push(a);
  }
  const workers = raw === undefined || raw.trim() === '' ? DEFAULT_WORKERS : Number(raw);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new Error(`WORKERS không hợp lệ: ${raw} (cần số nguyên 1–${MAX_WORKERS}) / invalid WORKERS: ${raw} (need an integer 1–${MAX_WORKERS})`);
  }
  return { workers, rest };
}

function main(): void {
  let parsed: ReturnType<typeof readWorkers>;
  try {
    parsed = readWorkers(process.env, process.argv.slice(2));
  } catch (e) {
    refuse(`Không khởi động được cụm máy chủ: ${(e as Error).message}`, 'Cannot start the server cluster: see above.');
  }
  if (!process.env.DATABASE_URL?.trim()) {
    // SQLite has one writer: two processes on one file would queue on its lock (or worse, on a
    // network disk, corrupt it). Several processes need the shared PostgreSQL store.
    refuse(
      'Không chạy được nhiều tiến trình: cần đặt DATABASE_URL (PostgreSQL). SQLite chỉ cho một tiến trình ghi — dùng `npm start` để chạy một tiến trình.',
      'Cannot run several processes: set DATABASE_URL (PostgreSQL). SQLite allows a single writer — use `npm start` for one process.',
    );
  }
  const { workers, rest } = parsed;
  const staticDir = process.env.STATIC_DIR ?? 'dist';
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.warn(`Chưa có ứng dụng đã đóng gói trong ${staticDir}/ (chạy \`npm run build\`); máy chủ chỉ phục vụ API.`);
  }

  cluster.setupPrimary({ exec: join(import.meta.dirname, 'main.ts'), args: rest, execArgv: process.execArgv });

  let stopping = false;
  let everListened = false;
  let allUp = false;
  let starting: Worker | null = null;
  let restartDelay = 500;
  const startedAt = new Map<Worker, number>();
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());

  // One worker starts at a time (the first one alone seeds the database: units, demo accounts;
  // concurrent first runs would race to create the same rows), until `workers` are up.
  const startNext = () => {
    if (stopping || starting || alive().length >= workers) return;
    const w = cluster.fork();
    starting = w;
    startedAt.set(w, Date.now());
    w.once('listening', (address) => {
      if (starting === w) starting = null;
      everListened = true;
      const n = alive().length;
      console.log(`[cụm] tiến trình ${w.process.pid} sẵn sàng (${n}/${workers}), cổng ${address.port}`);
      if (n === workers && !allUp) {
        allUp = true;
        console.log(`[cụm] ${workers} tiến trình cùng phục vụ cổng ${address.port} trên một cơ sở dữ liệu PostgreSQL`);
      }
      startNext();
    });
  };

  cluster.on('exit', (w, code, signal) => {
    const lived = Date.now() - (startedAt.get(w) ?? Date.now());
    startedAt.delete(w);
    if (starting === w) starting = null;
    if (stopping) {
      if (alive().length === 0) process.exit(0);
      return;
    }
    const why = signal ? `tín hiệu ${signal}` : `mã ${code}`;
    if (!everListened) {
      // Not one worker could start (database unreachable, bad settings): its own message says
      // why, and starting it again forever would only repeat it.
      refuse(`[cụm] tiến trình đầu tiên dừng khi khởi động (${why}); xem lỗi ở trên.`, '[cluster] the first worker stopped while starting; see the error above.');
    }
    // A worker that keeps dying right after starting is restarted less and less often.
    restartDelay = lived < HEALTHY_AFTER_MS ? Math.min(restartDelay * 2, MAX_RESTART_DELAY_MS) : 500;
    console.error(`[cụm] tiến trình ${w.process.pid} dừng (${why}); khởi động lại sau ${restartDelay} ms`);
    setTimeout(startNext, restartDelay);
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[cụm] nhận ${signal}: dừng các tiến trình…`);
    const live = alive();
    if (live.length === 0) process.exit(0);
    // Each worker stops accepting, finishes what is in flight and closes its pool (main.ts).
    for (const w of live) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  startNext();
}

if (cluster.isPrimary && process.argv[1] && import.meta.filename === process.argv[1]) main();
