import { z } from 'zod';

/** Ids are short strings chosen by seeds ("mh-24", "tv-thon-1") or generated (nanoid-like). */
export const Id = z.string().min(1).max(80).regex(/^[A-Za-z0-9._:-]+$/, 'id chỉ gồm chữ không dấu, số, . _ : -');
export type Id = z.infer<typeof Id>;

/** Text shown to people: trimmed, NFC, not empty. */
export const Text = z
  .string()
  .trim()
  .min(1, 'Không được để trống')
  .max(20_000)
  .refine((s) => s === s.normalize('NFC'), 'Văn bản phải ở dạng Unicode NFC');

export const OptionalText = z.string().max(20_000).default('');

/** Milliseconds since the epoch; every instant on the wire and in storage is UTC. */
export const Instant = z.number().int().nonnegative();

/** An ISO calendar date (YYYY-MM-DD), meaning a day in Vietnam, not an instant. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

/** Where a piece of seed data comes from, so anyone can check it against the document. */
export const Source = z.object({
  file: z.string().min(1),
  section: z.string().min(1),
  quote: z.string().optional(),
});
export type Source = z.infer<typeof Source>;
