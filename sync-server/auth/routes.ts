// POST /api/login, POST /api/logout, GET /api/me.
import { loadTree } from '../org/load-tree.ts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { Username } from '../../src/domain/people.ts';
import { DEVICE_ID } from '../../src/domain/sync/hlc.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import type { SyncStore } from '../store/types.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { failureLimiter } from './rate-limit.ts';
import { publicUser, requireSession } from './session.ts';
import { TOKEN_LIFETIME_MS, newToken, tokenHash } from './tokens.ts';

export const LoginRequest = z.object({
  username: Username,
  password: z.string().min(1, 'Chưa nhập mật khẩu').max(200),
  deviceId: z.string().regex(DEVICE_ID, 'Mã thiết bị không hợp lệ'),
});

export interface AuthDeps {
  store: SyncStore;
  now: () => number;
  clientIp: (c: Context<AppEnv>) => string;
  /** Failed logins allowed per username and per address within the window. */
  loginLimit?: { max: number; windowMs: number };
}

export function authRoutes(deps: AuthDeps) {
  const { store, now } = deps;
  const limits = deps.loginLimit ?? { max: 10, windowMs: 5 * 60_000 };
  const failures = failureLimiter({ ...limits, now });
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const body = parseBody(LoginRequest, await readJson(c));
    const keys = [`user:${body.username}`, `ip:${deps.clientIp(c)}`];
    const wait = Math.max(...keys.map((k) => failures.blockedFor(k)));
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new ApiError(429, 'auth/too-many-attempts', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút`, {
        headers: { 'Retry-After': String(Math.ceil(wait / 1000)) },
      });
    }
    const user = await store.getUserByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) {
      for (const k of keys) failures.fail(k);
      throw new ApiError(401, 'auth/bad-credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
    }
    failures.clear(keys[0]!);

    const token = newToken();
    const createdAt = now();
    const expiresAt = createdAt + TOKEN_LIFETIME_MS;
    await store.createToken({ hash: tokenHash(token), userId: user.id, deviceId: body.deviceId, createdAt, expiresAt, revokedAt: null });
    const tree = await loadTree(store);
    return c.json({ token, expiresAt, user: publicUser(user), units: tree.loginUnits(user) });
  });

  app.post('/logout', requireSession(store, now), async (c) => {
    await store.revokeToken(c.get('session').token.hash, now());
    return c.json({ ok: true });
  });

  app.get('/me', requireSession(store, now), async (c) => {
    const { user, token } = c.get('session');
    const tree = await loadTree(store);
    return c.json({ user, expiresAt: token.expiresAt, deviceId: token.deviceId, units: tree.loginUnits(user) });
  });

  return app;
}
