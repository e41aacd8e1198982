// The bearer-token check in front of every /api route except login, health and catalogue.
// A token is bound to one person and one phone: it stops working when it is revoked
// (logout, password reset), when its phone is revoked, or if its device id belongs to
// someone else.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { SyncStore, UserRecord } from '../store/types.ts';
import type { User } from '../../src/domain/people.ts';
import { tokenHash } from './tokens.ts';

/** The user as the app may see it: no password hash. */
export const publicUser = (u: UserRecord): User => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId });

/** A locked account: refused at login (403) and by the session check (401: the phone signs out). */
export const accountDeactivated = (status: 401 | 403 = 403) =>
  new ApiError(status, 'auth/deactivated', 'Tài khoản này đã bị khóa. Hãy liên hệ cán bộ quản trị hoặc công an xã để được mở lại.');

/** "Last seen" is written at most this often per device: not one disk write per request. */
const SEEN_EVERY_MS = 5 * 60_000;

export function requireSession(store: SyncStore, now: () => number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) throw new ApiError(401, 'auth/missing-token', 'Chưa đăng nhập: thiếu mã phiên đăng nhập');
    const token = await store.getToken(tokenHash(match[1]!));
    if (!token) throw new ApiError(401, 'auth/invalid-token', 'Phiên đăng nhập không còn hiệu lực, vui lòng đăng nhập lại');
    const device = await store.getDeviceBinding(token.deviceId);
    if (device && device.revokedAt !== null) {
      throw new ApiError(401, 'auth/device-revoked', 'Thiết bị này đã bị thu hồi quyền truy cập, vui lòng đăng nhập lại');
    }
    if (token.revokedAt !== null || (device && device.userId !== token.userId)) {
      throw new ApiError(401, 'auth/invalid-token', 'Phiên đăng nhập không còn hiệu lực, vui lòng đăng nhập lại');
    }
    const at = now();
    if (token.expiresAt <= at) throw new ApiError(401, 'auth/token-expired', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại');
    const user = await store.getUserById(token.userId);
    if (!user) throw new ApiError(401, 'auth/invalid-token', 'Tài khoản không còn tồn tại');
    // Deactivation revokes the tokens too; this also stops one issued in a race with it.
    if (!user.active) throw accountDeactivated(401);
    if (device && (device.lastSeenAt ?? 0) <= at - SEEN_EVERY_MS) await store.touchDevice(device.deviceId, at);
    c.set('session', { user: publicUser(user), token });
    await next();
  };
}

/** Auth answers name a token or a person: no cache (browser, proxy, service worker) may keep them. */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};
