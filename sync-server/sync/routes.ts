// POST /api/sync: push then pull in one round trip (2G makes every round trip count).
// The push commits before the answer is built, so `a` only ever acknowledges what is on disk.
import { loadTree } from '../org/load-tree.ts';
import { Hono } from 'hono';
import { SYNC_FORMAT_VERSION, SyncRequest, pushedFromTuple, type PulledChange, type SyncResponse } from '../../src/domain/sync/wire.ts';
import { subscriptionFingerprint, subscriptionOf } from './subscription.ts';
import { requireSession } from '../auth/session.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import type { SyncStore } from '../store/types.ts';
import { applyPush } from './push.ts';
import { requireLogFrom, snapshotRoutes } from './snapshot.ts';
import type { ServerClock } from './future-clock.ts';
import type { Metrics } from '../observe/metrics.ts';

export const DEFAULT_PULL_LIMIT = 500;
/** A page stops growing past this many bytes of values, so one response stays quick on 2G. */
export const DEFAULT_PULL_BYTES = 64 * 1024;

export interface SyncDeps {
  store: SyncStore;
  now: () => number;
  clock: ServerClock;
  pullBytes?: number;
  metrics?: Metrics;
}

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
    let epoch = '';
    const pushed = await store.transaction(async (tx) => {
      epoch = await tx.serverEpoch();
      // The phone synced with a future this database lost (restored from a backup): nothing
      // of the request is applied; the phone re-sends its own changes from `expected` on and
      // pulls again from the start (LocalStore.recoverFromRestore).
      if (body.e !== undefined && body.e !== epoch) {
        const expected = ((await tx.getDevice(body.d))?.highWater ?? 0) + 1;
        throw new ApiError(409, 'sync/server-restored', 'Máy chủ đã được khôi phục từ bản sao lưu; điện thoại gửi lại các thay đổi của mình và nhận lại dữ liệu', {
          fields: { epoch, expected },
        });
      }
      // Behind the compacted log: refuse the whole request before applying any of it; the phone
      // bootstraps from a snapshot and sends the same batch again (snapshot.ts).
      await requireLogFrom(tx, body.p);
      // Cursor 0 needs no log (the phone bootstraps from a snapshot); any other holds compaction back.
      if (body.p > 0) await tx.recordPullCursor(body.d, body.p);
      return applyPush(tx, { user, deviceId: body.d, changes, now: now(), clock: deps.clock });
    });
    if (changes.length > 0 && deps.metrics) {
      deps.metrics.pushes.inc({ outcome: 'committed' });
      deps.metrics.changes.inc({ outcome: 'refused' }, pushed.refused.length);
      deps.metrics.changes.inc({ outcome: 'accepted' }, changes.length - pushed.refused.length);
      for (const [, code] of pushed.refused) deps.metrics.refusals.inc({ code });
    }

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
      // Only to a phone that does not have it yet: on 2G the bytes of every answer count.
      ...(body.e === epoch ? {} : { e: epoch }),
    };
    return c.json(response);
  });

  app.route('/', snapshotRoutes({ store, now }));
  return app;
}
