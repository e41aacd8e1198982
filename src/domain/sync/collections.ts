// What may be synced: each collection's id shape, its fields and their values.
// Both sides validate every change against this table: the app before it queues a
// change, the server before it stores one (answering 400 with the field path).
import * as z from 'zod/mini';
import { IsoDate } from '../common.ts';
import { Status } from '../status.ts';
import { AnswerValue } from '../checklist.ts';
import { PeriodKey, PeriodType } from '../calendar.ts';
import { Evidence, TaskStatus } from '../plans.ts';
import { ANSWER_SENT_FIELD, CAMPAIGN_FIELDS, INSPECTION_FIELDS } from '../campaign.ts';
import { valueProblem } from './limits.ts';
import { BLOB_HASH, BLOB_TYPES, MAX_BLOB_BYTES } from './blob.ts';

export const Collection = z.enum(['adoption', 'status', 'checklist', 'indicators', 'photo', 'comment', 'report', 'reportVersion', 'taskProgress', 'campaign', 'inspection', 'campaignAnswer']);
export type Collection = z.infer<typeof Collection>;

const longText = z.string().check(z.maxLength(20_000));
const count = z.int().check(z.minimum(0), z.maximum(1e9));

interface CollectionSpec {
  /** Validator for a field, or undefined when the field is not allowed. */
  field(name: string): z.ZodMiniType | undefined;
  /** Add-only collections: a record is written once and never changed (comments, photos, submitted versions). */
  addOnly: boolean;
}

const fixed = (fields: Record<string, z.ZodMiniType>, addOnly = false): CollectionSpec => ({
  field: (name) => (Object.hasOwn(fields, name) ? fields[name] : undefined),
  addOnly,
});

export const COLLECTIONS: Record<Collection, CollectionSpec> = {
  // id = "<unitId>:<modelId>": a commune takes a catalogue model on. Seeds create the
  // documented ones (Thiệu Vân's 11); a commune adds others from the catalogue.
  adoption: fixed({
    modelId: z.string().check(z.minLength(1), z.maxLength(80)),
    adoptedOn: z.nullable(IsoDate),
    villageIds: z.array(z.string().check(z.maxLength(80))).check(z.maxLength(100)),
    active: z.boolean(),
  }),
  // id = adoption id ("tv:mh-24"): the current status of a commune's model.
  status: fixed({
    status: Status,
    progress: z.number().check(z.minimum(0), z.maximum(100)),
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
  // id = "<adoptionId>~<suffix>": evidence photos. The record names its bytes by sha-256
  // (`blob`, see blob.ts); the bytes are uploaded and fetched apart, so a pull carries a few
  // hundred bytes per photo instead of the picture. `data` (the picture inline as a base64
  // data URL) is how photos were synced before: still accepted so old records validate and
  // show, never written by the app any more.
  photo: fixed(
    {
      adoptionId: z.string().check(z.maxLength(80)),
      blob: z.string().check(z.regex(BLOB_HASH, 'Mã ảnh phải là sha-256 (64 chữ số hex viết thường)')),
      type: z.enum(BLOB_TYPES, 'Ảnh phải là JPEG hoặc WebP'),
      size: z.int().check(z.minimum(1), z.maximum(MAX_BLOB_BYTES, `Ảnh tối đa ${MAX_BLOB_BYTES / 1000} KB`)),
      data: z.string().check(z.maxLength(280_000), z.regex(/^data:image\/(jpeg|webp);base64,[A-Za-z0-9+/=]+$/)),
      caption: z.string().check(z.maxLength(500)),
      takenAt: z.int().check(z.minimum(0)),
    },
    true,
  ),
  comment: fixed(
    {
      reportId: z.string().check(z.maxLength(80)),
      reportVersion: z.int().check(z.minimum(0)),
      body: z.string().check(z.trim(), z.minLength(1), z.maxLength(10_000)),
      returns: z.boolean(),
      // The unit above accepts the version it comments on (the review inbox: src/reports/inbox.ts).
      accepts: z.boolean(),
      createdAt: z.int().check(z.minimum(0)),
    },
    true,
  ),
  // A report being written (draft). Submitting creates a reportVersion.
  report: fixed({
    periodType: PeriodType,
    period: PeriodKey,
    title: z.string().check(z.maxLength(500)),
    sections: z.array(z.object({ key: z.string(), title: z.string(), body: z.string().check(z.maxLength(100_000)) })).check(z.maxLength(40)),
    state: z.enum(['draft', 'submitted', 'returned']),
    version: z.int().check(z.minimum(0)),
  }),
  // id = "<reportId>#<version>": an immutable snapshot of a submitted report.
  reportVersion: fixed(
    {
      reportId: z.string().check(z.maxLength(80)),
      version: z.int().check(z.minimum(1)),
      periodType: PeriodType,
      period: PeriodKey,
      snapshot: z.record(z.string(), z.unknown()),
      submittedAt: z.int().check(z.minimum(0)),
    },
    true,
  ),
  // id = "<unitId>:<taskId>" (sync/ids.ts): a responsible unit's progress on a plan's task
  // (plans.ts), merged per field like a model's status. Cross-field rules: record-rules.ts.
  taskProgress: fixed({
    status: TaskStatus,
    percent: z.number().check(z.minimum(0, 'Tiến độ không nhỏ hơn 0%'), z.maximum(100, 'Tiến độ không lớn hơn 100%')),
    result: longText,
    evidence: z.array(Evidence).check(z.maxLength(20, 'Tối đa 20 minh chứng')),
    cause: longText,
    asOf: IsoDate,
  }),
  // Inspection campaigns (campaign.ts). id = "<unit>:<slug>" ("qx:kt-2023"): the plan, its
  // teams (lead unit, members, people, units inspected), window, rules and outlines.
  campaign: fixed(CAMPAIGN_FIELDS),
  // id = "<campaign>@<unit>" ("qx:kt-2023@qx-quang-binh"): the team's record of one visit.
  inspection: fixed(INSPECTION_FIELDS),
  // id = "<campaign>@<unit>": the inspected unit's answers to its outline for this campaign,
  // one field per answer "a.<itemId>" as in a checklist, and the day it sent them.
  campaignAnswer: {
    field: (name) => (/^a\.[A-Za-z0-9._-]{1,60}$/.test(name) ? AnswerValue : name === ANSWER_SENT_FIELD ? z.nullable(IsoDate) : undefined),
    addOnly: false,
  },
};

/** null when the change is acceptable, else a Vietnamese reason. */
/**
 * The path of the first object key in `sent` that the schema's output `kept` dropped; null when
 * it kept them all (defaults the schema added do not count). Records keyed by data (answers) keep theirs.
 */
function strayKey(sent: unknown, kept: unknown): string[] | null {
  if (Array.isArray(sent)) {
    if (!Array.isArray(kept)) return null;
    for (let i = 0; i < sent.length; i++) {
      const inner = strayKey(sent[i], kept[i]);
      if (inner) return [String(i), ...inner];
    }
    return null;
  }
  if (sent === null || typeof sent !== 'object' || kept === null || typeof kept !== 'object' || Array.isArray(kept)) return null;
  for (const key of Object.keys(sent)) {
    if (!Object.hasOwn(kept, key)) return [key];
    const inner = strayKey((sent as Record<string, unknown>)[key], (kept as Record<string, unknown>)[key]);
    if (inner) return [key, ...inner];
  }
  return null;
}

export function checkChangeValue(coll: Collection, field: string, value: unknown): string | null {
  // Limits first: a schema must never walk a value nested thousands of levels deep.
  const excess = valueProblem(value);
  if (excess) return excess.message;
  const schema = COLLECTIONS[coll].field(field);
  if (!schema) return `Trường "${field}" không thuộc ${coll}`;
  const r = schema.safeParse(value);
  if (r.success) {
    // A key the schema does not know would be stored as sent and pulled by everyone who reads
    // the record (a 200 KB "junk" inside a team): refused, naming where it is.
    const stray = strayKey(value, r.data);
    return stray === null ? null : `${[field, ...stray].join('.')}: Trường không thuộc mẫu dữ liệu`;
  }
  // Name the part of a nested value at fault ("outlines.1.departments.0.id: …"): the wire's
  // refusal tuple has no place for a path, so it goes in the message.
  const issue = r.error.issues[0];
  const message = issue?.message ?? 'Giá trị không hợp lệ';
  return issue && issue.path.length > 0 ? `${[field, ...issue.path.map(String)].join('.')}: ${message}` : message;
}
