// This phone's SMS secret and the number to text, fetched once while online and kept on the
// phone (idb-keyval, per person and device) so an SMS can be composed with no data signal.
import { get, set } from 'idb-keyval';
import * as z from 'zod/mini';

export const SmsKey = z.object({ secret: z.string().check(z.minLength(16)), gateway: z.nullable(z.string()), phone: z.nullable(z.string()) });
export type SmsKey = z.infer<typeof SmsKey>;

const keyName = (userId: string, deviceId: string) => `sms-key:${userId}:${deviceId}`;

export async function storedSmsKey(userId: string, deviceId: string): Promise<SmsKey | null> {
  const r = SmsKey.safeParse(await get(keyName(userId, deviceId)));
  return r.success ? r.data : null;
}

/** Asks the server (idempotent: the same secret every time) and keeps the answer; null when offline. */
export async function fetchSmsKey(token: string, userId: string, deviceId: string): Promise<SmsKey | null> {
  try {
    const res = await fetch('/api/sms/key', { method: 'POST', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(20_000) });
    const parsed = SmsKey.safeParse(await res.json());
    if (!res.ok || !parsed.success) return null;
    await set(keyName(userId, deviceId), parsed.data);
    return parsed.data;
  } catch {
    return null;
  }
}

/** When each queued change went out by SMS (seq → ms), for "đã gửi qua SMS". */
const sentName = (userId: string, deviceId: string) => `sms-sent:${userId}:${deviceId}`;
export async function smsSent(userId: string, deviceId: string): Promise<Record<number, number>> {
  const r = z.record(z.string(), z.number()).safeParse(await get(sentName(userId, deviceId)));
  return r.success ? Object.fromEntries(Object.entries(r.data).map(([k, v]) => [Number(k), v])) : {};
}
export async function markSmsSent(userId: string, deviceId: string, seqs: readonly number[], at: number): Promise<void> {
  const sent = await smsSent(userId, deviceId);
  for (const s of seqs) sent[s] = at;
  await set(sentName(userId, deviceId), sent);
}

/** At sign-in on a phone that may need it (the roles that record statuses): fetch the key once, while online. */
export async function prepareSmsKey(session: { token: string; user: { id: string; role: string }; deviceId?: string | undefined }): Promise<void> {
  if (!session.deviceId || (session.user.role !== 'villageMember' && session.user.role !== 'communeStanding')) return;
  if (await storedSmsKey(session.user.id, session.deviceId)) return;
  await fetchSmsKey(session.token, session.user.id, session.deviceId);
}
