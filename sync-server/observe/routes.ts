// GET /api/health (for load balancers and people) and GET /metrics (for Prometheus).
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import type { SyncStore } from '../store/types.ts';
import type { Metrics } from './metrics.ts';

/** A probe row no person can have: usernames are letters, digits and dots (src/domain/people.ts). */
const PROBE = { username: '~health', address: '~' } as const;
/** Load balancers ask every few seconds; one real write per this long is enough. */
const PROBE_EVERY_MS = 2000;

/**
 * Healthy = the database takes a write now (a full disk or a read-only replica answers 503),
 * not merely that the process is up. The write is a throw-away row in the login counters,
 * committed and deleted in one transaction.
 */
export function healthRoute(deps: { store: SyncStore; now: () => number; syncFormat: number; units: () => Promise<number> }) {
  let last: { at: number; writable: boolean; error?: string } | null = null;
  const probe = async () => {
    const at = deps.now();
    if (last && at - last.at < PROBE_EVERY_MS) return last;
    try {
      await deps.store.transaction(async (tx) => {
        await tx.putLoginCounter({ ...PROBE, failures: 0, firstAt: at, lastAt: at, blockedUntil: 0 });
        await tx.deleteLoginCounter(PROBE.username, PROBE.address);
      });
      last = { at, writable: true };
    } catch (e) {
      last = { at, writable: false, error: e instanceof Error ? e.message : String(e) };
    }
    return last;
  };
  return async (c: Context<AppEnv>) => {
    const { writable } = await probe();
    const units = writable ? await deps.units() : null;
    return c.json({ ok: writable, writable, time: deps.now(), syncFormat: deps.syncFormat, units }, writable ? 200 : 503);
  };
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Off unless a token is configured (METRICS_TOKEN): figures about a deployment are not public. */
export function metricsRoute(deps: { metrics: Metrics; token: string | undefined }) {
  return async (c: Context<AppEnv>) => {
    if (!deps.token) throw new ApiError(404, 'http/not-found', 'Không tìm thấy');
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(given, deps.token)) {
      throw new ApiError(401, given ? 'auth/invalid-token' : 'auth/missing-token', 'Cần mã truy cập số liệu vận hành (METRICS_TOKEN)', {
        headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
      });
    }
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType, 'cache-control': 'no-store' });
  };
}
