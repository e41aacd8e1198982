// Starts the sync server: `npm start` (via scripts/start.mjs) or `tsx sync-server/main.ts`.
//   PORT (8080; 0 = any free port), HOST (127.0.0.1), DATA_DIR (./data),
//   DEMO=1 for demo accounts (npm start sets it; never in production), NODE_ENV=production or --production, TRUST_PROXY, STATIC_DIR (dist),
//   DEMO_HISTORY=1 with DEMO=1: a simulated history for the Quảng Xương communes (npm start sets it),
//   BACKUP_EVERY_HOURS (6; 0 = off), BACKUP_KEEP (28), BACKUP_DIR (DATA_DIR/backups): online SQLite backups,
//   METRICS_TOKEN (turns on GET /metrics for Prometheus), LOG_LEVEL (info; JSON lines on stdout).
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { ROLE_LABEL } from '../src/domain/people.ts';
import { statSync } from 'node:fs';
import { capcom6Gateway } from './sms/gateway-capcom6.ts';
import { capcom6Replier } from './sms/reply.ts';
import { startRollupFlusher } from './rollups/flush.ts';
import { createLogger } from './observe/log.ts';
import { createMetrics } from './observe/metrics.ts';
import { startBackups } from './backup/schedule.ts';
import { writePid } from './backup/pid.ts';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { DEMO_USERS, seedStore, type SeedResult } from './seed.ts';
import { openSqliteStore } from './store/sqlite.ts';
import type { SyncStore } from './store/types.ts';

function fail(message: string, err?: unknown): never {
  console.error(`Không khởi động được máy chủ: ${message}${err instanceof Error ? ` (${err.message})` : ''}`);
  process.exit(1);
}

let parsed: ReturnType<typeof readConfig>;
try {
  parsed = readConfig(process.env, process.argv.slice(2));
} catch (e) {
  fail('cấu hình sai', e);
}
const { config, warnings } = parsed;
for (const w of warnings) console.warn(w);

// DATABASE_URL chooses PostgreSQL (several processes may share it: `npm run start:cluster`);
// otherwise the SQLite file, for one process.
const databaseUrl = process.env.DATABASE_URL?.trim() || null;
const redacted = (url: string) => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `PostgreSQL ${u.toString()}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
};
const dataWhere = databaseUrl ? redacted(databaseUrl) : config.dbFile;
let store: SyncStore;
let seeded: SeedResult;
try {
  // Loaded only when asked for: the embedded default does not pay for the PostgreSQL driver.
  store = databaseUrl ? await (await import('./store/postgres.ts')).openPostgresStore({ url: databaseUrl }) : openSqliteStore({ file: config.dbFile });
  seeded = await seedStore(store, { demo: config.demo, now: Date.now() });
  if (config.demoHistory) {
    const { simulateDemoHistory } = await import('./demo/history.ts');
    const sim = await simulateDemoHistory(store, { now: Date.now() });
    if (sim.created) console.log(`Đã tạo dữ liệu mô phỏng cho ${sim.communes} xã của huyện Quảng Xương (${sim.changes.toLocaleString('vi-VN')} thay đổi).`);
  }
} catch (e) {
  fail(`không mở được cơ sở dữ liệu ${dataWhere}`, e);
}

const logger = createLogger();
// The SQLite file and its write-ahead log; a file not there yet counts as empty.
const fileBytes = (f: string) => {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
};
const metrics = createMetrics({
  now: Date.now,
  processMetrics: true,
  // On disk for SQLite (the write-ahead log can be large between checkpoints); PostgreSQL's own count.
  databaseSize: databaseUrl ? () => store.databaseBytes() : async () => fileBytes(config.dbFile) + fileBytes(`${config.dbFile}-wal`),
});
// Shifted only in tests (config.ts): the server's clock as every route sees it.
const offset = config.clockOffsetMs;
const app = createApp({
  store,
  now: offset ? () => Date.now() + offset : Date.now,
  staticDir: config.staticDir,
  trustProxy: config.trustProxy,
  logger,
  metrics,
  metricsToken: config.metricsToken,
  ...(config.sms
    ? {
        sms: {
          gateway: capcom6Gateway(config.sms.webhookSecret),
          gatewayNumber: config.sms.gatewayNumber,
          ...(config.sms.reply ? { replier: capcom6Replier(config.sms.reply) } : {}),
        },
      }
    : {}),
});

// Roll-ups follow pushes within a couple of seconds (and are exact on every read).
// Online backups of the SQLite file (PostgreSQL: pg_dump, see README), and the pid that
// keeps `npm run admin -- restore` from swapping the database under a running server.
const stopBackups =
  !databaseUrl && config.backups.everyMs > 0 ? startBackups({ dbFile: config.dbFile, dir: config.backups.dir, everyMs: config.backups.everyMs, keep: config.backups.keep }, logger) : () => undefined;
const removePid = databaseUrl ? () => undefined : writePid(config.dataDir);
const stopFlusher = startRollupFlusher(store, Date.now, (err) => logger.error({ err }, 'roll-up flush failed'), metrics.rollupsFresh);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  console.log(`Sổ tay Đề án 06 — máy chủ đồng bộ đang chạy tại http://${host}:${info.port}/`);
  console.log(`Dữ liệu: ${dataWhere}${config.production ? ' (chế độ production)' : ''}`);
  if (seeded.demoUsers.length > 0) {
    console.log(`Tài khoản demo (mật khẩu chung: ${DEMO_USERS.password}):`);
    for (const u of seeded.demoUsers) console.log(`  ${u.username.padEnd(20)} ${ROLE_LABEL[u.role]} — ${u.displayName}`);
  }
});

server.on('error', (e: NodeJS.ErrnoException) => {
  fail(e.code === 'EADDRINUSE' ? `cổng ${config.port} đang được chương trình khác dùng (đặt PORT khác)` : 'lỗi mạng', e);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Nhận ${signal}: đang dừng máy chủ…`);
  // Stop accepting, let requests in flight finish, then close the database cleanly.
  stopFlusher();
  stopBackups();
  removePid();
  server.close(() => {
    void store.close().then(() => process.exit(0));
  });
  setTimeout(() => {
    void store.close().finally(() => process.exit(0));
  }, 5000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
