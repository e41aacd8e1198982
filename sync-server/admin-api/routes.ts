// The browser admin's API (/api/admin/*, contract in ADMIN-API.md) and the plans phones read
// (GET /api/plans). Each route parses its request, asks the service (service.ts, shared with the
// command line) and answers; the service checks who may do what and audits every change.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { adminScope, canAdminUnits, canEnrol } from '../../src/domain/admin-access.ts';
import { noStore, requireSession } from '../auth/session.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody, zodIssues } from '../http/errors.ts';
import type { SyncStore } from '../store/types.ts';
import { AdminRefusal, accessOf, adminService, type Actor, type RefusalKind } from './service.ts';
import { serviceNameActions } from './service-names.ts';

const STATUS: Record<RefusalKind, 400 | 403 | 404 | 409> = { invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409 };

/** The service's refusal as the API's error answer. */
export const apiErrorOf = (r: AdminRefusal): ApiError =>
  new ApiError(STATUS[r.kind], `admin/${r.kind}`, r.message, r.issues.length ? { issues: r.issues } : {});

async function answer<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    throw e instanceof AdminRefusal ? apiErrorOf(e) : e;
  }
}

/** Catalogues and imports are bigger than a sync batch: a province's whole tree of units and people. */
const ADMIN_BODY_BYTES = 8 * 1024 * 1024;

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});
const RulesBody = z.object({ rules: z.unknown() });

export interface AdminRouteDeps {
  store: SyncStore;
  now: () => number;
  newId?: () => string;
}

export function adminRoutes(deps: AdminRouteDeps): Hono<AppEnv> {
  const { store, now } = deps;
  const service = adminService(deps);
  const names = serviceNameActions({ store, now, audit: service.audit });
  const app = new Hono<AppEnv>();
  app.use('*', noStore);
  app.use('*', requireSession(store, now));

  /** The signed-in person with their admin right and state, read afresh (the session carries neither). */
  const actorOf = async (c: Context<AppEnv>): Promise<Actor> => {
    const user = await store.getUserById(c.get('session').user.id);
    if (!user) throw new ApiError(401, 'auth/invalid-token', 'Tài khoản không còn tồn tại');
    return { kind: 'user', user };
  };
  const body = async (c: Context<AppEnv>): Promise<unknown> => readJson(c, ADMIN_BODY_BYTES);

  app.get('/me', async (c) => {
    const actor = await actorOf(c);
    const access = accessOf(actor);
    const scope = adminScope(access);
    return c.json({ role: access.role, scope: scope === undefined ? access.unitId : scope, canAdminUnits: canAdminUnits(access), canEnrol: canEnrol(access) });
  });

  app.get('/units', async (c) => c.json({ units: await answer(service.listUnits(await actorOf(c))) }));
  app.post('/units', async (c) => c.json({ unit: await answer(service.createUnit(await actorOf(c), await body(c))) }, 201));
  app.patch('/units/:id', async (c) => c.json({ unit: await answer(service.updateUnit(await actorOf(c), c.req.param('id'), await body(c))) }));
  app.put('/units/:id/rules', async (c) => {
    const { rules } = parseBody(RulesBody, await body(c));
    return c.json({ unit: await answer(service.setRules(await actorOf(c), c.req.param('id'), rules)) });
  });

  app.get('/users', async (c) => c.json({ users: await answer(service.listUsers(await actorOf(c), c.req.query('unit') || undefined)) }));
  app.post('/users', async (c) => c.json(await answer(service.createUser(await actorOf(c), await body(c))), 201));
  app.patch('/users/:id', async (c) => c.json({ user: (await answer(service.updateUser(await actorOf(c), { id: c.req.param('id') }, await body(c)))).user }));
  app.post('/users/:id/deactivate', async (c) => c.json({ user: (await answer(service.setActive(await actorOf(c), { id: c.req.param('id') }, false))).user }));
  app.post('/users/:id/activate', async (c) => c.json({ user: (await answer(service.setActive(await actorOf(c), { id: c.req.param('id') }, true))).user }));
  app.post('/users/:id/reset', async (c) => c.json(await answer(service.resetCode(await actorOf(c), { id: c.req.param('id') }))));
  app.post('/users/:id/revoke-sessions', async (c) => c.json({ revoked: (await answer(service.revokeSessions(await actorOf(c), { id: c.req.param('id') }))).revoked }));

  app.post('/catalogue', async (c) => c.json({ models: (await answer(service.importCatalogue(await actorOf(c), await body(c)))).models }));
  // The essential-service rows the source lost, and naming one (a new catalogue version).
  app.get('/service-names', async (c) => {
    if (!canAdminUnits(accessOf(await actorOf(c)))) throw apiErrorOf(new AdminRefusal('forbidden', 'Bạn không có quyền quản trị'));
    return c.json({ rows: await names.listServiceNames() });
  });
  app.post('/service-names', async (c) => c.json(await answer(names.nameService(await actorOf(c), await body(c)))));
  app.post('/plans', async (c) => c.json(await answer(service.importPlan(await actorOf(c), await body(c)))));
  app.post('/import', async (c) => c.json(await answer(service.bulkImport(await actorOf(c), await body(c)))));

  app.get('/audit', async (c) => {
    const q = AuditQuery.safeParse(c.req.query());
    if (!q.success) throw new ApiError(400, 'http/invalid-query', 'Tham số không hợp lệ', { issues: zodIssues(q.error) });
    return c.json({ entries: await answer(service.listAudit(await actorOf(c), q.data)) });
  });

  return app;
}

/** GET /api/plans: the imported plans, for every signed-in phone; an unchanged list answers 304. */
export function planRoutes(deps: { store: SyncStore; now: () => number }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(deps.store, deps.now));
  app.get('/', async (c) => {
    const text = JSON.stringify({ plans: (await deps.store.listPlans()).map((p) => p.plan) });
    const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
    // Per person, never shared by a proxy; revalidated every time (the ETag makes that cheap).
    c.header('Cache-Control', 'private, no-cache');
    c.header('ETag', etag);
    if (c.req.header('if-none-match')?.split(',').some((t) => t.trim() === etag)) return c.body(null, 304);
    return c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  return app;
}
