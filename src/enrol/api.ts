// What the commune police's screen asks the server besides the admin routes (src/admin/api.ts,
// whose call it shares): an enrolment code for a member (sync-server/auth/enrol.ts), the
// member's phones and their revocation (sync-server/auth/devices.ts). Every answer parsed.
import * as z from 'zod/mini';
import { call } from '../admin/api.ts';

export const EnrolCode = z.object({ username: z.string(), code: z.string(), expiresAt: z.number() });
export type EnrolCode = z.infer<typeof EnrolCode>;

const Phone = z.object({ id: z.string(), createdAt: z.nullable(z.number()), lastSeenAt: z.nullable(z.number()), current: z.boolean(), revoked: z.boolean() });
export type Phone = z.infer<typeof Phone>;

const q = encodeURIComponent;

export function enrolApi(token: string) {
  return {
    /** A one-time code, valid 10 minutes: the QR code encodes `<origin>/#/enrol/<code>`. */
    code: (username: string) => call(token, 'POST', '/api/enrol', EnrolCode, { username }),
    phones: async (username: string) => (await call(token, 'GET', `/api/users/${q(username)}/devices`, z.object({ devices: z.array(Phone) }))).devices,
    revoke: (deviceId: string) => call(token, 'POST', `/api/devices/${q(deviceId)}/revoke`, z.object({ ok: z.boolean() })),
  };
}

/** The link in the QR code: the phone's camera app opens it in the browser, which opens the app. */
export const enrolUrl = (origin: string, code: string) => `${origin}/#/enrol/${code}`;
