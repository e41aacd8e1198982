// The signed-in person, kept on the device (idb-keyval) so the app opens with no network.
// The server issues the device id at login (one per person per phone); the app proposes the
// one it was given before, so a person signing in again keeps their numbering.
import { get, set, del } from 'idb-keyval';
import * as z from 'zod/mini';
import { User } from '../domain/people.ts';
import { OrgUnit } from '../domain/org.ts';
import { deviceIdFor, queueRevocation, rememberAccount, takeRevocations } from '../db/accounts.ts';
import { m } from './messages.ts';
import { m as app } from '../app/messages.ts';

export const Session = z.object({
  token: z.string().check(z.minLength(10)),
  expiresAt: z.number(),
  user: User,
  units: z.array(OrgUnit),
  /** Issued by the server; missing in sessions saved by an older version (see legacyDeviceId). */
  deviceId: z.optional(z.string()),
});
export type Session = z.infer<typeof Session>;

const KEY = 'session';

export async function loadSession(): Promise<Session | null> {
  const parsed = Session.safeParse(await get(KEY));
  return parsed.success ? parsed.data : null;
}
export const saveSession = (s: Session) => set(KEY, s);
export const clearSession = () => del(KEY);

/** The one id an older version chose for the whole phone; a session saved then used it. */
export const legacyDeviceId = () => get<string>('deviceId');

export class LoginError extends Error {}

const errorOf = (body: unknown) => (body as { error?: { code?: string; message?: string } } | null)?.error;

export async function post(baseUrl: string, path: string, body: unknown, token?: string): Promise<{ res: Response; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { res, body: await res.json().catch(() => null) };
}

export async function login(baseUrl: string, username: string, password: string): Promise<Session> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new LoginError(m.offlineFirstLogin);
  }
  void revokePending(baseUrl);
  const proposed = await deviceIdFor(username.trim().toLowerCase());
  let answer: { res: Response; body: unknown };
  try {
    answer = await post(baseUrl, '/api/login', { username, password, ...(proposed ? { deviceId: proposed } : {}) });
    // The id we kept was revoked (lost phone found again) or is no longer ours: take a new one.
    const code = errorOf(answer.body)?.code;
    if (proposed && (code === 'auth/device-taken' || code === 'auth/device-revoked' || code === 'auth/device-reserved')) {
      answer = await post(baseUrl, '/api/login', { username, password });
    }
  } catch {
    throw new LoginError(m.noServer);
  }
  return signedIn(answer);
}

/** The server's answer to any sign-in (password, QR enrolment): the session kept on this phone, or why not. */
export async function signedIn(answer: { res: Response; body: unknown }): Promise<Session> {
  if (!answer.res.ok) {
    const error = errorOf(answer.body);
    throw new LoginError(error?.message ? app.serverError(error.code ?? '', error.message) : m.loginFailed);
  }
  const session = Session.safeParse(answer.body);
  if (!session.success || !session.data.deviceId) throw new LoginError(m.badAnswer);
  await rememberAccount({ userId: session.data.user.id, username: session.data.user.username, displayName: session.data.user.displayName, deviceId: session.data.deviceId, pending: 0 });
  await saveSession(session.data);
  return session.data;
}

const Renewed = z.object({ deviceId: z.string(), token: z.string().check(z.minLength(10)), expiresAt: z.number() });

/**
 * Asks the server for a new identity for this person on this phone (it was restored from a
 * backup or cloned, so the old id's numbering no longer matches). Saves the new session.
 */
export async function renewDevice(baseUrl: string, session: Session): Promise<Session | null> {
  try {
    const { res, body } = await post(baseUrl, '/api/device/renew', {}, session.token);
    const parsed = Renewed.safeParse(body);
    if (!res.ok || !parsed.success) return null;
    const next: Session = { ...session, ...parsed.data };
    await saveSession(next);
    await rememberAccount({ userId: next.user.id, username: next.user.username, displayName: next.user.displayName, deviceId: next.deviceId, pending: 0 });
    return next;
  } catch {
    return null;
  }
}

/** Ends the session on the server too; offline, the token is revoked at the next chance. */
export async function revokeOnServer(baseUrl: string, token: string): Promise<void> {
  try {
    const { res } = await post(baseUrl, '/api/logout', {}, token);
    // 401: already invalid, nothing left to revoke.
    if (!res.ok && res.status !== 401) await queueRevocation(token);
  } catch {
    await queueRevocation(token);
  }
}

export async function revokePending(baseUrl: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
  for (const token of await takeRevocations()) await revokeOnServer(baseUrl, token);
}
