// Server settings from the environment and command line, parsed in one place.
import { join } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  staticDir: string;
  production: boolean;
  /** Demo users only when asked for (DEMO=1, which `npm start` sets) and never in production. */
  demo: boolean;
  /** With demo: a simulated history of the Quảng Xương communes (sync-server/demo/history.ts). */
  demoHistory: boolean;
  /** Behind a reverse proxy: count login attempts per the address the proxy appended (rightmost X-Forwarded-For). */
  trustProxy: boolean;
  /** GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; unset = /metrics is off. */
  metricsToken: string | undefined;
  /** Online SQLite backups: every BACKUP_EVERY_HOURS (6; 0 = off; off by default in tests), keeping BACKUP_KEEP (28) in BACKUP_DIR. */
  backups: { everyMs: number; keep: number; dir: string };
}

const on = (v: string | undefined) => v !== undefined && /^(1|true|on|yes)$/i.test(v.trim());

function hours(v: string | undefined, fallback: number): number {
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`BACKUP_EVERY_HOURS không hợp lệ: ${v}`);
  return n;
}
function count(v: string | undefined, fallback: number): number {
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BACKUP_KEEP không hợp lệ: ${v}`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): { config: ServerConfig; warnings: string[] } {
  const warnings: string[] = [];
  const production = env.NODE_ENV === 'production' || argv.includes('--production');
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT không hợp lệ: ${env.PORT}`);
  const dataDir = env.DATA_DIR ?? './data';
  // A plain server start creates no account anyone could guess: demo mode is opt-in.
  let demo = !production && on(env.DEMO);
  if (production && on(env.DEMO)) {
    warnings.push('Bỏ qua DEMO=1: chế độ production không bao giờ tạo tài khoản demo.');
    demo = false;
  }
  return {
    config: {
      port,
      host: env.HOST ?? '127.0.0.1',
      dataDir,
      dbFile: join(dataDir, 'so-tay.db'),
      staticDir: env.STATIC_DIR ?? 'dist',
      production,
      demo,
      demoHistory: demo && on(env.DEMO_HISTORY),
      trustProxy: on(env.TRUST_PROXY),
      metricsToken: env.METRICS_TOKEN?.trim() || undefined,
      backups: {
        everyMs: hours(env.BACKUP_EVERY_HOURS, env.NODE_ENV === 'test' ? 0 : 6) * 3600_000,
        keep: count(env.BACKUP_KEEP, 28),
        dir: env.BACKUP_DIR ?? join(dataDir, 'backups'),
      },
    },
    warnings,
  };
}
