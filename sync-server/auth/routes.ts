// POST /api/login, POST /api/logout, GET /api/me.
//
// Login binds the phone's device id to the person (first binding wins) or mints one; the
// answer names it, and the phone stamps its changes with it. Attempts are counted before the
// password is checked (login-limit.ts).
import { loadTree } from '../org/load-tree.ts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { Username } from '../../src/domain/people.ts';
import { DEVICE_ID } from '../../src/domain/sync/hlc.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import type { StoreTx, SyncStore } from '../store/types.ts';
import { isReservedDeviceId, mintDeviceId } from './device-id.ts';
import { DEFAULT_LOGIN_LIMIT, attemptSucceeded, countAttempt, tooManyAttempts, type LoginLimitPolicy } from './login-limit.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { noStore, publicUser, requireSession } from './session.ts';
import { TOKEN_LIFETIME_MS, newToken, tokenHash } from './tokens.ts';

export const LoginRequest = z.object({
  username: Username,
  password: z.string().min(1, 'Chưa nhập mật khẩu').max(200),
  /** The id this phone already has; leave it out on a new phone and the server mints one. */
  deviceId: z.string().regex(DEVICE_ID, 'Mã thiết bị không hợp lệ').nullish(),
});

export interface AuthDeps {
  store: SyncStore;
  now: () => number;
  clientIp: (c: Context<AppEnv>) => string;
  loginLimit?: Partial<LoginLimitPolicy>;
}

/** A fresh id, bound to the user in this transaction (a collision, ~2^-77, draws again). */
export async function mintBoundDevice(tx: StoreTx, userId: string, at: number): Promise<string> {
  for (;;) {
    const id = mintDeviceId();
    if (await tx.getDeviceBinding(id)) continue;
    await tx.bindDevice(id, userId, at);
    return id;
  }
}

/** A new token for one person on one phone; the pair's older tokens stop working. */
export async function issueToken(tx: StoreTx, userId: string, deviceId: string, at: number): Promise<{ token: string; expiresAt: number }> {
  await tx.revokeDeviceTokens(userId, deviceId, at);
  const token = newToken();
  const expiresAt = at + TOKEN_LIFETIME_MS;
  await tx.createToken({ hash: tokenHash(token), userId, deviceId, createdAt: at, expiresAt, revokedAt: null });
  return { token, expiresAt };
}

export const deviceTaken = () =>
  new ApiError(409, 'auth/device-taken', 'Mã thiết bị này đã gắn với một tài khoản khác. Hãy đăng nhập lại để máy chủ cấp mã thiết bị mới cho bạn.', {
    issues: [{ path: 'deviceId', message: 'Mã thiết bị đã gắn với tài khoản khác' }],
  });
export const deviceRevoked = () =>
  new ApiError(409, 'auth/device-revoked', 'Mã thiết bị này đã bị thu hồi. Hãy đăng nhập lại để máy chủ cấp mã thiết bị mới.', {
    issues: [{ path: 'deviceId', message: 'Mã thiết bị đã bị thu hồi' }],
  });

export function authRoutes(deps: AuthDeps) {
  const { store, now } = deps;
  const policy: LoginLimitPolicy = { ...DEFAULT_LOGIN_LIMIT, ...deps.loginLimit };
  const app = new Hono<AppEnv>();
  app.use('/login', noStore);
  app.use('/logout', noStore);
  app.use('/me', noStore);

  app.post('/login', async (c) => {
    const body = parseBody(LoginRequest, await readJson(c));
    const proposed = body.deviceId ?? null;
    if (proposed !== null && isReservedDeviceId(proposed)) {
      throw new ApiError(400, 'auth/device-reserved', 'Mã thiết bị này dành riêng cho máy chủ; hãy đăng nhập lại để được cấp mã khác', {
        issues: [{ path: 'deviceId', message: 'Mã thiết bị dành riêng cho máy chủ' }],
      });
    }

    const address = deps.clientIp(c);
    const wait = await countAttempt(store, policy, body.username, address, now());
    if (wait > 0) throw tooManyAttempts(wait);
    const user = await store.getUserByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) throw new ApiError(401, 'auth/bad-credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
    await attemptSucceeded(store, body.username, address);

    const issued = await store.transaction(async (tx) => {
      const at = now();
      let deviceId: string;
      if (proposed === null) {
        deviceId = await mintBoundDevice(tx, user.id, at);
      } else {
        const bound = await tx.bindDevice(proposed, user.id, at);
        if (bound.userId !== user.id) throw deviceTaken();
        if (bound.revokedAt !== null) throw deviceRevoked();
        deviceId = proposed;
      }
      await tx.touchDevice(deviceId, at);
      return { deviceId, ...(await issueToken(tx, user.id, deviceId, at)) };
    });
    const tree = await loadTree(store);
    return c.json({ token: issued.token, expiresAt: issued.expiresAt, deviceId: issued.deviceId, user: publicUser(user), units: tree.loginUnits(user) });
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
