// Login throttling that holds under parallel requests and across processes. Each attempt is
// COUNTED before its password is checked, in one store transaction, so a burst of guesses
// sent at once is counted one by one: once the free attempts are used up, the rest are
// refused without a password check. Counts live in the store (login_attempts), so every
// server process and the admin CLI (`unlock-login`) see the same numbers.
//
// Keys: (username, client address) — a guesser slows only itself, the real user on another
// address is unaffected — and the address alone across usernames, against password spraying.
import { ApiError } from '../http/errors.ts';
import type { LoginCounter, StoreTx, SyncStore } from '../store/types.ts';

export interface LoginLimitPolicy {
  /** Failures per (username, address) before any delay. */
  freeFailures: number;
  /** The delay doubles with each failure past the free ones, up to this. */
  maxDelayMs: number;
  /** Failures per address, across usernames, within `addressWindowMs`. */
  addressFailures: number;
  addressWindowMs: number;
  /** A key with no attempt for this long starts again from zero. */
  forgetAfterMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitPolicy = {
  freeFailures: 5,
  maxDelayMs: 15 * 60_000,
  addressFailures: 100,
  addressWindowMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
};

/** The wait after `failures` counted attempts: none for the first few, then 1 s, 2 s, 4 s… capped. */
export function delayAfter(failures: number, policy: LoginLimitPolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(2 ** (failures - policy.freeFailures) * 1000, policy.maxDelayMs);
}

/** The per-address counter across usernames. */
const ANY_USER = '';

/**
 * Counts one attempt before its password check. Returns 0 when it was counted and the
 * password may be checked, or how many ms to wait (nothing counted: a refused attempt does
 * not lengthen the delay).
 */
export function countAttempt(store: SyncStore, policy: LoginLimitPolicy, username: string, address: string, now: number): Promise<number> {
  return store.transaction(async (tx) => {
    await tx.pruneLoginCounters(now - policy.forgetAfterMs);
    const mine = await tx.getLoginCounter(username, address);
    let spray = await tx.getLoginCounter(ANY_USER, address);
    if (spray && now - spray.firstAt >= policy.addressWindowMs) spray = null; // the window is over

    let wait = mine ? Math.max(0, mine.blockedUntil - now) : 0;
    if (spray && spray.failures >= policy.addressFailures) wait = Math.max(wait, spray.firstAt + policy.addressWindowMs - now);
    if (wait > 0) return wait;

    const failures = (mine?.failures ?? 0) + 1;
    const delay = delayAfter(failures, policy);
    await tx.putLoginCounter({ username, address, failures, firstAt: mine?.firstAt ?? now, lastAt: now, blockedUntil: delay > 0 ? now + delay : 0 });
    await tx.putLoginCounter({ username: ANY_USER, address, failures: (spray?.failures ?? 0) + 1, firstAt: spray?.firstAt ?? now, lastAt: now, blockedUntil: 0 });
    return 0;
  });
}

/** The password was right: this (username, address) starts afresh, and the attempt no longer counts against the address. */
export function attemptSucceeded(store: SyncStore, username: string, address: string): Promise<void> {
  return store.transaction(async (tx: StoreTx) => {
    await tx.deleteLoginCounter(username, address);
    const spray: LoginCounter | null = await tx.getLoginCounter(ANY_USER, address);
    if (spray && spray.failures > 0) await tx.putLoginCounter({ ...spray, failures: spray.failures - 1 });
  });
}

/** "12 giây", "3 phút". */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

export function tooManyAttempts(waitMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiError(429, 'auth/too-many-attempts', `Đăng nhập sai nhiều lần. Vui lòng thử lại sau ${waitText(waitMs)}.`, {
    headers: { 'Retry-After': String(seconds) },
    fields: { retryAfter: seconds },
  });
}
