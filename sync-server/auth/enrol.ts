// QR enrolment (issue 15): a village member's cheap phone is signed in without anyone typing a
// password on it.
//   POST /api/enrol       {username}          the member's commune police (or the admin) issues a
//                                              one-time code, valid 10 minutes, single use; the app
//                                              shows it as a QR code of `<origin>/#/enrol/<code>`
//   POST /api/auth/enrol  {code, deviceId?}   the member's phone redeems it: the normal login answer
//
// Only the code's sha-256 is stored (one_time_codes, purpose 'enrol'); using it marks it used in
// the same transaction that binds the phone and issues its token, so two phones racing with one
// code cannot both get in, and a refused binding leaves the code unused. Failed redemptions are
// counted by the login limiter like wrong passwords: the code has 128 random bits, but a guesser
// should still slow only itself.
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { mayActOnUser } from '../../src/domain/admin-access.ts';
import { Username } from '../../src/domain/people.ts';
import { DEVICE_ID } from '../../src/domain/sync/hlc.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import { loadTree } from '../org/load-tree.ts';
import type { SyncStore, UserRecord } from '../store/types.ts';
import { DEFAULT_LOGIN_LIMIT, attemptSucceeded, countAttempt, tooManyAttempts, type LoginLimitPolicy } from './login-limit.ts';
import { loginAnswer, proposedDevice, signInDevice } from './routes.ts';
import { accountDeactivated, noStore, requireSession } from './session.ts';
import { tokenHash } from './tokens.ts';

/** Long enough to walk to the member and scan, short enough that a photo of the screen is soon worthless. */
export const ENROL_CODE_LIFETIME_MS = 10 * 60_000;

/** The limiter's key for code redemptions: no username is typed, so failures count per address under this name. */
const ENROL_LIMIT_KEY = '#enrol';

/** 16 random bytes, base64url (22 characters, URL-safe: it travels in the QR code's link). */
export const newEnrolCode = (): string => randomBytes(16).toString('base64url');

const EnrolRequest = z.object({ username: Username });
const RedeemRequest = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Mã đăng nhập không hợp lệ'),
  deviceId: z.string().regex(DEVICE_ID, 'Mã thiết bị không hợp lệ').nullish(),
});

const forbidden = () => new ApiError(403, 'auth/forbidden', 'Bạn chỉ cấp được mã đăng nhập cho thành viên tổ công nghệ của các thôn thuộc xã mình');
const badCode = () => new ApiError(401, 'auth/bad-code', 'Mã đăng nhập không đúng, đã được dùng hoặc đã hết hạn (mã chỉ dùng một lần trong 10 phút). Hãy nhờ công an xã tạo mã mới.');

export interface EnrolDeps {
  store: SyncStore;
  now: () => number;
  clientIp: (c: Context<AppEnv>) => string;
  loginLimit?: Partial<LoginLimitPolicy>;
}

export function enrolRoutes(deps: EnrolDeps) {
  const { store, now } = deps;
  const policy: LoginLimitPolicy = { ...DEFAULT_LOGIN_LIMIT, ...deps.loginLimit };
  const app = new Hono<AppEnv>();
  app.use('/enrol', noStore);
  app.use('/auth/enrol', noStore);

  app.post('/enrol', requireSession(store, now), async (c) => {
    const { user: me } = c.get('session');
    const body = parseBody(EnrolRequest, await readJson(c));
    const target: UserRecord | null = await store.getUserByUsername(body.username);
    // As for devices: only the admin learns whether a name exists.
    if (!target) throw me.role === 'admin' ? new ApiError(404, 'auth/unknown-user', `Không có người dùng ${body.username}`) : forbidden();
    // The admin API's rule (src/domain/admin-access.ts): the commune police for their villages' members, officers with the admin right for their subtree.
    const actor = await store.getUserById(me.id);
    if (!actor || !mayActOnUser(actor, target, 'enrol', (await loadTree(store)).byId)) throw forbidden();
    if (!target.active) throw accountDeactivated();
    const code = newEnrolCode();
    const at = now();
    const expiresAt = at + ENROL_CODE_LIFETIME_MS;
    await store.transaction(async (tx) => {
      await tx.createOneTimeCode({ hash: tokenHash(code), purpose: 'enrol', userId: target.id, createdBy: me.id, createdAt: at, expiresAt, usedAt: null });
      await tx.appendAudit({ at, actorId: me.id, actorName: me.displayName, action: 'user.enrol-code', target: target.username, unit: target.unitId, detail: { expiresAt } });
    });
    return c.json({ username: target.username, code, expiresAt }, 201);
  });

  app.post('/auth/enrol', async (c) => {
    const body = parseBody(RedeemRequest, await readJson(c));
    const proposed = proposedDevice(body.deviceId);
    const address = deps.clientIp(c);
    const wait = await countAttempt(store, policy, ENROL_LIMIT_KEY, address, now());
    if (wait > 0) throw tooManyAttempts(wait);
    const signedIn = await store.transaction(async (tx) => {
      const at = now();
      const used = await tx.useOneTimeCode(tokenHash(body.code), 'enrol', at);
      if (!used) return null;
      const user = await tx.getUserById(used.userId);
      if (!user) return null;
      // Thrown, not returned: the transaction rolls back, so the code is not spent on a locked account.
      if (!user.active) throw accountDeactivated();
      const issued = await signInDevice(tx, user.id, proposed, at);
      await tx.appendAudit({ at, actorId: user.id, actorName: user.displayName, action: 'user.enrolled', target: user.username, unit: user.unitId, detail: { deviceId: issued.deviceId } });
      return { user, issued };
    });
    if (!signedIn) throw badCode();
    await attemptSucceeded(store, ENROL_LIMIT_KEY, address);
    return c.json(await loginAnswer(store, signedIn.user, signedIn.issued));
  });

  return app;
}
