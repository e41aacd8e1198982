// The sync wire format: one POST /api/sync carries a push and a pull, because on 2G each
// round trip costs 300–500 ms. Changes travel as positional arrays (no repeated keys);
// HTTP compression does the rest.
import * as z from 'zod/mini';
import { Collection } from './collections.ts';
import { HLC_PATTERN, type Hlc } from './hlc.ts';
import type { Base, FieldValue } from './merge.ts';

export const SYNC_FORMAT_VERSION = 1;

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

/** [seq, collection, id, field, value, hlc, base, unitId]: the part both directions share. */
const CHANGE = [z.int().check(z.positive()), Collection, RecordId, FieldName, z.unknown(), HlcSchema, z.nullable(BaseSchema), UnitId] as const;

/** A local change as the app queues it: [seq, collection, id, field, value, hlc, base, unitId]. */
export const PushedChange = z.tuple([...CHANGE]);
export type PushedChange = z.infer<typeof PushedChange>;

export const SyncRequest = z.object({
  v: z.literal(SYNC_FORMAT_VERSION, { error: 'Phiên bản định dạng đồng bộ không được hỗ trợ' }),
  /** Device id: its changes carry contiguous seq numbers starting at 1. */
  d: z.string().check(z.regex(/^[A-Za-z0-9_]{4,32}$/)),
  c: z.array(PushedChange).check(z.maxLength(500)),
  /** Pull cursor: the last server sequence number this device has. */
  p: z.int().check(z.minimum(0)),
  /** Max changes to pull in this response. */
  n: z.optional(z.int().check(z.minimum(1), z.maximum(2000))),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

/** [serverSeq, collection, id, field, value, hlc, base, unitId, authorId] */
export type PulledChange = [number, Collection, string, string, FieldValue, Hlc, Base | null, string, string];

export interface SyncResponse {
  v: typeof SYNC_FORMAT_VERSION;
  /** Highest device seq the server has committed: the outbox may drop rows up to it. */
  a: number;
  /** Server time (ms), so the device can correct its clock offset. */
  t: number;
  /** Changes for this device's subtree after the cursor. */
  c: PulledChange[];
  /** New cursor. */
  p: number;
  /** More to pull. */
  m: boolean;
  /** Changes whose stamps were far in the future and were re-stamped: [seq, newHlc]. */
  r: [number, Hlc][];
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
});

/** The key a record is stored under on both sides. */
export const docKey = (coll: Collection, id: string) => `${coll}/${id}`;

/** As pulled: the server's sequence number first, the author's user id last. */
const PulledChangeSchema = z.tuple([...CHANGE, z.string()]);

/** The app parses every server answer before trusting it. */
export const SyncResponseSchema = z.object({
  v: z.literal(SYNC_FORMAT_VERSION),
  a: z.int().check(z.minimum(0)),
  t: z.number(),
  c: z.array(PulledChangeSchema),
  p: z.int().check(z.minimum(0)),
  m: z.boolean(),
  r: z.array(z.tuple([z.int(), HlcSchema])),
}) as unknown as z.ZodMiniType<SyncResponse>;
