// Hand-off between phones (src/domain/sync/bundle.ts):
//   POST /api/device/key   the signed-in phone registers its public key (once: the first key wins)
//   POST /api/sync/relay   a phone hands in a bundle another phone signed; it is applied as if
//                          that phone had pushed it — under its author, device and seqs, through
//                          the same push path (applyPush), so the exactly-once mark, retries and
//                          refusals work as for a normal push: a bundle relayed twice, or relayed
//                          and later pushed by its author, changes nothing the second time.
// The relaying person needs no right over the records: the bundle is checked against the key
// the AUTHOR's device registered, and each change is authorised as the author.
import { Hono } from 'hono';
import { z } from 'zod';
import { BundleError, bundleDevice, importPublicKey, openBundle } from '../../src/domain/sync/bundle.ts';
import { publicUser, noStore, requireSession } from '../auth/session.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import type { Metrics } from '../observe/metrics.ts';
import type { SyncStore } from '../store/types.ts';
import type { ServerClock } from '../sync/future-clock.ts';
import { applyPush } from '../sync/push.ts';

const KeyRequest = z.object({ k: z.string().length(87, 'Khoá công khai không hợp lệ').regex(/^[A-Za-z0-9_-]+$/, 'Khoá công khai không hợp lệ') });
const RelayRequest = z.object({ b: z.string().min(1).max(1_000_000) });

/** What the relaying phone hears about one bundle. */
export interface RelayResponse {
  /** The author's device high-water mark after the relay (every seq up to it is settled). */
  a: number;
  /** The author, device and seqs the bundle carried. */
  author: string;
  device: string;
  seqs: [number, number];
  /** Changes of the bundle refused for good: [seq, code, message] (the author's phone hears them too). */
  x: [number, string, string][];
}

/** The bundle checks' refusals as answers (400, or 413 for a bundle too large). */
async function checked<T>(check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (e) {
    if (e instanceof BundleError) throw new ApiError(e.code === 'handoff/too-large' ? 413 : 400, e.code, e.message);
    throw e;
  }
}

export function handoffRoutes(deps: { store: SyncStore; now: () => number; clock: ServerClock; metrics?: Metrics }) {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();
  const session = requireSession(store, now);
  app.use('/device/key', noStore);

  app.post('/device/key', session, async (c) => {
    const { user, token } = c.get('session');
    const { k } = parseBody(KeyRequest, await readJson(c));
    if (!(await importPublicKey(k))) throw new ApiError(400, 'http/invalid-body', 'Khoá công khai không phải một điểm P-256 hợp lệ', { issues: [{ path: 'k', message: 'Không phải khoá P-256' }] });
    const stored = await store.registerDeviceKey({ deviceId: token.deviceId, userId: user.id, publicKey: k, createdAt: now() });
    // First key wins: a second key would let whoever holds it sign as this phone.
    if (stored.publicKey !== k || stored.userId !== user.id) {
      throw new ApiError(409, 'handoff/key-taken', 'Thiết bị này đã đăng ký một khoá khác; không thể thay khoá. Nếu máy đã bị cài lại, hãy đăng nhập lại để nhận mã thiết bị mới.');
    }
    return c.json({ ok: true, deviceId: token.deviceId });
  });

  app.post('/sync/relay', session, async (c) => {
    const { b } = parseBody(RelayRequest, await readJson(c));
    const device = await checked(() => bundleDevice(b));
    const key = await store.getDeviceKey(device);
    if (!key) {
      // A device we hold no key for — or a bundle changed on the way, in the very characters
      // naming the device: checked with the key the bundle carries, the latter is told as what it is.
      await checked(() => openBundle(b));
      throw new ApiError(403, 'handoff/unknown-key', 'Máy chủ không có khoá của điện thoại đã ký gói này (máy chưa từng đồng bộ từ khi có tính năng bàn giao); gói không được nhận. Người gửi cần đồng bộ một lần khi có mạng.');
    }
    const opened = await checked(() => openBundle(b, key.publicKey));
    const { manifest } = opened;
    const binding = await store.getDeviceBinding(device);
    if (!binding || binding.userId !== manifest.a || key.userId !== manifest.a) {
      throw new ApiError(403, 'handoff/author-mismatch', 'Người đứng tên trong gói không phải chủ của điện thoại đã ký; gói không được nhận');
    }
    if (binding.revokedAt !== null) {
      throw new ApiError(403, 'handoff/device-revoked', 'Điện thoại đã ký gói này đã bị thu hồi; gói không được nhận');
    }
    const author = await store.getUserById(manifest.a);
    if (!author || author.active === false) {
      throw new ApiError(403, 'handoff/author-mismatch', 'Tài khoản đứng tên trong gói không còn hoạt động; gói không được nhận');
    }

    const pushed = await store.transaction(async (tx) => {
      // The author's phone synced with a database this one is not (restored from a backup): its
      // numbering may not match; its own next sync recovers (LocalStore.recoverFromRestore).
      if (manifest.e !== null && manifest.e !== (await tx.serverEpoch())) {
        throw new ApiError(409, 'handoff/server-restored', 'Máy chủ đã được khôi phục từ bản sao lưu sau khi gói được tạo; gói không được nhận. Người gửi sẽ tự gửi lại khi đồng bộ.');
      }
      return applyPush(tx, { user: publicUser(author), deviceId: device, changes: opened.changes, now: now(), clock: deps.clock });
    });
    if (deps.metrics) {
      deps.metrics.pushes.inc({ outcome: 'committed' });
      for (const [, code] of pushed.refused) deps.metrics.refusals.inc({ code });
    }
    const answer: RelayResponse = { a: pushed.ack, author: manifest.a, device, seqs: opened.seqs, x: pushed.refused };
    return c.json(answer);
  });

  return app;
}
