// SMS as a last resort (issue 15):
//   POST /api/sms/inbound  the gateway's webhook (only when SMS_WEBHOOK_SECRET is set): one received SMS
//   POST /api/sms/key      this phone's SMS secret (made once per device) and the number to text
//   PUT  /api/sms/phone    {phone: "+84…" | null}: the person's own mobile number, the sender the gateway reports
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { noStore, requireSession } from '../auth/session.ts';
import { readCapped, readJson } from '../http/body.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import type { Logger } from '../observe/log.ts';
import { StoreConflict, type SyncStore } from '../store/types.ts';
import type { ServerClock } from '../sync/future-clock.ts';
import type { SmsGateway } from './gateway.ts';
import { receiveSms } from './inbound.ts';
import { normalizePhone } from './phone.ts';
import type { SmsReplier } from './reply.ts';

export interface SmsConfig {
  gateway: SmsGateway;
  /** The number phones address their SMS to (the gateway phone's SIM), shown and used in `sms:` links. */
  gatewayNumber: string | null;
  replier?: SmsReplier;
}

export interface SmsRouteDeps {
  store: SyncStore;
  now: () => number;
  clock: ServerClock;
  logger: Logger;
  sms?: SmsConfig;
}

const PhoneBody = z.object({ phone: z.string().max(40).nullable() });

export function smsRoutes(deps: SmsRouteDeps) {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();

  app.post('/sms/inbound', async (c) => {
    const sms = deps.sms;
    if (!sms) throw new ApiError(404, 'http/not-found', 'Cổng SMS chưa được cấu hình trên máy chủ này');
    const raw = (await readCapped(c, 16 * 1024)).toString('utf8');
    const parsed = await sms.gateway.parse(c, raw, now());
    if (!parsed.ok) throw new ApiError(parsed.status, parsed.code, parsed.message);
    const outcome = await receiveSms({ store, now, clock: deps.clock }, parsed.sms);
    deps.logger.info({ reqId: c.get('requestId'), code: outcome.code, seqs: outcome.applied }, 'sms received');
    if (outcome.to && sms.replier) {
      // The SMS is settled whether or not the reply goes out; a failed reply is only logged.
      await sms.replier(outcome.to, outcome.reply).catch((err: unknown) => deps.logger.warn({ err, code: outcome.code }, 'sms reply not sent'));
    }
    return c.json({ code: outcome.code, reply: outcome.reply, to: outcome.to });
  });

  app.post('/sms/key', noStore, requireSession(store, now), async (c) => {
    const { user, token } = c.get('session');
    const key = await store.putSmsKey({ deviceId: token.deviceId, userId: user.id, secret: randomBytes(32).toString('base64url'), createdAt: now() });
    return c.json({ secret: key.secret, gateway: deps.sms?.gatewayNumber ?? null, phone: await store.getUserPhone(user.id) });
  });

  app.put('/sms/phone', noStore, requireSession(store, now), async (c) => {
    const { user } = c.get('session');
    const body = parseBody(PhoneBody, await readJson(c, 1024));
    const phone = body.phone === null || body.phone.trim() === '' ? null : normalizePhone(body.phone);
    if (body.phone !== null && body.phone.trim() !== '' && phone === null) {
      throw new ApiError(400, 'sms/invalid-phone', 'Số điện thoại di động không hợp lệ', { issues: [{ path: 'phone', message: 'Nhập số di động Việt Nam, ví dụ 0912 345 678' }] });
    }
    try {
      await store.setUserPhone(user.id, phone);
    } catch (e) {
      if (e instanceof StoreConflict) throw new ApiError(409, 'sms/phone-taken', 'Số điện thoại này đã được người khác đăng ký', { issues: [{ path: 'phone', message: 'Số đã được đăng ký' }] });
      throw e;
    }
    return c.json({ phone });
  });

  return app;
}
