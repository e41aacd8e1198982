// What the device knows of a commune's reports: which periods the server received (and when,
// its clock deciding on time or late), which wait on this phone, which were returned with a
// comment, and since when the unit uses the app. Home lists them; reminders (src/reminders/) use
// the same facts, so a notification never names a report Home shows as done.
import type { LocalStore } from '../db/store.ts';
import { hlcTime } from '../db/store.ts';
import type { OrgUnit } from '../domain/org.ts';
import { periodTypeOf } from '../domain/calendar.ts';
import { parseReportId, parseVersionId } from '../domain/sync/ids.ts';
import { docValues } from '../domain/sync/merge.ts';
import { firstReceived } from '../reports/received.ts';
import { commentFromValues, reportFromValues, reportStatus, type VersionRecord } from '../reports/workflow.ts';

export interface ReportState {
  /** "<periodType>|<period>" → when the server first received a version. */
  map: Map<string, number>;
  /** Submitted on this phone, not yet received by the server. */
  waiting: Set<string>;
  /** "<periodType>|<period>" → the comment that returned its latest version. */
  returned: Map<string, string>;
  /** The unit's first record on this phone (nothing fell due before it), or null. */
  since: number | null;
}

export async function reportState(store: LocalStore, units: readonly OrgUnit[], commune: string): Promise<ReportState> {
  const [versionDocs, reportDocs, commentDocs] = await Promise.all([store.docsOf('reportVersion'), store.docsOf('report'), store.docsOf('comment')]);
  const versionsOfUnit = versionDocs.filter((v) => v.unit === commune);
  const received = await firstReceived(store, 'reportVersion', versionsOfUnit.map((v) => v.id));
  const map = new Map<string, number>();
  const waiting = new Set<string>();
  const versions: VersionRecord[] = [];
  for (const v of versionsOfUnit) {
    const values = docValues(v.fields);
    const key = `${String(values.periodType)}|${String(values.period)}`;
    const at = received.get(v.id);
    if (at === undefined) waiting.add(key);
    else if (!map.has(key) || at < map.get(key)!) map.set(key, at);
    // Only the number matters here; the snapshot is read by the report screens.
    const ref = parseVersionId(v.id);
    if (ref) versions.push({ id: v.id, reportId: ref.reportId, version: ref.version, submittedAt: 0, receivedAt: at ?? null, snapshot: null });
  }
  // Returned: the unit above commented "trả lại" on the latest version (as the Báo cáo tab says).
  const comments = commentDocs.filter((c) => c.unit === commune).flatMap((c) => commentFromValues(c.id, docValues(c.fields), '') ?? []);
  const returned = new Map<string, string>();
  const ids = new Set([...reportDocs.filter((r) => r.unit === commune).map((r) => r.id), ...versions.map((v) => v.reportId)]);
  for (const id of ids) {
    const doc = reportDocs.find((r) => r.id === id);
    const report = doc ? reportFromValues(id, docValues(doc.fields)) : null;
    const status = reportStatus(report, versions.filter((v) => v.reportId === id), comments.filter((c) => c.reportId === id));
    const parsed = parseReportId(id);
    if (status.phase === 'returned' && parsed) returned.set(`${periodTypeOf(parsed.period)}|${parsed.period}`, status.returnedBy?.body ?? '');
  }
  // The unit began using the app with its first record on this phone: nothing fell due before.
  const unitIds = [commune, ...units.filter((u) => u.parentId === commune).map((u) => u.id)];
  const firsts = await Promise.all(unitIds.map((u) => store.db.changes.where('unit').equals(u).first()));
  const walls = firsts.flatMap((row) => (row ? [hlcTime(row.hlc)] : []));
  return { map, waiting, returned, since: walls.length ? Math.min(...walls) : null };
}
