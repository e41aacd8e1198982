// The sync wire format: one POST /api/sync carries a push and a pull, because on 2G each
// round trip costs 300–500 ms. Changes travel as positional arrays (no repeated keys);
// HTTP compression does the rest. Code on either side converts a tuple to a named object
// at the boundary (`pushedFromTuple`, `pulledToChange`) and never reads `change[5]`.
//
// Version 2 (this one): every pushed change names its author; the answer reports each
// refused change on its own (`x`) instead of failing the batch; pulled changes carry the
// time the server first received them (timeliness is decided by it, not by a phone clock);
// `s` names the subscription the pull was cut from, so a phone re-pulls when it changes.
import * as z from 'zod/mini';
import { Collection } from './collections.ts';
import { DEVICE_ID, HLC_PATTERN, type Hlc } from './hlc.ts';
import type { Base, FieldValue } from './merge.ts';

export const SYNC_FORMAT_VERSION = 2;

const HlcSchema = z.string().check(z.regex(HLC_PATTERN, 'Dấu thời gian không hợp lệ')) as unknown as z.ZodMiniType<Hlc>;
/** Predecessor stamps, comma-joined, ascending, at most 32 (one per value the author saw). */
const BaseSchema = z.string().check(
  z.maxLength(32 * 50),
  z.refine((s) => {
    const parts = s.split(',');
    return parts.length <= 32 && parts.every((p, i) => HLC_PATTERN.test(p) && (i === 0 || parts[i - 1]! < p));
  }, 'Danh sách dấu thời gian gốc không hợp lệ'),
) as unknown as z.ZodMiniType<Base>;
export const RecordId = z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[A-Za-z0-9._:@#~-]+$/, 'Mã bản ghi không hợp lệ'));
const FieldName = z.string().check(z.minLength(1), z.maxLength(80));
const UnitId = z.string().check(z.minLength(1), z.maxLength(80));
const UserId = z.string().check(z.minLength(1), z.maxLength(80));
export const DeviceId = z.string().check(z.regex(DEVICE_ID, 'Mã thiết bị không hợp lệ'));

/** [seq, collection, id, field, value, hlc, base, unitId]: the part both directions share. The value
 * is checked per change (size, depth, its field's schema: collections.ts), so one bad value is
 * refused or quarantined alone instead of failing the whole request or answer. */
const CHANGE = [z.int().check(z.positive()), Collection, RecordId, FieldName, z.unknown(), HlcSchema, z.nullable(BaseSchema), UnitId] as const;

/** A local change as the app queues it: [seq, collection, id, field, value, hlc, base, unitId, authorId]. */
export const PushedChange = z.tuple([...CHANGE, UserId]);
export type PushedChange = z.infer<typeof PushedChange>;

/** A pushed change by name: a change with its device seq (the server stamps the receipt). */
export interface Pushed extends Omit<Change, 'receivedAt'> {
  seq: number;
}
export const pushedFromTuple = (t: PushedChange): Pushed => ({
  seq: t[0], coll: t[1], id: t[2], field: t[3], value: t[4] as FieldValue, hlc: t[5], base: t[6], unit: t[7], author: t[8],
});
export const pushedToTuple = (c: Pushed): PushedChange => [c.seq, c.coll, c.id, c.field, c.value, c.hlc, c.base, c.unit, c.author];
/** Where each named part sits in the tuple, for error paths ("c.3.4" = value of change 3). */
export const PUSHED_POSITION = { seq: 0, coll: 1, id: 2, field: 3, value: 4, hlc: 5, base: 6, unit: 7, author: 8 } as const;

export const SyncRequest = z.object({
  v: z.literal(SYNC_FORMAT_VERSION, { error: 'Phiên bản định dạng đồng bộ không được hỗ trợ; hãy cập nhật ứng dụng' }),
  /** Device id, issued by the server at login: its changes carry contiguous seq numbers starting at 1. */
  d: DeviceId,
  c: z.array(PushedChange).check(z.maxLength(500)),
  /** Pull cursor: the last server sequence number this device has. */
  p: z.int().check(z.minimum(0)),
  /** Max changes to pull in this response. */
  n: z.optional(z.int().check(z.minimum(1), z.maximum(2000))),
  /**
   * The server epoch this phone last synced with (answer `e`). When the server was restored from
   * a backup since, it answers 409 sync/server-restored and the phone re-sends its own changes.
   */
  e: z.optional(z.string().check(z.regex(/^[0-9a-f]{16}$/))),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

/** [serverSeq, collection, id, field, value, hlc, base, unitId, authorId, receivedAt] */
export type PulledChange = [number, Collection, string, string, FieldValue, Hlc, Base | null, string, string, number];

/** [device seq, code, Vietnamese message]: a change the server refused for good. Its seq is
 * used up (covered by `a`); the phone takes the change back and shows why. */
export type RefusedChange = [number, string, string];

export interface SyncResponse {
  v: typeof SYNC_FORMAT_VERSION;
  /** Highest device seq the server has settled (applied or refused, on disk): the outbox may drop rows up to it. */
  a: number;
  /** Server time (ms), so the device can correct its clock offset. */
  t: number;
  /** Changes for this device's subscription after the cursor. */
  c: PulledChange[];
  /** New cursor. */
  p: number;
  /** More to pull. */
  m: boolean;
  /** Changes whose stamps were far in the future and were re-stamped: [seq, newHlc]. */
  r: [number, Hlc][];
  /** Changes of this device refused for good (in this push or, on a retry, earlier). */
  x: RefusedChange[];
  /** Fingerprint of what this person subscribes to; when it changes the phone pulls again from 0. */
  s: string;
  /** The server epoch (the database's identity; new after a restore from backup), when the request did not name it. */
  e?: string;
}

export interface Change {
  coll: Collection;
  id: string;
  field: string;
  value: FieldValue;
  hlc: Hlc;
  base: Base | null;
  unit: string;
  author: string;
  /** When the server first received it (ms); null for a local change not yet acknowledged. */
  receivedAt: number | null;
}

export const pulledToChange = (c: PulledChange): Change => ({
  coll: c[1],
  id: c[2],
  field: c[3],
  value: c[4],
  hlc: c[5],
  base: c[6],
  unit: c[7],
  author: c[8],
  receivedAt: c[9],
});

/** The key a record is stored under on both sides. */
export const docKey = (coll: Collection, id: string) => `${coll}/${id}`;

/** As pulled: the server's sequence number first; the author's user id and the receipt time last. */
const PulledChangeSchema = z.tuple([...CHANGE, UserId, z.int().check(z.minimum(0))]);

/** The app parses every server answer before trusting it. Each pulled value is checked again
 * against its collection by the store (a bad one is quarantined, not fatal). */
export const SyncResponseSchema = z.object({
  v: z.literal(SYNC_FORMAT_VERSION),
  a: z.int().check(z.minimum(0)),
  t: z.number(),
  c: z.array(PulledChangeSchema),
  p: z.int().check(z.minimum(0)),
  m: z.boolean(),
  r: z.array(z.tuple([z.int(), HlcSchema])),
  x: z.array(z.tuple([z.int(), z.string().check(z.maxLength(80)), z.string().check(z.maxLength(2000))])),
  s: z.string().check(z.maxLength(200)),
  e: z.optional(z.string().check(z.regex(/^[0-9a-f]{16}$/))),
}) as unknown as z.ZodMiniType<SyncResponse>;

// Snapshot bootstrap: a phone with nothing (a new phone, a new person, a changed subscription)
// or whose cursor is older than the compacted log fetches the current merged state of what it
// subscribes to — record by record, not change by change — plus the cursor its pulls continue
// from. Same format version: a new endpoint and a new error code (`sync/snapshot-required`),
// nothing an existing request or answer carries changed meaning.

/** POST /api/sync/snapshot. The first page names neither `k` nor `p`; each next page repeats the first page's `p` and the `k` the previous page ended at. */
export const SnapshotRequest = z.object({
  v: z.literal(SYNC_FORMAT_VERSION, { error: 'Phiên bản định dạng đồng bộ không được hỗ trợ; hãy cập nhật ứng dụng' }),
  k: z.optional(z.tuple([Collection, RecordId])),
  p: z.optional(z.int().check(z.minimum(0))),
  /** Max records in this page. */
  n: z.optional(z.int().check(z.minimum(1), z.maximum(2000))),
});
export type SnapshotRequest = z.infer<typeof SnapshotRequest>;

/** [value, hlc, base, authorId, receivedAt] */
export type SnapshotRowTuple = [FieldValue, Hlc, Base | null, string, number];
/** [field, dead stamps comma-joined ascending (null: none), rows: the current heads, then the field's first receipt when it is not a head] */
export type SnapshotFieldTuple = [string, string | null, SnapshotRowTuple[]];
/** [collection, id, unitId, fields] */
export type SnapshotRecordTuple = [Collection, string, string, SnapshotFieldTuple[]];

export interface SnapshotResponse {
  v: typeof SYNC_FORMAT_VERSION;
  /** Server time (ms). */
  t: number;
  /** The cursor to pull after once the last page is applied (the same on every page of one snapshot). */
  p: number;
  /** Fingerprint of the subscription the snapshot was cut from (as in SyncResponse). */
  s: string;
  c: SnapshotRecordTuple[];
  /** Where the next page starts; null on the last page. */
  k: [Collection, string] | null;
}

/** One field of a record as a snapshot carries it, by name: its overwritten stamps and its logged rows. */
export interface SnapshotFieldState {
  coll: Collection;
  id: string;
  unit: string;
  field: string;
  dead: Hlc[];
  rows: Change[];
}

export const snapshotFields = (records: readonly SnapshotRecordTuple[]): SnapshotFieldState[] =>
  records.flatMap(([coll, id, unit, fields]) =>
    fields.map(([field, dead, rows]) => ({
      coll,
      id,
      unit,
      field,
      dead: dead ? (dead.split(',') as Hlc[]) : [],
      rows: rows.map(([value, hlc, base, author, receivedAt]) => ({ coll, id, field, value, hlc, base, unit, author, receivedAt })),
    })),
  );

/** Every overwritten stamp of a field, however long its history: the one part of a snapshot that grows with time. */
const DeadSchema = z.string().check(
  z.maxLength(2_000_000),
  z.refine((s) => {
    const parts = s.split(',');
    return parts.every((p, i) => HLC_PATTERN.test(p) && (i === 0 || parts[i - 1]! < p));
  }, 'Danh sách dấu thời gian đã bị ghi đè không hợp lệ'),
);
const SnapshotRowSchema = z.tuple([z.unknown(), HlcSchema, z.nullable(BaseSchema), UserId, z.int().check(z.minimum(0))]);
const SnapshotFieldSchema = z.tuple([FieldName, z.nullable(DeadSchema), z.array(SnapshotRowSchema)]);
const SnapshotRecordSchema = z.tuple([Collection, RecordId, UnitId, z.array(SnapshotFieldSchema)]);

export const SnapshotResponseSchema = z.object({
  v: z.literal(SYNC_FORMAT_VERSION),
  t: z.number(),
  p: z.int().check(z.minimum(0)),
  s: z.string().check(z.maxLength(200)),
  c: z.array(SnapshotRecordSchema),
  k: z.nullable(z.tuple([Collection, RecordId])),
}) as unknown as z.ZodMiniType<SnapshotResponse>;
