// "SMS Gateway for Android" (github.com/capcom6/android-sms-gateway, docs.sms-gate.app): an
// Android phone with a SIM card posts each received SMS to a webhook registered for the event
// `sms:received`:
//   { "event": "sms:received", "deviceId": "…", "id": "…", "webhookId": "…",
//     "payload": { "messageId": "…", "message": "<text>", "phoneNumber": "<sender>",
//                  "simNumber": 1, "receivedAt": "2025-03-14T07:29:55.000+07:00" } }
// signed with the webhook signing key: X-Signature = hex HMAC-SHA-256(key, raw body + X-Timestamp),
// X-Timestamp = Unix seconds. We refuse unsigned, wrongly signed and stale (> 5 minutes) requests.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { GatewayParse, SmsGateway } from './gateway.ts';

const MAX_SKEW_SECONDS = 5 * 60;

const Webhook = z.object({
  event: z.literal('sms:received'),
  payload: z.object({ message: z.string().max(2000), phoneNumber: z.string().min(3).max(40) }),
});

export function capcom6Signature(signingKey: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', signingKey).update(rawBody + timestamp).digest('hex');
}

export function capcom6Gateway(signingKey: string): SmsGateway {
  return {
    name: 'capcom6/android-sms-gateway',
    async parse(c, rawBody, now): Promise<GatewayParse> {
      const signature = c.req.header('x-signature') ?? '';
      const timestamp = c.req.header('x-timestamp') ?? '';
      const expected = Buffer.from(capcom6Signature(signingKey, rawBody, timestamp), 'hex');
      const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
      const fresh = /^\d{1,12}$/.test(timestamp) && Math.abs(now / 1000 - Number(timestamp)) <= MAX_SKEW_SECONDS;
      if (given.length !== expected.length || !timingSafeEqual(given, expected) || !fresh) {
        return { ok: false, status: 401, code: 'sms/bad-signature', message: 'Yêu cầu không mang chữ ký hợp lệ của cổng SMS' };
      }
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        return { ok: false, status: 400, code: 'sms/malformed', message: 'Nội dung không phải JSON' };
      }
      const parsed = Webhook.safeParse(body);
      if (!parsed.success) return { ok: false, status: 400, code: 'sms/malformed', message: 'Không phải sự kiện sms:received của cổng SMS' };
      return { ok: true, sms: { from: parsed.data.payload.phoneNumber, text: parsed.data.payload.message } };
    },
  };
}
