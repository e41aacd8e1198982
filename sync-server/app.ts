// The HTTP app, built from injected parts (store, clock) so tests drive it in process with
// app.request(...) and main.ts serves the very same handler.
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { SYNC_FORMAT_VERSION } from '../src/domain/sync/wire.ts';
import { proxiedAddress, socketAddress } from './auth/client-address.ts';
import { adminRoutes, planRoutes } from './admin-api/routes.ts';
import { redeemRoutes } from './admin-api/redeem.ts';
import { reorgRoutes } from './admin-api/reorg-routes.ts';
import { deviceRoutes } from './auth/devices.ts';
import { enrolRoutes } from './auth/enrol.ts';
import type { LoginLimitPolicy } from './auth/login-limit.ts';
import { authRoutes } from './auth/routes.ts';
import { blobRoutes } from './blobs/routes.ts';
import { catalogueRoutes } from './catalogue/routes.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, internalError, sendError } from './http/errors.ts';
import { serveApp } from './http/static.ts';
import { createLogger, isClientAbort, type Logger } from './observe/log.ts';
import { createMetrics, type Metrics } from './observe/metrics.ts';
import { healthRoute, metricsRoute } from './observe/routes.ts';
import { rollupRoutes } from './rollups/routes.ts';
import { peopleRoutes } from './org/people-routes.ts';
import { loadTree } from './org/load-tree.ts';
import type { SyncStore } from './store/types.ts';
import { newServerClock } from './sync/future-clock.ts';
import { syncRoutes } from './sync/routes.ts';
import { smsRoutes, type SmsConfig } from './sms/routes.ts';
import { handoffRoutes } from './handoff/routes.ts';

// zod's own messages (wrong type, too long…) in Vietnamese, like ours.
z.config(z.locales.vi());

export interface AppDeps {
  store: SyncStore;
  now: () => number;
  /** The built app to serve (default "dist"); null serves the API only. */
  staticDir?: string | null;
  /** The address login throttling counts per; default the socket's peer address (see trustProxy). */
  clientIp?: (c: Context<AppEnv>) => string;
  /** Behind a reverse proxy: count logins per the address it appended to X-Forwarded-For. */
  trustProxy?: boolean;
  /** Login throttling (auth/login-limit.ts; default 5 free failures, then 1 s, 2 s, 4 s… up to 15 min). */
  loginLimit?: Partial<LoginLimitPolicy>;
  /** Byte cap of a pull page (default 64 KB). */
  pullBytes?: number;
  /** Where unexpected errors are reported (default: the logger, as JSON). */
  logError?: (err: unknown, c: Context<AppEnv>) => void;
  /** Structured request and error logs (default: JSON lines on stdout at LOG_LEVEL). */
  logger?: Logger;
  /** Counters and latency for GET /metrics (default: a fresh registry). */
  metrics?: Metrics;
  /** GET /metrics answers only with `Authorization: Bearer <this>`; unset = /metrics is off. */
  metricsToken?: string;
  /** SMS as a last resort: the gateway's webhook format and secret, the number phones text (off when absent). */
  sms?: SmsConfig;
}

/**
 * What the built PWA needs and nothing more: its own scripts, styles and worker (no inline
 * script or style element in index.html; Preact sets `style` through the CSSOM, which CSP
 * allows), photos as data: and blob: images, the API on the same origin; no framing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();
  const logger = deps.logger ?? createLogger();
  const metrics = deps.metrics ?? createMetrics({ now });
  const logError =
    deps.logError ??
    ((err: unknown, c: Context<AppEnv>) => {
      const where = { reqId: c.get('requestId'), method: c.req.method, path: c.req.path };
      if (isClientAbort(err)) logger.info({ ...where, reason: (err as Error).message }, 'client closed the request');
      else logger.error({ ...where, err }, 'unexpected error');
    });

  // First, so it also marks error answers, 404s and the static files. The full set goes on
  // what a browser renders (the app, its files); API answers are JSON or bytes a page only
  // fetches, so they carry the few headers that matter for them — on 2G each sync answer
  // would otherwise pay about half a kilobyte of headers.
  const pageHeaders = secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    // Without includeSubDomains: the server may sit on one name of a larger domain whose other sites are not ours.
    strictTransportSecurity: 'max-age=15552000',
  });
  app.use('*', async (c, next) => {
    if (!c.req.path.startsWith('/api/')) return pageHeaders(c, next);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    // Opened directly, an API answer renders nothing active and cannot be framed.
    c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  });
  app.use('*', compress());
  // A client may send its own id (a proxy's, to follow one request across logs); else one is made.
  app.use('/api/*', requestId({ limitLength: 64 }));
  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // The route pattern, not the path: /api/blobs/<hash> must not make a series per photo.
    const route = c.req.routePath;
    metrics.http.observe({ method: c.req.method, route, status: String(c.res.status) }, seconds);
    const quiet = route === '/api/health';
    logger[quiet ? 'debug' : 'info'](
      { reqId: c.get('requestId'), method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 10_000) / 10, user: c.get('session')?.user.id },
      'request',
    );
  });

  app.get('/api/health', healthRoute({ store, now, syncFormat: SYNC_FORMAT_VERSION, units: async () => (await loadTree(store)).units.length }));
  app.get('/metrics', metricsRoute({ metrics, token: deps.metricsToken }));
  const clientIp = deps.clientIp ?? (deps.trustProxy ? proxiedAddress : socketAddress);
  app.route('/api', authRoutes({ store, now, clientIp, ...(deps.loginLimit ? { loginLimit: deps.loginLimit } : {}) }));
  app.route('/api', deviceRoutes({ store, now }));
  app.route('/api', enrolRoutes({ store, now, clientIp, ...(deps.loginLimit ? { loginLimit: deps.loginLimit } : {}) }));
  // One server clock for every path that applies pushed changes (its re-stamps only grow).
  const clock = newServerClock();
  app.route('/api', syncRoutes({ store, now, clock, pullBytes: deps.pullBytes, metrics }));
  app.route('/api', handoffRoutes({ store, now, clock, metrics }));
  app.route('/api', smsRoutes({ store, now, clock, logger, ...(deps.sms ? { sms: deps.sms } : {}) }));
  app.route('/api/rollups', rollupRoutes({ store, now }));
  app.route('/api/catalogue', catalogueRoutes({ store }));
  app.route('/api/people', peopleRoutes({ store, now }));
  app.route('/api/blobs', blobRoutes({ store, now }));
  app.route('/api', redeemRoutes({ store, now, clientIp, ...(deps.loginLimit ? { loginLimit: deps.loginLimit } : {}) }));
  app.route('/api/admin/reorg', reorgRoutes({ store, now }));
  app.route('/api/admin', adminRoutes({ store, now }));
  app.route('/api/plans', planRoutes({ store, now }));
  app.all('/api/*', () => {
    throw new ApiError(404, 'http/not-found', 'Không có địa chỉ API này');
  });

  const staticDir = deps.staticDir === undefined ? 'dist' : deps.staticDir;
  if (staticDir !== null) app.use('*', serveApp(staticDir));

  app.notFound((c) => sendError(c, new ApiError(404, 'http/not-found', 'Không tìm thấy')));
  app.onError((err, c) => {
    if (err instanceof ApiError) return sendError(c, err);
    logError(err, c);
    return sendError(c, internalError());
  });
  return app;
}
