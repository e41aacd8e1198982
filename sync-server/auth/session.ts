// The bearer-token check in front of every /api route except login, health and catalogue.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { SyncStore, UserRecord } from '../store/types.ts';
import type { User } from '../../src/domain/people.ts';
import { tokenHash } from './tokens.ts';

/** The user as the app may see it: no password hash. */
export const publicUser = (u: UserRecord): User => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId });

export function requireSession(store: SyncStore, now: () => number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) throw new ApiError(401, 'auth/missing-token', 'Chưa đăng nhập: thiếu mã phiên đăng nhập');
    const token = await store.getToken(tokenHash(match[1]!));
    if (!token || token.revokedAt !== null) {
      throw new ApiError(401, 'auth/invalid-token', 'Phiên đăng nhập không còn hiệu lực, vui lòng đăng nhập lại');
    }
    if (token.expiresAt <= now()) throw new ApiError(401, 'auth/token-expired', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại');
    const user = await store.getUserById(token.userId);
    if (!user) throw new ApiError(401, 'auth/invalid-token', 'Tài khoản không còn tồn tại');
    c.set('session', { user: publicUser(user), token });
    await next();
  };
}
