// Local reads and writes. Every user edit goes through `write`, which stores the merged
// record, its change-log rows and its outbox rows in ONE Dexie transaction: a change is
// either fully saved and queued for the server, or not saved at all.
import type { Collection } from '../domain/sync/collections.ts';
import { checkChangeValue } from '../domain/sync/collections.ts';
import { encodeHlc, decodeHlc, receive, tick, type Hlc, type HlcState } from '../domain/sync/hlc.ts';
import { EMPTY_FIELD, baseFor, docValues, joinBase, latestPredecessor, mergeField, mergeFieldStates, predecessors, restamp, winner, type Base, type DocState, type FieldState, type FieldValue } from '../domain/sync/merge.ts';
import { RecordId, docKey, type Change, type SnapshotFieldState } from '../domain/sync/wire.ts';
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
  /**
   * Per field, the stamps of the values the author had on screen (`baseFor` of the field
   * state the form rendered). A form passes it so that a change pulled while it was open is
   * never named as seen, hence never overwritten unseen: it stays a concurrent value. A
   * field not listed takes what the store holds now (writes made by code, not by a form).
   */
  seen?: Readonly<Record<string, Base | null>>;
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
const META_QUARANTINE = 'quarantinedChanges';
const META_SUBSCRIPTION = 'subscription';
/** A snapshot bootstrap under way (SnapshotProgress): the next page to fetch, so a dropped 2G link resumes it. */
const META_SNAPSHOT = 'snapshotProgress';
/** Our stamps the server replaced (clock far ahead) → its stamps, so a form that rendered the old one still names it. */
const META_RESTAMPS = 'restamps';
/** The server epoch last synced with (wire `e`): a new one means the server was restored from a backup. */
const META_EPOCH = 'serverEpoch';
const MAX_RESTAMPS = 500;

const mapBase = (base: Base | null, restamps: Readonly<Record<string, Hlc>>): Base | null =>
  base ? joinBase(predecessors(base).map((h) => restamps[h] ?? h)) : null;
const MAX_QUARANTINE = 200;

export interface RejectedChange extends OutboxRow {
  code: string;
  message: string;
  at: number;
}

/** Where a snapshot bootstrap stands between two pages (src/sync/snapshot.ts). */
export interface SnapshotProgress {
  /** The cursor the snapshot was taken at: this phone's cursor once the last page is in. */
  cursor: number;
  /** The record the last applied page ended at. */
  key: [Collection, string];
  /** The subscription fingerprint of the first page: another one means starting again. */
  subscription: string;
}

/** A pulled change that failed validation here: kept aside (not merged), shown, and the cursor moves on. */
export interface QuarantinedChange {
  coll: string;
  id: string;
  field: string;
  hlc: string;
  author: string;
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

  /** The device id this database's stamps carry (null before the first write or pull). */
  async clockDevice(): Promise<string | null> {
    const row = await this.db.meta.get(META_HLC);
    return (row?.value as HlcState | undefined)?.device ?? null;
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
        const restamps = ((await this.db.meta.get(META_RESTAMPS))?.value as Record<string, Hlc> | undefined) ?? {};
        const outbox: OutboxRow[] = [];
        const log: ChangeRow[] = [];
        const docs = new Map<string, DocRow>();
        for (const { coll, id, unit, values, seen } of edits) {
          const key = docKey(coll, id);
          const doc: DocRow = docs.get(key) ?? (await this.db.docs.get(key)) ?? { key, coll, id, unit, fields: {}, touchedAt: 0 };
          const fields: Record<string, DocState[string]> = { ...doc.fields };
          let changed = false;
          for (const [field, value] of Object.entries(values)) {
            const now = baseFor(fields[field]);
            // A form may have rendered a stamp the server has since replaced (a clock far ahead):
            // name what that change became, as the server itself would.
            const base = seen && Object.hasOwn(seen, field) ? mapBase(seen[field]!, restamps) : now;
            const current = winner(fields[field]);
            // Same value, nothing unseen and no conflict to resolve: nothing to send.
            if (current && JSON.stringify(current.value) === JSON.stringify(value) && fields[field]!.heads.length === 1 && base === now) continue;
            // Our stamp must sort after everything we have seen for this field.
            const latest = latestPredecessor(base);
            if (latest) clock = receive(clock, latest, this.deps.now());
            clock = tick(clock, this.deps.now());
            const hlc = encodeHlc(clock);
            fields[field] = mergeField(fields[field], { value, hlc, base, author });
            seq += 1;
            outbox.push({ seq, coll, id, field, value, hlc, base, unit, author });
            log.push({ hlc, coll, id, field, value, base, unit, author, receivedAt: null });
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

  /**
   * Merges changes pulled from the server and moves the cursor, atomically. A change that
   * fails this app's own checks (an older server, a bug, a hostile writer) is quarantined —
   * kept aside with the reason, not merged — and the cursor still moves past it, so one bad
   * value cannot stop this phone syncing. Returns how many were quarantined.
   */
  async applyPulled(all: readonly Change[], cursor: number): Promise<number> {
    const changes: Change[] = [];
    const bad: QuarantinedChange[] = [];
    for (const c of all) {
      const problem = RecordId.safeParse(c.id).success ? checkChangeValue(c.coll, c.field, c.value) : 'Mã bản ghi không hợp lệ';
      if (problem) bad.push({ coll: c.coll, id: c.id.slice(0, 120), field: c.field.slice(0, 80), hlc: c.hlc, author: c.author, message: problem, at: this.deps.now() });
      else changes.push(c);
    }
    await guardQuota(() =>
      this.db.transaction('rw', [this.db.docs, this.db.changes, this.db.meta], async () => {
        await this.quarantine(bad);
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
        await this.db.changes.bulkPut(
          changes.map((c) => ({ hlc: c.hlc, coll: c.coll, id: c.id, field: c.field, value: c.value, base: c.base, unit: c.unit, author: c.author, receivedAt: c.receivedAt })),
        );
        await this.db.meta.bulkPut([
          { key: META_HLC, value: clock },
          { key: META_CURSOR, value: cursor },
        ]);
      }),
    );
    return bad.length;
  }

  /**
   * Merges one page of a snapshot (the current state of subscribed records) through the same
   * merge as pulled changes: each field's overwritten stamps, then its rows (current heads and
   * first receipt), logged with the server's receipt times. Local edits still queued are merged
   * with, never replaced — a queued value the server has not seen stays a head. `next` is where
   * to resume; null on the last page, which moves the cursor to `cursor`. Rows failing this
   * app's checks are quarantined, as in applyPulled. Returns how many were quarantined.
   */
  async applySnapshot(fields: readonly SnapshotFieldState[], cursor: number, next: SnapshotProgress | null): Promise<number> {
    const bad: QuarantinedChange[] = [];
    const good = fields
      .map((f) => ({
        ...f,
        rows: f.rows.filter((c) => {
          const problem = RecordId.safeParse(c.id).success ? checkChangeValue(c.coll, c.field, c.value) : 'Mã bản ghi không hợp lệ';
          if (problem) bad.push({ coll: c.coll, id: c.id.slice(0, 120), field: c.field.slice(0, 80), hlc: c.hlc, author: c.author, message: problem, at: this.deps.now() });
          return !problem;
        }),
      }))
      // Nothing of the field passed: it is left out, as the pulled changes would have been.
      .filter((f) => f.rows.length > 0);
    await guardQuota(() =>
      this.db.transaction('rw', [this.db.docs, this.db.changes, this.db.meta], async () => {
        await this.quarantine(bad);
        let clock = await this.clock();
        const touched = new Map<string, DocRow>();
        for (const f of good) {
          const key = docKey(f.coll, f.id);
          const doc = touched.get(key) ?? (await this.db.docs.get(key)) ?? { key, coll: f.coll, id: f.id, unit: f.unit, fields: {}, touchedAt: 0 };
          const incoming: FieldState = { heads: f.rows.map((c) => ({ value: c.value, hlc: c.hlc, base: c.base, author: c.author })), dead: f.dead };
          touched.set(key, { ...doc, fields: { ...doc.fields, [f.field]: mergeFieldStates(doc.fields[f.field], incoming) } });
          for (const c of f.rows) clock = receive(clock, c.hlc, this.deps.now());
        }
        for (const doc of touched.values()) doc.touchedAt = newestWall(doc.fields);
        await this.db.docs.bulkPut([...touched.values()]);
        await this.db.changes.bulkPut(
          good.flatMap((f) => f.rows.map((c) => ({ hlc: c.hlc, coll: c.coll, id: c.id, field: c.field, value: c.value, base: c.base, unit: c.unit, author: c.author, receivedAt: c.receivedAt }))),
        );
        await this.db.meta.put({ key: META_HLC, value: clock });
        if (next) await this.db.meta.put({ key: META_SNAPSHOT, value: next });
        else {
          await this.db.meta.put({ key: META_CURSOR, value: cursor });
          await this.db.meta.delete(META_SNAPSHOT);
        }
      }),
    );
    return bad.length;
  }

  async snapshotProgress(): Promise<SnapshotProgress | null> {
    return ((await this.db.meta.get(META_SNAPSHOT))?.value as SnapshotProgress | undefined) ?? null;
  }

  /** Forgets a snapshot under way (its cursor fell behind the compacted log, or the subscription changed). */
  async dropSnapshotProgress(): Promise<void> {
    await this.db.meta.delete(META_SNAPSHOT);
  }

  /** Keeps values that failed their checks (pulled or in a snapshot) apart, newest last; call inside a transaction on meta. */
  private async quarantine(bad: readonly QuarantinedChange[]): Promise<void> {
    if (bad.length === 0) return;
    const kept = ((await this.db.meta.get(META_QUARANTINE))?.value as QuarantinedChange[] | undefined) ?? [];
    await this.db.meta.put({ key: META_QUARANTINE, value: [...kept, ...bad].slice(-MAX_QUARANTINE) });
  }

  async quarantined(): Promise<QuarantinedChange[]> {
    return ((await this.db.meta.get(META_QUARANTINE))?.value as QuarantinedChange[] | undefined) ?? [];
  }

  /**
   * Records the subscription fingerprint the server answered with. True when it differs from
   * the one the cursor was built under: the cursor is reset so everything is pulled again.
   */
  async subscriptionChanged(fingerprint: string): Promise<boolean> {
    return this.db.transaction('rw', [this.db.meta], async () => {
      const known = (await this.db.meta.get(META_SUBSCRIPTION))?.value as string | undefined;
      if (known === fingerprint) return false;
      const cursor = ((await this.db.meta.get(META_CURSOR))?.value as number | undefined) ?? 0;
      await this.db.meta.bulkPut([
        { key: META_SUBSCRIPTION, value: fingerprint },
        { key: META_CURSOR, value: 0 },
      ]);
      return cursor > 0;
    });
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

  async serverEpoch(): Promise<string | null> {
    return ((await this.db.meta.get(META_EPOCH))?.value as string | undefined) ?? null;
  }

  async setServerEpoch(epoch: string): Promise<void> {
    await this.db.meta.put({ key: META_EPOCH, value: epoch });
  }

  /**
   * The server was restored from a backup (sync/server-restored): it may lack changes it
   * acknowledged to us after that backup, and its log numbers restarted below our cursor.
   * Every change of this phone's identity goes back in the queue — the server settles the ones
   * it has silently (same stamp) and applies the rest — numbered from `expected`, and the pull
   * starts again from 0 (a snapshot). Returns how many acknowledged changes are sent again.
   * A change the server re-stamped (clock far ahead) is not re-sent: its stamp is the server's.
   */
  async recoverFromRestore(expected: number, epoch: string): Promise<number> {
    return this.db.transaction('rw', [this.db.changes, this.db.outbox, this.db.meta], async () => {
      const device = (await this.clock()).device;
      const queued = await this.db.outbox.toArray();
      const inQueue = new Set(queued.map((r) => r.hlc));
      const own = (await this.db.changes.toArray()).filter((c) => c.receivedAt !== null && !inQueue.has(c.hlc) && decodeHlc(c.hlc).device === device);
      const rows: Omit<OutboxRow, 'seq'>[] = [
        ...own.map(({ receivedAt: _, ...c }) => c),
        ...queued.map(({ seq: _, ...r }) => r),
      ].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
      await this.db.outbox.clear();
      await this.db.outbox.bulkAdd(rows.map((r, i) => ({ ...r, seq: expected + i })));
      await this.db.meta.bulkPut([
        { key: META_SEQ, value: expected + rows.length - 1 },
        { key: META_CURSOR, value: 0 },
        { key: META_EPOCH, value: epoch },
      ]);
      return own.length;
    });
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
   * The server settled everything up to `seq` (applied or refused, on its disk): drop those
   * outbox rows. Changes it re-stamped (their clock was far in the future) take the server's
   * stamp. Changes it refused are taken back: the field shows again what it showed before
   * (rebuilt from the change log without the refused change) and the refusal is kept with its
   * reason for the person to see. `serverTime` is the answer's clock: acknowledged changes
   * were received by then.
   */
  async acknowledge(
    seq: number,
    restamped: readonly [number, Hlc][],
    refused: readonly (readonly [number, string, string])[] = [],
    serverTime: number | null = null,
  ): Promise<void> {
    await this.db.transaction('rw', [this.db.docs, this.db.changes, this.db.outbox, this.db.meta], async () => {
      const rejectedNow: RejectedChange[] = [];
      for (const [s, code, message] of refused) {
        const row = await this.db.outbox.get(s);
        if (!row) continue;
        await this.takeBack(row);
        rejectedNow.push({ ...row, code, message, at: this.deps.now() });
        await this.db.outbox.delete(s);
      }
      if (rejectedNow.length) {
        const earlier = ((await this.db.meta.get(META_REJECTED))?.value as RejectedChange[] | undefined) ?? [];
        await this.db.meta.put({ key: META_REJECTED, value: [...earlier, ...rejectedNow].slice(-MAX_QUARANTINE) });
      }
      const swapped: Record<string, Hlc> = {};
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
        swapped[row.hlc] = newHlc;
        // Later queued edits that named the old stamp keep it: the server maps it itself.
      }
      if (Object.keys(swapped).length) {
        const known = ((await this.db.meta.get(META_RESTAMPS))?.value as Record<string, Hlc> | undefined) ?? {};
        const all = Object.entries({ ...known, ...swapped }).slice(-MAX_RESTAMPS);
        await this.db.meta.put({ key: META_RESTAMPS, value: Object.fromEntries(all) });
      }
      const settled = await this.db.outbox.where('seq').belowOrEqual(seq).toArray();
      if (serverTime !== null && settled.length) {
        const logged = await this.db.changes.bulkGet(settled.map((r) => r.hlc));
        await this.db.changes.bulkPut(logged.filter((r): r is ChangeRow => !!r).map((r) => ({ ...r, receivedAt: r.receivedAt ?? serverTime })));
      }
      await this.db.outbox.where('seq').belowOrEqual(seq).delete();
    });
  }

  /** Removes a refused local change from the record: the field is rebuilt from every other change logged here. */
  private async takeBack(row: OutboxRow): Promise<void> {
    const key = docKey(row.coll, row.id);
    const doc = await this.db.docs.get(key);
    await this.db.changes.delete(row.hlc);
    if (!doc) return;
    const others = (await this.db.changes.where('[coll+id]').equals([row.coll, row.id]).toArray()).filter((c) => c.field === row.field);
    let state: FieldState = EMPTY_FIELD;
    for (const c of others) state = mergeField(state, { value: c.value, hlc: c.hlc, base: c.base, author: c.author });
    const fields: Record<string, FieldState> = { ...doc.fields };
    if (state.heads.length || state.dead.length) fields[row.field] = state;
    else delete fields[row.field];
    await this.db.docs.put({ ...doc, fields, touchedAt: newestWall(fields) });
  }

  /**
   * The server gave this phone a new identity (it was restored from a backup or cloned, and
   * its old id's numbering no longer matches the server's). Everything still queued is
   * re-stamped with the new device id — same time and counter, so the order is kept — and
   * renumbered from 1, here and in the records and change log, so the queue is sent again
   * under the new id. Nothing typed is lost.
   */
  async reidentify(newDevice: string): Promise<void> {
    await this.db.transaction('rw', [this.db.docs, this.db.changes, this.db.outbox, this.db.meta], async () => {
      const rows = await this.db.outbox.orderBy('seq').toArray();
      const swap = new Map<Hlc, Hlc>();
      for (const r of rows) {
        const s = decodeHlc(r.hlc);
        swap.set(r.hlc, encodeHlc({ ...s, device: newDevice }));
      }
      const mapBase = (b: Base | null) => (b ? joinBase(predecessors(b).map((h) => swap.get(h) ?? h)) : b);
      const docs = new Map<string, DocRow>();
      for (const r of rows) {
        const key = docKey(r.coll, r.id);
        const doc = docs.get(key) ?? (await this.db.docs.get(key));
        if (doc?.fields[r.field]) docs.set(key, { ...doc, fields: { ...doc.fields, [r.field]: restamp(doc.fields[r.field]!, r.hlc, swap.get(r.hlc)!) } });
        const logged = await this.db.changes.get(r.hlc);
        await this.db.changes.delete(r.hlc);
        if (logged) await this.db.changes.put({ ...logged, hlc: swap.get(r.hlc)!, base: mapBase(logged.base) });
      }
      for (const d of docs.values()) await this.db.docs.put({ ...d, touchedAt: newestWall(d.fields) });
      // A form or draft rendered before this still names the old stamps: map them, as for server re-stamps.
      const known = ((await this.db.meta.get(META_RESTAMPS))?.value as Record<string, Hlc> | undefined) ?? {};
      await this.db.meta.put({ key: META_RESTAMPS, value: Object.fromEntries(Object.entries({ ...known, ...Object.fromEntries(swap) }).slice(-MAX_RESTAMPS)) });
      await this.db.outbox.clear();
      await this.db.outbox.bulkAdd(rows.map((r, i) => ({ ...r, seq: i + 1, hlc: swap.get(r.hlc)!, base: mapBase(r.base) })));
      const clock = await this.clock();
      await this.db.meta.bulkPut([
        { key: META_HLC, value: { ...clock, device: newDevice } },
        { key: META_SEQ, value: rows.length },
      ]);
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
