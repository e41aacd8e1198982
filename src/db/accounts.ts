// The people who have used this phone, kept outside any one person's database so the login
// screen and a second person's home can say "this phone still holds N unsent changes of
// Nguyễn Văn A; they go out when A signs in again" without reading A's records.
//
// Each person has their own database (dbNameFor), their own device id issued by the server,
// their own cursor, queue and drafts. The database that existed before per-person databases
// (DB_NAME) belongs to the person whose changes it holds (src/db/legacy.ts).
import { get, set, update } from 'idb-keyval';
import * as z from 'zod/mini';

const Account = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** The id the server issued to this person on this phone. */
  deviceId: z.optional(z.string()),
  /** Changes waiting in this person's queue when they last left. */
  pending: z.number(),
  lastSeenAt: z.number(),
});
export type Account = z.infer<typeof Account>;
const Accounts = z.array(Account);

const KEY = 'accounts';
const PENDING_REVOCATIONS = 'pendingRevocations';

export async function accounts(): Promise<Account[]> {
  const parsed = Accounts.safeParse(await get(KEY));
  return parsed.success ? parsed.data : [];
}

export async function rememberAccount(a: Omit<Account, 'lastSeenAt'> & { lastSeenAt?: number }): Promise<void> {
  await update<unknown>(KEY, (old) => {
    const list = Accounts.safeParse(old).success ? (old as Account[]) : [];
    const prev = list.find((x) => x.userId === a.userId);
    const next: Account = { ...prev, ...a, deviceId: a.deviceId ?? prev?.deviceId, lastSeenAt: a.lastSeenAt ?? Date.now() };
    return [...list.filter((x) => x.userId !== a.userId), next];
  });
}

/** The device id the server issued to this username on this phone, if any (proposed at login). */
export async function deviceIdFor(username: string): Promise<string | undefined> {
  return (await accounts()).find((a) => a.username === username)?.deviceId;
}

/** Other people's changes still waiting on this phone. */
export async function othersPending(userId: string | null): Promise<Account[]> {
  return (await accounts()).filter((a) => a.userId !== userId && a.pending > 0);
}

// Logging out offline cannot reach the server: the token waits here and is revoked at the
// next chance (the login screen tries), so a logged-out session never stays valid for long.
export async function queueRevocation(token: string): Promise<void> {
  await update<string[]>(PENDING_REVOCATIONS, (old) => [...(old ?? []), token].slice(-20));
}
export async function takeRevocations(): Promise<string[]> {
  const list = (await get<string[]>(PENDING_REVOCATIONS)) ?? [];
  await set(PENDING_REVOCATIONS, []);
  return list;
}
