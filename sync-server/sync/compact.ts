// Log compaction: deletes change-log rows no phone can still need, behind the oldest pull cursor
// in use. What is kept, and why (sqlite-snapshot.ts / the store contract):
//   · every current head of every field — snapshots and pulls deliver them;
//   · each field's first-receipt row — firstReceived (report timeliness) reads it;
//   · re-stamped rows — restampedAs maps a phone's old stamp through them;
//   · each device's rows within `retryWindow` of its high-water mark — a retried seq is matched
//     against them (push.ts); without them an honest retry would look like a cloned phone.
// Devices not seen for `idleDays` do not hold the log back. When such a phone comes back, its
// cursor is behind what was deleted: its pull is answered `sync/snapshot-required` (nothing of
// that request applied), it bootstraps from a snapshot — its queue kept and merged, never
// overwritten — and then pushes and pulls as before.
import type { StoreOps } from '../store/types.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_IDLE_DAYS = 30;
/**
 * A phone retries at most the one batch (≤ 500 changes, wire.ts) whose answer it lost: it always
 * sends its oldest unacknowledged changes. Two batches of margin.
 */
export const DEFAULT_RETRY_WINDOW = 1000;
const ROWS_PER_STEP = 5000;

export interface CompactionOptions {
  now: number;
  idleDays?: number;
  retryWindow?: number;
  rowsPerStep?: number;
}

export interface CompactionReport {
  horizon: number;
  deleted: number;
  compactedThrough: number;
  steps: number;
}

/** Runs compaction to the end in short steps (each one store call), so pushes interleave with it. */
export async function compactChangeLog(store: Pick<StoreOps, 'compactLog'>, options: CompactionOptions): Promise<CompactionReport> {
  const idleDays = options.idleDays ?? DEFAULT_IDLE_DAYS;
  const base = {
    activeSince: options.now - idleDays * DAY_MS,
    retryWindow: options.retryWindow ?? DEFAULT_RETRY_WINDOW,
    maxRows: options.rowsPerStep ?? ROWS_PER_STEP,
  };
  let after = 0;
  let deleted = 0;
  let steps = 0;
  for (;;) {
    const step = await store.compactLog({ ...base, after });
    steps++;
    deleted += step.deleted;
    after = step.through;
    if (!step.more) return { horizon: step.horizon, deleted, compactedThrough: step.compactedThrough, steps };
  }
}
