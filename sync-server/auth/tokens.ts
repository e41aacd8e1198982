// Bearer tokens: 32 random bytes handed to the device once; only their sha256 is stored,
// so a copy of the database does not log anyone in.
import { createHash, randomBytes } from 'node:crypto';

/** Field users must stay logged in through long stretches offline. */
export const TOKEN_LIFETIME_MS = 180 * 86_400_000;

export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
