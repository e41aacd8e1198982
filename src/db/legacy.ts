// The database from before per-person databases (one per phone, DB_NAME) belongs to the person
// whose changes it holds — not to whoever signs in first after the upgrade: if the phone was
// signed out then, the queue in it is someone else's, and handing it over would push it under
// the wrong name (and show it to the wrong person). Decided once, then fixed.
import { Dexie } from 'dexie';
import { get, set } from 'idb-keyval';
import { rememberAccount } from './accounts.ts';
import { DB_NAME, dbNameFor } from './names.ts';
import { openDb } from './schema.ts';
import { m as app } from '../app/messages.ts';

const LEGACY_OWNER = 'legacyDbOwner';

const mostCommon = (xs: readonly string[]): string | null => {
  const counts = new Map<string, number>();
  for (const x of xs) if (x) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
};

/** The user id owning DB_NAME, or '' when nobody does (it held nothing unsent and was removed). */
export async function legacyOwner(currentUserId: string): Promise<string> {
  const known = await get<string>(LEGACY_OWNER);
  if (typeof known === 'string') return known;
  let owner: string | null = null;
  if (!(await Dexie.exists(DB_NAME))) {
    owner = currentUserId; // a phone new to the app: the first person simply uses the name
  } else {
    const db = openDb(DB_NAME);
    try {
      const queued = await db.outbox.toArray();
      if (queued.length > 0) {
        owner = mostCommon(queued.map((r) => r.author));
        if (owner && owner !== currentUserId) {
          const names = (await get<{ id: string; displayName: string }[]>('people')) ?? [];
          const name = names.find((p) => p.id === owner)?.displayName ?? app.previousUser;
          await rememberAccount({ userId: owner, username: '', displayName: name, pending: queued.length });
        }
      } else {
        // Nothing unsent: the records in it are the last user's; theirs if it is them again.
        const device = await get<string>('deviceId');
        const local = device ? (await db.changes.toArray()).filter((c) => c.hlc.endsWith(`-${device}`)) : [];
        const last = local.sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0]?.author ?? null;
        owner = last === currentUserId ? currentUserId : null;
      }
    } finally {
      db.close();
    }
    // Nothing unsent and not this person's: everything in it can be pulled again by its owner.
    if (owner === null) await Dexie.delete(DB_NAME);
  }
  await set(LEGACY_OWNER, owner ?? '');
  return owner ?? '';
}

export async function databaseNameFor(userId: string): Promise<string> {
  return dbNameFor(userId, await legacyOwner(userId));
}
