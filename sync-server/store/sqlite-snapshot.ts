// The SQLite side of snapshot bootstrap and log compaction (sync/snapshot.ts, sync/compact.ts).
// Kept out of sqlite.ts: these are the only queries that read the merged docs and the log together.
import type Database from 'better-sqlite3';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import type { Base, FieldState, FieldValue } from '../../src/domain/sync/merge.ts';
import { adoptionOfRecord, pullMatches } from '../../src/domain/subscriptions.ts';
import type { CompactOptions, CompactResult, SnapshotPage, SnapshotQuery, SnapshotRecord, SnapshotRow } from './types.ts';

type Q = <Row = unknown>(sql: string) => Database.Statement<unknown[], Row>;

/** Docs rows read per query while filling a page. */
const CHUNK = 1000;
/** Log rows one compaction call reads, per row it may delete. */
const SCAN_SPAN = 20;

/** The highest serverSeq issued and not lost: compaction may have deleted the newest rows' predecessors, never the newest heads. */
function logEnd(q: Q): number {
  const max = q<{ m: number | null }>('SELECT MAX(server_seq) AS m FROM changes').get()?.m ?? 0;
  return Math.max(max, compactedThrough(q));
}

export function compactedThrough(q: Q): number {
  return q<{ c: number }>('SELECT compacted_through AS c FROM log_horizon WHERE one = 1').get()?.c ?? 0;
}

export function readSnapshot(q: Q, query: SnapshotQuery): SnapshotPage {
  // Read in the same serialised call as the records: every change up to it is in what follows.
  const cursor = logEnd(q);
  // Unit by unit, each in (coll, id) order: docs_unit is (unit, coll) plus the primary key, so
  // every query below is one index range however large the table (a village on a national
  // server reads its own rows, not everyone's).
  const units = [...new Set(query.rules.flatMap((r) => r.units))].sort();
  let first = 0;
  let resume: [string, string, string] | null = null;
  if (query.afterKey) {
    const unit = q<{ unit: string }>('SELECT unit FROM docs WHERE coll = ? AND id = ? LIMIT 1').get(query.afterKey.coll, query.afterKey.id)?.unit;
    first = unit === undefined ? units.length : units.findIndex((u) => u >= unit);
    if (first < 0) first = units.length;
    else if (units[first] === unit) resume = [query.afterKey.coll, query.afterKey.id, '\uffff'];
  }
  const picked: { coll: Collection; id: string; unit: string; fields: { field: string; state: FieldState }[] }[] = [];
  let bytes = 0;
  let more = false;
  let current: (typeof picked)[number] | null = null;
  let currentBytes = 0;
  const full = () => picked.length >= query.limit || (picked.length > 0 && bytes >= query.maxBytes);
  // A record is complete when a row of another record (or the end) comes; only then is it kept or left for the next page.
  const close = (): boolean => {
    if (!current) return false;
    const rec = current;
    current = null;
    if (!pullMatches(query.rules, rec.coll, rec.unit, adoptionOfRecord(rec.coll, rec.id))) return false;
    if (full() || (picked.length > 0 && bytes + currentBytes > query.maxBytes)) return true;
    picked.push(rec);
    bytes += currentBytes;
    return false;
  };
  scan: for (let i = first; i < units.length; i++) {
    const unit = units[i]!;
    let after: [string, string, string] = i === first && resume ? resume : ['', '', ''];
    for (;;) {
      const rows = q<{ coll: string; id: string; field: string; heads: string }>(
        `SELECT coll, id, field, heads FROM docs INDEXED BY docs_unit
         WHERE unit = ? AND (coll, id, field) > (?, ?, ?) ORDER BY coll, id, field LIMIT ${CHUNK}`,
      ).all(unit, ...after);
      for (const r of rows) {
        if (!current || current.coll !== r.coll || current.id !== r.id || current.unit !== unit) {
          if (close()) {
            more = true;
            break scan;
          }
          current = { coll: r.coll as Collection, id: r.id, unit, fields: [] };
          currentBytes = 0;
        }
        current.fields.push({ field: r.field, state: JSON.parse(r.heads) as FieldState });
        currentBytes += r.heads.length + r.field.length;
      }
      if (rows.length < CHUNK) break;
      const last = rows[rows.length - 1]!;
      after = [last.coll, last.id, last.field];
    }
  }
  if (!more && close()) more = true;

  const records: SnapshotRecord[] = picked.map((rec) => {
    const logged = q<{ server_seq: number; field: string; hlc: string; received_at: number }>(
      'SELECT server_seq, field, hlc, received_at FROM changes WHERE coll = ? AND id = ?',
    ).all(rec.coll, rec.id);
    return {
      coll: rec.coll,
      id: rec.id,
      unit: rec.unit,
      fields: rec.fields.map(({ field, state }) => {
        const ofField = logged.filter((l) => l.field === field);
        const receivedAt = new Map(ofField.map((l) => [l.hlc, l.received_at]));
        const first = ofField.reduce<(typeof ofField)[number] | null>(
          (a, b) => (!a || b.received_at < a.received_at || (b.received_at === a.received_at && b.server_seq < a.server_seq) ? b : a),
          null,
        );
        const rows: SnapshotRow[] = state.heads.map((h) => ({
          value: h.value,
          hlc: h.hlc,
          base: h.base,
          author: h.author,
          // Every head was logged when merged; the first receipt stands in should a row ever be missing.
          receivedAt: receivedAt.get(h.hlc) ?? first?.received_at ?? 0,
        }));
        if (first && !state.heads.some((h) => h.hlc === first.hlc)) {
          const row = q<{ value: string; hlc: string; base: string | null; author: string; received_at: number }>(
            'SELECT value, hlc, base, author, received_at FROM changes WHERE server_seq = ?',
          ).get(first.server_seq)!;
          rows.push({ value: JSON.parse(row.value) as FieldValue, hlc: row.hlc as Hlc, base: row.base as Base | null, author: row.author, receivedAt: row.received_at });
        }
        return { field, dead: state.dead, rows };
      }),
    };
  });
  const last = picked.at(-1);
  return { cursor, records, nextKey: more && last ? { coll: last.coll, id: last.id } : null };
}

export function recordPullCursor(q: Q, deviceId: string, cursor: number): void {
  // Written only when it moves: most pulls of an idle phone change nothing, and cost no write.
  q('UPDATE devices SET pull_cursor = ? WHERE device_id = ? AND pull_cursor IS NOT ?').run(cursor, deviceId, cursor);
}

export function compactLog(db: Database.Database, q: Q, o: CompactOptions): CompactResult {
  return db.transaction((): CompactResult => {
    const active = q<{ h: number | null; n: number }>(
      `SELECT MIN(pull_cursor) AS h, COUNT(*) AS n FROM devices
       WHERE pull_cursor IS NOT NULL AND revoked_at IS NULL AND COALESCE(last_seen_at, created_at, 0) >= ?`,
    ).get(o.activeSince)!;
    const horizon = active.n > 0 ? active.h! : logEnd(q);
    // One call reads a bounded stretch of the log, whatever it keeps: pushes wait for it.
    const from = o.after ?? 0;
    const upto = Math.min(horizon, from + o.maxRows * SCAN_SPAN);
    // Kept: a current head of its field, the field's first receipt (firstReceived reads it), a
    // re-stamped row (restampedAs maps stamps through it), a device's rows a retry may still name.
    const doomed = q<{ server_seq: number }>(
      `SELECT c.server_seq FROM changes c LEFT JOIN devices dv ON dv.device_id = c.device
       WHERE c.server_seq > ? AND c.server_seq <= ? AND c.orig_hlc IS NULL
         AND (c.device_seq IS NULL OR dv.high_water IS NULL OR c.device_seq <= dv.high_water - ?)
         AND NOT EXISTS (
           SELECT 1 FROM docs d, json_each(d.heads, '$.heads') h
           WHERE d.coll = c.coll AND d.id = c.id AND d.field = c.field AND json_extract(h.value, '$.hlc') = c.hlc)
         AND c.server_seq <> (
           SELECT f.server_seq FROM changes f WHERE f.coll = c.coll AND f.id = c.id AND f.field = c.field
           ORDER BY f.received_at, f.server_seq LIMIT 1)
       ORDER BY c.server_seq LIMIT ?`,
    ).all(from, upto, o.retryWindow, o.maxRows).map((r) => r.server_seq);
    if (doomed.length > 0) {
      q('DELETE FROM changes WHERE server_seq IN (SELECT value FROM json_each(?))').run(JSON.stringify(doomed));
      q('UPDATE log_horizon SET compacted_through = MAX(compacted_through, ?) WHERE one = 1').run(doomed[doomed.length - 1]!);
    }
    const filled = doomed.length === o.maxRows;
    const through = filled ? doomed[doomed.length - 1]! : Math.max(upto, from);
    return { horizon, deleted: doomed.length, more: through < horizon, compactedThrough: compactedThrough(q), through };
  })();
}
