// One "Lưu" is one entry. LocalStore.writeMany stores one change-log (and outbox) row per field,
// all stamped in one transaction by one clock: same author, same record, the same device in the
// stamp and, tick after tick, the same wall time with rising counters. Nothing else marks a
// save, so rows are grouped back on exactly that.
import { decodeHlc, type Hlc } from '../domain/sync/hlc.ts';
import type { FieldValue } from '../domain/sync/merge.ts';

export interface StampedRow {
  hlc: Hlc;
  coll: string;
  id: string;
  field: string;
  value: FieldValue;
  author: string;
}

export interface SaveGroup<R extends StampedRow> {
  /** Oldest first, as they were written. */
  rows: R[];
  author: string;
  /** Wall time of the save (ms), from its first stamp. */
  at: number;
}

/**
 * The stamp's wall may step on while the fields of one save are stamped (the clock passed a
 * millisecond, or a field's predecessor carried a slightly later wall); a person cannot save the
 * same record twice within this, and a second save of the same field always starts a new entry.
 */
export const SAME_SAVE_MS = 50;

const empty = (v: FieldValue | undefined) => v === undefined || v === null || v === '';

/**
 * Groups rows into saves. Rows of different records or authors never share a group. Order of
 * the input does not matter; groups come back newest first (as a history reads).
 */
export function groupSaves<R extends StampedRow>(rows: readonly R[]): SaveGroup<R>[] {
  const sorted = [...rows].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const open = new Map<string, { group: SaveGroup<R>; device: string; wall: number; counter: number; fields: Set<string> }>();
  const out: SaveGroup<R>[] = [];
  for (const row of sorted) {
    const stamp = decodeHlc(row.hlc);
    const record = `${row.coll}\u0000${row.id}`;
    const current = open.get(record);
    const continues =
      current !== undefined &&
      current.group.author === row.author &&
      current.device === stamp.device &&
      !current.fields.has(row.field) &&
      (stamp.wall > current.wall ? stamp.wall - current.wall <= SAME_SAVE_MS : stamp.wall === current.wall && stamp.counter > current.counter);
    if (continues) {
      current.group.rows.push(row);
      current.fields.add(row.field);
      current.wall = stamp.wall;
      current.counter = stamp.counter;
      continue;
    }
    const group: SaveGroup<R> = { rows: [row], author: row.author, at: stamp.wall };
    out.push(group);
    open.set(record, { group, device: stamp.device, wall: stamp.wall, counter: stamp.counter, fields: new Set([row.field]) });
  }
  return out.reverse();
}

/** How many saves the rows make ("1 thay đổi chưa đồng bộ" after one save of seven fields). */
export const countSaves = (rows: readonly StampedRow[]): number => groupSaves(rows).length;

export interface HistoryLine<R extends StampedRow> {
  row: R;
  /** The field's value before this save (undefined: it had none). */
  before: FieldValue | undefined;
}

/**
 * The lines of each save worth reading: a field that was empty before and is still empty says
 * nothing and is left out (a first save sends the form's empty texts too). A save left with no
 * line is dropped.
 */
export function historyEntries<R extends StampedRow>(rows: readonly R[]): { group: SaveGroup<R>; lines: HistoryLine<R>[] }[] {
  const groups = groupSaves(rows);
  const last = new Map<string, FieldValue>();
  const entries: { group: SaveGroup<R>; lines: HistoryLine<R>[] }[] = [];
  for (const group of [...groups].reverse()) {
    const lines: HistoryLine<R>[] = [];
    for (const row of group.rows) {
      const key = `${row.coll}\u0000${row.id}\u0000${row.field}`;
      const before = last.get(key);
      last.set(key, row.value);
      if (empty(row.value) && empty(before)) continue;
      lines.push({ row, before });
    }
    if (lines.length > 0) entries.push({ group, lines });
  }
  return entries.reverse();
}
