// When the server first received a record, as this phone learnt it: every pulled or
// acknowledged change carries the server's receipt time (ChangeRow.receivedAt). On time or
// late is decided by it; the phone's own time (`submittedAt`, the stamp) is only shown beside.
import type { LocalStore } from '../db/store.ts';
import type { Collection } from '../domain/sync/collections.ts';
import { m } from './messages.ts';
import { SUBMISSION_FIELDS } from '../domain/report.ts';

/**
 * Record id → when the server received it, as this phone learnt it. For a submitted report
 * version: when the last of its required fields first arrived (SUBMISSION_FIELDS), and a version
 * missing any of them is absent — as on the server. Records only on this phone are absent.
 */
export async function firstReceived(store: Pick<LocalStore, 'history'>, coll: Collection, ids: readonly string[]): Promise<Map<string, number>> {
  const required: readonly string[] | null = coll === 'reportVersion' ? SUBMISSION_FIELDS : null;
  const out = new Map<string, number>();
  for (const id of new Set(ids)) {
    const firstByField = new Map<string, number>();
    for (const row of await store.history(coll, id)) {
      if (row.receivedAt === null) continue;
      const known = firstByField.get(row.field);
      if (known === undefined || row.receivedAt < known) firstByField.set(row.field, row.receivedAt);
    }
    if (required) {
      if (required.every((f) => firstByField.has(f))) out.set(id, Math.max(...required.map((f) => firstByField.get(f)!)));
    } else if (firstByField.size > 0) out.set(id, Math.min(...firstByField.values()));
  }
  return out;
}

/** "ghi nhận trên máy lúc 05/10/2026 09:00, máy chủ nhận lúc 01/12/2026 08:00" (Vietnam time). */
export function recordedAndReceived(recordedAt: number, receivedAt: number | null): string {
  return m.recordedAt(recordedAt) + (receivedAt === null ? m.notReceivedYet : m.receivedAtSuffix(receivedAt));
}

/** The note for a report made on the phone before its deadline that reached the server after it, in the interface language. */
export const recordedBeforeDueNote = (): string => m.recordedBeforeDue;

/**
 * @deprecated Always Vietnamese: a module constant is read before English is installed.
 * Use recordedBeforeDueNote() (kept until src/dashboard moves to it).
 */
export const RECORDED_BEFORE_DUE = m.recordedBeforeDue;

/** True when the phone recorded it before `due` but the server received it at or after `due`. */
export const recordedBeforeDue = (recordedAt: number, receivedAt: number | null, due: number): boolean =>
  recordedAt < due && receivedAt !== null && receivedAt >= due;
