// Saving a report as .docx, .xlsx or .csv on the device. The Word and Excel writers are
// separate chunks (export-*.js) fetched on the first export, then kept by the service
// worker; CSV is a few lines and ships with the report screens.
import type { ReportDocument } from './document.ts';
import { documentCsv } from './csv.ts';
import { m } from './messages.ts';

export type ExportKind = 'docx' | 'xlsx' | 'csv';

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Builds the file; rejects with a message in the interface language when the writer cannot be loaded (first use offline). */
export async function exportBlob(doc: ReportDocument, kind: ExportKind): Promise<Blob> {
  if (kind === 'csv') return new Blob([documentCsv(doc)], { type: 'text/csv;charset=utf-8' });
  let mod: { docxBlob?: (d: ReportDocument) => Promise<Blob>; xlsxBlob?: (d: ReportDocument) => Promise<Blob> };
  try {
    mod = kind === 'docx' ? await import('./export-docx.ts') : await import('./export-xlsx.ts');
  } catch {
    throw new Error(m.exporterOffline(kind));
  }
  const make = kind === 'docx' ? mod.docxBlob : mod.xlsxBlob;
  return make!(doc);
}

export async function exportReport(doc: ReportDocument, kind: ExportKind): Promise<void> {
  saveBlob(await exportBlob(doc, kind), `${doc.fileStem}.${kind}`);
}
