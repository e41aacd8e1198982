// What must still hold of the database after any sequence of requests, read straight from
// the SQLite file through a second connection (not through the store under test):
//   · SQLite itself is sound (integrity_check, foreign_key_check);
//   · every merged field is exactly the fold of its logged changes, in log order, under the
//     merge rule — the docs table holds nothing the log does not explain, and the reverse;
//   · every logged value is one the shared validator accepts (nothing refused got stored);
//   · a record's changes all name one unit (who reads a record must not depend on which
//     change one looks at);
//   · exactly-once bookkeeping: a device's logged seqs are distinct, never above its mark,
//     never also recorded as refused, and every seq up to the mark is one or the other;
//   · photo bytes are stored under the sha-256 of exactly those bytes.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Collection, checkChangeValue } from '../../../src/domain/sync/collections.ts';
import type { Hlc } from '../../../src/domain/sync/hlc.ts';
import { mergeField, type Base, type FieldState, type FieldValue } from '../../../src/domain/sync/merge.ts';

interface ChangeRow {
  server_seq: number;
  coll: string;
  id: string;
  field: string;
  value: string;
  hlc: string;
  base: string | null;
  unit: string;
  author: string;
  device: string;
  device_seq: number | null;
}

export interface Integrity {
  problems: string[];
  /** How much there was to check (so a test can insist the fuzzer stored something). */
  counts: { changes: number; docs: number; devices: number; refusals: number; blobs: number };
}

const hasTable = (db: Database.Database, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export function checkIntegrity(dbFile: string): Integrity {
  const db = new Database(dbFile, { fileMustExist: true });
  const problems: string[] = [];
  const note = (p: string) => {
    if (problems.length < 50) problems.push(p);
  };
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') note(`integrity_check: ${JSON.stringify(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) note(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);

    const changes = db.prepare('SELECT server_seq, coll, id, field, value, hlc, base, unit, author, device, device_seq FROM changes ORDER BY server_seq').all() as ChangeRow[];
    const folded = new Map<string, FieldState>();
    const recordUnit = new Map<string, string>();
    const bySeq = new Map<string, Set<number>>();
    for (const c of changes) {
      const key = `${c.coll}/${c.id}/${c.field}`;
      let value: FieldValue;
      try {
        value = JSON.parse(c.value) as FieldValue;
      } catch {
        note(`change ${c.server_seq}: value is not JSON`);
        continue;
      }
      if (!Collection.safeParse(c.coll).success) note(`change ${c.server_seq}: unknown collection ${c.coll}`);
      else {
        const invalid = checkChangeValue(c.coll as Collection, c.field, value);
        if (invalid) note(`change ${c.server_seq} (${key}) stored although invalid: ${invalid}`);
      }
      const unit = recordUnit.get(`${c.coll}/${c.id}`);
      if (unit === undefined) recordUnit.set(`${c.coll}/${c.id}`, c.unit);
      else if (unit !== c.unit) note(`record ${c.coll}/${c.id} has changes of two units: ${unit} and ${c.unit} (change ${c.server_seq})`);
      folded.set(key, mergeField(folded.get(key), { value, hlc: c.hlc as Hlc, base: c.base as Base | null, author: c.author }));
      if (c.device_seq !== null) {
        const seqs = bySeq.get(c.device) ?? new Set<number>();
        if (seqs.has(c.device_seq)) note(`device ${c.device}: seq ${c.device_seq} logged twice`);
        seqs.add(c.device_seq);
        bySeq.set(c.device, seqs);
      }
    }

    const docs = db.prepare('SELECT coll, id, field, heads FROM docs').all() as { coll: string; id: string; field: string; heads: string }[];
    const seen = new Set<string>();
    for (const d of docs) {
      const key = `${d.coll}/${d.id}/${d.field}`;
      seen.add(key);
      const expected = folded.get(key);
      if (!expected) {
        note(`doc field ${key} has no logged change`);
        continue;
      }
      const actual = JSON.parse(d.heads) as FieldState;
      if (!isDeepStrictEqual(actual, expected)) note(`doc field ${key} is not the fold of its log: ${d.heads.slice(0, 300)} ≠ ${JSON.stringify(expected).slice(0, 300)}`);
    }
    for (const key of folded.keys()) if (!seen.has(key)) note(`logged field ${key} has no merged doc`);

    const devices = db.prepare('SELECT device_id, high_water FROM devices').all() as { device_id: string; high_water: number }[];
    const highWater = new Map(devices.map((d) => [d.device_id, d.high_water]));
    for (const [device, seqs] of bySeq) {
      if (device === 'seed') continue;
      const mark = highWater.get(device);
      if (mark === undefined) {
        note(`device ${device} has logged changes but no mark`);
        continue;
      }
      for (const s of seqs) if (s < 1 || s > mark) note(`device ${device}: seq ${s} logged beyond its mark ${mark}`);
    }
    let refusals = 0;
    if (hasTable(db, 'refusals')) {
      const rows = db.prepare('SELECT device, device_seq FROM refusals').all() as { device: string; device_seq: number }[];
      refusals = rows.length;
      const refused = new Map<string, Set<number>>();
      for (const r of rows) {
        if (bySeq.get(r.device)?.has(r.device_seq)) note(`device ${r.device}: seq ${r.device_seq} both logged and refused`);
        const mark = highWater.get(r.device);
        if (mark === undefined || r.device_seq > mark) note(`device ${r.device}: refused seq ${r.device_seq} beyond its mark ${mark}`);
        refused.set(r.device, (refused.get(r.device) ?? new Set()).add(r.device_seq));
      }
      // The mark says "every seq up to here is settled": each one is logged or refused, so a
      // retry of any of them can be answered as the first time.
      for (const [device, mark] of highWater) {
        for (let s = 1; s <= mark; s++) {
          if (!bySeq.get(device)?.has(s) && !refused.get(device)?.has(s)) {
            note(`device ${device}: seq ${s} ≤ mark ${mark} is neither logged nor refused`);
            break;
          }
        }
      }
    }

    let blobs = 0;
    if (hasTable(db, 'blobs')) {
      for (const b of db.prepare('SELECT hash, size, data FROM blobs').iterate() as Iterable<{ hash: string; size: number; data: Buffer }>) {
        blobs++;
        const actual = createHash('sha256').update(b.data).digest('hex');
        if (actual !== b.hash) note(`blob ${b.hash} holds bytes hashing to ${actual}`);
        if (b.size !== b.data.byteLength) note(`blob ${b.hash}: size ${b.size} ≠ ${b.data.byteLength} bytes`);
      }
    }
    return { problems, counts: { changes: changes.length, docs: docs.length, devices: devices.length, refusals, blobs } };
  } finally {
    db.close();
  }
}
