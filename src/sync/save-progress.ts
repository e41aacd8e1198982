// "Đã gửi n/m" counts what the sync bar's "n thay đổi chưa đồng bộ" counted just before: saves,
// not the fields they wrote. A person who saved two forms of seven fields must read "Đã gửi 1/2",
// not "Đã gửi 7/14"; a save counts as sent once the server has acknowledged every row of it.
import { groupSaves, type StampedRow } from '../models/history-groups.ts';

const rowKey = (r: StampedRow) => `${r.coll}\u0000${r.id}\u0000${r.field}\u0000${r.hlc}`;

/**
 * `sent`: the rows this sync has had acknowledged; `queued`: the outbox now (which includes
 * what was saved during the sync). A row in both (the server went back to a backup and asked
 * for it again) counts as queued.
 */
export function saveProgress(sent: readonly StampedRow[], queued: readonly StampedRow[]): { sent: number; total: number } {
  const waiting = new Set(queued.map(rowKey));
  const rows = [...sent.filter((r) => !waiting.has(rowKey(r))), ...queued];
  const groups = groupSaves(rows);
  const done = groups.filter((g) => g.rows.every((r) => !waiting.has(rowKey(r)))).length;
  return { sent: done, total: groups.length };
}
