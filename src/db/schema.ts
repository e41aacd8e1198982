// The one module that knows the IndexedDB layout. Everything else goes through src/db/*,
// so a local write and its outbox entry cannot be split by accident.
//
// Migrations (Dexie `version(n)`), declared, never improvised:
//   1 — docs, changes (applied change log), outbox, drafts, meta, seed.
//   2 — docs gain `touchedAt` (wall time of the newest change) with an index, so the
//       home screen finds models with no update for a long time without a full scan;
//       the upgrade computes it from each doc's field heads.
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
}

export interface OutboxRow extends Omit<ChangeRow, 'author'> {
  seq: number;
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
};

export const DB_NAME = 'so-tay-de-an-06';

export const SCHEMA_V1 = {
  docs: '&key, coll, unit',
  changes: '&hlc, [coll+id], unit',
  outbox: '&seq',
  drafts: '&key',
  meta: '&key',
  seed: '&key',
};

export const SCHEMA_V2 = { ...SCHEMA_V1, docs: '&key, coll, unit, touchedAt' };

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
  return db;
}
