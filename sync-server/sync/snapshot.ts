// POST /api/sync/snapshot: the current merged state of what this person subscribes to, a page
// at a time, plus the cursor its pulls continue from — so a new phone downloads what it needs
// (records), not the history of the subtree (changes), and the log can be compacted.
//
// Why the pages need not share one read: the cursor is taken with the first page, and every
// later page reads a state at least that new. A record read later may already hold changes
// above the cursor; the phone then pulls them again, and merging them twice is a no-op. So
// snapshot pages + the pull after the cursor join to exactly the set of changes a replay of
// the whole log would have merged.
import { Hono } from 'hono';
import { SYNC_FORMAT_VERSION, SnapshotRequest, type SnapshotRecordTuple, type SnapshotResponse } from '../../src/domain/sync/wire.ts';
import { joinBase } from '../../src/domain/sync/merge.ts';
import { requireSession } from '../auth/session.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import { loadTree } from '../org/load-tree.ts';
import type { SnapshotRecord, StoreOps, SyncStore } from '../store/types.ts';
import { subscriptionFingerprint, subscriptionOf } from './subscription.ts';

export const DEFAULT_SNAPSHOT_RECORDS = 500;
/** Bytes of heads per page before gzip (≈ 30–40 KB on the wire): a dropped 2G link loses at most one page. */
export const DEFAULT_SNAPSHOT_BYTES = 256 * 1024;

/**
 * A pull (or a later snapshot page) from `cursor` needs log rows compaction may have deleted:
 * the phone must bootstrap from a snapshot. 409, before anything of the request is applied.
 */
export async function requireLogFrom(store: Pick<StoreOps, 'compactedThrough'>, cursor: number): Promise<void> {
  const through = await store.compactedThrough();
  if (through > 0 && cursor < through) {
    throw new ApiError(409, 'sync/snapshot-required', 'Nhật ký trên máy chủ đã được dọn qua chỗ máy này đã nhận; máy sẽ tải lại dữ liệu hiện tại rồi đồng bộ tiếp', {
      fields: { compactedThrough: through },
    });
  }
}

export const snapshotRecordTuple = (r: SnapshotRecord): SnapshotRecordTuple => [
  r.coll,
  r.id,
  r.unit,
  r.fields.map((f) => [f.field, joinBase(f.dead), f.rows.map((x) => [x.value, x.hlc, x.base, x.author, x.receivedAt])]),
];

export interface SnapshotDeps {
  store: SyncStore;
  now: () => number;
  snapshotBytes?: number;
}

export function snapshotRoutes(deps: SnapshotDeps) {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();
  app.post('/sync/snapshot', requireSession(store, now), async (c) => {
    const { user, token } = c.get('session');
    const body = parseBody(SnapshotRequest, await readJson(c));
    if ((body.k === undefined) !== (body.p === undefined)) {
      throw new ApiError(400, 'http/invalid-body', 'Dữ liệu gửi lên không hợp lệ', {
        issues: [{ path: body.k === undefined ? 'k' : 'p', message: 'Trang tiếp theo cần cả vị trí (p) và bản ghi cuối (k)' }],
      });
    }
    const tree = await loadTree(store);
    const rules = await subscriptionOf(store, tree, user);
    const page = await store.transaction(async (tx) => {
      if (body.p !== undefined) await requireLogFrom(tx, body.p);
      const read = await tx.snapshot({
        rules,
        afterKey: body.k ? { coll: body.k[0], id: body.k[1] } : null,
        limit: body.n ?? DEFAULT_SNAPSHOT_RECORDS,
        maxBytes: deps.snapshotBytes ?? DEFAULT_SNAPSHOT_BYTES,
      });
      const cursor = body.p ?? read.cursor;
      // In the read's own transaction: compaction cannot pass this phone between the read and the mark.
      await tx.recordPullCursor(token.deviceId, cursor);
      return { ...read, cursor };
    });
    const response: SnapshotResponse = {
      v: SYNC_FORMAT_VERSION,
      t: now(),
      p: page.cursor,
      s: subscriptionFingerprint(rules),
      c: page.records.map(snapshotRecordTuple),
      k: page.nextKey ? [page.nextKey.coll, page.nextKey.id] : null,
    };
    return c.json(response);
  });
  return app;
}
