// The PostgreSQL side of snapshot bootstrap and log compaction (sync/snapshot.ts,
// sync/compact.ts): the same queries as sqlite-snapshot.ts. The caller (postgres.ts) runs each
// in ONE snapshot of the database — inside a store transaction, or a REPEATABLE READ read-only
// one — so a snapshot page and its cursor, or a compaction's horizon and what it deletes, agree.
import type pg from 'pg';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import type { Base, FieldState, FieldValue } from '../../src/domain/sync/merge.ts';
import { adoptionOfRecord, pullMatches } from '../../src/domain/subscriptions.ts';
import type { CompactOptions, CompactResult, SnapshotPage, SnapshotQuery, SnapshotRecord, SnapshotRow } from './types.ts';

export type Rows = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

/** Docs rows read per query while filling a page. */
const CHUNK = 1000;

export async function compactedThrough(rows: Rows): Promise<number> {
  return (await rows<{ c: number }>('SELECT compacted_through AS c FROM log_horizon WHERE one = 1'))[0]?.c ?? 0;
}

/** The highest serverSeq issued and not lost: compaction may have deleted the newest rows' predecessors, never the newest heads. */
async function logEnd(rows: Rows): Promise<number> {
  const r = (await rows<{ m: number | null; c: number | null }>('SELECT (SELECT MAX(server_seq) FROM changes) AS m, (SELECT compacted_through FROM log_horizon WHERE one = 1) AS c'))[0];
  return Math.max(r?.m ?? 0, r?.c ?? 0);
}

export async function readSnapshot(rows: Rows, query: SnapshotQuery): Promise<SnapshotPage> {
  // In the same database snapshot as the records (see the header): every change up to it is in what follows.
  const cursor = await logEnd(rows);
  const units = [...new Set(query.rules.flatMap((r) => r.units))];
  const picked: { coll: Collection; id: string; unit: string; fields: { field: string; state: FieldState }[] }[] = [];
  let bytes = 0;
  let more = false;
  // '\uffff' sorts after every field name (bytewise, COLLATE "C"): the scan starts at the next record.
  let after: [string, string, string] = query.afterKey ? [query.afterKey.coll, query.afterKey.id, '\uffff'] : ['', '', ''];
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
  if (units.length > 0) {
    scan: for (;;) {
      const chunk = await rows<{ coll: string; id: string; field: string; heads: string; unit: string }>(
        `SELECT coll, id, field, heads, unit FROM docs
         WHERE unit = ANY($1::text[]) AND (coll, id, field) > ($2, $3, $4)
         ORDER BY coll, id, field LIMIT ${CHUNK}`,
        [units, ...after],
      );
      for (const r of chunk) {
        if (!current || current.coll !== r.coll || current.id !== r.id) {
          if (close()) {
            more = true;
            break scan;
          }
          current = { coll: r.coll as Collection, id: r.id, unit: r.unit, fields: [] };
          currentBytes = 0;
        }
        current.fields.push({ field: r.field, state: JSON.parse(r.heads) as FieldState });
        currentBytes += r.heads.length + r.field.length;
      }
      if (chunk.length < CHUNK) break;
      const last = chunk[chunk.length - 1]!;
      after = [last.coll, last.id, last.field];
    }
    if (!more && close()) more = true;
  }

  const records: SnapshotRecord[] = [];
  for (const rec of picked) {
    const logged = await rows<{ server_seq: number; field: string; hlc: string; received_at: number }>(
      'SELECT server_seq, field, hlc, received_at FROM changes WHERE coll = $1 AND id = $2',
      [rec.coll, rec.id],
    );
    const fields = [];
    for (const { field, state } of rec.fields) {
      const ofField = logged.filter((l) => l.field === field);
      const receivedAt = new Map(ofField.map((l) => [l.hlc, l.received_at]));
      const first = ofField.reduce<(typeof ofField)[number] | null>(
        (a, b) => (!a || b.received_at < a.received_at || (b.received_at === a.received_at && b.server_seq < a.server_seq) ? b : a),
        null,
      );
      const out: SnapshotRow[] = state.heads.map((h) => ({
        value: h.value,
        hlc: h.hlc,
        base: h.base,
        author: h.author,
        // Every head was logged when merged; the first receipt stands in should a row ever be missing.
        receivedAt: receivedAt.get(h.hlc) ?? first?.received_at ?? 0,
      }));
      if (first && !state.heads.some((h) => h.hlc === first.hlc)) {
        const row = (await rows<{ value: string; hlc: string; base: string | null; author: string; received_at: number }>(
          'SELECT value, hlc, base, author, received_at FROM changes WHERE server_seq = $1',
          [first.server_seq],
        ))[0]!;
        out.push({ value: JSON.parse(row.value) as FieldValue, hlc: row.hlc as Hlc, base: row.base as Base | null, author: row.author, receivedAt: row.received_at });
      }
      fields.push({ field, dead: state.dead, rows: out });
    }
    records.push({ coll: rec.coll, id: rec.id, unit: rec.unit, fields });
  }
  const last = picked.at(-1);
  return { cursor, records, nextKey: more && last ? { coll: last.coll, id: last.id } : null };
}

export async function recordPullCursor(rows: Rows, deviceId: string, cursor: number): Promise<void> {
  // Written only when it moves: most pulls of an idle phone change nothing, and cost no write.
  await rows('UPDATE devices SET pull_cursor = $1 WHERE device_id = $2 AND pull_cursor IS DISTINCT FROM $1', [cursor, deviceId]);
}

/** Call under the store's write lock (postgres.ts): the horizon cannot move while rows are chosen and deleted. */
export async function compactLog(rows: Rows, o: CompactOptions): Promise<CompactResult> {
  const active = (await rows<{ h: number | null; n: number }>(
    `SELECT MIN(pull_cursor) AS h, COUNT(*) AS n FROM devices
     WHERE pull_cursor IS NOT NULL AND revoked_at IS NULL AND COALESCE(last_seen_at, created_at, 0) >= $1`,
    [o.activeSince],
  ))[0]!;
  const horizon = active.n > 0 ? active.h! : await logEnd(rows);
  // Kept: a current head of its field, the field's first receipt (firstReceived reads it), a
  // re-stamped row (restampedAs maps stamps through it), a device's rows a retry may still name.
  const doomed = (
    await rows<{ server_seq: number }>(
      `SELECT c.server_seq FROM changes c LEFT JOIN devices dv ON dv.device_id = c.device
       WHERE c.server_seq > $1 AND c.server_seq <= $2 AND c.orig_hlc IS NULL
         AND (c.device_seq IS NULL OR dv.high_water IS NULL OR c.device_seq <= dv.high_water - $3)
         AND NOT EXISTS (
           SELECT 1 FROM docs d WHERE d.coll = c.coll AND d.id = c.id AND d.field = c.field AND c.hlc = ANY(d.head_hlcs))
         AND c.server_seq <> (
           SELECT f.server_seq FROM changes f WHERE f.coll = c.coll AND f.id = c.id AND f.field = c.field
           ORDER BY f.received_at, f.server_seq LIMIT 1)
       ORDER BY c.server_seq LIMIT $4`,
      [o.after ?? 0, horizon, o.retryWindow, o.maxRows],
    )
  ).map((r) => r.server_seq);
  if (doomed.length > 0) {
    await rows('DELETE FROM changes WHERE server_seq = ANY($1::bigint[])', [doomed]);
    await rows('UPDATE log_horizon SET compacted_through = GREATEST(compacted_through, $1) WHERE one = 1', [doomed[doomed.length - 1]!]);
  }
  const more = doomed.length === o.maxRows;
  return { horizon, deleted: doomed.length, more, compactedThrough: await compactedThrough(rows), through: more ? doomed[doomed.length - 1]! : Math.max(horizon, o.after ?? 0) };
}
