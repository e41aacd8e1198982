import { m } from '../i18n/common.ts';

/** The disk is full: nothing was written, what the user typed is still on screen. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(cause?: unknown) {
    super(m.storageFull, { cause });
  }
}

/** Dexie wraps IndexedDB errors; QuotaExceededError can arrive directly or as `inner`. */
export function isQuotaError(e: unknown): boolean {
  for (let err = e as { name?: string; inner?: unknown } | undefined, i = 0; err && i < 4; i++) {
    if (err.name === 'QuotaExceededError') return true;
    err = err.inner as typeof err;
  }
  return false;
}

export async function guardQuota<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError(e);
    throw e;
  }
}
