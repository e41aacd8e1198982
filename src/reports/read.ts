// A report with its versions and comments, read from the device store.
import { docValues, winner } from '../domain/sync/merge.ts';
import type { DocRow } from '../db/schema.ts';
import type { LocalStore } from '../db/store.ts';
import { parseVersionId } from '../domain/sync/ids.ts';
import { firstReceived } from './received.ts';
import { commentFromValues, reportFromValues, versionFromValues, type CommentRecord, type ReportRecord, type VersionRecord } from './workflow.ts';

const authorOf = (d: DocRow): string => {
  const first = Object.values(d.fields)[0];
  return winner(first)?.author ?? '';
};

export interface ReportBundle {
  report: ReportRecord | null;
  versions: VersionRecord[];
  comments: CommentRecord[];
}

export async function readReport(store: LocalStore, reportId: string): Promise<ReportBundle> {
  const [doc, versionDocs, commentDocs] = await Promise.all([store.doc('report', reportId), store.docsOf('reportVersion'), store.docsOf('comment')]);
  const mine = versionDocs.filter((d) => parseVersionId(d.id)?.reportId === reportId);
  const received = await firstReceived(store, 'reportVersion', mine.map((d) => d.id));
  const versions = mine
    .map((d) => versionFromValues(d.id, docValues(d.fields), received.get(d.id) ?? null))
    .filter((v): v is VersionRecord => v !== null && v.reportId === reportId)
    .sort((a, b) => a.version - b.version);
  const comments = commentDocs
    .map((d) => commentFromValues(d.id, docValues(d.fields), authorOf(d)))
    .filter((c): c is CommentRecord => c !== null && c.reportId === reportId)
    .sort((a, b) => a.createdAt - b.createdAt);
  return { report: doc ? reportFromValues(reportId, docValues(doc.fields)) : null, versions, comments };
}

