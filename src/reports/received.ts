// When the server first received a record, as this phone learnt it: every pulled or
// acknowledged change carries the server's receipt time (ChangeRow.receivedAt). On time or
// late is decided by it; the phone's own time (`submittedAt`, the stamp) is only shown beside.
import type { LocalStore } from '../db/store.ts';
import type { Collection } from '../domain/sync/collections.ts';
import { formatDateTime } from '../domain/text.ts';

/** Record id → the earliest receipt of any of its changes; records only on this phone are absent. */
export async function firstReceived(store: Pick<LocalStore, 'history'>, coll: Collection, ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const id of new Set(ids)) {
    let first: number | null = null;
    for (const row of await store.history(coll, id)) if (row.receivedAt !== null && (first === null || row.receivedAt < first)) first = row.receivedAt;
    if (first !== null) out.set(id, first);
  }
  return out;
}

/** "ghi nhận trên máy lúc 05/10/2026 09:00, máy chủ nhận lúc 01/12/2026 08:00" (Vietnam time). */
export function recordedAndReceived(recordedAt: number, receivedAt: number | null): string {
  const phone = `ghi nhận trên máy lúc ${formatDateTime(recordedAt)}`;
  return receivedAt === null ? `${phone}, máy chủ chưa nhận` : `${phone}, máy chủ nhận lúc ${formatDateTime(receivedAt)}`;
}

/** The note for a report made on the phone before its deadline that reached the server after it. */
export const RECORDED_BEFORE_DUE = 'nộp trên máy trước hạn, máy chủ nhận sau hạn';

/** True when the phone recorded it before `due` but the server received it at or after `due`. */
export const recordedBeforeDue = (recordedAt: number, receivedAt: number | null, due: number): boolean =>
  recordedAt < due && receivedAt !== null && receivedAt >= due;
