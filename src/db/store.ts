// Local reads and writes. Every user edit goes through `write`, which stores the merged
// record, its change-log rows and its outbox rows in ONE Dexie transaction: a change is
// either fully saved and queued for the server, or not saved at all.
import type { Collection } from '../domain/sync/collections.ts';
import { checkChangeValue } from '../domain/sync/collections.ts';
import { encodeHlc, decodeHlc, receive, tick, type Hlc, type HlcState } from '../domain/sync/hlc.ts';
import { baseFor, docValues, latestPredecessor, mergeField, predecessors, restamp, winner, type DocState, type FieldValue } from '../domain/sync/merge.ts';
import { RecordId, docKey, type Change } from '../domain/sync/wire.ts';
import { guardQuota } from './errors.ts';
import { newestWall, type AppDb, type ChangeRow, type DocRow, type OutboxRow } from './schema.ts';

export interface StoreDeps {
  db: AppDb;
  deviceId: string;
  /** Wall clock corrected by the server offset; injected so tests can pin it. */
  now: () => number;
}

export interface RecordEdit {
  coll: Collection;
  id: string;
  unit: string;
  values: Record<string, FieldValue>;
}

export class InvalidChangeError extends Error {
  override name = 'InvalidChangeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const META_HLC = 'hlc';
const META_SEQ = 'outboxSeq';
const META_CURSOR = 'pullCursor';
const META_REJECTED = 'rejectedChanges';

export interface RejectedChange extends OutboxRow {
  code: string;
  message: string;
  at: number;
}

export class LocalStore {
  constructor(private readonly deps: StoreDeps) {}

  get db(): AppDb {
    return this.deps.db;
  }

  private async clock(): Promise<HlcState> {
    const row = await this.db.meta.get(META_HLC);
    return (row?.value as HlcState | undefined) ?? { wall: 0, counter: 0, device: this.deps.deviceId };
  }

  /** Saves the fields of one record that changed; see writeMany. */
  write(coll: Collection, id: string, unit: string, values: Record<string, FieldValue>, author: string): Promise<number> {
    return this.writeMany([{ coll, id, unit, values }], author);
  }

  /**
   * Saves the fields that changed, across several records, in one transaction with their
   * outbox rows. Returns the number of fields written (0 when nothing differed). Throws
   * InvalidChangeError before touching the database, StorageFullError when the disk is
   * full (the transaction is rolled back, earlier data untouched).
   */
  async writeMany(edits: readonly RecordEdit[], author: string): Promise<number> {
    for (const e of edits) {
      if (!RecordId.safeParse(e.id).success) throw new InvalidChangeError('id', `Mã bản ghi không hợp lệ: ${e.id}`);
      for (const [field, value] of Object.entries(e.values)) {
        const problem = checkChangeValue(e.coll, field, value);
        if (problem) throw new InvalidChangeError(field, problem);
      }
    }
    return guardQuota(() =>
      this.db.transaction('rw', [this.db.docs, this.db.changes, this.db.outbox, this.db.meta], async () => {
        let clock = await this.clock();
        let seq = ((await this.db.meta.get(META_SEQ))?.value as number | undefined) ?? 0;
        const outbox: OutboxRow[] = [];
        const log: ChangeRow[] = [];
        const docs = new Map<string, DocRow>();
        for (const { coll, id, unit, values } of edits) {
          const key = docKey(coll, id);
          const doc: DocRow = docs.get(key) ?? (await this.db.docs.get(key)) ?? { key, coll, id, unit, fields: {}, touchedAt: 0 };
          const fields: Record<string, DocState[string]> = { ...doc.fields };
          let changed = false;
          for (const [field, value] of Object.entries(values)) {
            const current = winner(fields[field]);
            // Same value and no conflict to resolve: nothing to send.
            if (current && JSON.stringify(current.value) === JSON.stringify(value) && fields[field]!.heads.length === 1) continue;
            const base = baseFor(fields[field]);
            // Our stamp must sort after everything we have seen for this field.
            const latest = latestPredecessor(base);
            if (latest) clock = receive(clock, latest, this.deps.now());
            clock = tick(clock, this.deps.now());
            const hlc = encodeHlc(clock);
            fields[field] = mergeField(fields[field], { value, hlc, base, author });
            seq += 1;
            outbox.push({ seq, coll, id, field, value, hlc, base, unit });
            log.push({ hlc, coll, id, field, value, base, unit, author });
            changed = true;
          }
          if (changed) docs.set(key, { ...doc, fields, touchedAt: newestWall(fields) });
        }
        if (outbox.length === 0) return 0;
        await this.db.docs.bulkPut([...docs.values()]);
        await this.db.outbox.bulkAdd(outbox);
        await this.db.changes.bulkPut(log);
        await this.db.meta.bulkPut([
          { key: META_HLC, value: clock },
          { key: META_SEQ, value: seq },
        ]);
        return outbox.length;
      }),
    );
  }

  /** Merges changes pulled from the server and moves the cursor, atomically. */
  async applyPulled(changes: readonly Change[], cursor: number): Promise<void> {
    await guardQuota(() =>
      this.db.transaction('rw', [this.db.docs, this.db.changes, this.db.meta], async () => {
        let clock = await this.clock();
        const touched = new Map<string, DocRow>();
        for (const c of changes) {
          const key = docKey(c.coll, c.id);
          const doc = touched.get(key) ?? (await this.db.docs.get(key)) ?? { key, coll: c.coll, id: c.id, unit: c.unit, fields: {}, touchedAt: 0 };
          const fields = { ...doc.fields, [c.field]: mergeField(doc.fields[c.field], { value: c.value, hlc: c.hlc, base: c.base, author: c.author }) };
          touched.set(key, { ...doc, fields });
          clock = receive(clock, c.hlc, this.deps.now());
        }
        for (const doc of touched.values()) doc.touchedAt = newestWall(doc.fields);
        await this.db.docs.bulkPut([...touched.values()]);
        await this.db.changes.bulkPut(changes.map((c) => ({ hlc: c.hlc, coll: c.coll, id: c.id, field: c.field, value: c.value, base: c.base, unit: c.unit, author: c.author })));
        await this.db.meta.bulkPut([
          { key: META_HLC, value: clock },
          { key: META_CURSOR, value: cursor },
        ]);
      }),
    );
  }

  async cursor(): Promise<number> {
    return ((await this.db.meta.get(META_CURSOR))?.value as number | undefined) ?? 0;
  }

  /** The oldest queued changes, up to about `maxBytes` of JSON (at least one). */
  async outboxBatch(maxBytes: number): Promise<OutboxRow[]> {
    const out: OutboxRow[] = [];
    let bytes = 0;
    await this.db.outbox.orderBy('seq').until(() => bytes >= maxBytes).each((row) => {
      out.push(row);
      bytes += JSON.stringify(row).length;
    });
    // `until` includes the row that crossed the limit; keep it only if it is alone.
    if (out.length > 1 && bytes > maxBytes) out.pop();
    return out;
  }

  /**
   * The server expects our next change to be `firstSeq` (its database was restored or reset):
   * renumber what is queued so it follows on. Nothing is dropped.
   */
  async renumberOutbox(firstSeq: number): Promise<void> {
    await this.db.transaction('rw', [this.db.outbox, this.db.meta], async () => {
      const rows = await this.db.outbox.orderBy('seq').toArray();
      await this.db.outbox.clear();
      await this.db.outbox.bulkAdd(rows.map((r, i) => ({ ...r, seq: firstSeq + i })));
      await this.db.meta.put({ key: META_SEQ, value: firstSeq + rows.length - 1 });
    });
  }

  /**
   * The server refused one queued change for good (400/403): take it out of the queue so the
   * rest can go, renumber what follows (the server committed none of that batch), and keep
   * it with the reason so the person can see what did not reach the server.
   */
  async rejectOutboxRow(seq: number, code: string, message: string): Promise<void> {
    await this.db.transaction('rw', [this.db.outbox, this.db.meta], async () => {
      const row = await this.db.outbox.get(seq);
      if (!row) return;
      const later = await this.db.outbox.where('seq').above(seq).toArray();
      await this.db.outbox.where('seq').aboveOrEqual(seq).delete();
      await this.db.outbox.bulkAdd(later.map((r) => ({ ...r, seq: r.seq - 1 })));
      const last = ((await this.db.meta.get(META_SEQ))?.value as number | undefined) ?? seq;
      await this.db.meta.put({ key: META_SEQ, value: last - 1 });
      const rejected = ((await this.db.meta.get(META_REJECTED))?.value as RejectedChange[] | undefined) ?? [];
      await this.db.meta.put({ key: META_REJECTED, value: [...rejected, { ...row, code, message, at: this.deps.now() }] });
    });
  }

  async rejected(): Promise<RejectedChange[]> {
    return ((await this.db.meta.get(META_REJECTED))?.value as RejectedChange[] | undefined) ?? [];
  }

  outboxCount(): Promise<number> {
    return this.db.outbox.count();
  }

  /**
   * The server committed everything up to `seq`: drop those outbox rows. Changes it
   * re-stamped (their clock was far in the future) take the server's stamp.
   */
  async acknowledge(seq: number, restamped: readonly [number, Hlc][]): Promise<void> {
    await this.db.transaction('rw', [this.db.docs, this.db.changes, this.db.outbox], async () => {
      for (const [s, newHlc] of restamped) {
        const row = await this.db.outbox.get(s);
        if (!row) continue;
        const key = docKey(row.coll, row.id);
        const doc = await this.db.docs.get(key);
        if (doc?.fields[row.field]) {
          const fields = { ...doc.fields, [row.field]: restamp(doc.fields[row.field]!, row.hlc, newHlc) };
          await this.db.docs.put({ ...doc, fields, touchedAt: newestWall(fields) });
        }
        const logged = await this.db.changes.get(row.hlc);
        await this.db.changes.delete(row.hlc);
        if (logged) await this.db.changes.put({ ...logged, hlc: newHlc });
        // Later queued edits that named the old stamp keep it: the server maps it itself.
      }
      await this.db.outbox.where('seq').belowOrEqual(seq).delete();
    });
  }

  async doc(coll: Collection, id: string): Promise<DocRow | undefined> {
    return this.db.docs.get(docKey(coll, id));
  }

  async values(coll: Collection, id: string): Promise<Record<string, FieldValue>> {
    const doc = await this.doc(coll, id);
    return doc ? docValues(doc.fields) : {};
  }

  docsOf(coll: Collection): Promise<DocRow[]> {
    return this.db.docs.where('coll').equals(coll).toArray();
  }

  /** Every change to a record, newest first: who, when, what. */
  async history(coll: Collection, id: string): Promise<ChangeRow[]> {
    const rows = await this.db.changes.where('[coll+id]').equals([coll, id]).toArray();
    return rows.sort((a, b) => (a.hlc < b.hlc ? 1 : -1));
  }

  // Drafts: what the user is typing, saved on every input so a reload or crash loses nothing.
  async saveDraft(key: string, values: Record<string, unknown>): Promise<void> {
    await guardQuota(() => this.db.drafts.put({ key, values, updatedAt: this.deps.now() }));
  }
  async draft(key: string): Promise<Record<string, unknown> | undefined> {
    return (await this.db.drafts.get(key))?.values;
  }
  async clearDraft(key: string): Promise<void> {
    await this.db.drafts.delete(key);
  }
}

export const hlcTime = (h: Hlc): number => decodeHlc(h).wall;
