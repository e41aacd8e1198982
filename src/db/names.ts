// Database names, apart from schema.ts so the sign-in screen can name a person's database
// without loading Dexie on the first load.
export const DB_NAME = 'so-tay-de-an-06';

/** The database of one person on this phone. The person who used the phone before per-person
 * databases existed keeps the original name (src/db/accounts.ts, legacyOwner). */
export const dbNameFor = (userId: string, legacyOwner: string | null) => (userId === legacyOwner ? DB_NAME : `${DB_NAME}@${userId}`);
