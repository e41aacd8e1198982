// The HTTP app, built from injected parts (store, clock) so tests drive it in process with
// app.request(...) and main.ts serves the very same handler.
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { z } from 'zod';
import { SYNC_FORMAT_VERSION } from '../src/domain/sync/wire.ts';
import { authRoutes } from './auth/routes.ts';
import { blobRoutes } from './blobs/routes.ts';
import { catalogueRoutes } from './catalogue/routes.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, internalError, sendError } from './http/errors.ts';
import { serveApp } from './http/static.ts';
import { rollupRoutes } from './rollups/routes.ts';
import { peopleRoutes } from './org/people-routes.ts';
import type { SyncStore } from './store/types.ts';
import { newServerClock } from './sync/future-clock.ts';
import { syncRoutes } from './sync/routes.ts';

// zod's own messages (wrong type, too long…) in Vietnamese, like ours.
z.config(z.locales.vi());

export interface AppDeps {
  store: SyncStore;
  now: () => number;
  /** The built app to serve (default "dist"); null serves the API only. */
  staticDir?: string | null;
  /** The address login throttling counts per; default the socket's peer address. */
  clientIp?: (c: Context<AppEnv>) => string;
  /** Failed logins allowed per username and per address in the window (default 10 in 5 minutes). */
  loginLimit?: { max: number; windowMs: number };
  /** Byte cap of a pull page (default 64 KB). */
  pullBytes?: number;
  /** Where unexpected errors are reported (default console.error). */
  logError?: (err: unknown, c: Context<AppEnv>) => void;
}

const socketAddress = (c: Context<AppEnv>): string =>
  (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress ?? 'unknown';

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();
  const logError = deps.logError ?? ((err: unknown, c: Context<AppEnv>) => console.error(`[${c.req.method} ${c.req.path}]`, err));

  app.use('*', compress());

  app.get('/api/health', async (c) => {
    const units = (await store.getUnits()).length;
    return c.json({ ok: true, time: now(), syncFormat: SYNC_FORMAT_VERSION, units });
  });
  app.route('/api', authRoutes({ store, now, clientIp: deps.clientIp ?? socketAddress, loginLimit: deps.loginLimit }));
  app.route('/api', syncRoutes({ store, now, clock: newServerClock(), pullBytes: deps.pullBytes }));
  app.route('/api/rollups', rollupRoutes({ store, now }));
  app.route('/api/catalogue', catalogueRoutes({ store }));
  app.route('/api/people', peopleRoutes({ store, now }));
  app.route('/api/blobs', blobRoutes({ store, now }));
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
