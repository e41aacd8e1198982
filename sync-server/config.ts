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
  /** Tests only (NODE_ENV=test): TEST_CLOCK_OFFSET_MS shifts the server's clock, e.g. past an enrolment code's 10 minutes after a restart. */
  clockOffsetMs: number;
  /** Online SQLite backups: every BACKUP_EVERY_HOURS (6; 0 = off; off by default in tests), keeping BACKUP_KEEP (28) in BACKUP_DIR. */
  backups: { everyMs: number; keep: number; dir: string };
  /**
   * SMS gateway (sync-server/sms/): SMS_WEBHOOK_SECRET = the signing key of the "SMS Gateway for
   * Android" webhook (unset = /api/sms/inbound is off); SMS_GATEWAY_NUMBER = the SIM phones text;
   * SMS_REPLY_URL, SMS_REPLY_USER, SMS_REPLY_PASSWORD = where replies are sent (optional).
   */
  sms: { webhookSecret: string; gatewayNumber: string | null; reply: { url: string; user: string; password: string } | null } | null;
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
      // Never honoured outside tests: a shifted clock would misjudge every deadline.
      clockOffsetMs: env.NODE_ENV === 'test' && env.TEST_CLOCK_OFFSET_MS ? Number(env.TEST_CLOCK_OFFSET_MS) || 0 : 0,
      metricsToken: env.METRICS_TOKEN?.trim() || undefined,
      backups: {
        everyMs: hours(env.BACKUP_EVERY_HOURS, env.NODE_ENV === 'test' ? 0 : 6) * 3600_000,
        keep: count(env.BACKUP_KEEP, 28),
        dir: env.BACKUP_DIR ?? join(dataDir, 'backups'),
      },
      sms: env.SMS_WEBHOOK_SECRET?.trim()
        ? {
            webhookSecret: env.SMS_WEBHOOK_SECRET.trim(),
            gatewayNumber: env.SMS_GATEWAY_NUMBER?.trim() || null,
            reply: env.SMS_REPLY_URL?.trim() ? { url: env.SMS_REPLY_URL.trim(), user: env.SMS_REPLY_USER ?? '', password: env.SMS_REPLY_PASSWORD ?? '' } : null,
          }
        : null,
    },
    warnings,
  };
}
