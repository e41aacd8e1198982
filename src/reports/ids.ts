// Record ids of the reporting collections follow the one grammar (src/domain/sync/ids.ts):
//   report "<unitId>@<period>" · reportVersion "<reportId>#<n>" · comment "<reportId>#<n>~<stamp>".
// Here only what the app generates to put in them: ad hoc period keys and comment stamps.
export { commentIdOf, parseReportId, parseVersionId, reportIdOf, versionIdOf } from '../domain/sync/ids.ts';

/** A fresh ad hoc period key: "adhoc:20261125-k3j2" (day in Vietnam plus a random tail). */
export function newAdHocPeriod(now: number, random: () => number = Math.random): string {
  const day = new Date(now + 7 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const tail = Array.from({ length: 4 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `adhoc:${day}-${tail}`;
}

/** A short, sortable stamp for comment ids: time in base 36 plus a random tail. */
export const newStamp = (now: number, random: () => number = Math.random): string =>
  now.toString(36) + Math.floor(random() * 36 ** 3).toString(36).padStart(3, '0');
