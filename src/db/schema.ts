// The one module that knows the IndexedDB layout. Everything else goes through src/db/*,
// so a local write and its outbox entry cannot be split by accident.
//
// Migrations (Dexie `version(n)`), declared, never improvised:
//   1 — docs, changes (applied change log), outbox, drafts, meta, seed.
//   2 — docs gain `touchedAt` (wall time of the newest change) with an index, so the
//       home screen finds models with no update for a long time without a full scan;
//       the upgrade computes it from each doc's field heads.
//   3 — each outbox row names its author (filled from the change log, where every local
//       write was logged with its author); change-log rows keep when the server first
//       received them (`receivedAt`, null until acknowledged); `blobs` holds photo bytes by
//       content hash until uploaded and for viewing offline.
//   4 — `relayed`: hand-off bundles this phone received from another phone (signed by that
//       phone, src/domain/sync/bundle.ts), kept apart from this person's own outbox until the
//       server has taken them.
// One database per person on a phone (dbNameFor): a second person never sees or pushes
// the first one's records, queue, cursor or drafts.
import { Dexie, type EntityTable } from 'dexie';
import type { Collection } from '../domain/sync/collections.ts';
import type { Base, DocState, FieldValue } from '../domain/sync/merge.ts';
import { hlcWall, type Hlc } from '../domain/sync/hlc.ts';

export interface DocRow {
  key: string; // "<coll>/<id>"
  coll: Collection;
  id: string;
  unit: string;
  fields: DocState;
  touchedAt: number;
}

export interface ChangeRow {
  hlc: Hlc;
  coll: Collection;
  id: string;
  field: string;
  value: FieldValue;
  base: Base | null;
  unit: string;
  author: string;
  /** When the server first received the change (its clock, ms); null while only on this phone. */
  receivedAt: number | null;
}

export interface OutboxRow extends Omit<ChangeRow, 'receivedAt'> {
  seq: number;
}

export interface BlobRow {
  /** sha-256 of the bytes, hex. */
  hash: string;
  type: string;
  bytes: Blob;
  /** 1 once the server has it (indexed; IndexedDB cannot index booleans). */
  uploaded: 0 | 1;
}

/** A hand-off bundle received from another phone, held until the server takes it (relay). */
export interface RelayRow {
  /** The bundle's short id (from its signature). */
  id: string;
  /** The bundle text as received: relayed byte for byte (the signature covers it). */
  text: string;
  author: string;
  authorName: string;
  device: string;
  seqs: [number, number];
  changes: number;
  receivedAt: number;
  /** waiting: to be relayed at the next sync; delivered: the server has it; refused: the server will never take it. */
  state: 'waiting' | 'delivered' | 'refused';
  /** The server's last word on it (code and Vietnamese message), when it had one. */
  code: string | null;
  message: string | null;
  /** When the server took it; refused ones keep the refusal time. */
  settledAt: number | null;
  /** Seqs of the bundle the server refused for good (the author's phone hears it too). */
  refusedChanges: number;
}

export interface DraftRow {
  key: string;
  values: Record<string, unknown>;
  updatedAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface SeedRow {
  key: 'bundle';
  version: string;
  bundle: unknown;
}

export type AppDb = Dexie & {
  docs: EntityTable<DocRow, 'key'>;
  changes: EntityTable<ChangeRow, 'hlc'>;
  outbox: EntityTable<OutboxRow, 'seq'>;
  drafts: EntityTable<DraftRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
  seed: EntityTable<SeedRow, 'key'>;
  blobs: EntityTable<BlobRow, 'hash'>;
  relayed: EntityTable<RelayRow, 'id'>;
};

import { DB_NAME } from './names.ts';
export { DB_NAME, dbNameFor } from './names.ts';

export const SCHEMA_V1 = {
  docs: '&key, coll, unit',
  changes: '&hlc, [coll+id], unit',
  outbox: '&seq',
  drafts: '&key',
  meta: '&key',
  seed: '&key',
};

export const SCHEMA_V2 = { ...SCHEMA_V1, docs: '&key, coll, unit, touchedAt' };
export const SCHEMA_V3 = { ...SCHEMA_V2, blobs: '&hash, uploaded' };
export const SCHEMA_V4 = { ...SCHEMA_V3, relayed: '&id, state' };


export function newestWall(fields: DocState): number {
  let newest = 0;
  for (const state of Object.values(fields)) for (const h of state.heads) newest = Math.max(newest, hlcWall(h.hlc));
  return newest;
}

export function openDb(name = DB_NAME): AppDb {
  const db = new Dexie(name) as AppDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) =>
      tx
        .table('docs')
        .toCollection()
        .modify((doc: DocRow) => {
          doc.touchedAt = newestWall(doc.fields);
        }),
    );
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      const log = tx.table('changes');
      const outbox = tx.table('outbox');
      for (const row of (await outbox.toArray()) as OutboxRow[]) {
        const logged = (await log.get(row.hlc)) as ChangeRow | undefined;
        await outbox.put({ ...row, author: row.author ?? logged?.author ?? '' });
      }
      await log.toCollection().modify((row: ChangeRow) => {
        row.receivedAt ??= null;
      });
    });
  // A new table only: nothing to move.
  db.version(4).stores(SCHEMA_V4);
  return db;
}
