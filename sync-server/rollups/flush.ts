// Roll-ups are kept current just after pushes rather than inside them: a push marks its
// communes stale in its own transaction, and the stale ones are recomputed together — at
// most every FLUSH_EVERY_MS while pushes arrive, and always before a roll-up is read. A
// thousand communes pushing at once then cost one recomputation of their district and
// province per flush, not one per push.
import type { SyncStore } from '../store/types.ts';
import { loadTree } from '../org/load-tree.ts';
import { refreshRollups } from './update.ts';

export const FLUSH_EVERY_MS = 2_000;

// Taking the marks and recomputing are one transaction: a process that dies in between (or a
// recomputation that fails) rolls the take back, and the communes stay marked for the next flush.
export async function flushRollups(store: SyncStore, now: () => number): Promise<number> {
  return store.transaction(async (tx) => refreshRollups(tx, await loadTree(tx), [], now()));
}

/** Flushes in the background while the server runs; returns a stop function. */
export function startRollupFlusher(store: SyncStore, now: () => number, onError: (e: unknown) => void, onFresh?: (at: number) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const at = now();
    flushRollups(store, now)
      .then(() => onFresh?.(at))
      .catch(onError)
      .finally(() => (running = false));
  }, FLUSH_EVERY_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}
