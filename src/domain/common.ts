// zod/mini: the same schemas as classic zod at a fraction of the bytes on a phone's first load.
import * as z from 'zod/mini';

/** Ids are short strings chosen by seeds ("mh-24", "tv-thon-1") or generated (nanoid-like). */
export const Id = z.string().check(z.minLength(1), z.maxLength(80), z.regex(/^[A-Za-z0-9._:-]+$/, 'id chỉ gồm chữ không dấu, số, . _ : -'));
export type Id = z.infer<typeof Id>;

/** Text shown to people: trimmed, NFC, not empty. */
export const Text = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Không được để trống'),
    z.maxLength(20_000),
    z.refine((s) => s === s.normalize('NFC'), 'Văn bản phải ở dạng Unicode NFC'),
  );

export const OptionalText = z._default(z.string().check(z.maxLength(20_000)), '');

/** Milliseconds since the epoch; every instant on the wire and in storage is UTC. */
export const Instant = z.int().check(z.minimum(0));

/** True for a day that exists: "2028-02-29" yes, "2026-02-29" and "2026-99-99" no. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/** An ISO calendar date (YYYY-MM-DD) that exists, meaning a day in Vietnam, not an instant. */
export const IsoDate = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD'), z.refine(isCalendarDate, 'Ngày không tồn tại trên lịch'));

/** Where a piece of seed data comes from, so anyone can check it against the document. */
export const Source = z.object({
  file: z.string().check(z.minLength(1)),
  section: z.string().check(z.minLength(1)),
  quote: z.optional(z.string()),
  /** The document's title, for a file the seed's title table does not name (an imported catalogue). */
  title: z.optional(z.string().check(z.minLength(1))),
});
export type Source = z.infer<typeof Source>;
