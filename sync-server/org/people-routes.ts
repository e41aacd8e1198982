// GET /api/people: names of the people whose changes a user can see (its readable subtree
// and the units above it), so the app shows "Công an xã Thiệu Vân" in histories and
// conflicts instead of a user id. Usernames only of the user's own unit (an inspection campaign
// lists its teams' people by username: the phone shows their names), none of other units, no
// roles, no hashes.
import { loadTree } from './load-tree.ts';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import type { SyncStore } from '../store/types.ts';
import { requireSession } from '../auth/session.ts';

export function peopleRoutes(deps: { store: SyncStore; now: () => number }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(deps.store, deps.now));
  app.get('/', async (c) => {
    const { user } = c.get('session');
    const tree = await loadTree(deps.store);
    const visible = new Set(tree.loginUnits(user).map((u) => u.id));
    const people = (await deps.store.listUsers())
      .filter((u) => visible.has(u.unitId))
      .map((u) => ({ id: u.id, displayName: u.displayName, unitId: u.unitId, ...(u.unitId === user.unitId ? { username: u.username } : {}) }));
    return c.json({ people });
  });
  return app;
}
