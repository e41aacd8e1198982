// Record ids of the reporting collections (see src/domain/sync/collections.ts). Ids carry
// their unit, so the server can check who may write them and who pulls them:
//   report         "<unitId>@<period>"             e.g. "tv@2026-11"
//   reportVersion  "<reportId>#<n>"                e.g. "tv@2026-11#2"  (immutable)
//   comment        "<reportId>#<n>~<stamp>"        e.g. "tv@2026-11#2~mbx3k1a9"
import { PeriodKey } from '../domain/calendar.ts';

export const reportIdOf = (unitId: string, period: string): string => `${unitId}@${period}`;
export const versionIdOf = (reportId: string, version: number): string => `${reportId}#${version}`;
export const commentIdOf = (reportId: string, version: number, stamp: string): string => `${reportId}#${version}~${stamp}`;

/** "tv@2026-11" → { unitId: "tv", period: "2026-11" }; null when the id is not a report id. */
export function parseReportId(id: string): { unitId: string; period: string } | null {
  const at = id.indexOf('@');
  if (at <= 0) return null;
  const unitId = id.slice(0, at);
  const period = id.slice(at + 1);
  return PeriodKey.safeParse(period).success ? { unitId, period } : null;
}

/** "tv@2026-11#2" → { reportId: "tv@2026-11", version: 2 }. */
export function parseVersionId(id: string): { reportId: string; version: number } | null {
  const m = /^(.+)#(\d+)$/.exec(id);
  if (!m || !parseReportId(m[1]!)) return null;
  return { reportId: m[1]!, version: Number(m[2]) };
}

/** A fresh ad hoc period key: "adhoc:20261125-k3j2" (day in Vietnam plus a random tail). */
export function newAdHocPeriod(now: number, random: () => number = Math.random): string {
  const day = new Date(now + 7 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const tail = Array.from({ length: 4 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `adhoc:${day}-${tail}`;
}

/** A short, sortable stamp for comment ids: time in base 36 plus a random tail. */
export const newStamp = (now: number, random: () => number = Math.random): string =>
  now.toString(36) + Math.floor(random() * 36 ** 3).toString(36).padStart(3, '0');
