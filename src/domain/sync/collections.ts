// What may be synced: each collection's id shape, its fields and their values.
// Both sides validate every change against this table: the app before it queues a
// change, the server before it stores one (answering 400 with the field path).
import { z } from 'zod';
import { IsoDate } from '../common.ts';
import { Status } from '../status.ts';
import { AnswerValue } from '../checklist.ts';
import { PeriodKey, PeriodType } from '../calendar.ts';

export const Collection = z.enum(['adoption', 'status', 'checklist', 'indicators', 'photo', 'comment', 'report', 'reportVersion']);
export type Collection = z.infer<typeof Collection>;

const longText = z.string().max(20_000);
const count = z.number().int().min(0).max(1e9);

interface CollectionSpec {
  /** Validator for a field, or undefined when the field is not allowed. */
  field(name: string): z.ZodType | undefined;
  /** Add-only collections: a record is written once and never changed (comments, photos, submitted versions). */
  addOnly: boolean;
}

const fixed = (fields: Record<string, z.ZodType>, addOnly = false): CollectionSpec => ({
  field: (name) => (Object.hasOwn(fields, name) ? fields[name] : undefined),
  addOnly,
});

export const COLLECTIONS: Record<Collection, CollectionSpec> = {
  // id = "<unitId>:<modelId>": a commune takes a catalogue model on. Seeds create the
  // documented ones (Thiệu Vân's 11); a commune adds others from the catalogue.
  adoption: fixed({
    modelId: z.string().min(1).max(80),
    adoptedOn: IsoDate.nullable(),
    villageIds: z.array(z.string().max(80)).max(100),
    active: z.boolean(),
  }),
  // id = adoption id ("tv:mh-24"): the current status of a commune's model.
  status: fixed({
    status: Status,
    progress: z.number().min(0).max(100),
    note: longText,
    difficulties: longText,
    causes: longText,
    proposals: longText,
    asOf: IsoDate,
  }),
  // id = "<templateId>@<unitId>"; one field per answer: "a.<itemId>".
  checklist: {
    field: (name) => (/^a\.[A-Za-z0-9._-]{1,60}$/.test(name) ? AnswerValue : undefined),
    addOnly: false,
  },
  // id = "<unitId>@<period>"; "s.<serviceId>.total" / ".online", "c.<counterId>".
  indicators: {
    field: (name) => (/^(s\.[a-z0-9-]{1,40}\.(total|online)|c\.[a-z0-9-]{1,40})$/.test(name) ? count : undefined),
    addOnly: false,
  },
  // Photos of evidence, resized on the phone (≤ 200 KB as base64 JPEG).
  photo: fixed(
    {
      adoptionId: z.string().max(80),
      data: z.string().max(280_000).regex(/^data:image\/(jpeg|webp);base64,[A-Za-z0-9+/=]+$/),
      caption: z.string().max(500),
      takenAt: z.number().int().nonnegative(),
    },
    true,
  ),
  comment: fixed(
    {
      reportId: z.string().max(80),
      reportVersion: z.number().int().min(0),
      body: z.string().trim().min(1).max(10_000),
      returns: z.boolean(),
      createdAt: z.number().int().nonnegative(),
    },
    true,
  ),
  // A report being written (draft). Submitting creates a reportVersion.
  report: fixed({
    periodType: PeriodType,
    period: PeriodKey,
    title: z.string().max(500),
    sections: z.array(z.object({ key: z.string(), title: z.string(), body: z.string().max(100_000) })).max(40),
    state: z.enum(['draft', 'submitted', 'returned']),
    version: z.number().int().min(0),
  }),
  // id = "<reportId>#<version>": an immutable snapshot of a submitted report.
  reportVersion: fixed(
    {
      reportId: z.string().max(80),
      version: z.number().int().min(1),
      periodType: PeriodType,
      period: PeriodKey,
      snapshot: z.record(z.string(), z.unknown()),
      submittedAt: z.number().int().nonnegative(),
    },
    true,
  ),
};

/** null when the change is acceptable, else a Vietnamese reason. */
export function checkChangeValue(coll: Collection, field: string, value: unknown): string | null {
  const schema = COLLECTIONS[coll].field(field);
  if (!schema) return `Trường "${field}" không thuộc ${coll}`;
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'Giá trị không hợp lệ');
}
