// The signed-in user, kept on the device (idb-keyval) so the app opens with no network.
import { get, set, del } from 'idb-keyval';
import * as z from 'zod/mini';
import { User } from '../domain/people.ts';
import { OrgUnit } from '../domain/org.ts';

export const Session = z.object({
  token: z.string().check(z.minLength(10)),
  expiresAt: z.number(),
  user: User,
  units: z.array(OrgUnit),
});
export type Session = z.infer<typeof Session>;

const KEY = 'session';

export async function loadSession(): Promise<Session | null> {
  const parsed = Session.safeParse(await get(KEY));
  return parsed.success ? parsed.data : null;
}
export const saveSession = (s: Session) => set(KEY, s);
export const clearSession = () => del(KEY);

/** A stable id for this install; the server keys exactly-once delivery on it. */
export async function deviceId(): Promise<string> {
  let id = await get<string>('deviceId');
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(9));
    id = Array.from(bytes, (b) => (b % 36).toString(36)).join('') + Date.now().toString(36).slice(-3);
    await set('deviceId', id);
  }
  return id;
}

export class LoginError extends Error {}

export async function login(baseUrl: string, username: string, password: string, device: string): Promise<Session> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new LoginError('Lần đăng nhập đầu tiên cần có mạng. Hãy bật mạng rồi thử lại.');
  }
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, deviceId: device }),
    });
  } catch {
    throw new LoginError('Không kết nối được máy chủ. Lần đăng nhập đầu tiên cần có mạng.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new LoginError(message ?? 'Đăng nhập không thành công.');
  }
  const session = Session.safeParse(body);
  if (!session.success) throw new LoginError('Máy chủ trả lời không hợp lệ.');
  await saveSession(session.data);
  return session.data;
}
