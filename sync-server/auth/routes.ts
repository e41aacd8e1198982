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
import type { StoreTx, SyncStore, UserRecord } from '../store/types.ts';
import { isReservedDeviceId, mintDeviceId } from './device-id.ts';
import { DEFAULT_LOGIN_LIMIT, attemptSucceeded, countAttempt, tooManyAttempts, type LoginLimitPolicy } from './login-limit.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { accountDeactivated, noStore, publicUser, requireSession } from './session.ts';
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

/** The id a phone proposes at sign-in (null: mint one); the server's own names are refused. */
export function proposedDevice(deviceId: string | null | undefined): string | null {
  const proposed = deviceId ?? null;
  if (proposed !== null && isReservedDeviceId(proposed)) {
    throw new ApiError(400, 'auth/device-reserved', 'Mã thiết bị này dành riêng cho máy chủ; hãy đăng nhập lại để được cấp mã khác', {
      issues: [{ path: 'deviceId', message: 'Mã thiết bị dành riêng cho máy chủ' }],
    });
  }
  return proposed;
}

/** Binds the proposed id (first binding wins) or mints one, and issues that phone's token: the core of every sign-in. */
export async function signInDevice(tx: StoreTx, userId: string, proposed: string | null, at: number): Promise<{ deviceId: string; token: string; expiresAt: number }> {
  let deviceId: string;
  if (proposed === null) {
    deviceId = await mintBoundDevice(tx, userId, at);
  } else {
    const bound = await tx.bindDevice(proposed, userId, at);
    if (bound.userId !== userId) throw deviceTaken();
    if (bound.revokedAt !== null) throw deviceRevoked();
    deviceId = proposed;
  }
  await tx.touchDevice(deviceId, at);
  return { deviceId, ...(await issueToken(tx, userId, deviceId, at)) };
}

/** What every way of signing in answers (password, one-time code, QR enrolment): the phone's session. */
export async function loginAnswer(store: SyncStore, user: UserRecord, issued: { deviceId: string; token: string; expiresAt: number }) {
  const tree = await loadTree(store);
  return { token: issued.token, expiresAt: issued.expiresAt, deviceId: issued.deviceId, user: publicUser(user), units: tree.loginUnits(user) };
}

export function authRoutes(deps: AuthDeps) {
  const { store, now } = deps;
  const policy: LoginLimitPolicy = { ...DEFAULT_LOGIN_LIMIT, ...deps.loginLimit };
  const app = new Hono<AppEnv>();
  app.use('/login', noStore);
  app.use('/logout', noStore);
  app.use('/me', noStore);

  app.post('/login', async (c) => {
    const body = parseBody(LoginRequest, await readJson(c));
    const proposed = proposedDevice(body.deviceId);

    const address = deps.clientIp(c);
    const wait = await countAttempt(store, policy, body.username, address, now());
    if (wait > 0) throw tooManyAttempts(wait);
    const user = await store.getUserByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) throw new ApiError(401, 'auth/bad-credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
    await attemptSucceeded(store, body.username, address);
    // Said only after the right password: nobody learns which names are locked by guessing.
    if (!user.active) throw accountDeactivated();

    const issued = await store.transaction((tx) => signInDevice(tx, user.id, proposed, now()));
    return c.json(await loginAnswer(store, user, issued));
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
