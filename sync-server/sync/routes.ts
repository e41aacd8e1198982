// POST /api/sync: push then pull in one round trip (2G makes every round trip count).
// The push commits before the answer is built, so `a` only ever acknowledges what is on disk.
import { loadTree } from '../org/load-tree.ts';
import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { SYNC_FORMAT_VERSION, SyncRequest, pushedFromTuple, type PulledChange, type SyncResponse } from '../../src/domain/sync/wire.ts';
import { subscriptionFor, type PullRule } from '../../src/domain/subscriptions.ts';
import type { User } from '../../src/domain/people.ts';
import { winner } from '../../src/domain/sync/merge.ts';
import type { OrgTree } from '../org/tree.ts';
import { requireSession } from '../auth/session.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import type { SyncStore } from '../store/types.ts';
import { applyPush } from './push.ts';
import type { ServerClock } from './future-clock.ts';

export const DEFAULT_PULL_LIMIT = 500;
/** A page stops growing past this many bytes of values, so one response stays quick on 2G. */
export const DEFAULT_PULL_BYTES = 64 * 1024;

export interface SyncDeps {
  store: SyncStore;
  now: () => number;
  clock: ServerClock;
  pullBytes?: number;
}

/** What this person's phone pulls (src/domain/subscriptions.ts), from the org tree and the adoptions. */
export async function subscriptionOf(store: SyncStore, tree: OrgTree, user: Pick<User, 'role' | 'unitId'>): Promise<PullRule[]> {
  const communeId = tree.communeOf(user.unitId);
  let assignedAdoptions: string[] = [];
  if (user.role === 'villageMember' && communeId) {
    const adoptions = await store.listDocs({ units: [communeId], colls: ['adoption'] });
    assignedAdoptions = adoptions
      .filter(({ doc }) => {
        const villages = winner(doc['villageIds'])?.value;
        return Array.isArray(villages) && villages.includes(user.unitId) && winner(doc['active'])?.value !== false;
      })
      .map((a) => a.id);
  }
  return subscriptionFor({ role: user.role, unitId: user.unitId, communeId, subtree: tree.readableUnits(user), assignedAdoptions });
}

/** A short name for a subscription: when it changes, the phone pulls again from the start. */
export const subscriptionFingerprint = (rules: readonly PullRule[]): string =>
  createHash('sha256').update(JSON.stringify(rules)).digest('base64url').slice(0, 22);

export function syncRoutes(deps: SyncDeps) {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();

  app.post('/sync', requireSession(store, now), async (c) => {
    const { user, token } = c.get('session');
    const body = parseBody(SyncRequest, await readJson(c));
    if (body.d !== token.deviceId) {
      throw new ApiError(403, 'auth/device-mismatch', 'Mã thiết bị không khớp với phiên đăng nhập; vui lòng đăng nhập lại trên thiết bị này', {
        issues: [{ path: 'd', message: 'Khác mã thiết bị lúc đăng nhập' }],
      });
    }
    const changes = body.c.map(pushedFromTuple);
    const pushed = await store.transaction((tx) => applyPush(tx, { user, deviceId: body.d, changes, now: now(), clock: deps.clock }));

    const tree = await loadTree(store);
    const rules = await subscriptionOf(store, tree, user);
    const page = await store.pull({
      after: body.p,
      rules,
      limit: body.n ?? DEFAULT_PULL_LIMIT,
      maxBytes: deps.pullBytes ?? DEFAULT_PULL_BYTES,
      // A device has its own changes already; sending them back doubles the bytes down on 2G.
      // A device starting from cursor 0 (new, or its database was wiped) gets everything.
      ...(body.p > 0 ? { excludeDevice: body.d } : {}),
    });
    const pulled: PulledChange[] = page.changes.map((e) => [e.serverSeq, e.coll, e.id, e.field, e.value, e.hlc, e.base, e.unit, e.author, e.receivedAt]);
    const response: SyncResponse = {
      v: SYNC_FORMAT_VERSION,
      a: pushed.ack,
      t: now(),
      c: pulled,
      p: page.cursor,
      m: page.more,
      r: pushed.restamped,
      x: pushed.refused,
      s: subscriptionFingerprint(rules),
    };
    return c.json(response);
  });

  return app;
}
