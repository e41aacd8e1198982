// POST /api/auth/redeem {username, code, newPassword, deviceId?}: a person whose account was
// created without a password, or whose password was reset, signs in with the one-time code an
// administrator handed over and chooses their password. Answers as /api/login does.
//
// Counted by the login limiter before the code is checked, under the username, like a wrong
// password: 8 characters of 32 letters is ~40 bits, so guessing must stay slow. The code is used
// in the transaction that sets the password and issues the token; any refusal there rolls it
// back, so a code is spent only on a sign-in that happened (and never on someone else's account).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { Username } from '../../src/domain/people.ts';
import { DEVICE_ID } from '../../src/domain/sync/hlc.ts';
import { DEFAULT_LOGIN_LIMIT, attemptSucceeded, countAttempt, tooManyAttempts, type LoginLimitPolicy } from '../auth/login-limit.ts';
import { hashPassword } from '../auth/password.ts';
import { loginAnswer, proposedDevice, signInDevice } from '../auth/routes.ts';
import { accountDeactivated, noStore } from '../auth/session.ts';
import { tokenHash } from '../auth/tokens.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import type { SyncStore } from '../store/types.ts';
import { CLI_NAME, Password, normalizeCode } from './service.ts';

const RedeemRequest = z.object({
  username: Username,
  code: z.string().max(40, 'Mã dùng một lần không đúng').transform(normalizeCode).pipe(z.string().regex(/^[A-Z0-9]{8}$/, 'Mã dùng một lần gồm 8 chữ và số')),
  newPassword: Password,
  deviceId: z.string().regex(DEVICE_ID, 'Mã thiết bị không hợp lệ').nullish(),
});

const badCode = () =>
  new ApiError(401, 'auth/bad-code', 'Mã dùng một lần không đúng, đã được dùng hoặc đã hết hạn (mã có hiệu lực 72 giờ). Hãy nhờ cán bộ quản trị cấp mã mới.');

export interface RedeemDeps {
  store: SyncStore;
  now: () => number;
  clientIp: (c: Context<AppEnv>) => string;
  loginLimit?: Partial<LoginLimitPolicy>;
}

export function redeemRoutes(deps: RedeemDeps): Hono<AppEnv> {
  const { store, now } = deps;
  const policy: LoginLimitPolicy = { ...DEFAULT_LOGIN_LIMIT, ...deps.loginLimit };
  const app = new Hono<AppEnv>();
  app.use('/auth/redeem', noStore);

  app.post('/auth/redeem', async (c) => {
    const body = parseBody(RedeemRequest, await readJson(c));
    const proposed = proposedDevice(body.deviceId);
    const address = deps.clientIp(c);
    const wait = await countAttempt(store, policy, body.username, address, now());
    if (wait > 0) throw tooManyAttempts(wait);
    // Hashed before the transaction: scrypt must not hold the write lock. A wasted hash on a bad code is the guesser's cost.
    const passwordHash = await hashPassword(body.newPassword);
    const signedIn = await store.transaction(async (tx) => {
      const at = now();
      const user = await tx.getUserByUsername(body.username);
      if (!user) throw badCode();
      const used = await tx.useOneTimeCode(tokenHash(body.code), 'reset', at);
      // Thrown, not returned: the code stays unused if it belongs to someone else.
      if (!used || used.userId !== user.id) throw badCode();
      if (!user.active) throw accountDeactivated();
      await tx.setPasswordHash(user.id, passwordHash);
      // Whoever knew the old password is signed out.
      const revoked = await tx.revokeUserTokens(user.id, at);
      const issued = await signInDevice(tx, user.id, proposed, at);
      await tx.appendAudit({
        at,
        actorId: user.id,
        actorName: user.displayName,
        action: 'user.redeem',
        target: user.username,
        unit: user.unitId,
        detail: { deviceId: issued.deviceId, issuedBy: used.createdBy ?? CLI_NAME, revokedSessions: revoked },
      });
      return { user, issued };
    });
    await attemptSucceeded(store, body.username, address);
    return c.json(await loginAnswer(store, signedIn.user, signedIn.issued));
  });

  return app;
}
