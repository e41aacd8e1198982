// The one merge path: every accepted change — pushed by a device or written by the seed —
// is appended to the log and merged into the docs with the same mergeField the app uses.
import { mergeField } from '../../src/domain/sync/merge.ts';
import type { NewLogEntry, StoreTx } from '../store/types.ts';

/** Applies a change inside a transaction; false when the same stamp was already logged (a no-op). */
export async function applyChange(tx: StoreTx, entry: NewLogEntry): Promise<boolean> {
  const seq = await tx.appendChange(entry);
  if (seq === null) return false;
  const state = await tx.getField(entry.coll, entry.id, entry.field);
  const next = mergeField(state, { value: entry.value, hlc: entry.hlc, base: entry.base, author: entry.author });
  if (next !== state) await tx.putField(entry.coll, entry.id, entry.field, entry.unit, next);
  return true;
}
