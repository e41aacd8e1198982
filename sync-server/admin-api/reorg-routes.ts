// POST /api/admin/reorg {kind, effective, ...} → 201 {event}; GET /api/admin/reorg → {events}
// (ADMIN-API.md). The admin, or an officer with the admin right within their subtree
// (src/domain/admin-access.ts). Mounted by the admin API at /api/admin/reorg.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requireSession } from '../auth/session.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import type { SyncStore } from '../store/types.ts';
import { reorgService } from './reorg.ts';
import { AdminRefusal, type Actor, type RefusalKind } from './service.ts';

const STATUS: Record<RefusalKind, ContentfulStatusCode> = { invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409 };

export function reorgRoutes(deps: { store: SyncStore; now: () => number }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const service = reorgService(deps);
  app.use('*', requireSession(deps.store, deps.now));

  const actorOf = async (userId: string): Promise<Actor> => {
    const user = await deps.store.getUserById(userId);
    if (!user) throw new ApiError(403, 'admin/forbidden', 'Bạn không có quyền tổ chức lại các đơn vị này');
    return { kind: 'user', user };
  };
  const answer = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AdminRefusal) throw new ApiError(STATUS[e.kind], `admin/${e.kind}`, e.message, e.issues.length ? { issues: e.issues } : {});
      throw e;
    }
  };

  app.get('/', async (c) => {
    const actor = await actorOf(c.get('session').user.id);
    return c.json({ events: await answer(() => service.list(actor)) });
  });
  app.post('/', async (c) => {
    const actor = await actorOf(c.get('session').user.id);
    const body: unknown = await c.req.json().catch(() => {
      throw new ApiError(400, 'http/bad-json', 'Nội dung yêu cầu không phải JSON hợp lệ');
    });
    return c.json({ event: await answer(() => service.record(actor, body)) }, 201);
  });
  return app;
}
