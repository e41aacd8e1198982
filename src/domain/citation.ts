// How a source reaches the screen or an export: as the document's title and section
// ("Kế hoạch của UBND xã Thiệu Vân, tháng 02/2024 — mục II.5"), never as the file name the
// seeds check quotes against. Every place that shows a source goes through citeSource.
import * as z from 'zod/mini';
import { Text, type Source } from './common.ts';

/** The title a document is cited by (seeds/documents/titles.json for the seeded ones). */
export const DocumentTitle = z.object({ file: z.string().check(z.minLength(1)), title: Text });
export type DocumentTitle = z.infer<typeof DocumentTitle>;

/** What is shown for a file no title names: a catalogue imported later may cite one. */
export const UNNAMED_DOCUMENT = 'Tài liệu nguồn';

/**
 * "II.5" → "mục II.5" (a bare number is a section of the document); a section the seed
 * already words ("Phụ lục III: …", "Chú thích 1, văn bản (29)", "mục 7.2") is kept as written.
 */
export function sectionPhrase(section: string): string {
  const s = section.trim();
  return /^(?:[IVXLC]+|\d+)(?:[.\s]|$)/.test(s) ? `mục ${s}` : s;
}

export function citeSource(source: Pick<Source, 'file' | 'section'> & { title?: string | undefined }, documents: readonly DocumentTitle[]): string {
  const title = source.title ?? documents.find((d) => d.file === source.file)?.title ?? UNNAMED_DOCUMENT;
  return `${title} — ${sectionPhrase(source.section)}`;
}

export function citeSources(sources: readonly (Pick<Source, 'file' | 'section'> & { title?: string | undefined })[], documents: readonly DocumentTitle[]): string {
  return sources.map((s) => citeSource(s, documents)).join('; ');
}
