import * as z from 'zod/mini';
import { Id, IsoDate, Source, Text } from './common.ts';

/** The five utility groups of Project 06 models, in the documents' order (I … V). */
export const ModelGroup = z.enum(['procedures', 'socioeconomic', 'digitalCitizen', 'sharedData', 'leadership']);
export type ModelGroup = z.infer<typeof ModelGroup>;

/**
 * Word for word the group headings of the Thiệu Vân appendix (004, lines "I Nhóm tiện ích …"),
 * with only the letters the PDF extraction dropped put back ("gi i" → "giải", "c i" → "cải",
 * "ch  đạo" → "chỉ đạo") and the model counts left out.
 */
export const MODEL_GROUP_LABEL: Record<ModelGroup, string> = {
  procedures: 'Nhóm tiện ích phục vụ giải quyết TTHC và cung cấp DVC trực tuyến',
  socioeconomic: 'Nhóm tiện ích phát triển kinh tế - xã hội',
  digitalCitizen: 'Nhóm tiện ích phục vụ công dân số',
  sharedData: 'Nhóm số hóa, tạo lập dữ liệu dùng chung trên Hệ thống CSDLQG về DC phục vụ cải cách TTHC',
  leadership: 'Nhóm Phục vụ chỉ đạo điều hành của lãnh đạo các cấp',
};
export const MODEL_GROUP_ROMAN: Record<ModelGroup, string> = {
  procedures: 'I',
  socioeconomic: 'II',
  digitalCitizen: 'III',
  sharedData: 'IV',
  leadership: 'V',
};

/**
 * Deadlines in the plans are rarely a date: "Quý I/2024", "Thường xuyên",
 * "Theo lộ trình Đề án 06". Each kind keeps the original wording in `text`.
 */
const SINGLE_DEADLINES = [
  z.object({ kind: z.literal('date'), date: IsoDate, text: Text }),
  z.object({ kind: z.literal('month'), month: z.int().check(z.minimum(1), z.maximum(12)), year: z.int(), text: Text }),
  z.object({ kind: z.literal('quarter'), quarter: z.int().check(z.minimum(1), z.maximum(4)), year: z.int(), text: Text }),
  z
    .object({ kind: z.literal('year'), from: z.int(), to: z.int(), text: Text })
    .check(z.refine((d) => d.to >= d.from, { message: 'Năm kết thúc trước năm bắt đầu', path: ['to'] })),
  /**
   * No end: "Thực hiện thường xuyên", and also "Trong năm 2023 và thường xuyên" / "… và các
   * năm tiếp theo", whose year says when the work starts, not when it is late (`from`).
   */
  z.object({ kind: z.literal('ongoing'), from: z.optional(z.int()), text: Text }),
  z.object({ kind: z.literal('external'), text: Text }),
] as const;
export const SingleDeadline = z.discriminatedUnion('kind', [...SINGLE_DEADLINES]);
export type SingleDeadline = z.infer<typeof SingleDeadline>;

export const Deadline = z.discriminatedUnion('kind', [
  ...SINGLE_DEADLINES,
  /**
   * One cell with a deadline per part of the work: "Trong năm 2024 đối với cấp tài khoản
   * VNeID …; giai đoạn 2023 - 2025 đối với địa chỉ số, chữ ký số". `text` is the whole cell,
   * each part keeps its own words.
   */
  z.object({ kind: z.literal('parts'), text: Text, parts: z.array(SingleDeadline).check(z.minLength(2)) }),
]);
export type Deadline = z.infer<typeof Deadline>;

export const Task = z.object({
  text: Text,
  lead: z.nullable(Text),
  partners: z.array(Text),
  deadline: z.nullable(Deadline),
});
export type Task = z.infer<typeof Task>;

export const Model = z.object({
  id: Id,
  /** The number in the city's catalogue ("Mô hình 24"); null where the source gives none. */
  number: z.nullable(z.int().check(z.positive())),
  name: Text,
  group: ModelGroup,
  objectives: z.array(Text),
  tasks: z.array(Task),
  leadUnit: z.nullable(Text),
  partnerUnits: z.array(Text),
  supportUnits: z.array(Text),
  deadline: z.nullable(Deadline),
  platforms: z.array(Text),
  source: z.array(Source).check(z.minLength(1, 'Mỗi mô hình phải ghi nguồn')),
  notes: z.array(Text),
});
export type Model = z.infer<typeof Model>;

/**
 * A name an administrator gave one of the essential-service rows the source lost (001 Phụ lục III,
 * rows 14–21), with where it was taken from ("nguồn": free text, e.g. the original PDF's page).
 */
export const ServiceName = z.object({ id: Id, name: Text, source: Text });
export type ServiceName = z.infer<typeof ServiceName>;

/** A versioned catalogue; an administrator can replace it by importing an official list. */
export const Catalogue = z
  .object({
    version: z.string().check(z.minLength(1)),
    title: Text,
    models: z.array(Model).check(z.minLength(1)),
    /** The service rows an administrator named (src/domain/service-names.ts); carried into each later version. */
    serviceNames: z.optional(z.array(ServiceName)),
    /**
     * The seed version whose models these are, for a version the server made from its seeded
     * catalogue (naming a service) rather than one imported: a phone with a newer seed keeps its
     * own models (src/domain/service-names.ts, catalogueModelsNewer).
     */
    seedVersion: z.optional(z.string().check(z.minLength(1))),
  })
  .check(
    z.superRefine((c, ctx) => {
      const seen = new Set<string>();
      c.models.forEach((m, i) => {
        if (seen.has(m.id)) ctx.addIssue({ code: 'custom', message: `Trùng mã mô hình ${m.id}`, path: ['models', i, 'id'] });
        seen.add(m.id);
      });
      const named = new Set<string>();
      (c.serviceNames ?? []).forEach((s, i) => {
        if (named.has(s.id)) ctx.addIssue({ code: 'custom', message: `Trùng mã dịch vụ ${s.id}`, path: ['serviceNames', i, 'id'] });
        named.add(s.id);
      });
    }),
  );
export type Catalogue = z.infer<typeof Catalogue>;

export function modelTitle(m: Pick<Model, 'number' | 'name'>): string {
  return m.number === null ? m.name : `Mô hình ${m.number}: ${m.name}`;
}

/** The parts of a deadline as the document words them: one for every kind but `parts`. */
export function deadlineParts(d: Deadline): SingleDeadline[] {
  return d.kind === 'parts' ? d.parts : [d];
}

/**
 * The last instant a deadline still allows, in Vietnam time (UTC+7), or null when it has
 * no fixed end (ongoing, external). Used for "còn N ngày" / "trễ N ngày". A deadline in
 * parts ends with its last dated part (the work is late only once that has passed too;
 * each part's own end is shown beside it).
 */
export function deadlineEnd(d: Deadline): number | null {
  const endOfDay = (y: number, m: number, day: number) => Date.UTC(y, m - 1, day + 1) - VN_OFFSET_MS - 1;
  switch (d.kind) {
    case 'date': {
      const [y, m, day] = d.date.split('-').map(Number) as [number, number, number];
      return endOfDay(y, m, day);
    }
    case 'month':
      return endOfDay(d.year, d.month + 1, 0);
    case 'quarter':
      return endOfDay(d.year, d.quarter * 3 + 1, 0);
    case 'year':
      return endOfDay(d.to + 1, 1, 0);
    case 'parts': {
      const ends = d.parts.map(deadlineEnd).filter((e): e is number => e !== null);
      return ends.length ? Math.max(...ends) : null;
    }
    default:
      return null;
  }
}
/** Vietnam has kept UTC+7 without daylight saving since 1975. */
export const VN_OFFSET_MS = 7 * 3600_000;
